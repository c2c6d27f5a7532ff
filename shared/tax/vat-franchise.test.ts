import { describe, expect, it } from 'vitest';
import { workingDaysOfMonth } from '../calendar/working-days';
import { projectVatThresholds, vatFranchisePosition, vatFranchiseThresholds, wouldCrossHigherThreshold } from './vat-franchise';

describe('vatFranchiseThresholds', () => {
  it('follows the dated table of DOMAIN.md', () => {
    expect(vatFranchiseThresholds(2020)).toEqual({ baseCents: 3_440_000, higherCents: 3_650_000 });
    expect(vatFranchiseThresholds(2022)).toEqual({ baseCents: 3_440_000, higherCents: 3_650_000 });
    expect(vatFranchiseThresholds(2023)).toEqual({ baseCents: 3_680_000, higherCents: 3_910_000 });
    expect(vatFranchiseThresholds(2024)).toEqual({ baseCents: 3_680_000, higherCents: 3_910_000 });
    expect(vatFranchiseThresholds(2025)).toEqual({ baseCents: 3_750_000, higherCents: 4_125_000 });
    expect(vatFranchiseThresholds(2026)).toEqual({ baseCents: 3_750_000, higherCents: 4_125_000 });
  });

  it('keeps the last row for later years and knows nothing before 2020', () => {
    expect(vatFranchiseThresholds(2027)).toEqual({ baseCents: 3_750_000, higherCents: 4_125_000 });
    expect(() => vatFranchiseThresholds(2019)).toThrow(RangeError);
  });
});

describe('vatFranchisePosition', () => {
  it('reads the same revenue differently in 2024 and 2025', () => {
    expect(vatFranchisePosition(2024, 3_700_000).status).toBe('over_base'); // > 36 800 €
    expect(vatFranchisePosition(2025, 3_700_000).status).toBe('under'); // ≤ 37 500 €
    expect(vatFranchisePosition(2024, 4_000_000).status).toBe('over_higher'); // > 39 100 €
    expect(vatFranchisePosition(2025, 4_000_000).status).toBe('over_base'); // ≤ 41 250 €
  });

  it('counts only exceeding a threshold, not reaching it', () => {
    expect(vatFranchisePosition(2026, 3_750_000).status).toBe('under');
    expect(vatFranchisePosition(2026, 3_750_001).status).toBe('over_base');
    expect(vatFranchisePosition(2026, 4_125_000).status).toBe('over_base');
    expect(vatFranchisePosition(2026, 4_125_001).status).toBe('over_higher');
  });

  it('gives the shares and the room left', () => {
    expect(vatFranchisePosition(2026, 3_000_000)).toEqual({
      year: 2026,
      revenueCents: 3_000_000,
      baseCents: 3_750_000,
      higherCents: 4_125_000,
      status: 'under',
      baseRatioBps: 8000,
      higherRatioBps: 7273, // 72.727 %
      remainingToBaseCents: 750_000,
      remainingToHigherCents: 1_125_000,
    });
    expect(vatFranchisePosition(2026, 4_200_000)).toMatchObject({ remainingToBaseCents: 0, remainingToHigherCents: 0, baseRatioBps: 11_200 });
  });
});

describe('projectVatThresholds', () => {
  // 36 000 € invoiced by the end of September 2026, then every October working day at 500 €.
  const october = workingDaysOfMonth('2026-10').map((on) => ({ on, amountCents: 50_000 }));

  it('finds the day each threshold is crossed on a simple plan', () => {
    const p = projectVatThresholds({ year: 2026, asOf: '2026-09-30', revenueToDateCents: 3_600_000, planned: october });
    // base 37 500 €: 3 days reach it exactly, the 4th (Tue 6 Oct) exceeds it
    expect(p.base).toEqual({ thresholdCents: 3_750_000, already: false, on: '2026-10-06' });
    // higher 41 250 €: 10 days reach 41 000 €, the 11th (Thu 15 Oct) exceeds it
    expect(p.higher).toEqual({ thresholdCents: 4_125_000, already: false, on: '2026-10-15' });
    expect(p.projectedCents).toBe(3_600_000 + 22 * 50_000);
  });

  it('flags a threshold already exceeded and returns null when the plan stays under', () => {
    const p = projectVatThresholds({ year: 2026, asOf: '2026-09-30', revenueToDateCents: 3_800_000, planned: october.slice(0, 2) });
    expect(p.base).toEqual({ thresholdCents: 3_750_000, already: true, on: null });
    expect(p.higher).toEqual({ thresholdCents: 4_125_000, already: false, on: null });
  });

  it('ignores planned days of another year', () => {
    const p = projectVatThresholds({ year: 2025, asOf: '2025-09-30', revenueToDateCents: 3_600_000, planned: october });
    expect(p.base.on).toBeNull();
    expect(p.projectedCents).toBe(3_600_000);
  });
});

describe('wouldCrossHigherThreshold', () => {
  it('warns only for the invoice that exceeds the higher threshold', () => {
    expect(wouldCrossHigherThreshold(2026, 4_000_000, 125_000)).toEqual({ crosses: false, alreadyOver: false, crossesBase: false, thresholdCents: 4_125_000, afterCents: 4_125_000 });
    expect(wouldCrossHigherThreshold(2026, 4_000_000, 125_001)).toMatchObject({ crosses: true, alreadyOver: false, afterCents: 4_125_001 });
    expect(wouldCrossHigherThreshold(2026, 4_200_000, 10_000)).toMatchObject({ crosses: false, alreadyOver: true });
  });

  it('uses the year’s threshold and reports crossing the base one', () => {
    expect(wouldCrossHigherThreshold(2024, 3_700_000, 300_000)).toMatchObject({ crosses: true, crossesBase: false, thresholdCents: 3_910_000 });
    expect(wouldCrossHigherThreshold(2026, 3_700_000, 100_000)).toMatchObject({ crosses: false, crossesBase: true });
  });

  it('never warns for a credit note', () => {
    expect(wouldCrossHigherThreshold(2026, 4_125_000, -50_000)).toMatchObject({ crosses: false, crossesBase: false, afterCents: 4_075_000 });
  });
});
