import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Duplex } from 'node:stream';
import { serve, type HttpBindings } from '@hono/node-server';
import { app } from './app';
import { forwardedAddress } from './http/client-address';
import { rawErrorAnswer, shedding } from './http/shed';
import { createNodeDeps, isDatabaseFile, type NodeConfig } from './node-deps';
import { startNodeScheduler, type SchedulerOptions } from './notifications/scheduler';
import { schedulerThread } from './notifications/scheduler-thread';

export { createNodeDeps, type NodeConfig } from './node-deps';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Reads the environment once, at start (the only place worker code sees process.env). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): NodeConfig {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  return {
    databaseUrl: env.DATABASE_URL ?? `file:${resolve(root, 'data/relais.db')}`,
    port,
    host: env.HOST ?? '127.0.0.1',
    mailDir: resolve(env.MAIL_DIR ?? resolve(root, 'data/mail')),
    smtpUrl: env.SMTP_URL || undefined,
    publicUrl: env.PUBLIC_URL,
    schedulerEveryMs: env.SCHEDULER_EVERY_MS === undefined ? 30_000 : Number(env.SCHEDULER_EVERY_MS),
    trustProxy: env.TRUST_PROXY === '1',
    maxInFlight: env.MAX_IN_FLIGHT === undefined ? undefined : Number(env.MAX_IN_FLIGHT),
    maxBusyMs: env.MAX_BUSY_MS === undefined ? undefined : Number(env.MAX_BUSY_MS),
  };
}

/**
 * Requests one Node process works on at once. The libSQL file serialises writes, so more
 * in flight only lengthens the queue (200 at once reached a 23 s p99 before shedding).
 */
export const DEFAULT_MAX_IN_FLIGHT = 64;
/** The longest a request may wait behind a busy event loop (the embedded file runs SQL synchronously) before new ones are shed. */
export const DEFAULT_MAX_BUSY_MS = 100;

/** Starts the API on Node; resolves once it listens. */
export async function startNodeServer(config: NodeConfig) {
  const deps = await createNodeDeps(config);
  // The scheduler in its own thread with its own connection (scheduler-thread.ts), unless
  // the database is one only this connection sees; started once the server listens, when
  // the public address the mails link to is known.
  const thread = config.schedulerEveryMs && config.schedulerThread !== false && isDatabaseFile(config.databaseUrl)
    ? schedulerThread({
      databaseUrl: config.databaseUrl, host: config.host, port: config.port, mailDir: config.mailDir,
      smtpUrl: config.smtpUrl, quiet: config.quiet, driver: config.driver,
    })
    : null;
  let stopScheduler = () => undefined as void;
  const startScheduler = () => {
    if (!config.schedulerEveryMs) return;
    const run = thread ? (options: SchedulerOptions) => thread.run(options, { now: deps.now(), publicUrl: deps.publicUrl }) : undefined;
    stopScheduler = startNodeScheduler(deps, config.schedulerEveryMs, run);
  };
  const limits = { maxInFlight: config.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT, maxBusyMs: config.maxBusyMs ?? DEFAULT_MAX_BUSY_MS };
  const shed = shedding(limits, (req: Request, env: HttpBindings) => {
    const clientAddress = config.trustProxy ? forwardedAddress(req.headers.get('x-forwarded-for')) : env.incoming.socket.remoteAddress;
    return app.fetch(req, { deps, clientAddress });
  });
  return new Promise<{ port: number; close(): Promise<void>; deps: typeof deps; load: typeof shed.counts }>((resolveStart) => {
    const server = serve({ fetch: (req, env) => shed.fetch(req, env as HttpBindings), port: config.port, hostname: config.host }, (info) => {
      // On port 0 the system picks the port: the public address (links in mails, the calendar URL) takes it.
      if (!config.publicUrl) deps.publicUrl = `http://${config.host}:${info.port}`;
      startScheduler();
      resolveStart({
        port: info.port,
        deps,
        load: shed.counts,
        close: async () => {
          stopScheduler();
          shed.stop();
          await new Promise<void>((done) => server.close(() => done()));
          await thread?.close();
          deps.close();
        },
      });
    });
    // Node answers unparsable requests itself: in the API's JSON error shape too.
    server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
      if (socket.writable) socket.end(rawErrorAnswer(err.code));
      else socket.destroy();
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const config = configFromEnv();
  startNodeServer(config).then(({ port, deps }) => {
    const url = `http://${config.host}:${port}`;
    console.log(`Relais API listening on ${url} (database ${config.databaseUrl})`);
    console.log(`Mail: ${deps.mailer.kind}${config.smtpUrl ? '' : ' — no SMTP_URL set, so every email (sign-in codes included) is written there as an .eml file'}`);
    console.log(`Point the extension at ${url} (Relais options page → API URL). Health: ${url}/health`);
  }, (err: unknown) => {
    console.error('Relais could not start:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
