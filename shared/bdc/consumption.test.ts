import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { bdcConsumption } from './consumption';

const daysBudget = { budgetDays: 100, dailyRateCents: 65_000 };
const used = (days: number) => ({ days, amountCents: days * 65_000 });

describe('bdcConsumption', () => {
  it('is not nearly consumed at 79 %', () => {
    expect(bdcConsumption(daysBudget, used(79))).toEqual({
      budgetDays: 100,
      budgetCents: null,
      consumedDays: 79,
      consumedCents: 5_135_000,
      remainingDays: 21,
      remainingCents: 1_365_000,
      ratioBps: 7900,
      nearlyConsumed: false,
      exhausted: false,
    });
  });

  it('is nearly consumed at 80 %', () => {
    expect(bdcConsumption(daysBudget, used(80))).toMatchObject({ ratioBps: 8000, nearlyConsumed: true, exhausted: false, remainingDays: 20 });
  });

  it('does not round 79.999 % up to the threshold', () => {
    expect(bdcConsumption({ budgetDays: 1000, dailyRateCents: 65_000 }, { days: 799.99, amountCents: 0 })).toMatchObject({ ratioBps: 7999, nearlyConsumed: false });
  });

  it('is exhausted at 100 %', () => {
    expect(bdcConsumption(daysBudget, used(100))).toMatchObject({ ratioBps: 10_000, nearlyConsumed: true, exhausted: true, remainingDays: 0, remainingCents: 0 });
    expect(bdcConsumption(daysBudget, used(99.5))).toMatchObject({ ratioBps: 9950, exhausted: false, remainingDays: 0.5, remainingCents: 32_500 });
  });

  it('never gives a negative remainder over budget', () => {
    expect(bdcConsumption(daysBudget, used(110))).toMatchObject({ ratioBps: 11_000, exhausted: true, remainingDays: 0, remainingCents: 0 });
    expect(bdcConsumption({ budgetCents: 1_000_000, dailyRateCents: 65_000 }, { days: 20, amountCents: 1_300_000 })).toMatchObject({
      ratioBps: 13_000,
      remainingCents: 0,
      remainingDays: 0,
    });
  });

  it('works on an amount budget, deriving the days left at the daily rate', () => {
    expect(bdcConsumption({ budgetCents: 1_000_000, dailyRateCents: 65_000 }, { days: 0, amountCents: 0 })).toMatchObject({
      budgetDays: null,
      budgetCents: 1_000_000,
      remainingCents: 1_000_000,
      remainingDays: 15.384, // 15.3846… truncated
      ratioBps: 0,
    });
    expect(bdcConsumption({ budgetCents: 1_000_000, dailyRateCents: 0 }, { days: 0, amountCents: 0 }).remainingDays).toBeNull();
  });

  it('takes the larger ratio when both budgets exist (expenses consume the amount, not the days)', () => {
    const r = bdcConsumption({ budgetDays: 20, budgetCents: 1_500_000, dailyRateCents: 65_000 }, { days: 15, amountCents: 1_275_000 });
    expect(r).toMatchObject({ ratioBps: 8500, nearlyConsumed: true, remainingDays: 5, remainingCents: 225_000 }); // days 75 %, amount 85 %
  });

  it('counts half days exactly', () => {
    expect(bdcConsumption({ budgetDays: 20.5, dailyRateCents: 65_000 }, { days: 16.5, amountCents: 1_072_500 })).toMatchObject({ ratioBps: 8048, remainingDays: 4, nearlyConsumed: true });
  });

  it('throws without a budget, on a non-positive budget, or a negative consumption', () => {
    expect(() => bdcConsumption({ dailyRateCents: 65_000 }, used(1))).toThrow(RangeError);
    expect(() => bdcConsumption({ budgetDays: null, budgetCents: null, dailyRateCents: 65_000 }, used(1))).toThrow(RangeError);
    expect(() => bdcConsumption({ budgetDays: 0, dailyRateCents: 65_000 }, used(1))).toThrow(RangeError);
    expect(() => bdcConsumption({ budgetCents: -5, dailyRateCents: 65_000 }, used(1))).toThrow(RangeError);
    expect(() => bdcConsumption(daysBudget, { days: -1, amountCents: 0 })).toThrow(RangeError);
  });

  test.prop([fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 200_000 })])(
    'remaining is never negative and the ratio grows with consumption',
    (budgetMilli, aMilli, bMilli, rate) => {
      const budget = { budgetDays: budgetMilli / 1000, dailyRateCents: rate };
      const [lo, hi] = aMilli <= bMilli ? [aMilli, bMilli] : [bMilli, aMilli];
      const low = bdcConsumption(budget, { days: lo / 1000, amountCents: 0 });
      const high = bdcConsumption(budget, { days: hi / 1000, amountCents: 0 });
      expect(high.remainingDays!).toBeGreaterThanOrEqual(0);
      expect(high.remainingCents!).toBeGreaterThanOrEqual(0);
      expect(high.ratioBps).toBeGreaterThanOrEqual(low.ratioBps);
      expect(high.exhausted).toBe(hi >= budgetMilli);
      expect(high.nearlyConsumed).toBe(hi * 10 >= budgetMilli * 8);
    },
  );
});
