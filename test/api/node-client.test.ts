import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, LibsqlBatchError, LibsqlError, type Client, type InStatement } from '@libsql/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeClient, STATEMENT_CACHE_SIZE } from '../../worker/db/node-client';
import { clearGuards, guardChanged, writeBatch } from '../../worker/db/batch';
import type { Deps } from '../../worker/deps';
import { CASES, outcome, SCHEMA } from '../helpers/libsql-conformance';

const open: Client[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

/** The same fresh schema on two files: one for each client. */
async function pair() {
  const dir = mkdtempSync(join(tmpdir(), 'relais-client-'));
  const ours = createNodeClient(`file:${join(dir, 'ours.db')}`, ['PRAGMA journal_mode = WAL', 'PRAGMA busy_timeout = 5000']);
  const theirs = createClient({ url: `file:${join(dir, 'theirs.db')}` });
  open.push(ours, theirs);
  for (const c of [ours, theirs]) for (const s of SCHEMA) await c.execute(s);
  return { ours, theirs };
}

describe('the Node client with cached statements answers as @libsql/client does', () => {
  const cases: [string, (c: Client) => Promise<unknown>][] = [
    ...CASES,
    ['a column added after a statement was kept', async (c) => {
      await c.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['s'] });
      const before = await c.execute('SELECT * FROM t');
      await c.execute('ALTER TABLE t ADD COLUMN extra TEXT DEFAULT \'e\'');
      return [before, await c.execute('SELECT * FROM t')];
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
