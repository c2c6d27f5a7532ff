import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The server's own secrets, one set per `purpose` (`unsubscribe`: the HMAC key of the links in
 * notification mails). `key_id` counts up from 1: the first key is created on first need with
 * `INSERT OR IGNORE … key_id = 1`, so two processes racing to create it end up with one; a rotation
 * inserts the next id, the highest signs, every stored one still verifies (worker/http/server-keys.ts).
 * `secret` is 32 random bytes, base64url.
 */
export const serverKeys = sqliteTable(
  'server_keys',
  {
    purpose: text('purpose').notNull(),
    keyId: integer('key_id').notNull(),
    secret: text('secret').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.purpose, t.keyId] })],
);
