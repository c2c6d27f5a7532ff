import type { Deps } from '../deps';
import { dispatchOutbox } from './dispatch';
import { sendDueEmails } from './email-sender';
import { purgeExpired } from './purge';
import { recordReminders } from './reminders';
import { sendDueWebhooks } from './webhook-sender';

export type SchedulerReport = { reminders: number; dispatched: number; webhooks: number; emails: number; purged: number };

/**
 * What one run does. `reminders`: record today's (default), go on with a pass a bounded run
 * left unfinished (`'resume'`), or not at all. `chunks` bounds each stage (reminders: chunks
 * of 100 rows; fan-out: chunks of 200 events; webhooks and emails: chunks of 50); what a
 * bounded run leaves is taken by the next. Plain data, so a run can be asked of another thread.
 */
export type SchedulerOptions = {
  send?: boolean;
  reminders?: boolean | 'resume';
  purge?: boolean;
  chunks?: { reminders?: number; fanOut?: number; webhooks?: number; emails?: number };
};

/** Runs `step` until it has nothing left or has run `max` times; the sum of what it did. */
async function drain(step: () => Promise<number>, max = Infinity): Promise<number> {
  let total = 0;
  for (let k = 0, n = -1; n !== 0 && k < max; k++) total += n = await step();
  return total;
}

/**
 * One scheduler run: record today's reminders, fan recorded events out into deliveries,
 * send what is due, then purge a bounded share of what is past its retention (purge.ts).
 * The same code runs from the Node scheduler thread (scheduler-thread.ts) and from the Cron
 * Trigger on Workers (which hands the sending to Cloudflare Queues instead, see
 * worker/notifier.ts). Safe to run twice, or twice at once: reminder keys, unique deliveries
 * and leases make every message go out once, and each write of the purge checks its rule again.
 */
export async function runScheduler(deps: Deps, options: SchedulerOptions = {}): Promise<SchedulerReport> {
  // Reminders are read from their due dates, in chunks that yield (reminders.ts); hourly is
  // plenty (their keys are per day), while deliveries are due within seconds.
  const chunks = options.chunks ?? {};
  const reminders = options.reminders === false
    ? 0
    : (await recordReminders(deps, { maxChunks: chunks.reminders, resume: options.reminders === 'resume' })).recorded;
  const dispatched = await drain(() => dispatchOutbox(deps), chunks.fanOut);
  let webhooks = 0;
  let emails = 0;
  if (options.send !== false) {
    webhooks = await drain(() => sendDueWebhooks(deps), chunks.webhooks);
    emails = await drain(() => sendDueEmails(deps), chunks.emails);
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
 * `run` is where a run happens: in this thread by default, in the scheduler thread when
 * `startNodeServer` serves a file (scheduler-thread.ts). Returns a stop function.
 */
export function startNodeScheduler(
  deps: Deps,
  everyMs = 30_000,
  run: (options: SchedulerOptions) => Promise<SchedulerReport> = (options) => runScheduler(deps, options),
): () => void {
  let running = false;
  let remindedAt = -Infinity;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = deps.now().getTime();
      const reminders = now - remindedAt >= REMINDERS_EVERY_MS;
      if (reminders) remindedAt = now;
      const r = await run({ reminders });
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
