import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, LibsqlBatchError, LibsqlError, type Client } from '@libsql/client/http';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql/http';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { clearGuards, guardChanged, writeBatch } from '../../worker/db/batch';
import { createHttpClient } from '../../worker/db/http-client';
import { libsqlDrizzle } from '../../worker/workers-env';
import type { Deps } from '../../worker/deps';
import { hranaServer, normalized, type Recorded } from '../helpers/hrana-server';
import { observed } from '../helpers/libsql-observed';

/**
 * The Workers' Hrana client (worker/db/http-client.ts) against `@libsql/client/http`, the
 * client it replaces: the same calls through each, to two Hrana servers over two files with
 * the same schema. Each must send the same requests (once the official client's SQL text
 * cache is written in place) and answer, or fail, the same way.
 */
const SCHEMA = [
  'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INTEGER, r REAL, b BLOB, CHECK (n IS NULL OR n >= 0))',
  'CREATE TABLE write_guards (ok INTEGER NOT NULL, CONSTRAINT "write_guards_ok" CHECK (ok = 1))',
];
const URL_ = 'libsql://relais-test.example.turso.io';
const TOKEN = 'eyJ0ZXN0IjoidG9rZW4ifQ';

async function pair(url = URL_) {
  const dir = mkdtempSync(join(tmpdir(), 'relais-hrana-'));
  const a = hranaServer(join(dir, 'ours.db'));
  const b = hranaServer(join(dir, 'theirs.db'));
  for (const s of [a, b]) for (const q of SCHEMA) s.db.exec(q);
  const ours = createHttpClient({ url, authToken: TOKEN, fetch: a.fetch });
  const theirs = createClient({ url, authToken: TOKEN, fetch: b.fetch });
  return { ours, theirs, a, b };
}


async function outcome(c: Client, run: (c: Client) => Promise<unknown>) {
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

const cases: [string, (c: Client) => Promise<unknown>][] = [
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
  ['sync is refused', async (c) => c.sync()],
  ['after close every call is refused', async (c) => {
    c.close();
    return [c.closed, await outcome(c, (cc) => cc.execute('SELECT 1')), await outcome(c, (cc) => cc.batch(['SELECT 1'], 'write'))];
  }],
];

describe('the Workers\' Hrana client sends and answers as @libsql/client/http does', () => {
  for (const [name, run] of cases) {
    it(name, async () => {
      const { ours, theirs, a, b } = await pair();
      const mine = await outcome(ours, run);
      const official = await outcome(theirs, run);
      expect(mine).toEqual(official);
      expect(a.log.map(normalized)).toEqual(b.log.map(normalized));
    });
  }

  it('sends one POST per call, to v2/pipeline, with the token, closing its stream', async () => {
    const { ours, a } = await pair();
    await ours.execute('SELECT 1');
    await ours.batch(['SELECT 1', 'SELECT 2'], 'write');
    expect(a.log).toHaveLength(2);
    for (const r of a.log) {
      expect(r).toMatchObject({ url: 'https://relais-test.example.turso.io/v2/pipeline', method: 'POST', contentType: 'application/json', authorization: `Bearer ${TOKEN}` });
      expect(r.body.requests.at(-1)).toEqual({ type: 'close' });
      expect(r.body.baton).toBeUndefined();
    }
    // The batch is one transaction: BEGIN IMMEDIATE, each statement on the previous one's success, COMMIT, ROLLBACK unless committed.
    expect(a.log[1]!.body.requests[0]!.batch!.steps.map((s) => [s.stmt.sql, s.condition])).toEqual([
      ['BEGIN IMMEDIATE', undefined],
      ['SELECT 1', { type: 'ok', step: 0 }],
      ['SELECT 2', { type: 'ok', step: 1 }],
      ['COMMIT', { type: 'ok', step: 2 }],
      ['ROLLBACK', { type: 'not', cond: { type: 'ok', step: 3 } }],
    ]);
  });

  it('writeBatch reports a lost race and a won one alike', async () => {
    const { ours, theirs } = await pair();
    for (const c of [ours, theirs]) {
      const deps = { client: c } as unknown as Deps;
      await c.execute({ sql: 'INSERT INTO t (name, n) VALUES (?, ?)', args: ['g', 1] });
      expect((await writeBatch(deps, [{ sql: 'UPDATE t SET n = 2 WHERE name = ? AND n = ?', args: ['g', 5] }, guardChanged(), clearGuards])).ok).toBe(false);
      expect((await writeBatch(deps, [{ sql: 'UPDATE t SET n = 2 WHERE name = ? AND n = ?', args: ['g', 1] }, guardChanged(), clearGuards])).ok).toBe(true);
      expect((await c.execute('SELECT n FROM t')).rows[0]!.n).toBe(2);
    }
  });

  it('has no interactive transactions, and says so', async () => {
    const { ours } = await pair();
    await expect(ours.transaction('write')).rejects.toMatchObject({ code: 'TRANSACTION_NOT_SUPPORTED' });
  });
});

describe('a server that fails or answers oddly is read as @libsql/client/http reads it', () => {
  const answers: [string, () => Response][] = [
    ['HTTP 500 with a text body', () => new Response('  database is on fire \n', { status: 500, headers: { 'content-type': 'text/plain' } })],
    ['HTTP 500 with an empty text body', () => new Response('', { status: 500, headers: { 'content-type': 'text/plain' } })],
    ['HTTP 401 with a JSON error', () => new Response(JSON.stringify({ message: 'Unauthorized: the token has expired', code: 'AUTH_TOKEN_EXPIRED' }), { status: 401, headers: { 'content-type': 'application/json' } })],
    ['HTTP 400 with a JSON body that is no error', () => new Response(JSON.stringify({ what: 'no' }), { status: 400, headers: { 'content-type': 'application/json' } })],
    ['HTTP 503 with JSON and a charset', () => new Response(JSON.stringify({ message: 'busy' }), { status: 503, headers: { 'content-type': 'application/json; charset=utf-8' } })],
    ['HTTP 502 with HTML', () => new Response('<html>bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } })],
    ['HTTP 404 without a content type', () => new Response(null, { status: 404 })],
    ['a stream error with a code', () => Response.json({ baton: null, base_url: null, results: [{ type: 'error', error: { message: 'no such table: x', code: 'SQLITE_ERROR' } }, { type: 'ok', response: { type: 'close' } }] })],
    ['a stream error without a code', () => Response.json({ baton: null, base_url: null, results: [{ type: 'error', error: { message: 'something' } }, { type: 'ok', response: { type: 'close' } }] })],
    ['too few results', () => Response.json({ baton: null, base_url: null, results: [{ type: 'ok', response: { type: 'close' } }] })],
    ['a response of another type', () => Response.json({ baton: null, base_url: null, results: [{ type: 'ok', response: { type: 'sequence' } }, { type: 'ok', response: { type: 'close' } }] })],
    ['a value of an unknown type', () => Response.json({ baton: null, base_url: null, results: [{ type: 'ok', response: { type: 'execute', result: { cols: [{ name: 'v' }], rows: [[{ type: 'date', value: 'x' }]], affected_row_count: 0 } } }, { type: 'ok', response: { type: 'close' } }] })],
    ['columns without names or types, a rowid', () => Response.json({ baton: null, base_url: null, results: [{ type: 'ok', response: { type: 'execute', result: { cols: [{ name: null, decltype: null }, { name: 'b' }], rows: [[{ type: 'integer', value: '3' }, { type: 'text', value: 't' }]], affected_row_count: 2, last_insert_rowid: '12345678901234567' } } }, { type: 'ok', response: { type: 'close' } }] })],
  ];
  for (const [name, answer] of answers) {
    it(`${name}: execute`, async () => {
      const { ours, theirs, a, b } = await pair();
      a.answers.push(answer);
      b.answers.push(answer);
      expect(await outcome(ours, (c) => c.execute('SELECT 1 AS v'))).toEqual(await outcome(theirs, (c) => c.execute('SELECT 1 AS v')));
    });
  }
  for (const [name, answer] of answers.slice(0, 7)) {
    it(`${name}: batch`, async () => {
      const { ours, theirs, a, b } = await pair();
      a.answers.push(answer);
      b.answers.push(answer);
      expect(await outcome(ours, (c) => c.batch(['SELECT 1'], 'write'))).toEqual(await outcome(theirs, (c) => c.batch(['SELECT 1'], 'write')));
    });
  }

  it('a batch whose step has both a result and an error, or was not run', async () => {
    const step = { cols: [], rows: [], affected_row_count: 0 };
    const err = { message: 'boom', code: 'SQLITE_ERROR' };
    for (const [results, errors] of [
      [[step, step, step, step, null], [null, err, null, null, null]],
      [[step, null, step, step, null], [null, null, null, null, null]],
      [[null, null, null, null, step], [err, null, null, null, null]],
      [[step, step, null, null, step], [null, null, err, null, null]],
    ]) {
      // Each request answered in turn (@libsql/client also sends its SQL texts with store_sql), the batch as given.
      const answer = (body: Recorded['body']) =>
        Response.json({ baton: null, base_url: null, results: body.requests.map((q) => ({ type: 'ok', response: q.type === 'batch' ? { type: 'batch', result: { step_results: results, step_errors: errors } } : { type: q.type } })) });
      const { ours, theirs, a, b } = await pair();
      a.answers.push(answer);
      b.answers.push(answer);
      expect(await outcome(ours, (c) => c.batch(['SELECT 1', 'SELECT 2'], 'write'))).toEqual(await outcome(theirs, (c) => c.batch(['SELECT 1', 'SELECT 2'], 'write')));
    }
  });

  it('a network failure is thrown as it came', async () => {
    const refuse = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
    const ours = createHttpClient({ url: URL_, fetch: refuse });
    const theirs = createClient({ url: URL_, fetch: refuse });
    expect(await outcome(ours, (c) => c.execute('SELECT 1'))).toEqual(await outcome(theirs, (c) => c.execute('SELECT 1')));
    expect(await outcome(ours, (c) => c.batch(['SELECT 1'], 'write'))).toEqual(await outcome(theirs, (c) => c.batch(['SELECT 1'], 'write')));
  });
});

describe('database URLs are read as @libsql/client/http reads them', () => {
  const urls = [
    'libsql://relais-acme.turso.io',
    'libsql://relais-acme.turso.io/',
    'libsql://Relais-ACME.aws-eu-west-1.turso.io',
    'libsql://relais-acme.turso.io?authToken=from-the-url',
    'libsql://127.0.0.1:8080?tls=0',
    'libsql://127.0.0.1?tls=0',
    'libsql://relais-acme.turso.io?tls=1',
    'libsql://relais-acme.turso.io?tls=2',
    'libsql://relais-acme.turso.io?region=eu',
    'libsql://relais-acme.turso.io#frag',
    'https://relais-acme.turso.io',
    'https://relais-acme.turso.io:443/',
    'https://relais-acme.turso.io:8443/some/base',
    'https://relais-acme.turso.io/some/base/',
    'https://relais-acme.turso.io?tls=0',
    'http://127.0.0.1:9',
    'http://127.0.0.1:8080/?tls=1',
    'http://[::1]:8080',
    'wss://relais-acme.turso.io',
  ];
  for (const url of urls) {
    it(url, async () => {
      const seen = async (make: (f: typeof fetch) => Client) => {
        let request: { url: string; authorization: string | null } | undefined;
        const capture = (async (input: RequestInfo | URL, init?: RequestInit) => {
          const req = new Request(input, init);
          request = { url: req.url, authorization: req.headers.get('authorization') };
          return Response.json({ baton: null, base_url: null, results: [{ type: 'ok', response: { type: 'execute', result: { cols: [], rows: [], affected_row_count: 0 } } }, { type: 'ok', response: { type: 'close' } }] });
        }) as typeof fetch;
        try {
          const client = make(capture);
          await client.execute('SELECT 1');
          return { request };
        } catch (e) {
          return { error: { code: (e as LibsqlError).code, message: (e as Error).message } };
        }
      };
      const mine = await seen((f) => createHttpClient({ url, authToken: 'given', fetch: f }));
      const official = await seen((f) => createClient({ url, authToken: 'given', fetch: f }));
      expect(mine).toEqual(official);
    });
  }
});

describe('drizzle over the Workers\' client', () => {
  const items = sqliteTable('t', { id: integer('id').primaryKey(), name: text('name').notNull(), n: integer('n') });
  it('selects, inserts, updates and deletes as over @libsql/client/http, with the same SQL', async () => {
    const { ours, theirs, a, b } = await pair();
    const run = async (c: Client, db: ReturnType<typeof libsqlDrizzle>) => {
      await db.insert(items).values([{ name: 'a', n: 1 }, { name: 'b', n: null }]);
      await db.update(items).set({ n: sql`${items.n} + 1` }).where(eq(items.name, 'a'));
      const all = await db.select().from(items).orderBy(items.id);
      const one = await db.select({ name: items.name }).from(items).where(eq(items.id, 1)).get();
      const values = await db.select({ n: items.n }).from(items).values();
      const returned = await db.insert(items).values({ name: 'c', n: 3 }).returning();
      await db.delete(items).where(eq(items.name, 'b'));
      const batched = await db.batch([db.select().from(items), db.insert(items).values({ name: 'd' })]);
      return { all, one, values, returned, batched: JSON.stringify(batched), left: await c.execute('SELECT name, n FROM t ORDER BY id').then((r) => r.rows.map((row) => ({ ...row }))) };
    };
    const mine = await run(ours, libsqlDrizzle(ours));
    const official = await run(theirs, drizzle({ client: theirs }));
    expect(mine).toEqual(official);
    expect(mine.all).toEqual([{ id: 1, name: 'a', n: 2 }, { id: 2, name: 'b', n: null }]);
    expect(a.log.map(normalized)).toEqual(b.log.map(normalized));
  });
});

describe('what the Workers ask of their client', () => {
  it('no module bundled into the API or the notifier Worker opens an interactive transaction', async () => {
    // The Workers' client has no transaction() (worker/db/http-client.ts); drizzle's db.transaction() would call it.
    const { build } = await import('esbuild');
    const { readFileSync } = await import('node:fs');
    for (const entry of ['worker/index.ts', 'worker/notifier.ts']) {
      const out = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, format: 'esm', platform: 'neutral', conditions: ['workerd', 'worker', 'browser'], mainFields: ['browser', 'module', 'main'], external: ['cloudflare:*', 'node:*'], logLevel: 'silent' });
      const ours = Object.keys(out.metafile.inputs).filter((f) => /^(worker|shared)\//.test(f));
      expect(ours).toContain('worker/db/http-client.ts');
      const calling = ours.filter((f) => /\.transaction\(/.test(readFileSync(f, 'utf8').replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')));
      expect(calling, entry).toEqual([]);
    }
  });
});
