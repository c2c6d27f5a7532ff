/**
 * What the Node entry points build their dependencies from: the API server (node.ts) and
 * the scheduler thread (notifications/scheduler-thread-main.ts), which opens its own
 * connection with the same settings. Kept apart from node.ts so the thread loads no routes.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { createNodeClient } from './db/node-client';
import { applyMigrations } from './db/migrate-node';
import type { Deps } from './deps';
import { newServerKeyCache } from './http/server-keys';
import { mailDirMailer, smtpMailer } from './mail/node-mailer';
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
  /** How often the scheduler runs (reminders, webhooks, emails); 0 turns it off. */
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
  /**
   * Where the scheduler runs: in a thread of its own with its own connection (default for a
   * database file, so a month-end pass never holds up a request), or on the API's thread
   * (`false`; always so for `:memory:`, which another connection cannot see).
   */
  schedulerThread?: boolean;
  /** Apply migrations on opening (default); the scheduler thread opens a file the server has migrated. */
  migrate?: boolean;
};

/**
 * How every Node connection to the file is opened. WAL with synchronous=NORMAL: a crash never
 * corrupts the file nor half-applies a batch; only a power cut can lose the last commits. The
 * usual setting for WAL databases.
 */
export const NODE_PRAGMAS = ['PRAGMA journal_mode = WAL', 'PRAGMA busy_timeout = 5000', 'PRAGMA synchronous = NORMAL'];

/** A database file, which another connection (the scheduler's thread) opens too: not `:memory:`. */
export function isDatabaseFile(databaseUrl: string): boolean {
  return databaseUrl.startsWith('file:') && !databaseUrl.includes(':memory:');
}

/** Opens (and migrates) the database and builds the dependencies the app runs with. */
export async function createNodeDeps(config: NodeConfig): Promise<Deps & { close(): void }> {
  if (config.databaseUrl.startsWith('file:')) mkdirSync(dirname(config.databaseUrl.slice('file:'.length)), { recursive: true });
  let client: Client;
  if (config.driver !== 'libsql-client' && isDatabaseFile(config.databaseUrl)) {
    // The embedded file: statements prepared once per connection (worker/db/node-client.ts).
    client = createNodeClient(config.databaseUrl, NODE_PRAGMAS);
  } else {
    client = createClient({ url: config.databaseUrl });
    for (const p of NODE_PRAGMAS) await client.execute(p).catch(() => undefined);
  }
  if (config.migrate !== false) await applyMigrations(client, resolve(root, 'migrations'));
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

