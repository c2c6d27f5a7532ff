import { Webhook } from 'standardwebhooks';
import { ENDPOINT_FAILING_DISABLE_AFTER_MS, nextAttemptAt, WEBHOOK_RETRY_DELAYS_SECONDS } from '../../shared/notifications/retry';
import type { Deps } from '../deps';
import { claim } from './dispatch';
import { recordEvent } from './outbox';
import { webhookTargetProblem } from './webhook-url';

/** A receiver gets this long to answer before the attempt counts as failed. */
const TIMEOUT_MS = 10_000;
/** At most this many attempts are kept in a delivery's log (the last ones). */
const LOG_KEEP = 10;

import type { AttemptLog } from './webhook-secret';

/** Sends every webhook delivery that is due now; returns how many attempts were made. */
export async function sendDueWebhooks(deps: Deps, limit = 50): Promise<number> {
  const rows = await claim(deps, 'webhook_deliveries', limit);
  for (const r of rows) await attemptWebhook(deps, String(r.id));
  return rows.length;
}

/**
 * One attempt at one delivery, signed per Standard Webhooks with the same `webhook-id`
 * on every retry. 2xx: delivered. 410: the receiver asks us to stop, so the endpoint is
 * disabled. Anything else: the next retry is scheduled (5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 10 h), then the delivery fails; an endpoint failing for 5 days without a single
 * success is disabled and its owner emailed.
 */
export async function attemptWebhook(deps: Deps, deliveryId: string): Promise<{ delivered: boolean; status: number | null }> {
  const row = (
    await deps.client.execute({
      sql: `SELECT d.id, d.payload, d.attempt, d.log, d.status, d.user_id, e.id AS endpoint_id, e.url, e.secret, e.enabled, e.failing_since
            FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = ?`,
      args: [deliveryId],
    })
  ).rows[0];
  if (!row || row.status !== 'pending') return { delivered: row?.status === 'delivered', status: null };
  const now = deps.now();
  const at = now.toISOString();
  if (!row.enabled) {
    await deps.client.execute({ sql: "UPDATE webhook_deliveries SET status = 'failed', last_error = 'endpoint disabled', lease_until = NULL WHERE id = ? AND status = 'pending'", args: [deliveryId] });
    return { delivered: false, status: null };
  }

  const payload = String(row.payload);
  const signature = new Webhook(String(row.secret)).sign(deliveryId, now, payload);
  const started = Date.now();
  let status: number | null = null;
  let error: string | null = null;
  try {
    // Checked again at every delivery (the rules or the name's addresses may have changed since registration).
    const refused = await webhookTargetProblem(String(row.url), deps.webhookPolicy, deps.resolveHost);
    if (refused) throw new Error(`refused: url ${refused}`);
    const res = await deps.fetch(String(row.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Relais-Webhooks/1', 'webhook-id': deliveryId, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature },
      body: payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    status = res.status;
    await res.body?.cancel().catch(() => undefined);
    if (status < 200 || status >= 300) error = `HTTP ${status}`;
  } catch (e) {
    error = e instanceof Error ? (e.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : e.message) : String(e);
  }
  const attempt = Number(row.attempt) + 1;
  const log = [...(JSON.parse(String(row.log)) as AttemptLog[]), { at, status, error, ms: Date.now() - started }].slice(-LOG_KEEP);
  const delivered = error === null;

  if (delivered) {
    await deps.client.batch([
      { sql: "UPDATE webhook_deliveries SET status = 'delivered', attempt = ?, log = ?, last_status_code = ?, last_error = NULL, delivered_at = ?, lease_until = NULL WHERE id = ?", args: [attempt, JSON.stringify(log), status, at, deliveryId] },
      { sql: 'UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ?', args: [String(row.endpoint_id)] },
    ], 'write');
    return { delivered, status };
  }

  const gone = status === 410;
  const next = gone ? null : nextAttemptAt(WEBHOOK_RETRY_DELAYS_SECONDS, attempt, now);
  const failingSince = row.failing_since ? String(row.failing_since) : at;
  const failingTooLong = now.getTime() - Date.parse(failingSince) >= ENDPOINT_FAILING_DISABLE_AFTER_MS;
  const disable = gone ? 'the receiver answered 410 Gone' : failingTooLong ? `failing since ${failingSince}` : null;
  await deps.client.batch([
    {
      sql: 'UPDATE webhook_deliveries SET status = ?, attempt = ?, log = ?, last_status_code = ?, last_error = ?, next_attempt_at = ?, lease_until = NULL WHERE id = ?',
      args: [next ? 'pending' : 'failed', attempt, JSON.stringify(log), status, error, next?.toISOString() ?? null, deliveryId],
    },
    { sql: 'UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, ?) WHERE id = ?', args: [at, String(row.endpoint_id)] },
    ...(disable
      ? [
          { sql: 'UPDATE webhook_endpoints SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE id = ? AND enabled = 1', args: [disable, at, String(row.endpoint_id)] },
          // The owner hears about it once per disabling (the key names the failing period).
          recordEvent({ userId: String(row.user_id), type: 'webhook.endpoint_disabled' as never, key: `webhook.endpoint_disabled:${row.endpoint_id}:${failingSince}`, data: { endpointId: String(row.endpoint_id), url: String(row.url), failingSince: failingSince.slice(0, 10), lastError: error }, at }),
          { sql: "UPDATE webhook_deliveries SET status = 'failed', last_error = 'endpoint disabled', lease_until = NULL WHERE endpoint_id = ? AND status = 'pending'", args: [String(row.endpoint_id)] },
        ]
      : []),
  ], 'write');
  return { delivered, status };
}
