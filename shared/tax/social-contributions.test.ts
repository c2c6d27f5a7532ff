import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { netAfterContributions, socialContributionRateBps } from './social-contributions';

describe('socialContributionRateBps', () => {
  it('follows the dated rates', () => {
    expect(socialContributionRateBps('bic_services', 2025)).toBe(2120);
    expect(socialContributionRateBps('bic_services', 2026)).toBe(2120);
    expect(socialContributionRateBps('bnc_ssi', 2025)).toBe(2460);
    expect(socialContributionRateBps('bnc_ssi', 2026)).toBe(2560);
    expect(socialContributionRateBps('bnc_cipav', 2025)).toBe(2320);
    expect(socialContributionRateBps('bnc_cipav', 2026)).toBe(2320);
    expect(socialContributionRateBps('bnc_ssi', 2027)).toBe(2560);
    expect(() => socialContributionRateBps('bnc_ssi', 2024)).toThrow(RangeError);
  });
});

describe('netAfterContributions', () => {
  it('deducts the contributions from cash collected', () => {
    expect(netAfterContributions(1_000_000, 'bnc_ssi', 2025)).toEqual({ rateBps: 2460, contributionsCents: 246_000, netCents: 754_000 });
    expect(netAfterContributions(1_000_000, 'bnc_ssi', 2026)).toEqual({ rateBps: 2560, contributionsCents: 256_000, netCents: 744_000 });
    expect(netAfterContributions(1_000_000, 'bic_services', 2026).contributionsCents).toBe(212_000);
    expect(netAfterContributions(1_000_000, 'bnc_cipav', 2026).contributionsCents).toBe(232_000);
  });

  it('rounds the contributions half-up to the cent', () => {
    expect(netAfterContributions(333, 'bic_services', 2026)).toEqual({ rateBps: 2120, contributionsCents: 71, netCents: 262 }); // 70.596
    expect(netAfterContributions(0, 'bnc_ssi', 2026)).toEqual({ rateBps: 2560, contributionsCents: 0, netCents: 0 });
  });

  test.prop([fc.integer({ min: 0, max: 1_000_000_000 }), fc.constantFrom('bic_services' as const, 'bnc_ssi' as const, 'bnc_cipav' as const), fc.constantFrom(2025, 2026)])(
    'contributions + net = cash, in whole cents',
    (cash, activity, year) => {
      const r = netAfterContributions(cash, activity, year);
      expect(r.contributionsCents + r.netCents).toBe(cash);
      expect(Number.isSafeInteger(r.contributionsCents)).toBe(true);
      expect(Math.abs(r.contributionsCents * 10_000 - cash * r.rateBps)).toBeLessThanOrEqual(5000);
    },
  );
});
