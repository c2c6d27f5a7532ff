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
import { CASES, outcome, SCHEMA } from '../helpers/libsql-conformance';

/**
 * The Workers' Hrana client (worker/db/http-client.ts) against `@libsql/client/http`, the
 * client it replaces: the same calls through each, to two Hrana servers over two files with
 * the same schema. Each must send the same requests (once the official client's SQL text
 * cache is written in place) and answer, or fail, the same way.
 */
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

const cases: [string, (c: Client) => Promise<unknown>][] = [
  ...CASES,
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
