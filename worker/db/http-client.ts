/**
 * The libSQL client the Workers run on: the `Client` interface of `@libsql/client` over
 * Hrana 2 over HTTP (JSON), which is what `@libsql/client/http` (and `/web` for the URLs
 * WorkerEnv accepts) speaks to Turso: one `POST {url}/v2/pipeline` per call, the stream
 * closed in the same request.
 *
 * Why our own: `@libsql/client`'s HTTP client carries the Hrana 3 protobuf encoders, cursors,
 * interactive streams, a SQL text cache, a base64 library and URL parsing for every scheme:
 * 13.2 KB gzip more than this file in the API Worker's bundle (budget 100 KB; README,
 * Performance). The Workers only run statements and atomic batches (STYLE.md: Turso over
 * HTTP has no separate BEGIN/COMMIT), which is all this file does.
 * Results and errors are built exactly as that client builds them (rows readable by index
 * and by column name, integers as numbers with a range check, the same `LibsqlError` codes
 * and messages); test/api/http-client.test.ts sends the same calls through both to the same
 * Hrana server and compares what each sent and what each answered.
 *
 * Not here: interactive `transaction()`, which needs a stream kept open across requests
 * (nothing on the Workers uses it; it throws TRANSACTION_NOT_SUPPORTED), `sync()` (not
 * supported over HTTP by `@libsql/client` either), and the 20-call concurrency cap (a
 * Worker's invocation opens at most 6 connections at once anyway).
 */
import { LibsqlBatchError, LibsqlError } from '@libsql/core/api';
import type { Client, InArgs, InStatement, InValue, ResultSet, Row, TransactionMode } from '@libsql/client';
import { toBase64 } from '../http/crypto';
import { beginOf, LibsqlResultSet, libsqlRow } from './libsql-shapes';

type Value =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };
type Stmt = { sql: string; args: Value[]; named_args: { name: string; value: Value }[]; want_rows: boolean };
type Cond = { type: 'ok'; step: number } | { type: 'not'; cond: Cond };
type Failure = { message: string; code?: string | null };
type StmtResult = {
  cols: { name?: string | null; decltype?: string | null }[];
  rows: Value[][];
  affected_row_count: number;
  last_insert_rowid?: string | null;
};
type StreamResult = { type: 'ok'; response: { type: string; result?: never } } | { type: 'error'; error: Failure };

const I64 = 2n ** 63n;

/** A server error, as `@libsql/client` reports it: `CODE: message`, the server's error as the cause. */
function serverError(f: Failure) {
  const cause = Object.assign(new Error(f.message), { name: 'ResponseError', code: f.code ?? undefined });
  return new LibsqlError(f.message, f.code ?? 'UNKNOWN', undefined, undefined, cause);
}
const protoError = (message: string) => new LibsqlError(message, 'HRANA_PROTO_ERROR');


/** A JavaScript argument as Hrana sends it (`@libsql/hrana-client` valueToProto, then its JSON form). */
function valueToHrana(v: InValue): Value {
  if (v === null) return { type: 'null' };
  if (typeof v === 'string') return { type: 'text', value: v };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
    return { type: 'float', value: v };
  }
  if (typeof v === 'bigint') {
    if (v < -I64 || v >= I64) throw new RangeError('This bigint value is too large to be represented as a 64-bit integer and passed as argument');
    return { type: 'integer', value: '' + v };
  }
  if (typeof v === 'boolean') return { type: 'integer', value: v ? '1' : '0' };
  if (v instanceof ArrayBuffer || v instanceof Uint8Array) return { type: 'blob', base64: toBase64(new Uint8Array(v)) };
  if (v instanceof Date) return { type: 'float', value: Number(v) };
  if (typeof v === 'object') return { type: 'text', value: '' + (v as object).toString() };
  throw new TypeError('Unsupported type of value');
}

function valueFromHrana(v: Value): InValue {
  switch (v?.type) {
    case 'null':
      return null;
    case 'integer': {
      const n = Number(BigInt(v.value));
      if (!Number.isSafeInteger(n)) throw new RangeError('Received integer which is too large to be safely represented as a JavaScript number');
      return n;
    }
    case 'float':
    case 'text':
      return v.value;
    case 'blob': {
      const s = atob(v.base64);
      const bytes = new Uint8Array(s.length);
      for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
      return bytes.buffer;
    }
  }
  throw protoError('Unexpected type of Value');
}

function stmtToHrana(stmt: InStatement | [string, InArgs?], wantRows: boolean): Stmt {
  const [sql, args] = typeof stmt === 'string' ? [stmt] : Array.isArray(stmt) ? stmt : [stmt.sql, stmt.args];
  const named = args && !Array.isArray(args);
  return {
    sql,
    args: named || !args ? [] : (args as InValue[]).map(valueToHrana),
    named_args: named ? Object.entries(args).map(([name, value]) => ({ name, value: valueToHrana(value) })) : [],
    want_rows: wantRows,
  };
}


/** A statement's result: each row's values by index (not enumerable) and by the first column of each name. */
function resultSet(r: StmtResult): LibsqlResultSet {
  const names = r.cols.map((c) => c.name ?? undefined);
  const rows = r.rows.map((values) => libsqlRow(values, names, valueFromHrana));
  const rowid = r.last_insert_rowid == null ? undefined : BigInt(r.last_insert_rowid);
  return new LibsqlResultSet(names.map((n) => n ?? ''), r.cols.map((c) => c.decltype ?? ''), rows, r.affected_row_count, rowid);
}

/** The error for a refused HTTP request, as `@libsql/hrana-client` reads it (the exact content types it knows). */
async function httpError(res: Response): Promise<LibsqlError> {
  const type = res.headers.get('content-type') ?? 'text/plain';
  let message = `Server returned HTTP status ${res.status}`;
  if (type === 'application/json') {
    const body = (await res.json()) as Failure;
    if ('message' in body) return serverError(body);
  } else if (type === 'text/plain') {
    const text = (await res.text()).trim();
    if (text !== '') message += `: ${text}`;
  } else await res.body?.cancel();
  return new LibsqlError(message, 'SERVER_ERROR');
}

/** The pipeline URL for a `libsql:`, `https:` or `http:` database URL, and the token it may carry (`@libsql/core` expandConfig's rules). */
function endpoint(url: string, authToken: string | undefined) {
  const u = new URL(url);
  let tls: boolean | undefined;
  for (const [key, value] of u.searchParams) {
    if (key === 'authToken') authToken = value;
    else if (key !== 'tls') throw new LibsqlError(`Unsupported URL query parameter ${JSON.stringify(key)}`, 'URL_PARAM_NOT_SUPPORTED');
    else if (value === '0' || value === '1') tls = value === '1';
    else throw new LibsqlError(`Unknown value for the "tls" query argument: ${JSON.stringify(value)}. Supported values are: ["0", "1"]`, 'URL_INVALID');
  }
  let scheme = u.protocol.slice(0, -1);
  if (scheme === 'libsql') {
    if (tls === false && !u.port) throw new LibsqlError('A "libsql:" URL with ?tls=0 must specify an explicit port', 'URL_INVALID');
    scheme = tls === false ? 'http' : 'https';
  }
  if (scheme !== 'https' && scheme !== 'http') {
    throw new LibsqlError(
      `The HTTP client supports only "libsql:", "https:" and "http:" URLs, got ${JSON.stringify(scheme + ':')}. ` +
        'For more information, please read https://github.com/libsql/libsql-client-ts#supported-urls',
      'URL_SCHEME_NOT_SUPPORTED',
    );
  }
  if (u.hash) throw new LibsqlError(`URL fragments are not supported: ${JSON.stringify(decodeURIComponent(u.hash))}`, 'URL_INVALID');
  if (scheme === 'http' && tls) throw new LibsqlError('A "http:" URL cannot opt into TLS by using ?tls=1', 'URL_INVALID');
  if (scheme === 'https' && tls === false) throw new LibsqlError('A "https:" URL cannot opt out of TLS by using ?tls=0', 'URL_INVALID');
  const auth = u.username ? `${u.username}${u.password ? ':' + u.password : ''}@` : '';
  return { pipeline: new URL('v2/pipeline', `${scheme}://${auth}${u.host}${u.pathname === '/' ? '' : u.pathname}`).toString(), authToken };
}

/** A Hrana-over-HTTP `Client` for `url` (see the file's comment for what it does not do). */
export function createHttpClient(config: { url: string; authToken?: string; fetch?: typeof fetch }): Client {
  const { pipeline, authToken } = endpoint(config.url, config.authToken);
  const doFetch = config.fetch ?? ((input, init) => fetch(input, init));
  let closed = false;

  const open = () => {
    if (closed) throw new LibsqlError('Client is closed: ClientError: Client was manually closed', 'UNKNOWN');
  };

  /** Sends `requests` and a close in one POST; the requests' results, each one's error thrown. */
  async function send(requests: object[]): Promise<{ type: string; result?: unknown }[]> {
    open();
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authToken !== undefined) headers.authorization = `Bearer ${authToken}`;
    const res = await doFetch(pipeline, { method: 'POST', headers, body: JSON.stringify({ requests: [...requests, { type: 'close' }] }) });
    if (!res.ok) throw await httpError(res);
    const body = (await res.json()) as { results?: StreamResult[] };
    if (!Array.isArray(body?.results)) throw protoError('Expected array, but the property was missing');
    if (body.results.length !== requests.length + 1) throw protoError('Server returned unexpected number of pipeline results');
    return body.results.slice(0, -1).map((r, i) => {
      if (r.type === 'error') throw serverError(r.error);
      if (r.type !== 'ok' || r.response?.type !== (requests[i] as { type: string }).type) throw protoError('Received unexpected type of response');
      return r.response;
    });
  }

  /** A batch in one transaction, as `@libsql/client`'s executeHranaBatch builds and reads it. */
  async function batch(stmts: (InStatement | [string, InArgs?])[], mode: TransactionMode, foreignKeysOff = false): Promise<ResultSet[]> {
    // In @libsql/client's order: the arguments are checked, then the client, then the mode.
    const hrana = stmts.map((s) => stmtToHrana(s, true));
    open();
    const begin = beginOf(mode);
    const step = (sql: string, condition?: Cond) => ({ ...(condition ? { condition } : {}), stmt: stmtToHrana(sql, false) });
    const first = foreignKeysOff ? 1 : 0;
    const steps: object[] = [
      ...(foreignKeysOff ? [step('PRAGMA foreign_keys=off')] : []),
      step(begin),
      ...hrana.map((stmt, i) => ({ condition: { type: 'ok', step: first + i }, stmt })),
    ];
    const commit = steps.length;
    steps.push(step('COMMIT', { type: 'ok', step: commit - 1 }), step('ROLLBACK', { type: 'not', cond: { type: 'ok', step: commit } }));
    if (foreignKeysOff) steps.push(step('PRAGMA foreign_keys=on'));
    const [response] = await send([{ type: 'batch', batch: { steps } }]);
    const r = response!.result as { step_results?: (StmtResult | null)[]; step_errors?: (Failure | null)[] };
    if (!Array.isArray(r?.step_results) || !Array.isArray(r.step_errors)) throw protoError('Expected array, but the property was missing');
    // Every step is read in order first: a value out of range throws before any error is looked at.
    const outcomes = steps.map((_, i) => {
      const result = r.step_results![i] ?? undefined;
      const error = r.step_errors![i] ?? undefined;
      if (result && error) return { error: protoError('Server returned both result and error') };
      if (error) return { error: serverError(error) };
      return { result: result && resultSet(result) };
    });
    if (outcomes[first]!.error) throw outcomes[first]!.error;
    const results = stmts.map((_, i) => {
      const o = outcomes[first + 1 + i]!;
      if (o.error) throw new LibsqlBatchError(o.error.message, i, o.error.code, undefined, undefined, o.error.cause as Error | undefined);
      const notRun = 'Statement in a batch was not executed, probably because the transaction has been rolled back';
      if (!o.result) throw new LibsqlBatchError(notRun, i, 'TRANSACTION_CLOSED');
      return o.result;
    });
    if (outcomes[commit]!.error) throw outcomes[commit]!.error;
    return results;
  }

  return {
    protocol: 'http',
    get closed() {
      return closed;
    },
    async execute(stmtOrSql: InStatement | string, args?: InArgs) {
      const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args || [] } : stmtOrSql;
      const [response] = await send([{ type: 'execute', stmt: stmtToHrana(stmt, true) }]);
      return resultSet(response!.result as StmtResult);
    },
    batch: (stmts, mode = 'deferred') => batch(stmts, mode),
    migrate: (stmts) => batch(stmts, 'deferred', true),
    async executeMultiple(sql: string) {
      await send([{ type: 'sequence', sql }]);
    },
    async transaction() {
      throw new LibsqlError('Interactive transactions are not supported by the Workers client: use batch()', 'TRANSACTION_NOT_SUPPORTED');
    },
    sync() {
      throw new LibsqlError('sync not supported in http mode', 'SYNC_NOT_SUPPORTED');
    },
    close() {
      closed = true;
    },
    async reconnect() {
      closed = false;
    },
  } as Client;
}
