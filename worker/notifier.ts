import * as v from 'valibot';
import type { OutgoingMail } from './mail/mailer';
import { unavailableMailer } from './mail/unavailable';
import { workerSmtpMailer } from './mail/worker-smtp';
import { claim, dispatchOutbox } from './notifications/dispatch';
import { attemptEmail } from './notifications/email-sender';
import { purgeExpired } from './notifications/purge';
import { recordReminders } from './notifications/reminders';
import { attemptWebhook } from './notifications/webhook-sender';
import { checkEnv, workersDeps, type WorkerEnv } from './workers-env';

/**
 * The notifier Worker (wrangler.notifier.toml): the Cron Trigger runs the same scheduler
 * steps as Node's timer, deliveries go through a Cloudflare Queue it also consumes, and the
 * API reaches it through a service binding to send mail (sign-in codes) and test pings.
 * It has no public route (workers_dev = false).
 */
type DeliveryMessage = { kind: 'webhook' | 'email'; id: string };
/** The hourly cron of wrangler.notifier.toml that records reminders (must match it). */
const REMINDERS_CRON = '7 * * * *';
/** Chunks of 100 due rows per cron run: well within a Worker's CPU and subrequest limits. */
const REMINDER_CHUNKS_PER_RUN = 20;
/**
 * The purge per cron run: 2 chunks of 500 rows per table (one Turso request each, at most 12),
 * 1 000 rows per table every 5 minutes, 288 000 a day; the next run resumes with the oldest left.
 */
const PURGE_PER_RUN = { chunkRows: 500, maxRowsPerTable: 1_000 };
type Bindings = { SMTP_URL?: string; MAIL_FROM?: string; DELIVERIES?: Queue<DeliveryMessage> };

const Mail = v.object({
  to: v.pipe(v.string(), v.email()),
  subject: v.string(),
  text: v.string(),
  html: v.optional(v.string()),
  unsubscribeUrl: v.optional(v.string()),
  cc: v.optional(v.pipe(v.string(), v.email())),
  replyTo: v.optional(v.pipe(v.string(), v.email())),
  attachments: v.optional(v.array(v.object({ filename: v.string(), contentType: v.string(), contentBase64: v.string() }))),
});

function depsFor(env: WorkerEnv & Bindings) {
  const mailer = env.SMTP_URL ? workerSmtpMailer(env.SMTP_URL, env.MAIL_FROM || undefined) : unavailableMailer;
  const deps = workersDeps(env, env.PUBLIC_URL || 'https://relais.invalid', { mailer, sendWebhookNow: (id) => attemptWebhook(deps, id) });
  return deps;
}

function parsedEnv(env: unknown): WorkerEnv & Bindings {
  const parsed = checkEnv(env);
  if (!parsed.success) throw new Error('misconfigured: TURSO_DATABASE_URL is missing or invalid');
  return { ...(env as Bindings), ...parsed.output };
}

export default {
  async fetch(request: Request, env: unknown): Promise<Response> {
    const deps = depsFor(parsedEnv(env));
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname === '/mail') {
      const mail = v.safeParse(Mail, await request.json().catch(() => null));
      if (!mail.success) return Response.json({ error: 'bad mail' }, { status: 422 });
      try {
        return Response.json(await deps.mailer.send(mail.output satisfies OutgoingMail));
      } catch (e) {
        return Response.json({ error: e instanceof Error ? e.message : String(e) }, { status: 503 });
      }
    }
    const attempt = /^\/webhooks\/([^/]+)\/attempt$/.exec(url.pathname);
    if (request.method === 'POST' && attempt) return Response.json(await attemptWebhook(deps, decodeURIComponent(attempt[1]!)));
    return new Response('not found', { status: 404 });
  },

  /**
   * Every 5 minutes: the outbox fan-out, the due deliveries leased and handed to the Queue,
   * and a bounded purge. The hourly cron (wrangler.notifier.toml) also records the day's reminders.
   */
  async scheduled(controller: ScheduledController, env: unknown): Promise<void> {
    const e = parsedEnv(env);
    const deps = depsFor(e);
    // Hourly a new reminders pass starts; every run takes at most REMINDER_CHUNKS_PER_RUN
    // chunks of it, and the 5-minute runs resume an unfinished pass where the last one stopped.
    await recordReminders(deps, { maxChunks: REMINDER_CHUNKS_PER_RUN, resume: controller.cron !== REMINDERS_CRON });
    for (let n = -1; n !== 0; ) n = await dispatchOutbox(deps);
    for (const kind of ['webhook', 'email'] as const) {
      const rows = await claim(deps, kind === 'webhook' ? 'webhook_deliveries' : 'email_deliveries', 100);
      const messages = rows.map((r) => ({ body: { kind, id: String(r.id) } satisfies DeliveryMessage }));
      if (!messages.length) continue;
      if (e.DELIVERIES) await e.DELIVERIES.sendBatch(messages);
      else for (const m of messages) await (kind === 'webhook' ? attemptWebhook(deps, m.body.id) : attemptEmail(deps, m.body.id));
    }
    const purged = await purgeExpired(deps, PURGE_PER_RUN);
    if (!purged.done) deps.log('purge: more past retention than one run takes, resuming next run', purged.rows);
  },

  /** One attempt per message; retries follow the schedule kept in the database, not the queue's. */
  async queue(batch: MessageBatch<DeliveryMessage>, env: unknown): Promise<void> {
    const deps = depsFor(parsedEnv(env));
    for (const m of batch.messages) {
      await (m.body.kind === 'webhook' ? attemptWebhook(deps, m.body.id) : attemptEmail(deps, m.body.id));
      m.ack();
    }
  },
} satisfies ExportedHandler<unknown, DeliveryMessage>;
