/**
 * A multi-tenant database for the bench, written row by row with batched SQL rather than
 * through the API (5 000 users through the API would take hours): each user's rows are
 * read once from a database the API built (test/bench/history.ts), then written again for
 * every tenant, with fresh ids, hashes and email, in time order, every tenant's rows of a
 * day after the previous day's, the tenants of a day in a shuffled order. A table's rows
 * thus sit in the file as a live database's do: users interleaved, not one user's block
 * after another's. Tables and columns come from the drizzle schema (worker/db/schema/).
 */
import type { Client, InStatement } from '@libsql/client';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { is } from 'drizzle-orm';
import * as schema from '../../worker/db/schema';

type Value = string | number | null;
/** A template value: a constant, or a string with holes (ids, hashes, the email) to refill per tenant. */
type Cell = Value | { parts: string[]; holes: number[] };
type HoleKind = 'uuid' | 'hex64' | 'email';
type TableRows = { table: string; columns: string[]; rows: { day: string; cells: Cell[] }[] };
/** One user's rows, ready to be copied: every id-like token in them is a numbered hole. */
export type Template = { email: string; tables: TableRows[]; holes: HoleKind[]; tokens: string[] };

const TIME_COLUMNS = ['created_at', 'occurred_at', 'at', 'observed_at', 'sent_at', 'updated_at'];

/** The schema's tables (name, SQL column names, the autoincrement key left to SQLite). */
function schemaTables() {
  return Object.values(schema)
    .filter((t) => is(t, SQLiteTable))
    .map((t) => {
      const config = getTableConfig(t as SQLiteTable);
      const columns = config.columns.filter((c) => !(c.primary && c.columnType === 'SQLiteInteger')).map((c) => c.name);
      return { table: config.name, columns, all: config.columns.map((c) => c.name) };
    });
}

/** Reads every row that belongs to one user, in each table's insertion order, with holes for ids, hashes and the email. */
export async function readTemplate(client: Client, userId: string, email: string, options: { keysSince?: string } = {}): Promise<Template> {
  const holeOf = new Map<string, number>();
  const holes: HoleKind[] = [];
  const tokens: string[] = [];
  const escaped = email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const TOKEN = new RegExp(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\\b[0-9a-f]{64}\\b|${escaped}`, 'g');
  const cellOf = (v: unknown): Cell => {
    if (typeof v !== 'string') return v === null || v === undefined ? null : typeof v === 'bigint' ? Number(v) : (v as number);
    const parts: string[] = [];
    const hs: number[] = [];
    let last = 0;
    for (const m of v.matchAll(TOKEN)) {
      let h = holeOf.get(m[0]);
      if (h === undefined) {
        h = holes.length;
        holeOf.set(m[0], h);
        holes.push(m[0] === email ? 'email' : m[0].length === 64 ? 'hex64' : 'uuid');
        tokens.push(m[0]);
      }
      parts.push(v.slice(last, m.index));
      hs.push(h);
      last = m.index! + m[0].length;
    }
    if (!hs.length) return v;
    parts.push(v.slice(last));
    return { parts, holes: hs };
  };
  const tables: TableRows[] = [];
  for (const t of schemaTables()) {
    const where = t.all.includes('user_id') ? 'user_id = ?1'
      : t.table === 'users' ? 'id = ?1'
      : t.all.includes('email') ? 'email = ?2'
      : t.table === 'sign_in_events' ? "scope = 'email:' || ?2"
      : null;
    if (!where) continue;
    // Idempotency keys older than 24 h count as absent and are purged (worker/http/idempotency.ts).
    const recent = t.table === 'idempotency_keys' && options.keysSince ? ' AND created_at >= ?3' : '';
    const rs = await client.execute({
      sql: `SELECT ${t.columns.map((c) => `"${c}"`).join(', ')} FROM "${t.table}" WHERE ${where}${recent} ORDER BY rowid`,
      args: [userId, email, options.keysSince ?? ''],
    });
    const timeColumn = TIME_COLUMNS.find((c) => t.columns.includes(c));
    let day = '0000-00-00';
    const rows = rs.rows.map((r) => {
      // Days never go back along the rowid: a row updated later (a CRA validated) keeps its place.
      const at = timeColumn && r[timeColumn] !== null ? String(r[timeColumn]).slice(0, 10) : day;
      if (at > day) day = at;
      return { day, cells: t.columns.map((c) => cellOf(r[c])) };
    });
    if (rows.length) tables.push({ table: t.table, columns: t.columns, rows });
  }
  return { email, tables, holes, tokens };
}

/** murmur3's finaliser: a bijection on 32-bit integers, so distinct inputs give distinct words. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/**
 * What stands for the tenant in a copied template: every id, hash and the email of the
 * template user is rewritten once so that it ends with (or, for the email, contains) this
 * marker, and each copy replaces the marker by its own 12 hex digits with SQLite's
 * `replace()`. Token h of copy n is then `prefix(h) + tail(n)`: unique, and since the
 * prefix comes first, one copy's ids are spread over an index as random ids are.
 */
const MARKER = 'c0ffee51ab1e';
const tailOf = (n: number) => hex8(fmix32(n)) + (n & 0xffff).toString(16).padStart(4, '0');

function canonical(kind: HoleKind, h: number): string {
  const w = (i: number) => hex8(fmix32((Math.imul(h + 1, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca77)) >>> 0));
  const first = hex8(fmix32(h));
  if (kind === 'email') return `tenant-${MARKER}@tenants.bench.relais.test`;
  if (kind === 'hex64') return (first + w(1) + w(2) + w(3) + w(4) + w(5) + w(6)).slice(0, 52) + MARKER;
  const b = w(1);
  return `${first}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${'89ab'[parseInt(b[4]!, 16) & 3]}${w(2).slice(0, 3)}-${MARKER}`;
}

const fillCell = (c: Cell, fill: (h: number) => string): Value => {
  if (c === null || typeof c !== 'object') return c;
  let s = c.parts[0]!;
  for (let k = 0; k < c.holes.length; k++) s += fill(c.holes[k]!) + c.parts[k + 1]!;
  return s;
};

const quote = (name: string) => `"${name}"`;

/**
 * Writes into `client`'s migrated, empty database `copies` copies of `clone` (fresh ids,
 * hashes and email each) and the `users` as they are (their own ids, so their tokens still
 * sign in), day after day: each day, for each table, that day's rows of copies 1…N/2, then
 * of the users themselves, then of the other copies. Copies are made by SQLite from the
 * template held in a scratch table (`INSERT … SELECT replace(…) FROM template, tenants`),
 * so no row crosses from JavaScript. Returns the rows written.
 */
export async function writeTenants(
  client: Client, clone: Template, copies: number, users: Template[], onDay?: (day: string) => void,
): Promise<number> {
  const all = [clone, ...users];
  for (const tpl of all) for (const t of tpl.tables) for (const r of t.rows) for (const c of r.cells) {
    if (typeof c === 'string' && c.includes(MARKER)) throw new Error(`the template already holds the marker ${MARKER}`);
  }
  const canon = clone.holes.map((k, h) => canonical(k, h));
  const tableNames = [...new Set(all.flatMap((tpl) => tpl.tables.map((t) => t.table)))];
  const columnsOf = new Map(all.flatMap((tpl) => tpl.tables.map((t) => [t.table, t.columns] as const)));
  const insertJson = (table: string, columns: string[]) => `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')})
    SELECT ${columns.map((_, i) => `value->>${i}`).join(', ')} FROM json_each(?)`;

  // The template, rewritten once, in scratch tables; the copies' tails in another.
  const scratch = (table: string) => `bench_tpl_${table}`;
  const stmts: InStatement[] = [
    'DROP TABLE IF EXISTS bench_tenants',
    'CREATE TABLE bench_tenants (n INTEGER PRIMARY KEY, tail TEXT NOT NULL)',
  ];
  const tails = Array.from({ length: copies }, (_, i) => [i + 1, tailOf(i + 1)]);
  stmts.push({ sql: "INSERT INTO bench_tenants (n, tail) SELECT value->>0, value->>1 FROM json_each(?)", args: [JSON.stringify(tails)] });
  const copySql = new Map<string, string>();
  for (const t of clone.tables) {
    const holed = t.columns.map((_, i) => t.rows.some((r) => { const c = r.cells[i]; return c !== null && typeof c === 'object'; }));
    stmts.push(`DROP TABLE IF EXISTS ${scratch(t.table)}`, `CREATE TABLE ${scratch(t.table)} (day TEXT NOT NULL, ${t.columns.map(quote).join(', ')})`);
    const rows = t.rows.map((r) => [r.day, ...r.cells.map((c) => fillCell(c, (h) => canon[h]!))]);
    stmts.push({ sql: insertJson(scratch(t.table), ['day', ...t.columns]), args: [JSON.stringify(rows)] });
    stmts.push(`CREATE INDEX ${scratch(t.table)}_day ON ${scratch(t.table)} (day)`);
    const select = t.columns.map((c, i) => (holed[i] ? `replace(t.${quote(c)}, '${MARKER}', k.tail)` : `t.${quote(c)}`));
    copySql.set(t.table, `INSERT INTO ${quote(t.table)} (${t.columns.map(quote).join(', ')}) SELECT ${select.join(', ')}
      FROM bench_tenants k CROSS JOIN ${scratch(t.table)} t WHERE t.day = ?1 AND k.n BETWEEN ?2 AND ?3 ORDER BY k.n, t.rowid`);
  }
  await client.batch(stmts, 'write');

  const days = [...new Set(all.flatMap((tpl) => tpl.tables.flatMap((t) => t.rows.map((r) => r.day))))].sort();
  const half = Math.floor(copies / 2);
  let written = 0;
  for (const day of days) {
    const batch: InStatement[] = [];
    for (const table of tableNames) {
      const copy = copySql.get(table);
      if (copy && half >= 1) batch.push({ sql: copy, args: [day, 1, half] });
      for (const u of users) {
        const t = u.tables.find((x) => x.table === table);
        const rows = t?.rows.filter((r) => r.day === day) ?? [];
        const values = rows.map((r) => r.cells.map((c) => fillCell(c, (h) => u.tokens[h]!)));
        if (rows.length) batch.push({ sql: insertJson(table, columnsOf.get(table)!), args: [JSON.stringify(values)] });
      }
      if (copy && copies > half) batch.push({ sql: copy, args: [day, half + 1, copies] });
    }
    const results = await client.batch(batch, 'write');
    for (const r of results) written += r.rowsAffected;
    onDay?.(day);
  }
  await client.batch(['DROP TABLE bench_tenants', ...clone.tables.map((t) => `DROP TABLE ${scratch(t.table)}`)], 'write');
  return written;
}
