import { LibsqlBatchError, LibsqlError, type Client } from '@libsql/client';
import { clearGuards, guardChanged } from '../../worker/db/batch';

/**
 * What our two database clients (worker/db/node-client.ts, worker/db/http-client.ts) are
 * checked against, call by call, beside the `@libsql/client` client each stands in for: the
 * same schema on both sides, the same cases, and everything a caller can observe of the answer
 * or the error.
 */
export const SCHEMA = [
  'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INTEGER, r REAL, b BLOB, CHECK (n IS NULL OR n >= 0))',
  'CREATE TABLE write_guards (ok INTEGER NOT NULL, CONSTRAINT "write_guards_ok" CHECK (ok = 1))',
];

/** Everything a caller can observe of a result set. */
export function observed(rs: Awaited<ReturnType<Client['execute']>>) {
  return {
    columns: rs.columns,
    columnTypes: rs.columnTypes,
    rowsAffected: rs.rowsAffected,
    lastInsertRowid: rs.lastInsertRowid,
    rows: rs.rows.map((row) => ({
      length: row.length,
      byIndex: Array.prototype.slice.call(row),
      keys: Object.keys(row),
      entries: Object.entries(row),
      json: JSON.stringify(row),
    })),
    json: JSON.stringify(rs),
    isArrayOfRows: Array.isArray(rs.rows),
  };
}

/** What a call gave: its results as observed, or its error's class, codes, statement index and message. */
export async function outcome(c: Client, run: (c: Client) => Promise<unknown>) {
  try {
    const value = await run(c);
    const list = Array.isArray(value) ? value : [value];
    return { ok: list.map((v) => (v && typeof v === 'object' && 'rows' in v ? observed(v as never) : v)) };
  } catch (e) {
    const err = e as LibsqlError & { statementIndex?: number };
    return {
      error: {
        type: e instanceof LibsqlBatchError ? 'batch' : e instanceof LibsqlError ? 'libsql' : (e as Error).constructor.name,
        name: err.name,
        code: err.code,
        extendedCode: err.extendedCode,
        rawCode: err.rawCode,
        statementIndex: err.statementIndex,
        message: err.message,
      },
    };
  }
}

/** The calls both clients must answer as `@libsql/client` does (each run on a fresh {@link SCHEMA}). */
export const CASES: [string, (c: Client) => Promise<unknown>][] = [
  ['an insert: changes and rowid', (c) => c.execute({ sql: 'INSERT INTO t (name, n, r) VALUES (?, ?, ?)', args: ['a', 1, 1.5] })],
  ['rows by index and by name, repeated names, nulls, reals', async (c) => {
    await c.execute({ sql: 'INSERT INTO t (name, n, r) VALUES (?, ?, ?), (?, ?, ?)', args: ['a', 1, 0.5, 'b', null, null] });
    return c.execute('SELECT id, name, n, r, name AS n, 1 AS id FROM t ORDER BY id');
  }],
  ['the sql and args form', (c) => c.execute('SELECT ? AS one, ? AS two', [1, 'two'])],
  ['named arguments with each prefix', async (c) => {
    await c.execute({ sql: 'INSERT INTO t (name, n) VALUES (:name, @n)', args: { name: 'x', n: 7 } });
    return c.execute({ sql: 'SELECT * FROM t WHERE name = $name', args: { $name: 'x' } });
  }],
  ['booleans, dates, blobs (empty and long) and objects', async (c) => {
    const blob = new Uint8Array([0, 1, 2, 250]).buffer;
    const long = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);
    await c.execute({ sql: 'INSERT INTO t (name, n, r, b) VALUES (?, ?, ?, ?)', args: ['d', true, new Date('2026-05-20T00:00:00Z'), blob] });
    await c.execute({ sql: 'INSERT INTO t (name, n, b) VALUES (?, ?, ?)', args: ['e', false, new Uint8Array()] });
    await c.execute({ sql: 'INSERT INTO t (name, b) VALUES (?, ?)', args: [{ toString: () => 'obj' } as never, long] });
    return c.execute('SELECT name, n, r, b, length(b) AS size, hex(b) AS hex FROM t ORDER BY name');
  }],
  ['an integer beyond 2^53 is refused on reading', (c) => c.execute('SELECT 9007199254740993 AS big')],
  ['the largest safe integers and negative ones are read', (c) => c.execute('SELECT 9007199254740991 AS a, -9007199254740991 AS b, -1 AS c, 0 AS d, 1.0 AS e')],
  ['a bigint argument is taken', (c) => c.execute({ sql: 'SELECT ? + 1 AS v', args: [41n] })],
  ['a bigint out of 64 bits is refused', (c) => c.execute({ sql: 'SELECT ? AS v', args: [2n ** 63n] })],
  ['Infinity is refused', (c) => c.execute({ sql: 'SELECT ? AS v', args: [Infinity] })],
  ['undefined is refused', (c) => c.execute({ sql: 'SELECT ? AS v', args: [undefined as never] })],
  ['text with quotes, newlines and non-ASCII', (c) => c.execute({ sql: 'SELECT ? AS v', args: ['l\'"é\n€ 😀 \\'] })],
  ['a unique constraint', async (c) => {
    await c.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['u'] });
    return c.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['u'] });
  }],
  ['a check constraint', (c) => c.execute({ sql: 'INSERT INTO t (name, n) VALUES (?, ?)', args: ['c', -1] })],
  ['a syntax error', (c) => c.execute('SELEC 1')],
  ['an unknown table', (c) => c.execute('SELECT * FROM nowhere')],
  ['a batch: every result', (c) => c.batch([{ sql: 'INSERT INTO t (name) VALUES (?)', args: ['b1'] }, 'UPDATE t SET n = 2', 'SELECT name, n FROM t'], 'write')],
  ['a batch repeating a statement', (c) => c.batch([{ sql: 'INSERT INTO t (name) VALUES (?)', args: ['r1'] }, { sql: 'INSERT INTO t (name) VALUES (?)', args: ['r2'] }, 'SELECT name FROM t ORDER BY name'], 'write')],
  ['an empty batch', (c) => c.batch([], 'write')],
  ['a batch in the default (deferred) mode, and with [sql, args] statements', (c) => c.batch([['INSERT INTO t (name) VALUES (?)', ['tuple']] as never, 'SELECT name FROM t'])],
  ['a batch failing at its third statement changes nothing', async (c) => {
    const failed = await outcome(c, (cc) => cc.batch([{ sql: 'INSERT INTO t (name) VALUES (?)', args: ['k'] }, 'UPDATE t SET n = 3', { sql: 'INSERT INTO t (name) VALUES (?)', args: ['k'] }], 'write'));
    return [failed, await c.execute('SELECT count(*) AS n FROM t')];
  }],
  ['a guarded batch that lost its race (the write_guards check)', async (c) => {
    await c.execute({ sql: 'INSERT INTO t (name, n) VALUES (?, ?)', args: ['g', 1] });
    return c.batch([{ sql: 'UPDATE t SET n = 2 WHERE name = ? AND n = ?', args: ['g', 5] }, guardChanged(), clearGuards], 'write');
  }],
  ['a batch reading a huge integer', (c) => c.batch(['SELECT 1 AS one', 'SELECT 9007199254740993 AS big'], 'read')],
  ['a read batch refuses a write', (c) => c.batch(['SELECT 1 AS one', { sql: 'INSERT INTO t (name) VALUES (?)', args: ['r'] }], 'read')],
  ['an unknown batch mode', (c) => c.batch(['SELECT 1'], 'sideways' as never)],
  ['a batch with an undefined argument', (c) => c.batch([{ sql: 'SELECT ?', args: [undefined as never] }], 'write')],
  ['an INSERT … RETURNING', (c) => c.execute({ sql: 'INSERT INTO t (name, n) VALUES (?, ?) RETURNING id, name, n', args: ['ret', 4] })],
  ['an UPDATE of several rows', async (c) => {
    await c.batch(['INSERT INTO t (name) VALUES (\'p\')', 'INSERT INTO t (name) VALUES (\'q\')'], 'write');
    return c.execute('UPDATE t SET n = 9');
  }],
  ['a script with executeMultiple, and a failing one', async (c) => {
    await c.executeMultiple("INSERT INTO t (name) VALUES ('m1'); INSERT INTO t (name) VALUES ('m2');");
    const failed = await outcome(c, (cc) => cc.executeMultiple('INSERT INTO nowhere VALUES (1);'));
    return [failed, await c.execute('SELECT name FROM t ORDER BY name')];
  }],
  ['migrate: foreign keys off around one transaction', (c) => c.migrate(['CREATE TABLE m (id INTEGER PRIMARY KEY)', 'INSERT INTO m VALUES (1)', 'PRAGMA foreign_keys'])],
];
