import { integer, sqliteTable, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';

/** A freelancer. `changeSeq` is the user's sync clock: every write bumps it and stamps the rows it touches. */
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  locale: text('locale').notNull().default('fr'),
  changeSeq: integer('change_seq').notNull().default(0),
  createdAt: text('created_at').notNull(),
});

/** One-time sign-in codes, stored hashed; 10 minutes, 5 tries, single use. */
export const authCodes = sqliteTable(
  'auth_codes',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: text('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: text('used_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('auth_codes_email').on(t.email, t.createdAt), index('auth_codes_expiry').on(t.expiresAt)],
);

/**
 * Sign-in events counted by the sliding windows of shared/auth/sign-in-limits.ts: a code
 * request or a failed try, or a webhook's test ping (`webhook:<id>`, `user:<id>`), per `scope` (`email:<address>` or `address:<client address>`).
 * Kept in the database so every isolate and process sees the same counts.
 */
export const signInEvents = sqliteTable(
  'sign_in_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    scope: text('scope').notNull(),
    kind: text('kind', { enum: ['code', 'failure', 'ping'] }).notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('sign_in_events_scope').on(t.scope, t.kind, t.at), index('sign_in_events_at').on(t.at)],
);

/** Bearer tokens (sign-in sessions and personal access tokens), stored as SHA-256 hashes. */
export const tokens = sqliteTable(
  'tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    kind: text('kind', { enum: ['session', 'personal'] }).notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: text('created_at').notNull(),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
    /** Personal tokens: `read` (GET only) or `write`; null for sessions and older personal tokens (write). */
    scope: text('scope', { enum: ['read', 'write'] }),
    /** Personal tokens' optional expiry; sessions expire after 90 idle days instead. */
    expiresAt: text('expires_at'),
  },
  (t) => [uniqueIndex('tokens_hash').on(t.tokenHash), index('tokens_user').on(t.userId), index('tokens_user_created').on(t.userId, t.createdAt)],
);

/** Reservations and replays of writes sent with an `Idempotency-Key` (24 h; older rows count as absent until the purge deletes them). */
export const idempotencyKeys = sqliteTable('idempotency_keys', {
  userId: text('user_id').notNull(),
  key: text('key').notNull(),
  requestHash: text('request_hash').notNull(),
  status: integer('status').notNull(),
  responseBody: text('response_body').notNull(),
  headers: text('headers').notNull().default('{}'),
  createdAt: text('created_at').notNull(),
  /** Null while the request holding the key runs; set once its answer is stored. */
  completedAt: text('completed_at'),
  /** Until when the running request holds the key; past it, a retry resumes the reservation. */
  leasedUntil: text('leased_until'),
}, (t) => [
  uniqueIndex('idempotency_user_key').on(t.userId, t.key),
  // For purging keys past their 24 h.
  index('idempotency_created').on(t.createdAt),
]);
