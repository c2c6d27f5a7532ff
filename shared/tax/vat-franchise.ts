import { assertCents, sumCents, type Bps, type Cents } from '../money';
import type { IsoDate } from '../dates';
import { rowForYear } from '../dated-table';
import { crossingOf, plannedWithinYear, shareOfBps, type Crossing, type PlannedAmount } from './threshold-crossing';

/**
 * VAT franchise of micro-entrepreneurs selling services (art. 293 B CGI). The seed's
 * 34 400 € is the 2020–2022 figure; DOMAIN.md "Micro-entrepreneur VAT franchise and
 * ceilings" gives the table. From 2025, exceeding the base threshold in year N brings
 * VAT from 1 January N+1; exceeding the higher one brings VAT from the operation that
 * crosses it. Positions of earlier years are reported with the same statuses.
 */
export const VAT_FRANCHISE_THRESHOLDS: readonly { from: IsoDate; baseCents: Cents; higherCents: Cents }[] = [
  { from: '2020-01-01', baseCents: 3_440_000, higherCents: 3_650_000 },
  { from: '2023-01-01', baseCents: 3_680_000, higherCents: 3_910_000 },
  { from: '2025-01-01', baseCents: 3_750_000, higherCents: 4_125_000 },
];

/**
 * The services thresholds of a tax year (the last row applies to later years; throws
 * before 2020).
 * @example vatFranchiseThresholds(2025) // { baseCents: 3_750_000, higherCents: 4_125_000 }
 */
export function vatFranchiseThresholds(year: number): { baseCents: Cents; higherCents: Cents } {
  const { baseCents, higherCents } = rowForYear(VAT_FRANCHISE_THRESHOLDS, year, 'VAT franchise threshold');
  return { baseCents, higherCents };
}

/** `over_base`: VAT from 1 January next year; `over_higher`: VAT from the invoice that crossed it. */
export type VatFranchiseStatus = 'under' | 'over_base' | 'over_higher';

export type VatFranchisePosition = {
  year: number;
  revenueCents: Cents;
  baseCents: Cents;
  higherCents: Cents;
  status: VatFranchiseStatus;
  /** Revenue as a share of each threshold (10 000 = 100 %). */
  baseRatioBps: Bps;
  higherRatioBps: Bps;
  /** What can still be invoiced this year without exceeding each threshold (never negative). */
  remainingToBaseCents: Cents;
  remainingToHigherCents: Cents;
};

/**
 * Where a year's revenue excluding VAT stands. Reaching a threshold exactly is still
 * under it: only exceeding it counts.
 * @example vatFranchisePosition(2025, 3_800_000).status // 'over_base'
 */
export function vatFranchisePosition(year: number, revenueCents: Cents): VatFranchisePosition {
  assertCents(revenueCents, 'revenueCents');
  const { baseCents, higherCents } = vatFranchiseThresholds(year);
  const status: VatFranchiseStatus = revenueCents > higherCents ? 'over_higher' : revenueCents > baseCents ? 'over_base' : 'under';
  return {
    year,
    revenueCents,
    baseCents,
    higherCents,
    status,
    baseRatioBps: shareOfBps(revenueCents, baseCents),
    higherRatioBps: shareOfBps(revenueCents, higherCents),
    remainingToBaseCents: Math.max(0, baseCents - revenueCents),
    remainingToHigherCents: Math.max(0, higherCents - revenueCents),
  };
}

/**
 * The dates on which the year's revenue will exceed each threshold, from the revenue so
 * far and planned amounts (e.g. each planned working day × daily rate). Planned amounts
 * dated before `asOf` or outside the year are ignored.
 * @example
 * projectVatThresholds({ year: 2026, asOf: '2026-06-30', revenueToDateCents: 3_700_000,
 *   planned: [{ on: '2026-07-01', amountCents: 50_000 }, { on: '2026-07-02', amountCents: 50_000 }] })
 * // base: { already: false, on: '2026-07-02', … }, higher: { already: false, on: null, … }
 */
export function projectVatThresholds(input: {
  year: number;
  asOf: IsoDate;
  revenueToDateCents: Cents;
  planned: PlannedAmount[];
}): { base: Crossing; higher: Crossing; projectedCents: Cents } {
  const { baseCents, higherCents } = vatFranchiseThresholds(input.year);
  const schedule = plannedWithinYear(input.planned, input.year, input.asOf);
  return {
    base: crossingOf(baseCents, input.revenueToDateCents, schedule),
    higher: crossingOf(higherCents, input.revenueToDateCents, schedule),
    projectedCents: input.revenueToDateCents + sumCents(schedule.map((p) => p.amountCents)),
  };
}

/**
 * The hard warning before issuing an invoice: would it take the year's revenue over the
 * higher threshold (so this invoice must already carry VAT)? `alreadyOver` when the
 * revenue before it was over already; `crossesBase` when it takes the year over the base
 * threshold (VAT from next 1 January).
 * @example wouldCrossHigherThreshold(2026, 4_000_000, 200_000) // { crosses: true, alreadyOver: false, crossesBase: false, thresholdCents: 4_125_000, afterCents: 4_200_000 }
 */
export function wouldCrossHigherThreshold(
  year: number,
  revenueBeforeCents: Cents,
  invoiceNetCents: Cents,
): { crosses: boolean; alreadyOver: boolean; crossesBase: boolean; thresholdCents: Cents; afterCents: Cents } {
  assertCents(revenueBeforeCents, 'revenueBeforeCents');
  assertCents(invoiceNetCents, 'invoiceNetCents');
  const { baseCents, higherCents } = vatFranchiseThresholds(year);
  const afterCents = revenueBeforeCents + invoiceNetCents;
  const alreadyOver = revenueBeforeCents > higherCents;
  return {
    crosses: !alreadyOver && afterCents > higherCents,
    alreadyOver,
    crossesBase: revenueBeforeCents <= baseCents && afterCents > baseCents,
    thresholdCents: higherCents,
    afterCents,
  };
}
