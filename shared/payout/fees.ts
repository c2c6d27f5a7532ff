import { applyBps, BPS_SCALE, QUANTITY_SCALE, quantityToMilli, roundHalfUp, type Bps, type Cents } from '../money';

/**
 * How a portal or a plan charges the freelancer, as data (DOMAIN.md, "Dates in the
 * forecast": "a portal's fee and delay rules are data").
 * - `bps_of_daily_rate_per_day`: LittleBIG Express / Flash, a share of the daily rate per day invoiced;
 * - `cents_per_day`: LittleBIG immediate payment, a flat amount per day invoiced;
 * - `bps_of_net`: a share of the invoice excluding VAT (Malt, SMart).
 */
export type FeeRule =
  | { readonly kind: 'bps_of_daily_rate_per_day'; readonly bps: Bps }
  | { readonly kind: 'cents_per_day'; readonly cents: Cents }
  | { readonly kind: 'bps_of_net'; readonly bps: Bps };

/**
 * What a fee is computed on. `daysInvoiced` may hold thousandths. `dayGroups`, when a
 * renewal changed the daily rate within the invoiced month, splits the days by rate.
 */
export type FeeBase = { daysInvoiced: number; dailyRateCents: Cents; netCents: Cents; dayGroups?: readonly { days: number; dailyRateCents: Cents }[] };

/**
 * The fee of one invoice, computed once on the total (never per day then summed) and
 * rounded half-up to the cent. `null` rule: no fee.
 * @example feeCents({ kind: 'bps_of_daily_rate_per_day', bps: 250 }, { daysInvoiced: 20.5, dailyRateCents: 65_000, netCents: 1_332_500 }) // 33 313 (33 312.5 → 33 313)
 * @example feeCents({ kind: 'cents_per_day', cents: 2_000 }, { daysInvoiced: 0.5, dailyRateCents: 65_000, netCents: 32_500 }) // 1 000
 */
export function feeCents(rule: FeeRule | null, base: FeeBase): Cents {
  if (rule === null) return 0;
  switch (rule.kind) {
    case 'bps_of_daily_rate_per_day': {
      // bps × rate × days-in-thousandths over 10 000 × 1 000: exact in bigint, rounded once.
      const groups = base.dayGroups?.length ? base.dayGroups : [{ days: base.daysInvoiced, dailyRateCents: base.dailyRateCents }];
      const numerator = groups.reduce((sum, g) => sum + BigInt(rule.bps) * BigInt(g.dailyRateCents) * BigInt(quantityToMilli(g.days)), 0n);
      return roundHalfUp(numerator, BigInt(BPS_SCALE) * BigInt(QUANTITY_SCALE));
    }
    case 'cents_per_day':
      return roundHalfUp(BigInt(rule.cents) * BigInt(quantityToMilli(base.daysInvoiced)), QUANTITY_SCALE);
    case 'bps_of_net':
      return applyBps(base.netCents, rule.bps);
  }
}
