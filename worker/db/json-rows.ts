import { getTableColumns, getTableName, type Table } from 'drizzle-orm';

/**
 * Reading several tables in one statement. @libsql/client prepares every statement anew
 * and asks for its columns on every call (no statement cache), which made per-statement
 * overhead the largest cost of a request; so hot paths read a row and its children as JSON
 * in a single statement. These helpers derive that SQL from the drizzle schema, so a new
 * column cannot be forgotten, and map the JSON back to the drizzle row type.
 */

type ColumnOf = ReturnType<typeof getTableColumns>[string];
const columnLists = new WeakMap<Table, [string, ColumnOf][]>();

/** A table's columns by key, listed once per table (not on every row read). */
function columnsOf(table: Table): [string, ColumnOf][] {
  let list = columnLists.get(table);
  if (!list) columnLists.set(table, (list = Object.entries(getTableColumns(table))));
  return list;
}

/** `json_object('id', "alias"."id", 'userId', "alias"."user_id", …)` for every column of `table`. */
export function jsonObjectOf(table: Table, alias = getTableName(table)): string {
  const cols = columnsOf(table).map(([key, col]) => `'${key}', "${alias}"."${col.name}"`);
  // SQLite's json_object takes at most 127 pairs per call; our tables are far below.
  return `json_object(${cols.join(', ')})`;
}

/** The drizzle row of `table` from its {@link jsonObjectOf} JSON (booleans and other mapped columns restored). */
export function rowFromJson<T extends Table>(table: T, value: unknown): T['$inferSelect'] {
  const obj = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, col] of columnsOf(table)) {
    const v = obj[key];
    out[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
  }
  return out as T['$inferSelect'];
}

/** The drizzle row of `table` from a raw libSQL row keyed by SQL column names (`SELECT *`), so a new column cannot be forgotten. */
export function rowFromSql<T extends Table>(table: T, row: Record<string, unknown>): T['$inferSelect'] {
  const out: Record<string, unknown> = {};
  for (const [key, col] of columnsOf(table)) {
    const v = row[col.name];
    out[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
  }
  return out as T['$inferSelect'];
}
