import { createServer } from 'node:http';
import Database from 'libsql';

/**
 * A Hrana 2 over HTTP server (`POST /v2/pipeline`, JSON) over a libSQL file, standing in for
 * Turso in tests: the Workers' client (worker/db/http-client.ts) and `@libsql/client/http`
 * talk to it, in process through `fetch` or over a real port (`listen`). It follows the
 * protocol as `@libsql/hrana-client` speaks it (execute, batch with conditions, sequence,
 * store_sql/close_sql, close, batons), not every error text Turso gives: both clients read
 * the same answers, which is what the conformance tests compare.
 */
type Value = { type: 'null' } | { type: 'integer'; value: string } | { type: 'float'; value: number } | { type: 'text'; value: string } | { type: 'blob'; base64: string };
type Stmt = { sql?: string; sql_id?: number; args?: Value[]; named_args?: { name: string; value: Value }[]; want_rows?: boolean };
type Cond = { type: 'ok' | 'error'; step: number } | { type: 'not'; cond: Cond } | { type: 'and' | 'or'; conds: Cond[] } | { type: 'is_autocommit' };
type Request = { type: string; stmt?: Stmt; batch?: { steps: { condition?: Cond; stmt: Stmt }[] }; sql?: string; sql_id?: number };

/** What one POST carried: its URL, auth header and body. */
export type Recorded = { url: string; method: string; contentType: string | null; authorization: string | null; body: { baton?: string; requests: Request[] } };

function fromValue(v: Value): unknown {
  switch (v.type) {
    case 'null':
      return null;
    case 'integer':
      return BigInt(v.value);
    case 'float':
    case 'text':
      return v.value;
    case 'blob':
      return Buffer.from(v.base64, 'base64');
  }
}

function toValue(v: unknown): Value {
  if (v === null || v === undefined) return { type: 'null' };
  if (typeof v === 'bigint') return { type: 'integer', value: String(v) };
  if (typeof v === 'number') return { type: 'float', value: v };
  if (typeof v === 'string') return { type: 'text', value: v };
  if (v instanceof Uint8Array) return { type: 'blob', base64: Buffer.from(v).toString('base64') };
  throw new Error(`no Hrana value for ${typeof v}`);
}

class Failure extends Error {
  constructor(readonly error: { message: string; code?: string }) {
    super(error.message);
  }
}

/** The handler: `fetch` answers as the server would; `log` has every request, `answer` can replace the next answers. */
export function hranaServer(path: string) {
  const db = new Database(path);
  db.exec('PRAGMA busy_timeout = 5000');
  const streams = new Map<string, Map<number, string>>();
  let batons = 0;
  const log: Recorded[] = [];
  /** Answers to give instead of the real ones, first in first out (a failing server, a malformed body). */
  const answers: ((body: Recorded['body']) => Response)[] = [];

  function execute(stmt: Stmt, sqls: Map<number, string>) {
    const sql = stmt.sql ?? sqls.get(stmt.sql_id!);
    if (sql === undefined) throw new Failure({ message: `SQL text ${stmt.sql_id} not found`, code: 'SQL_STORE_DOES_NOT_EXIST' });
    try {
      const prepared = db.prepare(sql);
      prepared.safeIntegers(true);
      const named = stmt.named_args ?? [];
      const args = named.length ? Object.fromEntries(named.map((a) => [a.name.replace(/^[:@$]/, ''), fromValue(a.value)])) : (stmt.args ?? []).map(fromValue);
      let returnsData = true;
      try {
        prepared.raw(true);
      } catch {
        returnsData = false;
      }
      if (returnsData) {
        const rows = prepared.all(args) as unknown[][];
        const cols = prepared.columns().map((c: { name: string; type: string | null }) => ({ name: c.name, decltype: c.type }));
        return { cols, rows: stmt.want_rows === false ? [] : rows.map((r) => r.map(toValue)), affected_row_count: 0, last_insert_rowid: null };
      }
      const info = prepared.run(args) as { changes: number; lastInsertRowid: bigint | number };
      return { cols: [], rows: [], affected_row_count: info.changes, last_insert_rowid: String(info.lastInsertRowid) };
    } catch (e) {
      if (e instanceof Failure) throw e;
      const err = e as Error & { code?: string };
      throw new Failure({ message: err.message, code: err.code ?? 'SQLITE_ERROR' });
    }
  }

  function batch(steps: { condition?: Cond; stmt: Stmt }[], sqls: Map<number, string>) {
    const results: unknown[] = [];
    const errors: unknown[] = [];
    const holds = (c: Cond): boolean => {
      switch (c.type) {
        case 'ok':
          return results[c.step] != null;
        case 'error':
          return errors[c.step] != null;
        case 'not':
          return !holds(c.cond);
        case 'and':
          return c.conds.every(holds);
        case 'or':
          return c.conds.some(holds);
        case 'is_autocommit':
          return !db.inTransaction;
      }
    };
    steps.forEach((s, i) => {
      results[i] = null;
      errors[i] = null;
      if (s.condition && !holds(s.condition)) return;
      try {
        results[i] = execute(s.stmt, sqls);
      } catch (e) {
        if (!(e instanceof Failure)) throw e;
        errors[i] = e.error;
      }
    });
    return { step_results: results, step_errors: errors };
  }

  function handle(request: Request, sqls: Map<number, string>) {
    switch (request.type) {
      case 'execute':
        return { type: 'execute', result: execute(request.stmt!, sqls) };
      case 'batch':
        return { type: 'batch', result: batch(request.batch!.steps, sqls) };
      case 'sequence':
        try {
          db.exec(request.sql ?? sqls.get(request.sql_id!)!);
        } catch (e) {
          throw new Failure({ message: (e as Error).message, code: (e as { code?: string }).code ?? 'SQLITE_ERROR' });
        }
        return { type: 'sequence' };
      case 'store_sql':
        sqls.set(request.sql_id!, request.sql!);
        return { type: 'store_sql' };
      case 'close_sql':
        sqls.delete(request.sql_id!);
        return { type: 'close_sql' };
      case 'close':
        return { type: 'close' };
      default:
        throw new Failure({ message: `unknown request ${request.type}` });
    }
  }

  async function fetchHandler(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const req = new globalThis.Request(input, init);
    const body = (await req.json()) as Recorded['body'];
    log.push({ url: req.url, method: req.method, contentType: req.headers.get('content-type'), authorization: req.headers.get('authorization'), body });
    const canned = answers.shift();
    if (canned) return canned(body);
    if (req.method !== 'POST' || !new URL(req.url).pathname.endsWith('/v2/pipeline')) return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    const sqls = (body.baton && streams.get(body.baton)) || new Map<number, string>();
    let closed = false;
    const results = body.requests.map((r) => {
      if (closed) return { type: 'error', error: { message: 'The stream is closed', code: 'STREAM_CLOSED' } };
      try {
        const response = handle(r, sqls);
        if (r.type === 'close') closed = true;
        return { type: 'ok', response };
      } catch (e) {
        if (!(e instanceof Failure)) throw e;
        return { type: 'error', error: e.error };
      }
    });
    if (body.baton) streams.delete(body.baton);
    let baton: string | null = null;
    if (!closed) streams.set((baton = `b${++batons}`), sqls);
    return Response.json({ baton, base_url: null, results });
  }

  /** Serves the handler on a loopback port, for a client in another process (wrangler dev). */
  async function listen(): Promise<{ url: string; close: () => Promise<void> }> {
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const answer = await fetchHandler(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  return { db, log, answers, fetch: fetchHandler as typeof fetch, listen };
}

/**
 * A request as the server understood it: SQL kept with `store_sql` written in place of its
 * id, and the store/close requests themselves left out, so that a client that caches SQL
 * texts and one that sends them inline can be compared.
 */
export function normalized(r: Recorded) {
  const sqls = new Map<number, string>();
  const stmt = (s: Stmt) => {
    const { sql_id, ...rest } = s;
    return sql_id === undefined ? s : { ...rest, sql: sqls.get(sql_id) };
  };
  const requests: unknown[] = [];
  for (const q of r.body.requests) {
    if (q.type === 'store_sql') sqls.set(q.sql_id!, q.sql!);
    else if (q.type === 'close_sql') continue;
    else if (q.type === 'execute') requests.push({ ...q, stmt: stmt(q.stmt!) });
    else if (q.type === 'batch') requests.push({ ...q, batch: { steps: q.batch!.steps.map((s) => ({ ...s, stmt: stmt(s.stmt) })) } });
    else requests.push(q);
  }
  return { url: r.url, method: r.method, contentType: r.contentType, authorization: r.authorization, baton: r.body.baton, requests };
}
