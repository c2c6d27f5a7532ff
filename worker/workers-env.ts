import { createClient } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql/web';
import * as v from 'valibot';
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

/** Server keys are plain values (not I/O), kept per isolate and database across requests. */
const serverKeys = new Map<string, ServerKeyCache>();
const serverKeysOf = (url: string) => serverKeys.get(url) ?? serverKeys.set(url, newServerKeyCache()).get(url)!;

/** Per-invocation dependencies: Workers forbids sharing I/O objects across requests. */
export function workersDeps(env: WorkerEnv, origin: string, extra: Pick<Deps, 'mailer' | 'sendWebhookNow'> & Partial<Deps>): Deps {
  const client = createClient({ url: env.TURSO_DATABASE_URL, authToken: env.TURSO_AUTH_TOKEN });
  return {
    client,
    db: drizzle({ client }),
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
