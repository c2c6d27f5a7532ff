import type { InStatement } from '@libsql/client';
import { formatInvoiceNumber } from '../../shared/invoice/numbering';
import { EVENT_TYPES } from '../../shared/notifications/events';
import type { Deps } from '../deps';
import { newId, newToken, sha256Hex } from '../http/crypto';
import { newMessageId } from './webhook-secret';

/** Leases keep two schedulers (or a scheduler and a queue consumer) off the same row. */
export const LEASE_MS = 60_000;

/** Events that only ever go to the user by email (not webhooks, no opt-out). */
export const SYSTEM_EVENT_TYPES = ['webhook.endpoint_disabled'] as const;

type ClaimedEvent = { id: string; userId: string; type: string; payload: string; occurredAt: string };

/**
 * Claims up to `limit` due rows of `table` for this run: one UPDATE … RETURNING, atomic,
 * so a concurrent run gets other rows (or none). An expired lease (a run that died) is
 * claimed again; unique keys on deliveries make that harmless.
 */
export async function claim(deps: Deps, table: 'outbox_events' | 'webhook_deliveries' | 'email_deliveries', limit: number): Promise<Record<string, unknown>[]> {
  const now = deps.now();
  const at = now.toISOString();
  const until = new Date(now.getTime() + LEASE_MS).toISOString();
  const outbox = table === 'outbox_events';
  const due = outbox ? 'dispatched_at IS NULL' : "status = 'pending' AND next_attempt_at <= ?";
  const order = outbox ? 'occurred_at' : 'next_attempt_at';
  const res = await deps.client.execute({
    sql: `UPDATE ${table} SET lease_until = ? WHERE id IN (SELECT id FROM ${table} WHERE ${due} AND (lease_until IS NULL OR lease_until < ?) ORDER BY ${order} LIMIT ?) RETURNING *`,
    args: outbox ? [until, at, limit] : [until, at, at, limit],
  });
  return res.rows as unknown as Record<string, unknown>[];
}

/** The user's notification settings row, created on first need (its legacy token column holds nothing usable). */
export async function ensureSettings(deps: Deps, userId: string): Promise<{ emailOptOut: string[] }> {
  await deps.client.execute({
    sql: "INSERT OR IGNORE INTO notification_settings (user_id, email_opt_out, unsubscribe_token, updated_at) VALUES (?, '[]', ?, ?)",
    args: [userId, `void:${await sha256Hex(newToken())}`, deps.now().toISOString()],
  });
  const sql = 'SELECT email_opt_out FROM notification_settings WHERE user_id = ?';
  const row = (await deps.client.execute({ sql, args: [userId] })).rows[0]!;
  return { emailOptOut: JSON.parse(String(row.email_opt_out)) as string[] };
}

/** The JSON body every webhook carries (Standard Webhooks: type, timestamp, data). */
export function webhookBody(type: string, timestamp: string, data: unknown): string {
  return JSON.stringify({ type, timestamp, data });
}

/** Where a user's notifications go: their email, enabled webhook endpoints and email opt-outs. */
async function recipientOf(deps: Deps, userId: string) {
  const [user, endpoints, settings] = await Promise.all([
    deps.client.execute({ sql: 'SELECT email FROM users WHERE id = ?', args: [userId] }),
    deps.client.execute({ sql: 'SELECT id, events FROM webhook_endpoints WHERE user_id = ? AND enabled = 1', args: [userId] }),
    ensureSettings(deps, userId),
  ]);
  return { email: user.rows[0]?.email, endpoints: endpoints.rows, settings };
}

/**
 * Fans recorded events out into deliveries: one per subscribed, enabled webhook endpoint
 * and one email unless the user opted out of that type. Each event's fan-out and its
 * `dispatched_at` stamp are one atomic batch; unique (endpoint, event) and (event) keys
 * make a rerun harmless. Returns how many events were dispatched.
 */
export async function dispatchOutbox(deps: Deps, limit = 200): Promise<number> {
  const rows = (await claim(deps, 'outbox_events', limit)).map(
    (r): ClaimedEvent => ({ id: String(r.id), userId: String(r.user_id), type: String(r.type), payload: String(r.payload), occurredAt: String(r.occurred_at) }),
  );
  const at = deps.now().toISOString();
  // A run often holds several events of one user: read each user's recipient, endpoints and
  // settings once per run.
  const recipients = new Map<string, ReturnType<typeof recipientOf>>();
  for (const e of rows) {
    if (!recipients.has(e.userId)) recipients.set(e.userId, recipientOf(deps, e.userId));
    const { email, endpoints, settings } = await recipients.get(e.userId)!;
    const data = JSON.parse(e.payload) as Record<string, unknown>;
    // An invoice's number is assigned inside the batch that records its event: add it now.
    if (typeof data.invoiceId === 'string' && data.invoiceNumber === undefined) {
      const inv = (await deps.client.execute({ sql: 'SELECT kind, year, sequence FROM invoices WHERE id = ?', args: [data.invoiceId] })).rows[0];
      if (inv) data.invoiceNumber = formatInvoiceNumber(inv.kind as 'invoice' | 'credit_note', Number(inv.year), Number(inv.sequence));
    }
    const isSystem = (SYSTEM_EVENT_TYPES as readonly string[]).includes(e.type);
    const body = webhookBody(e.type, e.occurredAt, data);
    const batch: InStatement[] = [];
    if (!isSystem && (EVENT_TYPES as readonly string[]).includes(e.type)) {
      for (const ep of endpoints) {
        const events = JSON.parse(String(ep.events)) as string[];
        if (!events.includes(e.type) && !events.includes('*')) continue;
        batch.push({
          sql: "INSERT OR IGNORE INTO webhook_deliveries (id, endpoint_id, user_id, event_id, event_type, payload, status, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
          args: [newMessageId(), String(ep.id), e.userId, e.id, e.type, body, at, at],
        });
      }
    }
    if (email && (isSystem || !settings.emailOptOut.includes(e.type))) {
      batch.push({
        sql: "INSERT OR IGNORE INTO email_deliveries (id, user_id, event_id, event_type, recipient, status, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)",
        args: [newId(), e.userId, e.id, e.type, String(email), at, at],
      });
    }
    batch.push({ sql: 'UPDATE outbox_events SET dispatched_at = ?, lease_until = NULL, payload = ? WHERE id = ? AND dispatched_at IS NULL', args: [at, JSON.stringify(data), e.id] });
    await deps.client.batch(batch, 'write');
  }
  return rows.length;
}
