import { applyBps, assertCents, type Bps, type Cents } from '../money';
import type { IsoDate } from '../dates';
import { rowForYear } from '../dated-table';

/**
 * Micro-social contributions on cash collected, for a "net after contributions"
 * estimate. DOMAIN.md "Micro-entrepreneur VAT franchise and ceilings": BIC services
 * 21.2 %; BNC under SSI 24.6 % in 2025 and 25.6 % in 2026; BNC under CIPAV 23.2 %.
 * The estimate leaves out the training contribution (CFP) and the optional
 * versement libératoire of income tax.
 */
export type MicroActivity = 'bic_services' | 'bnc_ssi' | 'bnc_cipav';

export const SOCIAL_CONTRIBUTION_RATES: readonly { from: IsoDate; rates: Record<MicroActivity, Bps> }[] = [
  { from: '2025-01-01', rates: { bic_services: 2120, bnc_ssi: 2460, bnc_cipav: 2320 } },
  { from: '2026-01-01', rates: { bic_services: 2120, bnc_ssi: 2560, bnc_cipav: 2320 } },
];

/**
 * The contribution rate of an activity for a year (last row for later years; throws before 2025).
 * @example socialContributionRateBps('bnc_ssi', 2026) // 2560
 */
export function socialContributionRateBps(activity: MicroActivity, year: number): Bps {
  return rowForYear(SOCIAL_CONTRIBUTION_RATES, year, 'social contribution rate').rates[activity];
}

/**
 * Contributions owed on cash collected, and what is left.
 * @example netAfterContributions(1_000_000, 'bic_services', 2026) // { rateBps: 2120, contributionsCents: 212_000, netCents: 788_000 }
 */
export function netAfterContributions(
  cashCents: Cents,
  activity: MicroActivity,
  year: number,
): { rateBps: Bps; contributionsCents: Cents; netCents: Cents } {
  assertCents(cashCents, 'cashCents');
  const rateBps = socialContributionRateBps(activity, year);
  const contributionsCents = applyBps(cashCents, rateBps);
  return { rateBps, contributionsCents, netCents: cashCents - contributionsCents };
}
