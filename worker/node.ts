import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Duplex } from 'node:stream';
import { serve, type HttpBindings } from '@hono/node-server';
import { createClient, type Client } from '@libsql/client';
import { createNodeClient } from './db/node-client';
import { app } from './app';
import { forwardedAddress } from './http/client-address';
import { rawErrorAnswer, shedding } from './http/shed';
import { newServerKeyCache } from './http/server-keys';
import { applyMigrations } from './db/migrate-node';
import { drizzle } from 'drizzle-orm/libsql';
import type { Deps } from './deps';
import { mailDirMailer, smtpMailer } from './mail/node-mailer';
import { startNodeScheduler } from './notifications/scheduler';
import { attemptWebhook } from './notifications/webhook-sender';
import { resolveAll, webhookFetch } from './notifications/node-egress';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export type NodeConfig = {
  databaseUrl: string;
  port: number;
  host: string;
  mailDir: string;
  smtpUrl?: string;
  publicUrl?: string;
  now?: () => Date;
  quiet?: boolean;
  /** How often the in-process scheduler runs (reminders, webhooks, emails); 0 turns it off. */
  schedulerEveryMs?: number;
  /** Behind a reverse proxy of our own: the client address is the last `X-Forwarded-For` hop, not the socket's. */
  trustProxy?: boolean;
  /** Requests worked on at once; past it, `503 overloaded` with Retry-After (load shedding). */
  maxInFlight?: number;
  /** How long requests may have queued behind a busy event loop before new ones are shed. */
  maxBusyMs?: number;
  /**
   * The embedded file's client: `cached` (default) prepares each statement once per
   * connection (worker/db/node-client.ts); `libsql-client` is `@libsql/client`'s own file
   * client, kept for the bench's comparison.
   */
  driver?: 'cached' | 'libsql-client';
};

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

/** Opens (and migrates) the database and builds the dependencies the app runs with. */
export async function createNodeDeps(config: NodeConfig): Promise<Deps & { close(): void }> {
  if (config.databaseUrl.startsWith('file:')) mkdirSync(dirname(config.databaseUrl.slice('file:'.length)), { recursive: true });
  // WAL with synchronous=NORMAL: a crash never corrupts the file nor half-applies a batch;
  // only a power cut can lose the last commits. The usual setting for WAL databases.
  const pragmas = ['PRAGMA journal_mode = WAL', 'PRAGMA busy_timeout = 5000', 'PRAGMA synchronous = NORMAL'];
  let client: Client;
  if (config.driver !== 'libsql-client' && config.databaseUrl.startsWith('file:') && !config.databaseUrl.includes(':memory:')) {
    // The embedded file: statements prepared once per connection (worker/db/node-client.ts).
    client = createNodeClient(config.databaseUrl, pragmas);
  } else {
    client = createClient({ url: config.databaseUrl });
    for (const p of pragmas) await client.execute(p).catch(() => undefined);
  }
  await applyMigrations(client, resolve(root, 'migrations'));
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl) : mailDirMailer(config.mailDir);
  const deps: Deps & { close(): void } = {
    client,
    db: drizzle({ client }),
    now: config.now ?? (() => new Date()),
    mailer,
    publicUrl: config.publicUrl ?? `http://${config.host}:${config.port}`,
    // Webhooks connect only to addresses checked by the connection's own lookup (node-egress.ts).
    fetch: webhookFetch('allow-loopback'),
    webhookPolicy: 'allow-loopback',
    resolveHost: resolveAll,
    serverKeys: newServerKeyCache(),
    // On Node the renderer is a plain module, loaded on the first document asked for.
    documents: { render: async (format, doc) => (await import('./documents/render')).renderDocument(format, doc) },
    log: config.quiet ? () => undefined : (message, extra) => console.log(`[relais] ${message}${extra ? ` ${JSON.stringify(extra)}` : ''}`),
    close: () => client.close(),
    sendWebhookNow: (id) => attemptWebhook(deps, id),
  };
  return deps;
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
  const stopScheduler = config.schedulerEveryMs ? startNodeScheduler(deps, config.schedulerEveryMs) : () => undefined;
  const limits = { maxInFlight: config.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT, maxBusyMs: config.maxBusyMs ?? DEFAULT_MAX_BUSY_MS };
  const shed = shedding(limits, (req: Request, env: HttpBindings) => {
    const clientAddress = config.trustProxy ? forwardedAddress(req.headers.get('x-forwarded-for')) : env.incoming.socket.remoteAddress;
    return app.fetch(req, { deps, clientAddress });
  });
  return new Promise<{ port: number; close(): Promise<void>; deps: typeof deps; load: typeof shed.counts }>((resolveStart) => {
    const server = serve({ fetch: (req, env) => shed.fetch(req, env as HttpBindings), port: config.port, hostname: config.host }, (info) => {
      // On port 0 the system picks the port: the public address (links in mails, the calendar URL) takes it.
      if (!config.publicUrl) deps.publicUrl = `http://${config.host}:${info.port}`;
      resolveStart({
        port: info.port,
        deps,
        load: shed.counts,
        close: () => new Promise<void>((done) => { stopScheduler(); shed.stop(); server.close(() => { deps.close(); done(); }); }),
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
