import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { checkSmartDailyGross, SMART_CONTRACT_TYPES, smartMinimumDailyGross } from './smart';

describe('smartMinimumDailyGross', () => {
  it('gives the legal gross minimum per day of each contract type (DOMAIN.md table)', () => {
    expect(smartMinimumDailyGross('salaried', '2026-05-01')).toBe(7_197);
    expect(smartMinimumDailyGross('salaried_artistic', '2026-05-01')).toBe(6_932);
    expect(smartMinimumDailyGross('music', '2026-05-01')).toBe(10_665);
    expect(smartMinimumDailyGross('music_chorister', '2026-05-01')).toBe(9_358);
  });
});

describe('checkSmartDailyGross', () => {
  it('accepts the minimum itself and above', () => {
    expect(checkSmartDailyGross({ contractType: 'salaried', dailyGrossCents: 7_197, days: 5, on: '2026-05-01' })).toEqual({ ok: true, minimumCents: 7_197 });
    expect(checkSmartDailyGross({ contractType: 'music', dailyGrossCents: 20_000, days: 1, on: '2026-05-01' }).ok).toBe(true);
  });

  it('one cent below: says so and offers both ways out', () => {
    const r = checkSmartDailyGross({ contractType: 'salaried_artistic', dailyGrossCents: 6_931, days: 2, on: '2026-05-01' });
    expect(r).toMatchObject({ ok: false, code: 'below_minimum_gross', minimumCents: 6_932, dailyShortfallCents: 1, shortfallCents: 2, requiredAmountCents: 13_864 });
    if (!r.ok) {
      expect(r.waysOut).toEqual(['raise_amount', 'part_time']);
      expect(r.message).toContain('part time');
    }
  });

  it('computes the required amount for fractional days, rounded half-up', () => {
    // 71.97 € × 2.5 = 179.925 € → 179.93 €; 70 € × 2.5 = 175 €; shortfall 4.93 €
    expect(checkSmartDailyGross({ contractType: 'salaried', dailyGrossCents: 7_000, days: 2.5, on: '2026-05-01' })).toMatchObject({
      ok: false,
      minimumCents: 7_197,
      requiredAmountCents: 17_993,
      shortfallCents: 493,
      dailyShortfallCents: 197,
    });
  });

  it('a chorister at 100 € a day is fine, a singer is not', () => {
    expect(checkSmartDailyGross({ contractType: 'music_chorister', dailyGrossCents: 10_000, days: 1, on: '2026-05-01' }).ok).toBe(true);
    expect(checkSmartDailyGross({ contractType: 'music', dailyGrossCents: 10_000, days: 1, on: '2026-05-01' })).toMatchObject({ ok: false, shortfallCents: 665 });
  });

  test.prop([fc.constantFrom(...SMART_CONTRACT_TYPES), fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 30_000 })])(
    'raising the amount by the shortfall reaches exactly the required amount',
    (contractType, dailyGrossCents, daysMilli) => {
      const r = checkSmartDailyGross({ contractType, dailyGrossCents, days: daysMilli / 1000, on: '2026-05-01' });
      expect(r.ok).toBe(dailyGrossCents >= r.minimumCents);
      if (!r.ok) {
        expect(r.shortfallCents).toBeGreaterThanOrEqual(0);
        expect(r.dailyShortfallCents).toBeGreaterThan(0);
        expect(r.requiredAmountCents).toBeGreaterThanOrEqual(r.shortfallCents);
      }
    },
  );
});
