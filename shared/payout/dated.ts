import type { IsoDate } from '../dates';

/**
 * Rules of the payout area that change with time are rows of dated tables: a row is in
 * force from its `from` date until the next row starts (STYLE.md, "Rules that change with
 * time are dated tables").
 */
export type Dated = { readonly from: IsoDate };

/**
 * A `from` older than any contract Relais will see, for rules whose start date the sources
 * do not give (they were already in force when the sources were written).
 */
export const SINCE_ALWAYS: IsoDate = '1970-01-01';

/**
 * The row in force on `on`: the latest row whose `from` is on or before `on`.
 * @example inForceOn([{ from: '2025-01-01', v: 1 }, { from: '2026-01-01', v: 2 }], '2025-12-31') // { from: '2025-01-01', v: 1 }
 */
export function inForceOn<T extends Dated>(rows: readonly T[], on: IsoDate): T | undefined {
  let found: T | undefined;
  for (const row of rows) {
    if (row.from <= on && (found === undefined || row.from >= found.from)) found = row;
  }
  return found;
}
