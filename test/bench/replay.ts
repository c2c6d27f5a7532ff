/**
 * The raw side of the bench's throughput comparisons: every statement the API sends to
 * libSQL is recorded, request by request, and replayed as it was on another client over a
 * copy of the same file, so both sides run exactly the same SQL.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client, type InStatement, type TransactionMode } from '@libsql/client';
import { createNodeClient } from '../../worker/db/node-client';
import { NODE_PRAGMAS } from '../../worker/node-deps';

export type Call = { kind: 'execute'; stmt: InStatement } | { kind: 'batch'; stmts: InStatement[]; mode: TransactionMode | undefined };


/** Records every statement `client` is sent between `begin` and `end`, one list per request. */
export function recordCalls(client: Client) {
  const log: Call[][] = [];
  let current: Call[] | null = null;
  const execute = client.execute.bind(client) as (s: InStatement) => Promise<unknown>;
  const batch = client.batch.bind(client) as (s: InStatement[], m?: TransactionMode) => Promise<unknown>;
  const norm = (s: InStatement | string, args?: unknown): InStatement => (typeof s === 'string' ? (args ? { sql: s, args: args as never } : s) : s);
  (client as { execute: unknown }).execute = (s: InStatement, args?: unknown) => {
    current?.push({ kind: 'execute', stmt: norm(s, args) });
    return execute(norm(s, args));
  };
  (client as { batch: unknown }).batch = (stmts: InStatement[], mode?: TransactionMode) => {
    current?.push({ kind: 'batch', stmts, mode });
    return batch(stmts, mode);
  };
  return {
    log,
    begin: () => { current = []; },
    end: () => { if (current) log.push(current); current = null; },
  };
}

export async function replay(raw: Client, calls: Call[]) {
  for (const c of calls) {
    if (c.kind === 'execute') await raw.execute(c.stmt);
    else await raw.batch(c.stmts, c.mode);
  }
}

export const statementsIn = (calls: Call[]) => calls.reduce((n, c) => n + (c.kind === 'execute' ? 1 : c.stmts.length), 0);

/**
 * A copy of the API's file as it is now (checkpointed first), opened raw: with
 * `@libsql/client`'s own file client, or with the client the Node server runs on
 * (worker/db/node-client.ts, statements prepared once), with the server's pragmas.
 */
export async function rawCopy(api: { deps: { client: Client }; dbPath: string }, driver: 'libsql-client' | 'cached'): Promise<Client> {
  await api.deps.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  const path = join(mkdtempSync(join(tmpdir(), 'relais-raw-')), 'raw.db');
  copyFileSync(api.dbPath, path);
  if (driver === 'cached') return createNodeClient(`file:${path}`, NODE_PRAGMAS);
  const raw = createClient({ url: `file:${path}` });
  for (const pragma of NODE_PRAGMAS) await raw.execute(pragma);
  return raw;
}
