import type { Deps } from '../deps';
import { dispatchOutbox } from './dispatch';
import { sendDueEmails } from './email-sender';
import { purgeExpired } from './purge';
import { recordReminders } from './reminders';
import { sendDueWebhooks } from './webhook-sender';

export type SchedulerReport = { reminders: number; dispatched: number; webhooks: number; emails: number; purged: number };

/**
 * One scheduler run: record today's reminders, fan recorded events out into deliveries,
 * send what is due, then purge a bounded share of what is past its retention (purge.ts).
 * The same code runs from an in-process timer on Node and from the Cron Trigger on Workers
 * (which hands the sending to Cloudflare Queues instead, see worker/notifier.ts). Safe to
 * run twice, or twice at once: reminder keys, unique deliveries and leases make every message
 * go out once, and each write of the purge checks its rule again.
 */
export async function runScheduler(deps: Deps, options: { send?: boolean; reminders?: boolean; purge?: boolean } = {}): Promise<SchedulerReport> {
  // Reminders are read from their due dates, in chunks that yield (reminders.ts); hourly is
  // plenty (their keys are per day), while deliveries are due within seconds.
  const reminders = options.reminders === false ? 0 : (await recordReminders(deps)).recorded;
  let dispatched = 0;
  for (let n = -1; n !== 0; ) dispatched += n = await dispatchOutbox(deps);
  let webhooks = 0;
  let emails = 0;
  if (options.send !== false) {
    for (let n = -1; n !== 0; ) webhooks += n = await sendDueWebhooks(deps);
    for (let n = -1; n !== 0; ) emails += n = await sendDueEmails(deps);
  }
  // Last, so a delivery finished in this run is final before its retention is judged.
  const purge = options.purge === false ? null : await purgeExpired(deps);
  const purged = purge ? Object.values(purge.rows).reduce((a, b) => a + b, 0) : 0;
  return { reminders, dispatched, webhooks, emails, purged };
}

/** How often the day's reminders are recorded; deliveries go out on every tick. */
export const REMINDERS_EVERY_MS = 3_600_000;

/**
 * The Node timer: a run every `everyMs` (default 30 s) sending what is due, recording
 * reminders on the first tick and then hourly; never two runs at once in this process.
 * Returns a stop function.
 */
export function startNodeScheduler(deps: Deps, everyMs = 30_000): () => void {
  let running = false;
  let remindedAt = -Infinity;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = deps.now().getTime();
      const reminders = now - remindedAt >= REMINDERS_EVERY_MS;
      if (reminders) remindedAt = now;
      const r = await runScheduler(deps, { reminders });
      if (r.reminders || r.dispatched || r.webhooks || r.emails || r.purged) deps.log('scheduler', r);
    } catch (e) {
      deps.log('scheduler failed', { error: e instanceof Error ? e.message : String(e) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  void tick();
  return () => clearInterval(timer);
}
