import { EMAIL_RETRY_DELAYS_SECONDS, nextAttemptAt } from '../../shared/notifications/retry';
import type { Deps } from '../deps';
import { claim, ensureSettings, SYSTEM_EVENT_TYPES } from './dispatch';
import { eventMail } from './templates';
import { unsubscribeToken } from './unsubscribe-links';

/** Sends every email delivery that is due now; returns how many were attempted. */
export async function sendDueEmails(deps: Deps, limit = 50): Promise<number> {
  const rows = await claim(deps, 'email_deliveries', limit);
  for (const r of rows) await attemptEmail(deps, String(r.id));
  return rows.length;
}

/** The one-click unsubscribe link for one event type (RFC 8058: the mail client POSTs to it). */
export function unsubscribeUrl(deps: Deps, token: string, type: string): string {
  return `${deps.publicUrl}/v1/unsubscribe/${encodeURIComponent(token)}?type=${encodeURIComponent(type)}`;
}

/**
 * One attempt at one email. The opt-out is checked again at send time (the user may have
 * unsubscribed since the event). A failure is retried (1 min, 10 min, 1 h, 6 h), then
 * the delivery is marked failed; nothing is ever sent twice once marked sent.
 */
export async function attemptEmail(deps: Deps, deliveryId: string): Promise<{ sent: boolean }> {
  const row = (
    await deps.client.execute({
      sql: `SELECT d.id, d.user_id, d.recipient, d.attempt, d.status, d.event_type, o.payload, u.locale
            FROM email_deliveries d JOIN outbox_events o ON o.id = d.event_id JOIN users u ON u.id = d.user_id WHERE d.id = ?`,
      args: [deliveryId],
    })
  ).rows[0];
  if (!row || row.status !== 'pending') return { sent: row?.status === 'sent' };
  const type = String(row.event_type);
  const settings = await ensureSettings(deps, String(row.user_id));
  const system = (SYSTEM_EVENT_TYPES as readonly string[]).includes(type);
  if (!system && settings.emailOptOut.includes(type)) {
    await deps.client.execute({ sql: "UPDATE email_deliveries SET status = 'failed', last_error = 'unsubscribed', lease_until = NULL WHERE id = ?", args: [deliveryId] });
    return { sent: false };
  }
  const now = deps.now();
  const attempt = Number(row.attempt) + 1;
  try {
    const mail = eventMail({
      type,
      data: JSON.parse(String(row.payload)) as Record<string, unknown>,
      locale: String(row.locale),
      to: String(row.recipient),
      unsubscribeUrl: system ? undefined : unsubscribeUrl(deps, await unsubscribeToken(deps, String(row.user_id)), type),
    });
    await deps.mailer.send(mail);
    await deps.client.execute({ sql: "UPDATE email_deliveries SET status = 'sent', attempt = ?, sent_at = ?, last_error = NULL, lease_until = NULL WHERE id = ?", args: [attempt, now.toISOString(), deliveryId] });
    return { sent: true };
  } catch (e) {
    const next = nextAttemptAt(EMAIL_RETRY_DELAYS_SECONDS, attempt, now);
    const error = e instanceof Error ? e.message : String(e);
    deps.log('email delivery failed', { deliveryId, attempt, error });
    await deps.client.execute({
      sql: 'UPDATE email_deliveries SET status = ?, attempt = ?, last_error = ?, next_attempt_at = ?, lease_until = NULL WHERE id = ?',
      args: [next ? 'pending' : 'failed', attempt, error.slice(0, 500), next?.toISOString() ?? null, deliveryId],
    });
    return { sent: false };
  }
}
