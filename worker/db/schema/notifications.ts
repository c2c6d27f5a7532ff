import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * The outbox: one row per thing that happened and may deserve a notification, written in
 * the same atomic batch as the change that caused it. `key` makes it happen once per user
 * (`cra_validated:<craId>`, `payout_tomorrow:<invoiceId>`): a second insert is ignored.
 * The dispatcher fans a row out into webhook and email deliveries, then stamps `dispatchedAt`.
 * Past the retention period (worker/notifications/purge.ts) a row is deleted, or, when its key
 * could be produced again later, kept as a tombstone: its `payload` emptied to `''`.
 */
export const outboxEvents = sqliteTable(
  'outbox_events',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    type: text('type').notNull(),
    key: text('key').notNull(),
    payload: text('payload').notNull(),
    occurredAt: text('occurred_at').notNull(),
    dispatchedAt: text('dispatched_at'),
    leaseUntil: text('lease_until'),
  },
  (t) => [
    uniqueIndex('outbox_user_key').on(t.userId, t.key),
    index('outbox_pending').on(t.dispatchedAt, t.occurredAt),
    // The purge's queue: rows not yet compacted, oldest first. Tombstones leave it, so a run
    // never re-reads the years of tombstones behind it.
    index('outbox_compactable').on(t.occurredAt).where(sql`${t.payload} <> ''`),
  ],
);

/** A webhook endpoint. The `whsec_` secret is kept to sign deliveries and shown only at creation. */
export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    url: text('url').notNull(),
    events: text('events').notNull(),
    description: text('description'),
    secret: text('secret').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    disabledReason: text('disabled_reason'),
    failingSince: text('failing_since'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('webhook_endpoints_user').on(t.userId), index('webhook_endpoints_user_created').on(t.userId, t.createdAt)],
);

/**
 * One message to one endpoint. Its id is the `webhook-id` header, the same on every retry;
 * `attempt` counts tries, `nextAttemptAt` follows the backoff schedule, `leaseUntil` keeps
 * two schedulers from sending it at once.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    endpointId: text('endpoint_id').notNull().references(() => webhookEndpoints.id),
    userId: text('user_id').notNull().references(() => users.id),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempt: integer('attempt').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    leaseUntil: text('lease_until'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    log: text('log').notNull().default('[]'),
    createdAt: text('created_at').notNull(),
    deliveredAt: text('delivered_at'),
  },
  (t) => [uniqueIndex('webhook_deliveries_once').on(t.endpointId, t.eventId), index('webhook_deliveries_due').on(t.status, t.nextAttemptAt), index('webhook_deliveries_endpoint').on(t.endpointId, t.createdAt), index('webhook_deliveries_endpoint_page').on(t.endpointId, t.createdAt, t.id), index('webhook_deliveries_created').on(t.createdAt)],
);

/** One email for one event, retried like webhooks; unique per event so a rerun sends nothing twice. */
export const emailDeliveries = sqliteTable(
  'email_deliveries',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    recipient: text('recipient').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull(),
    attempt: integer('attempt').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    leaseUntil: text('lease_until'),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
  },
  (t) => [uniqueIndex('email_deliveries_once').on(t.eventId), index('email_deliveries_due').on(t.status, t.nextAttemptAt), index('email_deliveries_created').on(t.createdAt)],
);

/**
 * Per-user notification choices: event types opted out of email. `unsubscribe_token` is legacy:
 * rows written before unsubscribe_tokens (0005) hold a clear `rls_` token that old mails still link to;
 * newer rows hold `void:` and a hash of a random value nobody was given.
 */
export const notificationSettings = sqliteTable('notification_settings', {
  userId: text('user_id').primaryKey().references(() => users.id),
  emailOptOut: text('email_opt_out').notNull().default('[]'),
  unsubscribeToken: text('unsubscribe_token').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [uniqueIndex('notification_settings_token').on(t.unsubscribeToken)]);

/**
 * Where a bounded job (the reminders pass) stands, so a run cut short
 * (a Workers cron run's batch) resumes where it stopped: the pass's day, its current source
 * and the last row read (opaque JSON), and whether the pass is done.
 */
export const jobProgress = sqliteTable('job_progress', {
  job: text('job').primaryKey(),
  day: text('day').notNull(),
  state: text('state').notNull(),
  done: integer('done', { mode: 'boolean' }).notNull().default(false),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Legacy one-click unsubscribe links (RFC 8058): until migration 0009 each notification mail got
 * an `rlu_` token, stored as its SHA-256 hash (never in clear), pointing at its user. No row is
 * written any more (mails carry signed `rlk_` tokens, worker/notifications/unsubscribe-links.ts);
 * the rows stay, never purged, so the links of the mails already sent keep working.
 */
export const unsubscribeTokens = sqliteTable(
  'unsubscribe_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('unsubscribe_tokens_user').on(t.userId)],
);
