/**
 * What `@libsql/client` gives its callers, built the same way by our two clients
 * (node-client.ts on Node, http-client.ts on Workers): result sets, rows, and the statement
 * each transaction mode begins with.
 */
import type { ResultSet, Row, TransactionMode } from '@libsql/client';
import { toBase64 } from '../http/crypto';

const BEGIN: Record<TransactionMode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN TRANSACTION READONLY', deferred: 'BEGIN DEFERRED' };

/** The statement that opens a batch or transaction of `mode`; an unknown mode is refused as `@libsql/client` refuses it. */
export function beginOf(mode: TransactionMode): string {
  if (!Object.hasOwn(BEGIN, mode)) throw new RangeError('Unknown transaction mode, supported values are "write", "read" and "deferred"');
  return BEGIN[mode];
}

/**
 * A row as `@libsql/client` shapes it: each value by index (not enumerable) and by column name
 * (the first column of a repeated name; a column without a name only by index), `length` too.
 */
export function libsqlRow<T>(raw: readonly T[], names: readonly (string | undefined)[], valueOf: (raw: T) => unknown): Row {
  const row = {} as Row;
  Object.defineProperty(row, 'length', { value: raw.length });
  for (let i = 0; i < raw.length; i++) {
    const value = valueOf(raw[i]!);
    Object.defineProperty(row, i, { value });
    const name = names[i];
    if (name !== undefined && !Object.hasOwn(row, name)) Object.defineProperty(row, name, { value, enumerable: true, configurable: true, writable: true });
  }
  return row;
}

/** A result set: the same fields and the same `toJSON` (bigints and the rowid as strings, blobs as base64). */
export class LibsqlResultSet implements ResultSet {
  constructor(
    readonly columns: string[],
    readonly columnTypes: string[],
    readonly rows: Row[],
    readonly rowsAffected: number,
    readonly lastInsertRowid: bigint | undefined,
  ) {}
  toJSON() {
    const json = (v: unknown) => (typeof v === 'bigint' ? String(v) : v instanceof ArrayBuffer ? toBase64(new Uint8Array(v)) : v);
    return {
      columns: this.columns,
      columnTypes: this.columnTypes,
      rows: this.rows.map((row) => Array.prototype.map.call(row, json)),
      rowsAffected: this.rowsAffected,
      lastInsertRowid: this.lastInsertRowid === undefined ? null : String(this.lastInsertRowid),
    };
  }
}
