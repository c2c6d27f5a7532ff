import type { ResultSet, Row } from '@libsql/client';
import { toBase64 } from '../http/crypto';

/**
 * A result set as `@libsql/client` builds one, for our two clients (node-client.ts on Node,
 * http-client.ts on Workers): the same fields and the same `toJSON` (bigints and the rowid as
 * strings, blobs as base64).
 */
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
