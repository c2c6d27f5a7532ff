import type { InStatement, Row } from '@libsql/client';
import { addDays, isoDateOf, monthOf, type IsoDate } from '../../shared/dates';
import { workingDaysOfMonth } from '../../shared/calendar/working-days';
import { formatInvoiceNumber } from '../../shared/invoice/numbering';
import { CRA_REMINDER_WORKING_DAYS, DOCUMENT_NOTICE_DAYS, dueEvents, type DueEvent, type ReminderInput } from '../../shared/notifications/reminders';
import type { Deps } from '../deps';
import type { MissionRow, OrderRow } from '../use-cases/load-mission';
import { buildDashboard } from '../use-cases/build-dashboard';
import { missionView } from '../use-cases/mission-view';
import { recordEvent } from './outbox';
import { rowFromSql } from '../db/json-rows';
import { missions, purchaseOrders } from '../db/schema';
import { finishJob, readJob, saveJob, yieldToLoop } from './jobs';

/**
 * Records the reminders due today (shared/notifications/reminders.ts decides which), read
 * from the due dates themselves rather than by visiting every user: open invoices by payout
 * and due dates, documents by expiry, and, on the month's last working days only, the
 * purchase orders running today. Each source is read in chunks of `chunkRows` rows along its
 * index (keyset on the date and the rowid), one batch of `INSERT OR IGNORE` per chunk, so a
 * pass costs what is due, and yields to the event loop between chunks.
 *
 * A day's events carry per-day (or per-date) keys: a rerun, a concurrent run, or the windows
 * below re-reading an item on a later day add nothing. The windows let a pass missed during
 * an outage catch up: a late payout is noticed up to `PAYOUT_LATE_WINDOW_DAYS` after its
 * latest date, a dunning step up to `DUNNING_WINDOW_DAYS` after the due date (the outbox keeps
 * delivered events longer than either, see purge.ts, so a key is never forgotten while it
 * could be produced again).
 */
export const PAYOUT_LATE_WINDOW_DAYS = 31;
export const DUNNING_WINDOW_DAYS = 45;
export const REMINDER_CHUNK_ROWS = 100;
export const REMINDERS_JOB = 'reminders';

type Keyset = [string, number] | null;
type Chunk = { events: { userId: string; event: DueEvent }[]; rows: number; last: Keyset };
type Source = { name: string; read: (deps: Deps, today: IsoDate, after: Keyset, limit: number) => Promise<Chunk> };

const keysetOf = (rows: Row[], column: string): Keyset => {
  const last = rows[rows.length - 1];
  return last ? [String(last[column]), Number(last.rid)] : null;
};

/** Open invoices read along one of the due-date indexes, each asked for everything due on it today. */
/** The client a reminder names: the end client of a document billed to a portal, else the buyer. */
const clientOf = (buyer: string) => {
  const b = JSON.parse(buyer) as { name?: string; endClient?: string };
  return b.endClient ?? b.name ?? '';
};

function invoiceSource(
  name: string, column: 'payout_earliest' | 'payout_latest' | 'due_on', range: (today: IsoDate) => [IsoDate, IsoDate], extra = '', status = 'issued',
): Source {
  return {
    name,
    async read(deps, today, after, limit) {
      const [from, to] = range(today);
      const rs = await deps.client.execute({
        sql: `SELECT rowid AS rid, id, user_id, kind, year, sequence, buyer, regime, total_cents, payout_cents, due_on, client_paid_on, penalty_rate_bps,
                payout_earliest, payout_latest, portal_number
              FROM invoices WHERE status = ? AND ${column} BETWEEN ? AND ? AND (${column}, rowid) > (?, ?) ${extra}
              ORDER BY ${column}, rowid LIMIT ?`,
        args: [status, from, to, after?.[0] ?? '', after?.[1] ?? 0, limit],
      });
      // Every document whose payout is awaited: the freelancer's invoices, a portal's once issued, a cooperative's salary budget.
      const events = rs.rows.filter((r) => r.kind !== 'credit_note').flatMap((r) => dueEvents({
        today, holidays: {}, missions: [], documents: [], vat: null,
        openInvoices: [{
          id: String(r.id),
          number: r.kind === 'invoice' ? formatInvoiceNumber('invoice', Number(r.year), Number(r.sequence)) : r.portal_number === null ? '' : String(r.portal_number),
          clientName: clientOf(String(r.buyer)), regime: String(r.regime),
          totalCents: Number(r.total_cents), payoutCents: Number(r.payout_cents), dueOn: String(r.due_on),
          clientPaidOn: r.client_paid_on === null ? null : String(r.client_paid_on), penaltyRateBps: Number(r.penalty_rate_bps),
          payoutEarliest: r.payout_earliest === null ? null : String(r.payout_earliest), payoutLatest: r.payout_latest === null ? null : String(r.payout_latest),
        }],
      }).map((event) => ({ userId: String(r.user_id), event })));
      return { events, rows: rs.rows.length, last: keysetOf(rs.rows, column) };
    },
  };
}

const documentSource: Source = {
  name: 'documents',
  async read(deps, today, after, limit) {
    const rs = await deps.client.execute({
      sql: `SELECT rowid AS rid, id, user_id, label, expires_on FROM legal_documents
            WHERE expires_on BETWEEN ? AND ? AND (expires_on, rowid) > (?, ?) ORDER BY expires_on, rowid LIMIT ?`,
      args: [today, addDays(today, DOCUMENT_NOTICE_DAYS), after?.[0] ?? '', after?.[1] ?? 0, limit],
    });
    const events = rs.rows.flatMap((r) => dueEvents({
      today, holidays: {}, missions: [], openInvoices: [], vat: null,
      documents: [{ id: String(r.id), label: String(r.label), expiresOn: String(r.expires_on) }],
    }).map((event) => ({ userId: String(r.user_id), event })));
    return { events, rows: rs.rows.length, last: keysetOf(rs.rows, 'expires_on') };
  },
};

/** Whether `today` can be one of the month's last working days, in either calendar (national, Alsace-Moselle). */
export function inCraReminderWindow(today: IsoDate): boolean {
  const month = monthOf(today);
  return [false, true].some((alsaceMoselle) => workingDaysOfMonth(month, { alsaceMoselle }).slice(-CRA_REMINDER_WORKING_DAYS).includes(today));
}

const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * The missions running today, read through their running purchase orders (by end date), on
 * the days that can be a CRA reminder day: the CRA to submit, the order's consumption, and,
 * once a year per franchise user until it is recorded, the projected VAT threshold crossing.
 */
const craSource: Source = {
  name: 'cras',
  async read(deps, today, after, limit) {
    if (!inCraReminderWindow(today)) return { events: [], rows: 0, last: null };
    const running = await deps.client.execute({
      sql: `SELECT rowid AS rid, mission_id, user_id, ends_on FROM purchase_orders
            WHERE ends_on >= ? AND starts_on <= ? AND (ends_on, rowid) > (?, ?) ORDER BY ends_on, rowid LIMIT ?`,
      args: [today, today, after?.[0] ?? '', after?.[1] ?? 0, limit],
    });
    const last = keysetOf(running.rows, 'ends_on');
    const missionIds = [...new Set(running.rows.map((r) => String(r.mission_id)))];
    if (!missionIds.length) return { events: [], rows: 0, last };
    const userIds = [...new Set(running.rows.map((r) => String(r.user_id)))];
    const month = monthOf(today);
    const [missionRows, orderRows, craRows, profileRows] = await Promise.all([
      deps.client.execute({ sql: `SELECT * FROM missions WHERE id IN (${inList(missionIds.length)}) AND archived = 0`, args: missionIds }),
      deps.client.execute({ sql: `SELECT * FROM purchase_orders WHERE mission_id IN (${inList(missionIds.length)})`, args: missionIds }),
      deps.client.execute({ sql: `SELECT mission_id, month, days, state FROM cras WHERE mission_id IN (${inList(missionIds.length)})`, args: missionIds }),
      deps.client.execute({ sql: `SELECT user_id, alsace_moselle, vat_regime FROM profiles WHERE user_id IN (${inList(userIds.length)})`, args: userIds }),
    ]);
    const orders = orderRows.rows.map(orderFromRow);
    const perUser = new Map<string, ReminderInput['missions']>();
    for (const r of missionRows.rows) {
      const m = missionFromRow(r);
      const own = orders.filter((o) => o.missionId === m.id).sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1));
      if (!own.some((o) => o.startsOn <= today && today <= o.endsOn)) continue;
      const crasOf = craRows.rows.filter((c) => c.mission_id === m.id).map((c) => ({ month: String(c.month), days: String(c.days), state: String(c.state) }));
      const view = missionView(m, own, crasOf, today);
      const cra = crasOf.find((c) => c.month === month);
      const list = perUser.get(m.userId) ?? [];
      list.push({
        id: m.id,
        clientName: m.clientName,
        craState: cra ? (cra.state as ReminderInput['missions'][number]['craState']) : 'none',
        consumption: view.currentOrder && (view.budgetDays !== null || view.budgetCents !== null) ? { orderId: view.currentOrder.id, ratioBps: view.consumption.ratioBps } : null,
      });
      perUser.set(m.userId, list);
    }
    const year = Number(today.slice(0, 4));
    const franchise = profileRows.rows.filter((p) => p.vat_regime === 'franchise' && perUser.has(String(p.user_id))).map((p) => String(p.user_id));
    const projectedKey = `vat.threshold_approaching:${year}:projected`;
    const alreadyProjected = franchise.length
      ? new Set((await deps.client.execute({
        sql: `SELECT user_id FROM outbox_events WHERE key = ? AND user_id IN (${inList(franchise.length)})`, args: [projectedKey, ...franchise],
      })).rows.map((r) => String(r.user_id)))
      : new Set<string>();
    const events: Chunk['events'] = [];
    for (const [userId, missions] of perUser) {
      const profile = profileRows.rows.find((p) => p.user_id === userId);
      let vat: ReminderInput['vat'] = null;
      if (profile?.vat_regime === 'franchise' && !alreadyProjected.has(userId)) {
        const d = await buildDashboard(deps, userId);
        const p = d.vat.position;
        vat = { year: p.year, revenueCents: p.revenueCents, baseCents: p.baseCents, baseRatioBps: p.baseRatioBps, projectedBaseCrossingOn: d.vat.projection.base.already ? null : d.vat.projection.base.on };
      }
      const due = dueEvents({ today, holidays: { alsaceMoselle: Boolean(profile?.alsace_moselle) }, missions, openInvoices: [], documents: [], vat });
      for (const event of due) events.push({ userId, event });
    }
    return { events, rows: running.rows.length, last };
  },
};

const missionFromRow = (r: Row): MissionRow => rowFromSql(missions, r);
const orderFromRow = (r: Row): OrderRow => rowFromSql(purchaseOrders, r);

/** The sources, in the order a pass reads them. */
export const REMINDER_SOURCES: Source[] = [
  craSource,
  invoiceSource('payout_tomorrow', 'payout_earliest', (t) => [addDays(t, 1), addDays(t, 1)]),
  invoiceSource('payout_latest', 'payout_latest', (t) => [addDays(t, -PAYOUT_LATE_WINDOW_DAYS), t]),
  // A portal's invoice expected under its mandate: its payout is forecast from the validation (one status per index range).
  invoiceSource('expected_payout_tomorrow', 'payout_earliest', (t) => [addDays(t, 1), addDays(t, 1)], '', 'expected'),
  invoiceSource('expected_payout_latest', 'payout_latest', (t) => [addDays(t, -PAYOUT_LATE_WINDOW_DAYS), t], '', 'expected'),
  invoiceSource('dunning', 'due_on', (t) => [addDays(t, -DUNNING_WINDOW_DAYS), addDays(t, -1)], "AND regime = 'direct' AND client_paid_on IS NULL"),
  documentSource,
];

type PassState = { source: number; after: Keyset };
export type PassReport = { recorded: number; items: number; chunks: number; done: boolean };

/**
 * One reminders pass, or a bounded part of it: at most `maxChunks` chunks (Workers' cron
 * runs), resuming the day's unfinished pass when `resume` is set, else starting today's anew.
 */
export async function recordReminders(deps: Deps, options: { maxChunks?: number; resume?: boolean; chunkRows?: number } = {}): Promise<PassReport> {
  const today = isoDateOf(deps.now());
  const limit = options.chunkRows ?? REMINDER_CHUNK_ROWS;
  const maxChunks = options.maxChunks ?? Infinity;
  let state: PassState = { source: 0, after: null };
  if (options.resume) {
    const saved = await readJob(deps, REMINDERS_JOB);
    if (!saved || saved.done || saved.day !== today) return { recorded: 0, items: 0, chunks: 0, done: true };
    state = JSON.parse(saved.state) as PassState;
  }
  const report: PassReport = { recorded: 0, items: 0, chunks: 0, done: false };
  while (state.source < REMINDER_SOURCES.length) {
    if (report.chunks >= maxChunks) {
      await saveJob(deps, REMINDERS_JOB, today, JSON.stringify(state));
      return report;
    }
    if (report.chunks > 0) await yieldToLoop();
    const chunk = await REMINDER_SOURCES[state.source]!.read(deps, today, state.after, limit);
    report.chunks += 1;
    report.items += chunk.rows;
    state = chunk.rows < limit ? { source: state.source + 1, after: null } : { source: state.source, after: chunk.last };
    const at = deps.now().toISOString();
    const statements: InStatement[] = chunk.events.map(({ userId, event: e }) => recordEvent({ userId, type: e.type, key: e.key, data: e.data, at }));
    if (statements.length) {
      const results = await deps.client.batch(statements, 'write');
      report.recorded += results.reduce((n, r) => n + r.rowsAffected, 0);
    }
  }
  await finishJob(deps, REMINDERS_JOB, today);
  report.done = true;
  return report;
}
