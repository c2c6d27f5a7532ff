import { assertCents, lineAmount, quantityToMilli, QUANTITY_SCALE, type Bps, type Cents } from '../money';

/**
 * Purchase-order (BDC) consumption (DOMAIN.md "Missions"): days and amount consumed by
 * the CRAs against the BDC's budget, to warn before it runs out so the freelancer
 * answers the renewal in time. The "BDC nearly consumed" notification fires at 80 %.
 */
export const BDC_NEARLY_CONSUMED_BPS: Bps = 8000;
export const BDC_EXHAUSTED_BPS: Bps = 10_000;

export type BdcBudget = { budgetDays?: number | null; budgetCents?: Cents | null; dailyRateCents: Cents };
export type BdcConsumed = { days: number; amountCents: Cents };
export type BdcConsumption = {
  budgetDays: number | null;
  budgetCents: Cents | null;
  consumedDays: number;
  consumedCents: Cents;
  remainingDays: number | null;
  remainingCents: Cents | null;
  ratioBps: Bps;
  nearlyConsumed: boolean;
  exhausted: boolean;
};

/**
 * Consumption of a BDC. `ratioBps` is consumed / budget, truncated (so it never shows a
 * threshold not actually reached), the larger of the two when both budgets exist.
 * Remaining amounts are never negative. When the BDC has only one budget, the remaining
 * in the other unit is derived at the daily rate (days truncated to the thousandth).
 * Throws when there is no budget, a budget is not positive, or consumption is negative.
 * @example
 * bdcConsumption({ budgetDays: 100, dailyRateCents: 65_000 }, { days: 80, amountCents: 5_200_000 })
 * // { ratioBps: 8000, nearlyConsumed: true, exhausted: false, remainingDays: 20, remainingCents: 1_300_000, budgetCents: null, … }
 */
export function bdcConsumption(budget: BdcBudget, consumed: BdcConsumed): BdcConsumption {
  const budgetDays = budget.budgetDays ?? null;
  const budgetCents = budget.budgetCents ?? null;
  const { dailyRateCents } = budget;
  if (budgetDays === null && budgetCents === null) throw new RangeError('a BDC needs a budget in days or in cents');
  assertCents(dailyRateCents, 'dailyRateCents');
  assertCents(consumed.amountCents, 'consumed.amountCents');
  const consumedMilli = quantityToMilli(consumed.days);
  if (consumedMilli < 0 || consumed.amountCents < 0 || dailyRateCents < 0) throw new RangeError('consumption and daily rate cannot be negative');

  const ratios: Bps[] = [];
  let remainingDays: number | null = null;
  let remainingCents: Cents | null = null;

  if (budgetDays !== null) {
    const budgetMilli = quantityToMilli(budgetDays);
    if (budgetMilli <= 0) throw new RangeError(`budgetDays must be positive, got ${budgetDays}`);
    ratios.push(truncatedRatioBps(consumedMilli, budgetMilli));
    remainingDays = Math.max(0, budgetMilli - consumedMilli) / QUANTITY_SCALE;
  }
  if (budgetCents !== null) {
    assertCents(budgetCents, 'budgetCents');
    if (budgetCents <= 0) throw new RangeError(`budgetCents must be positive, got ${budgetCents}`);
    ratios.push(truncatedRatioBps(consumed.amountCents, budgetCents));
    remainingCents = Math.max(0, budgetCents - consumed.amountCents);
  }
  if (remainingCents === null && remainingDays !== null) remainingCents = lineAmount(remainingDays, dailyRateCents);
  if (remainingDays === null && remainingCents !== null && dailyRateCents > 0) {
    remainingDays = Number((BigInt(remainingCents) * BigInt(QUANTITY_SCALE)) / BigInt(dailyRateCents)) / QUANTITY_SCALE;
  }

  const ratioBps = Math.max(...ratios);
  return {
    budgetDays,
    budgetCents,
    consumedDays: consumed.days,
    consumedCents: consumed.amountCents,
    remainingDays,
    remainingCents,
    ratioBps,
    nearlyConsumed: ratioBps >= BDC_NEARLY_CONSUMED_BPS,
    exhausted: ratioBps >= BDC_EXHAUSTED_BPS,
  };
}

/** part / whole in basis points, truncated toward zero (both non-negative, whole > 0). */
function truncatedRatioBps(part: number, whole: number): Bps {
  return Number((BigInt(part) * 10_000n) / BigInt(whole));
}
