import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { feeCents } from './fees';

const base = (daysInvoiced: number, dailyRateCents: number, netCents = 0) => ({ daysInvoiced, dailyRateCents, netCents });

describe('feeCents', () => {
  it('Express: 2.5 % of 650 €/day × 20.5 days, computed once and rounded half-up', () => {
    // 250 × 65 000 × 20 500 / (10 000 × 1 000) = 333 125 000 000 / 10 000 000 = 33 312.5 → 33 313 cents
    expect(feeCents({ kind: 'bps_of_daily_rate_per_day', bps: 250 }, base(20.5, 65_000))).toBe(33_313);
  });

  it('computes on the total days, not day by day (per-day rounding would give another amount)', () => {
    // 5 % of 333.33 € = 16.6665 € a day; × 3 days = 49.9995 € → 5 000 cents once,
    // whereas rounding each day (1 667) then summing would give 5 001.
    expect(feeCents({ kind: 'bps_of_daily_rate_per_day', bps: 500 }, base(3, 33_333))).toBe(5_000);
  });

  it('immediate payment: 20 € per day invoiced, thousandths rounded half-up', () => {
    expect(feeCents({ kind: 'cents_per_day', cents: 2_000 }, base(18, 50_000))).toBe(36_000);
    expect(feeCents({ kind: 'cents_per_day', cents: 2_000 }, base(0.5, 50_000))).toBe(1_000);
    // 2 000 × 0.333 = 666 exactly; 2 000 × 0.0005 does not exist (thousandths only)
    expect(feeCents({ kind: 'cents_per_day', cents: 2_000 }, base(0.333, 50_000))).toBe(666);
    expect(feeCents({ kind: 'cents_per_day', cents: 1_001 }, base(0.5, 50_000))).toBe(501); // 500.5 → 501
  });

  it('share of the net: SMart 6.5 %, Malt 10 %', () => {
    expect(feeCents({ kind: 'bps_of_net', bps: 650 }, base(10, 0, 500_000))).toBe(32_500);
    expect(feeCents({ kind: 'bps_of_net', bps: 650 }, base(1, 0, 10))).toBe(1); // 0.65 → 1
    expect(feeCents({ kind: 'bps_of_net', bps: 1_000 }, base(1, 0, 1_332_505))).toBe(133_251); // 133 250.5 → 133 251
  });

  it('no rule, no fee', () => {
    expect(feeCents(null, base(20, 65_000, 1_300_000))).toBe(0);
  });

  it('refuses days finer than thousandths (a programmer error)', () => {
    expect(() => feeCents({ kind: 'cents_per_day', cents: 2_000 }, base(0.0005, 1))).toThrow(RangeError);
  });

  test.prop([fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 5_000 })])(
    'the daily-rate fee is exact: equal to the rounded rational value',
    (daysMilli, rate, bps) => {
      const fee = feeCents({ kind: 'bps_of_daily_rate_per_day', bps }, base(daysMilli / 1000, rate));
      const exactTimes2 = (2n * BigInt(bps) * BigInt(rate) * BigInt(daysMilli)) / 10_000_000n; // floor of 2 × exact value
      expect(Number.isInteger(fee)).toBe(true);
      // |fee − exact| ≤ 0.5  ⇔  2·fee − 1 ≤ 2·exact ≤ 2·fee + 1
      expect(BigInt(2 * fee - 1) <= exactTimes2 && exactTimes2 <= BigInt(2 * fee + 1)).toBe(true);
    },
  );
});
