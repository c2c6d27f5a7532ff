import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { addDays } from '../dates';
import { LEGAL_INTEREST_RATES, latePenalty, legalInterestRateBps } from './penalties';

describe('legalInterestRateBps', () => {
  it('gives 2.62 % in the first half of 2026 and the previous half-years before', () => {
    expect(legalInterestRateBps('2026-01-01')).toBe(262);
    expect(legalInterestRateBps('2026-06-30')).toBe(262);
    expect(legalInterestRateBps('2025-12-31')).toBe(276);
    expect(legalInterestRateBps('2025-01-01')).toBe(371);
  });

  it('keeps the last row after the table ends, and knows nothing before 2015', () => {
    expect(legalInterestRateBps('2030-01-01')).toBe(262);
    expect(() => legalInterestRateBps('2014-12-31')).toThrow(RangeError);
  });

  it('has one row per half-year, in order', () => {
    LEGAL_INTEREST_RATES.forEach((row, i) => {
      expect(row.from).toMatch(/^\d{4}-(01|07)-01$/);
      if (i > 0) expect(row.from > LEGAL_INTEREST_RATES[i - 1]!.from).toBe(true);
    });
  });
});

describe('latePenalty', () => {
  it('matches a worked example: 12 000 € TTC, 10 %, 30 days late', () => {
    // 1 200 000 × 10 % × 30 / 365 = 9 863.01 cents → 9 863, plus the 40 € indemnity
    expect(latePenalty({ totalCents: 1_200_000, dueOn: '2026-03-31', asOf: '2026-04-30', annualRateBps: 1000 })).toEqual({
      daysLate: 30,
      rateBps: 1000,
      interestCents: 9863,
      indemnityCents: 4000,
      totalPenaltyCents: 13_863,
    });
  });

  it('defaults to 10 % when the invoice states no rate', () => {
    expect(latePenalty({ totalCents: 1_200_000, dueOn: '2026-03-31', asOf: '2026-04-30' }).rateBps).toBe(1000);
  });

  it('never goes below three times the legal rate of the due date', () => {
    const p = latePenalty({ totalCents: 1_000_000, dueOn: '2026-02-15', asOf: '2026-03-17', annualRateBps: 500 });
    expect(p.rateBps).toBe(786);
    expect(p.interestCents).toBe(6460); // 1 000 000 × 7.86 % × 30 / 365 = 6 460.27
    expect(latePenalty({ totalCents: 1_000_000, dueOn: '2025-03-01', asOf: '2025-03-02', annualRateBps: 1000 }).rateBps).toBe(1113); // 3 × 3.71 %
  });

  it('owes nothing when not late', () => {
    const none = { daysLate: 0, rateBps: 1000, interestCents: 0, indemnityCents: 0, totalPenaltyCents: 0 };
    expect(latePenalty({ totalCents: 1_200_000, dueOn: '2026-03-31', asOf: '2026-03-31' })).toEqual(none);
    expect(latePenalty({ totalCents: 1_200_000, dueOn: '2026-03-31', asOf: '2026-03-01' })).toEqual(none);
  });

  it('owes the indemnity from the first day late, once', () => {
    const oneDay = latePenalty({ totalCents: 100_000, dueOn: '2026-03-31', asOf: '2026-04-01' });
    expect(oneDay).toMatchObject({ daysLate: 1, interestCents: 27, indemnityCents: 4000 }); // 27.397 → 27
    const yearLate = latePenalty({ totalCents: 1_000_000, dueOn: '2026-03-31', asOf: '2027-03-31' });
    expect(yearLate).toMatchObject({ daysLate: 365, interestCents: 100_000, indemnityCents: 4000, totalPenaltyCents: 104_000 });
  });

  it('refuses credit notes and fractional amounts', () => {
    expect(() => latePenalty({ totalCents: -100, dueOn: '2026-03-31', asOf: '2026-04-30' })).toThrow(RangeError);
    expect(() => latePenalty({ totalCents: 100.5, dueOn: '2026-03-31', asOf: '2026-04-30' })).toThrow(RangeError);
  });

  test.prop([
    fc.integer({ min: 0, max: 100_000_000 }),
    fc.integer({ min: 0, max: 4000 }),
    fc.integer({ min: -100, max: 1000 }),
    fc.integer({ min: 0, max: 1000 }),
    fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
  ])('is monotonic in asOf, and whole cents', (totalCents, dueOffset, a, extra, annualRateBps) => {
    const dueOn = addDays('2015-01-01', dueOffset);
    const early = latePenalty({ totalCents, dueOn, asOf: addDays(dueOn, a), annualRateBps });
    const late = latePenalty({ totalCents, dueOn, asOf: addDays(dueOn, a + extra), annualRateBps });
    expect(late.totalPenaltyCents).toBeGreaterThanOrEqual(early.totalPenaltyCents);
    expect(late.interestCents).toBeGreaterThanOrEqual(early.interestCents);
    expect(Number.isSafeInteger(early.interestCents)).toBe(true);
    expect(early.rateBps).toBeGreaterThanOrEqual(annualRateBps ?? 1000);
  });
});
