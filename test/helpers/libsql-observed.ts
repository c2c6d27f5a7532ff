import type { Client } from '@libsql/client';

/** Everything a caller can observe of a result set (the client conformance tests compare it). */
export function observed(rs: Awaited<ReturnType<Client['execute']>>) {
  return {
    columns: rs.columns,
    columnTypes: rs.columnTypes,
    rowsAffected: rs.rowsAffected,
    lastInsertRowid: rs.lastInsertRowid,
    rows: rs.rows.map((row) => ({
      length: row.length,
      byIndex: Array.prototype.slice.call(row),
      keys: Object.keys(row),
      entries: Object.entries(row),
      json: JSON.stringify(row),
    })),
    json: JSON.stringify(rs),
    isArrayOfRows: Array.isArray(rs.rows),
  };
}
