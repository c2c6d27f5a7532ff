import type { IsoDate } from '../dates';

/**
 * Rules that change with time are tables of rows `{ from: IsoDate, … }`, sorted by
 * `from`; a row stays in force until the next one starts, and the last row stays in
 * force until a new row is added (STYLE.md: "a new year's threshold is a new row").
 */
export type DatedRow = { readonly from: IsoDate };

/**
 * The row in force on `on`: the last row whose `from` is on or before it; undefined
 * before the first row (each caller decides whether that is an error).
 * @example rowInForce([{ from: '2025-01-01', r: 1 }, { from: '2026-01-01', r: 2 }], '2025-12-31') // { from: '2025-01-01', r: 1 }
 */
export function rowInForce<T extends DatedRow>(table: readonly T[], on: IsoDate): T | undefined {
  let found: T | undefined;
  for (const row of table) {
    if (row.from > on) break;
    found = row;
  }
  return found;
}

/** The row in force on 1 January of `year`; throws when the table starts later (no figure known). */
export function rowForYear<T extends DatedRow>(table: readonly T[], year: number, what: string): T {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year must have 4 digits, got ${year}`);
  const row = rowInForce(table, `${year}-01-01`);
  if (!row) throw new RangeError(`no ${what} known for ${year} (table starts ${table[0]?.from ?? 'nowhere'})`);
  return row;
}
