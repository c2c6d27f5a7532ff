import type { InStatement } from '@libsql/client';
import { sql } from 'drizzle-orm';
// The class @libsql/client re-exports, from its own module: importing @libsql/client here would
// bring its client modules into the Workers' bundles.
import { LibsqlError } from '@libsql/core/api';
import type { Deps } from '../deps';

/** Something drizzle can turn into SQL (an insert, update, delete or select builder). */
export type Buildable = { toSQL(): { sql: string; params: unknown[] } };
export type BatchItem = Buildable | InStatement;

function toStatement(item: BatchItem): InStatement {
  if (typeof item === 'string') return item;
  if ('toSQL' in item) {
    const q = item.toSQL();
    return { sql: q.sql, args: q.params as never };
  }
  return item;
}

/**
 * Runs statements as one atomic write: all or nothing, on the embedded file and on Turso
 * over HTTP alike (which has no separate BEGIN/COMMIT). Returns false, having changed
 * nothing, when a guard (see {@link guardChanged}) found that a conditional write lost a race.
 */
export async function writeBatch(deps: Deps, items: BatchItem[]) {
  try {
    const results = await deps.client.batch(items.map(toStatement), 'write');
    return { ok: true as const, results };
  } catch (e) {
    if (isGuardFailure(e)) return { ok: false as const, results: [] };
    throw e;
  }
}

/**
 * A statement that fails the batch unless the previous statement changed exactly `expected` rows.
 * Turns "UPDATE … WHERE revision = ?" into an atomic compare-and-set.
 */
export function guardChanged(expected = 1): InStatement {
  return { sql: 'INSERT INTO write_guards (ok) SELECT changes() = ?', args: [expected] };
}

/** Clears the guard rows written by a successful batch (end every guarded batch with it). */
export const clearGuards: InStatement = 'DELETE FROM write_guards';

function isGuardFailure(e: unknown): boolean {
  let err: unknown = e;
  for (let i = 0; i < 3 && err; i++) {
    if (err instanceof LibsqlError || err instanceof Error) {
      if (/write_guards_ok|CHECK constraint failed: write_guards/i.test(err.message)) return true;
      err = (err as { cause?: unknown }).cause;
    } else break;
  }
  return false;
}

/** The statement that advances the user's sync clock; rows written in the same batch take its value. */
export function bumpChangeSeq(userId: string): InStatement {
  return { sql: 'UPDATE users SET change_seq = change_seq + 1 WHERE id = ?', args: [userId] };
}

/** The value a row takes for `seq` in a batch that began with {@link bumpChangeSeq}: the user's new sync clock. */
export const currentChangeSeq = (userId: string) => sql`(SELECT change_seq FROM users WHERE id = ${userId})`;
