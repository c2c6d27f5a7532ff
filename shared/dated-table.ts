import type { IsoDate } from './dates';

/**
 * Rules that change with time are tables of rows `{ from: IsoDate, … }`: a row is in force
 * from its `from` date until the next row starts, and the last row stays in force until a
 * new row is added (STYLE.md: "a new year's threshold is a new row, not a new `if`").
 */
export type Dated = { readonly from: IsoDate };

/**
 * A `from` older than any contract Relais will see, for rules whose start date the sources
 * do not give (they were already in force when the sources were written).
 */
export const SINCE_ALWAYS: IsoDate = '1970-01-01';

/**
 * The row in force on `on`: the latest row whose `from` is on or before `on` (rows in any
 * order); undefined before the first row (each caller decides whether that is an error).
 * @example inForceOn([{ from: '2025-01-01', v: 1 }, { from: '2026-01-01', v: 2 }], '2025-12-31') // { from: '2025-01-01', v: 1 }
 */
export function inForceOn<T extends Dated>(rows: readonly T[], on: IsoDate): T | undefined {
  let found: T | undefined;
  for (const row of rows) {
    if (row.from <= on && (found === undefined || row.from >= found.from)) found = row;
  }
  return found;
}

/** The row in force on 1 January of `year`; throws when the table starts later (no figure known). */
export function rowForYear<T extends Dated>(table: readonly T[], year: number, what: string): T {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year must have 4 digits, got ${year}`);
  const row = inForceOn(table, `${year}-01-01`);
  if (!row) throw new RangeError(`no ${what} known for ${year} (table starts ${table[0]?.from ?? 'nowhere'})`);
  return row;
}
