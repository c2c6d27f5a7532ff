import { assertCents, sumCents, type Bps, type Cents } from '../money';
import type { IsoDate } from '../dates';
import { rowForYear } from '../dated-table';
import { crossingOf, plannedWithinYear, shareOfBps, type Crossing, type PlannedAmount } from './threshold-crossing';

/**
 * Micro-entreprise turnover ceiling for services (art. 50-0 and 102 ter CGI), measured
 * on cash collected, not on invoices. DOMAIN.md "Micro-entrepreneur VAT franchise and
 * ceilings": 77 700 € for 2023–2025, 83 600 € for 2026–2028 (revised every three years).
 */
export const MICRO_CEILINGS: readonly { from: IsoDate; ceilingCents: Cents }[] = [
  { from: '2023-01-01', ceilingCents: 7_770_000 },
  { from: '2026-01-01', ceilingCents: 8_360_000 },
];

/**
 * The services ceiling of a year (the last row applies to later years; throws before 2023).
 * @example microCeilingCents(2026) // 8_360_000
 */
export function microCeilingCents(year: number): Cents {
  return rowForYear(MICRO_CEILINGS, year, 'micro-entreprise ceiling').ceilingCents;
}

export type MicroCeilingPosition = {
  year: number;
  collectedCents: Cents;
  ceilingCents: Cents;
  /** Cash collected as a share of the ceiling (10 000 = 100 %), display only. */
  ratioBps: Bps;
  remainingCents: Cents;
  /** Collected strictly more than the ceiling this year. */
  over: boolean;
};

/**
 * Where a year's collected cash stands against the ceiling.
 * @example microCeilingPosition(2025, 8_000_000).over // true (77 700 € in 2025)
 * @example microCeilingPosition(2026, 8_000_000).over // false (83 600 € in 2026)
 */
export function microCeilingPosition(year: number, collectedCents: Cents): MicroCeilingPosition {
  assertCents(collectedCents, 'collectedCents');
  const ceilingCents = microCeilingCents(year);
  return {
    year,
    collectedCents,
    ceilingCents,
    ratioBps: shareOfBps(collectedCents, ceilingCents),
    remainingCents: Math.max(0, ceilingCents - collectedCents),
    over: collectedCents > ceilingCents,
  };
}

/**
 * The date collected cash will exceed the ceiling, from cash so far and expected
 * payments (e.g. forecast payout dates and amounts). Same rules as the VAT projection.
 */
export function projectMicroCeiling(input: {
  year: number;
  asOf: IsoDate;
  collectedToDateCents: Cents;
  planned: PlannedAmount[];
}): { ceiling: Crossing; projectedCents: Cents } {
  const schedule = plannedWithinYear(input.planned, input.year, input.asOf);
  return {
    ceiling: crossingOf(microCeilingCents(input.year), input.collectedToDateCents, schedule),
    projectedCents: input.collectedToDateCents + sumCents(schedule.map((p) => p.amountCents)),
  };
}
