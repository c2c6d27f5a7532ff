import type { IsoDate } from '../dates';
import { applyBps, lineAmount, type Bps, type Cents } from '../money';
import { forecastPayout, type PayoutResult, type PayoutTerms } from './forecast';

export type SimulateInput = PayoutTerms & { dailyRateCents: Cents; days: number; validatedOn: IsoDate; clientPaidOn?: IsoDate; vatRateBps?: Bps };

/**
 * The payout of a hypothetical invoice of `days` at `dailyRateCents` validated on
 * `validatedOn` (what POST /v1/simulate/payout answers): net = days × rate rounded half-up,
 * VAT = net × vatRateBps (0 when absent, e.g. under the micro-entrepreneur franchise).
 * @example simulatePayout({ portal: 'littlebig', contractSignedOn: '2025-05-01', country: 'FR', plan: 'express', dailyRateCents: 65_000, days: 20.5, validatedOn: '2026-04-08', vatRateBps: 2000 })
 * // { ok: true, value: { netCents: 1_332_500, vatCents: 266_500, feeCents: 33_313, payoutCents: 1_565_687, payoutEarliest: '2026-05-11', … } }
 */
export function simulatePayout(input: SimulateInput): PayoutResult {
  const netCents = lineAmount(input.days, input.dailyRateCents);
  const vatCents = applyBps(netCents, input.vatRateBps ?? 0);
  const terms: PayoutTerms = {
    portal: input.portal,
    contractSignedOn: input.contractSignedOn,
    country: input.country,
    plan: input.plan,
    clientTermsDays: input.clientTermsDays,
  };
  return forecastPayout(terms, {
    daysInvoiced: input.days,
    dailyRateCents: input.dailyRateCents,
    netCents,
    vatCents,
    clockStartsOn: input.validatedOn,
    clientPaidOn: input.clientPaidOn,
  });
}
