import type { InStatement } from '@libsql/client';
import { LONGEST_WINDOW_MS } from '../../shared/auth/sign-in-limits';
import { DOCUMENT_NOTICE_DAYS } from '../../shared/notifications/reminders';
import type { Deps } from '../deps';
import { IDEMPOTENCY_KEY_TTL_MS } from '../http/idempotency';
import { yieldToLoop } from './jobs';
import { DUNNING_WINDOW_DAYS, PAYOUT_LATE_WINDOW_DAYS } from './reminders';

/**
 * Retention (README, "Retention"). Delivered and failed deliveries, and the outbox events they
 * came from, are kept this long: the webhook delivery log shows a quarter's history whole, and
 * it is twice the longest window in which a reminder's key can be produced again (below).
 */
export const RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;

/**
 * Event types whose key can only be produced again within a bounded time after the event,
 * in days (an upper bound, counted from when the event happened): past the retention period
 * such an event is deleted outright. Every other type — `cra.validated:<craId>`,
 * `purchase_order.nearly_consumed:<orderId>`, `vat.threshold_approaching:<year>:…`, a type
 * added later — keeps a tombstone (the row without its payload) for as long as the account,
 * so `INSERT OR IGNORE` still finds its key and nothing is ever announced twice.
 * `purge.test.ts` checks every bound stays under RETENTION_DAYS.
 */
export const KEY_REPRODUCIBLE_FOR_DAYS: Record<string, number> = {
  // The key names the day it is for; only that day's pass produces it.
  'cra.to_submit': 0,
  'payout.expected_tomorrow': 0,
  'payout.expected_today': 0,
  // The key names the latest payout date D; produced from D + 1 to D + the window.
  'payout.late': PAYOUT_LATE_WINDOW_DAYS,
  // `invoice.overdue:<id>:<step>`: the due date never changes after issue; a step is produced
  // from its first day to the window's end after the due date.
  'invoice.overdue': DUNNING_WINDOW_DAYS,
  // The key names the expiry date; produced in the notice period before it.
  'document.expiring': DOCUMENT_NOTICE_DAYS,
  // The key names the failing period's start; re-enabling clears it, a new period has a new start.
  'webhook.endpoint_disabled': 0,
};

/**
 * Rows one chunk deletes (one statement, or one batch for the outbox). Measured on a 613 MiB
 * file of 200 000 events, deliveries and keys: median 0.4–1.6 ms a chunk, the slowest
 * (webhook deliveries, five indexes) 24 ms; chunks of 200 reached 42 ms.
 */
export const PURGE_CHUNK_ROWS = 100;
/**
 * Rows each table gives up per run at most; what is left waits for the next run (the oldest
 * go first). On Node a run every 30 s: up to 5.7 million rows a day per table.
 */
export const PURGE_MAX_ROWS_PER_TABLE = 2_000;

export type PurgeReport = {
  /** Rows deleted (or, for the outbox, deleted and compacted) per table in this run. */
  rows: Record<PurgeTable, number>;
  chunks: number;
  /** The longest chunk, ms (on Node, how long the event loop was held at once). */
  longestChunkMs: number;
  /** Nothing past its retention was left behind (false: a table reached its bound, so more may wait). */
  done: boolean;
};

type PurgeTable = 'idempotency_keys' | 'webhook_deliveries' | 'email_deliveries' | 'outbox_events' | 'auth_codes' | 'sign_in_events';
/** One chunk of one table: how many candidate rows it took and how many it changed. */
type Chunk = (deps: Deps, now: Date, limit: number) => Promise<{ taken: number; changed: number }>;

const ago = (now: Date, ms: number) => new Date(now.getTime() - ms).toISOString();
const retained = (now: Date) => ago(now, RETENTION_DAYS * DAY_MS);

/** A one-statement chunk: the oldest `limit` rows matching `where` along the index on `column`, deleted. */
function deleteOldest(table: PurgeTable, column: string, where: string, cutoff: (now: Date) => string): Chunk {
  return async (deps, now, limit) => {
    const rs = await deps.client.execute({
      sql: `DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${column} <= ? ${where} ORDER BY ${column} LIMIT ?)`,
      args: [cutoff(now), limit],
    });
    return { taken: rs.rowsAffected, changed: rs.rowsAffected };
  };
}

const BOUNDED_TYPES = Object.keys(KEY_REPRODUCIBLE_FOR_DAYS);
const typeList = BOUNDED_TYPES.map(() => '?').join(', ');
/** Past retention, dispatched, and no email still waiting to be sent from its payload. */
const COMPACTABLE = `payload <> '' AND occurred_at <= ? AND dispatched_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM email_deliveries e WHERE e.event_id = outbox_events.id AND e.status = 'pending')`;

/**
 * The outbox: the oldest events past retention not yet compacted (along `outbox_compactable`,
 * which tombstones leave), then in one batch those of a bounded type deleted and the others
 * reduced to tombstones. Both writes check the condition again, so a row changed in between is left.
 */
const compactOutbox: Chunk = async (deps, now, limit) => {
  const cutoff = retained(now);
  const rs = await deps.client.execute({
    sql: `SELECT rowid AS rid FROM outbox_events WHERE ${COMPACTABLE} ORDER BY occurred_at LIMIT ?`,
    args: [cutoff, limit],
  });
  if (!rs.rows.length) return { taken: 0, changed: 0 };
  const ids = rs.rows.map((r) => Number(r.rid));
  const inIds = ids.map(() => '?').join(', ');
  const args = [...ids, ...BOUNDED_TYPES, cutoff];
  const statements: InStatement[] = [
    { sql: `DELETE FROM outbox_events WHERE rowid IN (${inIds}) AND type IN (${typeList}) AND ${COMPACTABLE}`, args },
    { sql: `UPDATE outbox_events SET payload = '' WHERE rowid IN (${inIds}) AND type NOT IN (${typeList}) AND ${COMPACTABLE}`, args },
  ];
  const [deleted, compacted] = await deps.client.batch(statements, 'write');
  return { taken: ids.length, changed: deleted!.rowsAffected + compacted!.rowsAffected };
};

/** What each table keeps, in the order a run visits them. */
const TABLES: [PurgeTable, Chunk][] = [
  // 24 h, the key's life (worker/http/idempotency.ts): an older key already counts as absent.
  ['idempotency_keys', deleteOldest('idempotency_keys', 'created_at', '', (now) => ago(now, IDEMPOTENCY_KEY_TTL_MS))],
  // The delivery log: finished deliveries, whole, for RETENTION_DAYS; a pending one is never touched.
  ['webhook_deliveries', deleteOldest('webhook_deliveries', 'created_at', "AND status <> 'pending'", retained)],
  ['email_deliveries', deleteOldest('email_deliveries', 'created_at', "AND status <> 'pending'", retained)],
  ['outbox_events', compactOutbox],
  // Sign-in state that no longer counts (the same rule as purgeSignInState on each code request).
  ['auth_codes', deleteOldest('auth_codes', 'expires_at', '', (now) => now.toISOString())],
  ['sign_in_events', deleteOldest('sign_in_events', 'at', '', (now) => ago(now, LONGEST_WINDOW_MS))],
];

/**
 * One purge run: for each table, chunks of `chunkRows` of its oldest rows past retention, at
 * most `maxRowsPerTable` rows, yielding to the event loop between chunks. A run cut short by its
 * bound needs no saved position: what it left are still the oldest rows, taken first next run.
 * Runs from the Node scheduler's timer and from the notifier's cron (worker/notifier.ts).
 */
export async function purgeExpired(deps: Deps, options: { chunkRows?: number; maxRowsPerTable?: number } = {}): Promise<PurgeReport> {
  const chunkRows = options.chunkRows ?? PURGE_CHUNK_ROWS;
  const maxRows = options.maxRowsPerTable ?? PURGE_MAX_ROWS_PER_TABLE;
  const now = deps.now();
  const rows = Object.fromEntries(TABLES.map(([t]) => [t, 0])) as PurgeReport['rows'];
  const report: PurgeReport = { rows, chunks: 0, longestChunkMs: 0, done: true };
  for (const [table, chunk] of TABLES) {
    for (let taken = 0; ; ) {
      const limit = Math.min(chunkRows, maxRows - taken);
      if (limit <= 0) {
        report.done = false;
        break;
      }
      if (report.chunks > 0) await yieldToLoop();
      const started = performance.now();
      const r = await chunk(deps, now, limit);
      report.longestChunkMs = Math.max(report.longestChunkMs, performance.now() - started);
      report.chunks += 1;
      report.rows[table] += r.changed;
      taken += r.taken;
      if (r.taken < limit) break;
    }
  }
  return report;
}
