import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, LibsqlBatchError, LibsqlError, type Client, type InStatement } from '@libsql/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeClient, STATEMENT_CACHE_SIZE } from '../../worker/db/node-client';
import { clearGuards, guardChanged, writeBatch } from '../../worker/db/batch';
import type { Deps } from '../../worker/deps';
import { observed } from '../helpers/libsql-observed';

const open: Client[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

const SCHEMA = [
  'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INTEGER, r REAL, b BLOB, CHECK (n IS NULL OR n >= 0))',
  'CREATE TABLE write_guards (ok INTEGER NOT NULL, CONSTRAINT "write_guards_ok" CHECK (ok = 1))',
];

/** The same fresh schema on two files: one for each client. */
async function pair() {
  const dir = mkdtempSync(join(tmpdir(), 'relais-client-'));
  const ours = createNodeClient(`file:${join(dir, 'ours.db')}`, ['PRAGMA journal_mode = WAL', 'PRAGMA busy_timeout = 5000']);
  const theirs = createClient({ url: `file:${join(dir, 'theirs.db')}` });
  open.push(ours, theirs);
  for (const c of [ours, theirs]) for (const s of SCHEMA) await c.execute(s);
  return { ours, theirs };
}


async function outcome(c: Client, run: (c: Client) => Promise<unknown>) {
  try {
    const value = await run(c);
    const list = Array.isArray(value) ? value : [value];
    return { ok: list.map((v) => (v && typeof v === 'object' && 'rows' in v ? observed(v as never) : v)) };
  } catch (e) {
    const err = e as LibsqlError & { index?: number };
    return { error: { type: e instanceof LibsqlBatchError ? 'batch' : e instanceof LibsqlError ? 'libsql' : (e as Error).constructor.name, code: err.code, extendedCode: err.extendedCode, rawCode: err.rawCode, index: err.index, message: err.message } };
  }
}

describe('the Node client with cached statements answers as @libsql/client does', () => {
  const cases: [string, (c: Client) => Promise<unknown>][] = [
    ['an insert: changes and rowid', (c) => c.execute({ sql: 'INSERT INTO t (name, n, r) VALUES (?, ?, ?)', args: ['a', 1, 1.5] })],
    ['rows by index and by name, repeated names, nulls, reals', async (c) => {
      await c.execute({ sql: 'INSERT INTO t (name, n, r) VALUES (?, ?, ?), (?, ?, ?)', args: ['a', 1, 0.5, 'b', null, null] });
      return c.execute('SELECT id, name, n, r, name AS n, 1 AS id FROM t ORDER BY id');
    }],
    ['named arguments with each prefix', async (c) => {
      await c.execute({ sql: 'INSERT INTO t (name, n) VALUES (:name, @n)', args: { name: 'x', n: 7 } });
      return c.execute({ sql: 'SELECT * FROM t WHERE name = $name', args: { $name: 'x' } });
    }],
    ['booleans, dates and blobs', async (c) => {
      const blob = new Uint8Array([0, 1, 2, 250]).buffer;
      await c.execute({ sql: 'INSERT INTO t (name, n, r, b) VALUES (?, ?, ?, ?)', args: ['d', true, new Date('2026-05-20T00:00:00Z'), blob] });
      return c.execute('SELECT n, r, b, length(b) AS size, hex(b) AS hex FROM t');
    }],
    ['an integer beyond 2^53 is refused on reading', async (c) => c.execute('SELECT 9007199254740993 AS big')],
    ['a bigint argument is taken', async (c) => c.execute({ sql: 'SELECT ? + 1 AS v', args: [41n] })],
    ['undefined is refused', async (c) => c.execute({ sql: 'SELECT ? AS v', args: [undefined as never] })],
    ['a unique constraint', async (c) => {
      await c.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['u'] });
      return c.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['u'] });
    }],
    ['a check constraint', (c) => c.execute({ sql: 'INSERT INTO t (name, n) VALUES (?, ?)', args: ['c', -1] })],
    ['a syntax error', (c) => c.execute('SELEC 1')],
    ['an unknown table', (c) => c.execute('SELECT * FROM nowhere')],
    ['a batch: every result', (c) => c.batch([{ sql: 'INSERT INTO t (name) VALUES (?)', args: ['b1'] }, 'UPDATE t SET n = 2', 'SELECT name, n FROM t'], 'write')],
    ['a batch failing at its third statement changes nothing', async (c) => {
      const failed = await outcome(c, (cc) => cc.batch([{ sql: 'INSERT INTO t (name) VALUES (?)', args: ['k'] }, 'UPDATE t SET n = 3', { sql: 'INSERT INTO t (name) VALUES (?)', args: ['k'] }], 'write'));
      return [failed, await c.execute('SELECT count(*) AS n FROM t')];
    }],
    ['a read batch refuses a write', (c) => c.batch(['SELECT 1 AS one', { sql: 'INSERT INTO t (name) VALUES (?)', args: ['r'] }], 'read')],
    ['an INSERT … RETURNING', (c) => c.execute({ sql: 'INSERT INTO t (name, n) VALUES (?, ?) RETURNING id, name, n', args: ['ret', 4] })],
    ['an UPDATE of several rows', async (c) => {
      await c.batch(['INSERT INTO t (name) VALUES (\'p\')', 'INSERT INTO t (name) VALUES (\'q\')'], 'write');
      return c.execute('UPDATE t SET n = 9');
    }],
    ['a column added after a statement was kept', async (c) => {
      await c.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['s'] });
      const before = await c.execute('SELECT * FROM t');
      await c.execute('ALTER TABLE t ADD COLUMN extra TEXT DEFAULT \'e\'');
      return [before, await c.execute('SELECT * FROM t')];
    }],
    ['a script with executeMultiple', async (c) => {
      await c.executeMultiple("INSERT INTO t (name) VALUES ('m1'); INSERT INTO t (name) VALUES ('m2');");
      return c.execute('SELECT name FROM t ORDER BY name');
    }],
    ['an interactive transaction committed, another rolled back', async (c) => {
      const tx = await c.transaction('write');
      await tx.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['tx1'] });
      await tx.commit();
      const tx2 = await c.transaction('write');
      await tx2.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['tx2'] });
      await tx2.rollback();
      return [tx.closed, tx2.closed, await c.execute('SELECT name FROM t')];
    }],
  ];
  for (const [name, run] of cases) {
    it(name, async () => {
      const { ours, theirs } = await pair();
      const a = await outcome(ours, run);
      const b = await outcome(theirs, run);
      expect(a).toEqual(b);
    });
  }
});

describe('the Node client\'s statement cache', () => {
  it('prepares a statement once however often it runs, and keeps at most STATEMENT_CACHE_SIZE', async () => {
    const { ours } = await pair();
    const before = ours.preparedCount;
    for (let i = 0; i < 50; i++) await ours.execute({ sql: 'SELECT ? AS v', args: [i] });
    expect(ours.preparedCount - before).toBe(1);
    for (let i = 0; i < STATEMENT_CACHE_SIZE + 10; i++) await ours.execute(`SELECT ${i} AS v`);
    const afterMany = ours.preparedCount;
    // The first of those was pushed out by the newer ones: it is prepared again; the newest is still kept.
    await ours.execute('SELECT 0 AS v');
    await ours.execute(`SELECT ${STATEMENT_CACHE_SIZE + 9} AS v`);
    expect(ours.preparedCount - afterMany).toBe(1);
  });

  it('a guarded batch that lost its race changes nothing and says so (writeBatch)', async () => {
    const { ours } = await pair();
    const deps = { client: ours } as unknown as Deps;
    await ours.execute({ sql: 'INSERT INTO t (name, n) VALUES (?, ?)', args: ['g', 1] });
    const lost = await writeBatch(deps, [{ sql: 'UPDATE t SET n = 2 WHERE name = ? AND n = ?', args: ['g', 5] }, guardChanged(), clearGuards]);
    expect(lost.ok).toBe(false);
    const won = await writeBatch(deps, [{ sql: 'UPDATE t SET n = 2 WHERE name = ? AND n = ?', args: ['g', 1] }, guardChanged(), clearGuards]);
    expect(won.ok).toBe(true);
    expect((await ours.execute('SELECT n FROM t')).rows[0]!.n).toBe(2);
    expect((await ours.execute('SELECT count(*) AS n FROM write_guards')).rows[0]!.n).toBe(0);
  });

  it('a batch that fails leaves no transaction open for the next caller', async () => {
    const { ours } = await pair();
    await expect(ours.batch(['INSERT INTO t (name) VALUES (\'z\')', 'INSERT INTO t (name) VALUES (\'z\')'], 'write')).rejects.toBeInstanceOf(LibsqlBatchError);
    await expect(ours.executeMultiple('BEGIN; INSERT INTO t (name) VALUES (\'open\');')).resolves.toBeUndefined();
    // Both were rolled back: the next batch begins its own transaction and the rows are not there.
    await ours.batch(['INSERT INTO t (name) VALUES (\'after\')'], 'write');
    expect((await ours.execute('SELECT name FROM t')).rows.map((r) => r.name)).toEqual(['after']);
  });

  it('a transaction has its own connection: the shared one is not blocked behind it for reads', async () => {
    const { ours } = await pair();
    const tx = await ours.transaction('write');
    await tx.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['pending'] });
    // WAL: the shared connection reads the committed state meanwhile.
    expect((await ours.execute('SELECT count(*) AS n FROM t')).rows[0]!.n).toBe(0);
    await tx.commit();
    expect((await ours.execute('SELECT count(*) AS n FROM t')).rows[0]!.n).toBe(1);
    await expect(tx.execute('SELECT 1')).rejects.toMatchObject({ code: 'TRANSACTION_CLOSED' });
  });

  it('after close every call is refused as @libsql/client refuses it', async () => {
    const { ours, theirs } = await pair();
    ours.close();
    theirs.close();
    const a = await outcome(ours, (c) => c.execute('SELECT 1'));
    const b = await outcome(theirs, (c) => c.execute('SELECT 1'));
    expect(a).toEqual(b);
    expect(ours.closed).toBe(true);
  });

  it('reads file: URLs the way @libsql/client does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-client-url-'));
    for (const url of [`file:${dir}/a.db`, `file://${dir}/b.db`, `file://localhost${dir}/c.db`]) {
      const c = createNodeClient(url);
      open.push(c);
      await c.execute('CREATE TABLE x (v)');
      const other = createClient({ url });
      open.push(other);
      expect((await other.execute("SELECT name FROM sqlite_master WHERE name = 'x'")).rows.length).toBe(1);
    }
    expect(() => createNodeClient('file://elsewhere/a.db')).toThrow(LibsqlError);
    expect(() => createNodeClient('libsql://example.turso.io')).toThrow(LibsqlError);
  });
});

// Keep the type import used for readers of the cases above.
export type { InStatement };
