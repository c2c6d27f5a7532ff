import { describe, expect, it } from 'vitest';
import { microCeilingCents, microCeilingPosition, projectMicroCeiling } from './micro-ceiling';

describe('microCeilingCents', () => {
  it('is 77 700 € for 2023–2025 and 83 600 € for 2026–2028', () => {
    expect(microCeilingCents(2023)).toBe(7_770_000);
    expect(microCeilingCents(2025)).toBe(7_770_000);
    expect(microCeilingCents(2026)).toBe(8_360_000);
    expect(microCeilingCents(2028)).toBe(8_360_000);
    expect(microCeilingCents(2029)).toBe(8_360_000); // until a new row
    expect(() => microCeilingCents(2022)).toThrow(RangeError);
  });
});

describe('microCeilingPosition', () => {
  it('reads 80 000 € collected as over in 2025 but under in 2026', () => {
    expect(microCeilingPosition(2025, 8_000_000)).toEqual({ year: 2025, collectedCents: 8_000_000, ceilingCents: 7_770_000, ratioBps: 10_296, remainingCents: 0, over: true });
    expect(microCeilingPosition(2026, 8_000_000)).toEqual({ year: 2026, collectedCents: 8_000_000, ceilingCents: 8_360_000, ratioBps: 9569, remainingCents: 360_000, over: false });
  });

  it('is not over at the ceiling exactly', () => {
    expect(microCeilingPosition(2026, 8_360_000).over).toBe(false);
    expect(microCeilingPosition(2026, 8_360_001).over).toBe(true);
  });
});

describe('projectMicroCeiling', () => {
  it('finds the payment that takes collected cash over the ceiling', () => {
    const planned = [
      { on: '2026-11-30', amountCents: 1_300_000 },
      { on: '2026-10-30', amountCents: 1_300_000 },
      { on: '2026-12-31', amountCents: 1_300_000 },
    ];
    const p = projectMicroCeiling({ year: 2026, asOf: '2026-09-30', collectedToDateCents: 6_000_000, planned });
    expect(p.ceiling).toEqual({ thresholdCents: 8_360_000, already: false, on: '2026-11-30' }); // 60 000 + 13 000 + 13 000 > 83 600
    expect(p.projectedCents).toBe(9_900_000);
    const in2025 = projectMicroCeiling({ year: 2025, asOf: '2025-12-01', collectedToDateCents: 7_800_000, planned: [] });
    expect(in2025.ceiling).toEqual({ thresholdCents: 7_770_000, already: true, on: null });
  });
});
