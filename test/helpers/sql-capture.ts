import type { Client, InArgs, InStatement } from '@libsql/client';

/** One statement the app sent, with the arguments it was bound to. */
export type CapturedStatement = { sql: string; args: InArgs | undefined };

/**
 * Records every statement sent through `client` (single statements and batches alike) into
 * `sink`, then passes it on unchanged. The client is patched in place, so drizzle, which
 * holds the same object, is recorded too. Returns a function that stops recording.
 */
export function captureSql(client: Client, sink: CapturedStatement[]): () => void {
  const execute = client.execute.bind(client) as (s: InStatement) => ReturnType<Client['execute']>;
  const batch = client.batch.bind(client);
  const add = (s: InStatement) => sink.push(typeof s === 'string' ? { sql: s, args: undefined } : { sql: s.sql, args: s.args });
  const patched = client as { execute: unknown; batch: unknown };
  patched.execute = (s: InStatement | string, args?: InArgs) => {
    const stmt: InStatement = typeof s === 'string' && args !== undefined ? { sql: s, args } : s;
    add(stmt);
    return execute(stmt);
  };
  patched.batch = (stmts: InStatement[], mode?: Parameters<Client['batch']>[1]) => {
    for (const s of stmts) add(s);
    return batch(stmts, mode);
  };
  return () => { patched.execute = execute; patched.batch = batch; };
}
