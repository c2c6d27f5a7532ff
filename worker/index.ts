import { createClient } from '@libsql/client/web';
import * as v from 'valibot';
import { app } from './app';
import { drizzle } from 'drizzle-orm/libsql/web';
import type { Deps } from './deps';
import { unavailableMailer } from './mail/unavailable';

/** The Worker's bindings: Turso URL and token are secrets (`wrangler secret put`). */
const WorkerEnv = v.object({
  TURSO_DATABASE_URL: v.pipe(v.string(), v.regex(/^(libsql|https?):\/\//, 'must be a libsql:// or https:// URL')),
  TURSO_AUTH_TOKEN: v.optional(v.string()),
  PUBLIC_URL: v.optional(v.string()),
});
type WorkerEnv = v.InferOutput<typeof WorkerEnv>;

let checked: { env: unknown; result: v.SafeParseResult<typeof WorkerEnv> } | undefined;

/** Validated once per isolate (the env object is stable), not per request. */
function checkEnv(env: unknown) {
  if (!checked || checked.env !== env) checked = { env, result: v.safeParse(WorkerEnv, env) };
  return checked.result;
}

/** Per-request dependencies: Workers forbids sharing I/O objects across requests. */
function workerDeps(env: WorkerEnv, url: URL): Deps {
  const client = createClient({ url: env.TURSO_DATABASE_URL, authToken: env.TURSO_AUTH_TOKEN });
  return {
    client,
    db: drizzle({ client }),
    now: () => new Date(),
    mailer: unavailableMailer,
    publicUrl: env.PUBLIC_URL ?? url.origin,
    fetch: (input, init) => fetch(input, init),
    webhookPolicy: 'public-https',
    log: (message, extra) => console.log(JSON.stringify({ message, ...extra })),
  };
}

export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    const parsed = checkEnv(env);
    if (!parsed.success) {
      if (url.pathname === '/health') return Response.json({ ok: false, error: { code: 'misconfigured', message: 'TURSO_DATABASE_URL is missing or invalid' } }, { status: 503 });
      return Response.json({ error: { code: 'misconfigured', message: 'The API is not configured (TURSO_DATABASE_URL)' } }, { status: 503 });
    }
    return app.fetch(request, { deps: workerDeps(parsed.output, url) }, ctx);
  },
} satisfies ExportedHandler;
