import type { Client } from '@libsql/client';
import { LibSQLDatabase } from 'drizzle-orm/libsql/driver-core';
import { LibSQLSession } from 'drizzle-orm/libsql/session';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import * as v from 'valibot';
import { createHttpClient } from './db/http-client';
import type { Deps } from './deps';
import { newServerKeyCache, type ServerKeyCache } from './http/server-keys';
import type { Mailer } from './mail/mailer';

/** The bindings every Relais Worker reads: Turso URL and token are secrets (`wrangler secret put`). */
export const WorkerEnv = v.object({
  TURSO_DATABASE_URL: v.pipe(v.string(), v.regex(/^(libsql|https?):\/\//, 'must be a libsql:// or https:// URL')),
  TURSO_AUTH_TOKEN: v.optional(v.string()),
  PUBLIC_URL: v.optional(v.string()),
});
export type WorkerEnv = v.InferOutput<typeof WorkerEnv>;

const checked = new WeakMap<object, v.SafeParseResult<typeof WorkerEnv>>();

/** Validated once per isolate (the env object is stable), not per request. */
export function checkEnv(env: unknown): v.SafeParseResult<typeof WorkerEnv> {
  if (typeof env !== 'object' || env === null) return v.safeParse(WorkerEnv, env);
  let result = checked.get(env);
  if (!result) checked.set(env, (result = v.safeParse(WorkerEnv, env)));
  return result;
}

/**
 * Drizzle over `client`, as `drizzle({ client })` of `drizzle-orm/libsql` builds it (no schema,
 * no logger, no cache). Built from its parts because each `drizzle-orm/libsql/*` entry also
 * imports an `@libsql/client` to create clients from URLs, which the Workers do not use.
 */
export function libsqlDrizzle(client: Client): LibSQLDatabase {
  const dialect = new SQLiteAsyncDialect();
  return new LibSQLDatabase('async', dialect, new LibSQLSession(client, dialect, undefined, {}, undefined), undefined);
}

/** Server keys are plain values (not I/O), kept per isolate and database across requests. */
const serverKeys = new Map<string, ServerKeyCache>();
const serverKeysOf = (url: string) => serverKeys.get(url) ?? serverKeys.set(url, newServerKeyCache()).get(url)!;

/** Per-invocation dependencies: Workers forbids sharing I/O objects across requests. */
export function workersDeps(env: WorkerEnv, origin: string, extra: Pick<Deps, 'mailer' | 'sendWebhookNow'> & Partial<Deps>): Deps {
  // Turso over HTTP with our Hrana client (worker/db/http-client.ts), not @libsql/client's.
  const client = createHttpClient({ url: env.TURSO_DATABASE_URL, authToken: env.TURSO_AUTH_TOKEN });
  return {
    client,
    db: libsqlDrizzle(client),
    now: () => new Date(),
    publicUrl: env.PUBLIC_URL || origin,
    log: (message, extra) => console.log(JSON.stringify({ message, ...extra })),
    fetch: (input, init) => fetch(input, init),
    webhookPolicy: 'public-https',
    serverKeys: serverKeysOf(env.TURSO_DATABASE_URL),
    ...extra,
  };
}

/** A mailer that hands each mail to the notifier Worker (which speaks SMTP) over its service binding. */
export function notifierMailer(notifier: Fetcher): Mailer {
  return {
    kind: 'notifier service binding',
    async send(mail) {
      const res = await notifier.fetch('https://notifier.internal/mail', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(mail) });
      if (!res.ok) throw new Error(`notifier answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { id: string };
    },
  };
}
