/**
 * The libSQL client the Node server runs on: the `Client` interface of `@libsql/client`
 * (what drizzle and our batches speak, and what worker/db/http-client.ts gives the Workers, so
 * the SQL is the same on both runtimes) over the embedded `libsql` driver, with each
 * connection's statements prepared once and kept.
 *
 * `@libsql/client`'s file client prepares every statement anew and asks for its columns on
 * each call; on a small indexed read that was most of the statement's cost (see README,
 * Performance: "Statement cost"). Results are built exactly as that client builds them (rows
 * readable by index and by column name, integers as numbers with a range check, the same
 * `LibsqlError` codes), so nothing above this file can tell the two apart; the test
 * test/api/node-client.test.ts runs the same statements through both and compares.
 *
 * One connection serves `execute`, `batch` and `migrate`: each runs synchronously from its
 * first statement to its last (the embedded driver never yields), so two calls never
 * interleave on it. An interactive `transaction()` awaits between its statements, so it gets
 * a connection of its own for its lifetime, as it does in `@libsql/client`.
 */
import Database from 'libsql';
import { beginOf, LibsqlResultSet, libsqlRow } from './libsql-shapes';
import {
  LibsqlBatchError,
  LibsqlError,
  type Client,
  type InArgs,
  type InStatement,
  type InValue,
  type ResultSet,
  type Row,
  type Transaction,
  type TransactionMode,
} from '@libsql/client';

type Driver = InstanceType<typeof Database>;
type Prepared = ReturnType<Driver['prepare']>;

/** A statement prepared on one connection, with what its result looks like. */
type Cached = { stmt: Prepared; returnsData: boolean; columns: string[]; columnTypes: string[] };

/**
 * Statements kept per connection. The API sends a few hundred distinct statements; lists of
 * `IN (?, ?, …)` vary in length, so the cache is bounded and the least recently used go first.
 */
export const STATEMENT_CACHE_SIZE = 500;

/** Statements after which the schema may differ. */
const DDL = /^\s*(?:CREATE|ALTER|DROP)\b/i;



/** One connection and its prepared statements. */
class Connection {
  readonly db: Driver;
  readonly #cache = new Map<string, Cached>();
  #forgetAfter = false;
  prepared = 0;

  constructor(path: string) {
    this.db = new Database(path);
  }

  #statement(sql: string): Cached {
    let c = this.#cache.get(sql);
    if (c) {
      // Most recently used last: a Map iterates in insertion order, so the first key is the oldest.
      this.#cache.delete(sql);
      this.#cache.set(sql, c);
      return c;
    }
    const stmt = this.db.prepare(sql);
    this.prepared++;
    stmt.safeIntegers(true);
    let returnsData = true;
    try {
      stmt.raw(true);
    } catch {
      // raw() throws for a statement that returns no data.
      returnsData = false;
    }
    c = { stmt, returnsData, columns: [], columnTypes: [] };
    if (returnsData) this.#describe(c);
    this.#cache.set(sql, c);
    if (this.#cache.size > STATEMENT_CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value!);
    return c;
  }

  run(stmt: InStatement): ResultSet {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    const args = typeof stmt === 'string' ? [] : argsToSql(stmt.args);
    try {
      const c = this.#statement(sql);
      if (DDL.test(sql)) this.#forgetAfter = true;
      if (c.returnsData) {
        const raw = c.stmt.all(args) as unknown[][];
        // SQLite prepares a statement again by itself after a schema change; the names kept
        // here would then be stale, which a row of another width shows.
        if (raw.length && raw[0]!.length !== c.columns.length) this.#describe(c);
        const rows = new Array<Row>(raw.length);
        for (let i = 0; i < raw.length; i++) rows[i] = libsqlRow(raw[i]!, c.columns, valueFromSql);
        // As @libsql/client: a statement returning rows reports no changes.
        return new LibsqlResultSet(c.columns, c.columnTypes, rows, 0, undefined);
      }
      const info = c.stmt.run(args) as { changes: number; lastInsertRowid: number | bigint };
      return new LibsqlResultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (e) {
      throw libsqlError(e);
    } finally {
      // After a CREATE, ALTER or DROP every kept statement starts afresh.
      if (this.#forgetAfter) {
        this.#forgetAfter = false;
        this.#cache.clear();
      }
    }
  }

  #describe(c: Cached) {
    const cols = c.stmt.columns();
    c.columns = cols.map((col) => col.name);
    c.columnTypes = cols.map((col) => col.type ?? '');
  }

  /** Runs statements between BEGIN and COMMIT; any failure rolls back and names the statement. */
  batch(stmts: InStatement[], begin: string, before?: string, after?: string): ResultSet[] {
    if (before) this.run(before);
    try {
      this.run(begin);
      const results: ResultSet[] = [];
      for (let i = 0; i < stmts.length; i++) {
        try {
          if (!this.db.inTransaction) throw new LibsqlBatchError('The transaction has been rolled back', i, 'TRANSACTION_CLOSED');
          results.push(this.run(stmts[i]!));
        } catch (e) {
          if (e instanceof LibsqlBatchError) throw e;
          if (e instanceof LibsqlError) throw new LibsqlBatchError(e.message, i, e.code, e.extendedCode, e.rawCode, e.cause instanceof Error ? e.cause : undefined);
          throw e;
        }
      }
      this.run('COMMIT');
      return results;
    } finally {
      if (this.db.open && this.db.inTransaction) this.run('ROLLBACK');
      if (after) this.run(after);
    }
  }

  close() {
    this.#cache.clear();
    if (this.db.open) this.db.close();
  }
}

function argsToSql(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (args === undefined) return [];
  if (Array.isArray(args)) {
    const out = new Array<unknown>(args.length);
    for (let i = 0; i < args.length; i++) out[i] = valueToSql(args[i]!);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const name in args) {
    const key = name[0] === '@' || name[0] === '$' || name[0] === ':' ? name.substring(1) : name;
    out[key] = valueToSql(args[name]!);
  }
  return out;
}

const MIN_I64 = -9223372036854775808n;
const MAX_I64 = 9223372036854775807n;

function valueToSql(value: InValue): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
    return value;
  }
  if (typeof value === 'bigint') {
    if (value < MIN_I64 || value > MAX_I64) throw new RangeError('bigint is too large to be represented as a 64-bit integer and passed as argument');
    return value;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value;
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function valueFromSql(v: unknown): unknown {
  if (typeof v === 'bigint') {
    if (v < MIN_SAFE || v > MAX_SAFE) throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(v);
  }
  if (v instanceof Buffer) return v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength);
  return v;
}


const SQLITE_CODES = [
  '', 'SQLITE_ERROR', 'SQLITE_INTERNAL', 'SQLITE_PERM', 'SQLITE_ABORT', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_NOMEM',
  'SQLITE_READONLY', 'SQLITE_INTERRUPT', 'SQLITE_IOERR', 'SQLITE_CORRUPT', 'SQLITE_NOTFOUND', 'SQLITE_FULL', 'SQLITE_CANTOPEN',
  'SQLITE_PROTOCOL', 'SQLITE_EMPTY', 'SQLITE_SCHEMA', 'SQLITE_TOOBIG', 'SQLITE_CONSTRAINT', 'SQLITE_MISMATCH', 'SQLITE_MISUSE',
  'SQLITE_NOLFS', 'SQLITE_AUTH', 'SQLITE_FORMAT', 'SQLITE_RANGE', 'SQLITE_NOTADB', 'SQLITE_NOTICE', 'SQLITE_WARNING',
];

/** The driver's error as the `LibsqlError` @libsql/client throws (base code, extended code, raw code). */
function libsqlError(e: unknown): unknown {
  if (e instanceof LibsqlError || !(e instanceof Database.SqliteError)) return e;
  const err = e as Error & { code: string; rawCode?: number };
  const base = err.rawCode === undefined ? 'SQLITE_UNKNOWN' : SQLITE_CODES[err.rawCode & 0xff] || `SQLITE_UNKNOWN_${err.rawCode & 0xff}`;
  return new LibsqlError(err.message, base, err.code, err.rawCode, err);
}

function closedError() {
  return new LibsqlError('The client is closed', 'CLIENT_CLOSED');
}

/** An interactive transaction on a connection of its own, closed when it settles. */
class NodeTransaction implements Transaction {
  #conn: Connection | null;
  readonly #done: (conn: Connection) => void;
  constructor(conn: Connection, done: (conn: Connection) => void) {
    this.#conn = conn;
    this.#done = done;
  }
  #open(): Connection {
    const conn = this.#conn;
    if (!conn || !conn.db.open || !conn.db.inTransaction) throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
    return conn;
  }
  #settle() {
    const conn = this.#conn;
    this.#conn = null;
    if (conn) {
      conn.close();
      this.#done(conn);
    }
  }
  async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    return this.#open().run(typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt);
  }
  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    const conn = this.#open();
    return stmts.map((s, i) => {
      try {
        return conn.run(s);
      } catch (e) {
        if (e instanceof LibsqlError) throw new LibsqlBatchError(e.message, i, e.code, e.extendedCode, e.rawCode, e.cause instanceof Error ? e.cause : undefined);
        throw e;
      }
    });
  }
  async executeMultiple(sql: string): Promise<void> {
    const conn = this.#open();
    try {
      conn.db.exec(sql);
    } catch (e) {
      throw libsqlError(e);
    }
  }
  async rollback(): Promise<void> {
    try {
      if (this.#conn?.db.open && this.#conn.db.inTransaction) this.#conn.run('ROLLBACK');
    } finally {
      this.#settle();
    }
  }
  async commit(): Promise<void> {
    try {
      this.#open().run('COMMIT');
    } finally {
      this.#settle();
    }
  }
  close(): void {
    try {
      if (this.#conn?.db.open && this.#conn.db.inTransaction) this.#conn.run('ROLLBACK');
    } finally {
      this.#settle();
    }
  }
  get closed(): boolean {
    return !this.#conn || !this.#conn.db.open || !this.#conn.db.inTransaction;
  }
}

export type NodeClient = Client & {
  /** Statements prepared so far on the shared connection (a statement served from the cache is not counted). */
  readonly preparedCount: number;
};

/**
 * A `Client` for a `file:` URL over the embedded driver with cached statements.
 * `pragmas` run on every connection it opens (the shared one and each transaction's).
 */
export function createNodeClient(url: string, pragmas: string[] = []): NodeClient {
  if (!url.startsWith('file:')) throw new LibsqlError(`createNodeClient takes a file: URL, got ${JSON.stringify(url.split(':')[0] + ':')}`, 'URL_SCHEME_NOT_SUPPORTED');
  const path = pathOf(url);
  const open = () => {
    const conn = new Connection(path);
    for (const p of pragmas) conn.run(p);
    return conn;
  };
  let shared: Connection | null = open();
  const live = new Set<Connection>();
  const conn = () => {
    if (!shared) throw closedError();
    return shared;
  };
  const client: NodeClient = {
    protocol: 'file',
    closed: false,
    get preparedCount() {
      return shared?.prepared ?? 0;
    },
    async execute(stmt: InStatement | string, args?: InArgs) {
      return conn().run(typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt);
    },
    async batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = 'deferred') {
      const list = stmts.map((s): InStatement => (Array.isArray(s) ? { sql: s[0], args: s[1] ?? [] } : s));
      return conn().batch(list, beginOf(mode));
    },
    async migrate(stmts: InStatement[]) {
      return conn().batch(stmts, beginOf('deferred'), 'PRAGMA foreign_keys=off', 'PRAGMA foreign_keys=on');
    },
    async transaction(mode: TransactionMode = 'write') {
      if (!shared) throw closedError();
      const c = open();
      try {
        c.run(beginOf(mode));
      } catch (e) {
        c.close();
        throw e;
      }
      live.add(c);
      return new NodeTransaction(c, (done) => live.delete(done));
    },
    async executeMultiple(sql: string) {
      const c = conn();
      try {
        c.db.exec(sql);
      } catch (e) {
        throw libsqlError(e);
      } finally {
        // A script that left a transaction open must not leave it to the next caller.
        if (c.db.open && c.db.inTransaction) c.run('ROLLBACK');
      }
    },
    async sync() {
      throw new LibsqlError('sync() is for embedded replicas, which Relais does not use', 'SYNC_NOT_SUPPORTED');
    },
    async reconnect() {
      shared?.close();
      shared = open();
      client.closed = false;
    },
    close() {
      client.closed = true;
      shared?.close();
      shared = null;
      for (const c of live) c.close();
      live.clear();
    },
  } as NodeClient;
  return client;
}


/** The file path of a `file:` URL (`file:relative.db`, `file:/abs.db`, `file:///abs.db`), as @libsql/client reads it. */
function pathOf(url: string): string {
  const rest = url.slice('file:'.length).split('?')[0]!;
  if (rest.startsWith('//')) {
    const afterHost = rest.slice(2);
    const slash = afterHost.indexOf('/');
    const host = slash < 0 ? afterHost : afterHost.slice(0, slash);
    if (host !== '' && host !== 'localhost') throw new LibsqlError(`Invalid host in file URL: ${JSON.stringify(host)}`, 'URL_INVALID');
    return decodeURIComponent(slash < 0 ? '' : afterHost.slice(slash));
  }
  return decodeURIComponent(rest);
}
