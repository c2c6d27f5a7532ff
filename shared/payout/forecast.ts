import { addDays, isIsoDate, type IsoDate } from '../dates';
import { assertCents, isExactQuantity, type Cents } from '../money';
import { feeCents } from './fees';
import { dueDate } from '../invoice/due-date';
import { payoutWindow } from './payout-dates';
import { planRuleOn } from './plan-rules';
import { portalFeeOn, portalRuleFor } from './portal-rules';
import { regimeFor, resolvePlan, type Plan, type Regime } from './regimes';

/** A mission's payment terms, as entered: the plan string is parsed leniently. */
export type PayoutTerms = { portal: string; contractSignedOn: IsoDate; country: string; plan?: string; clientTermsDays?: number };

export type InvoicedAmounts = {
  /** May be fractional (thousandths). */
  daysInvoiced: number;
  dailyRateCents: Cents;
  /** The days by rate when a renewal changed the rate within the month (fees per day follow each rate). */
  dayGroups?: readonly { days: number; dailyRateCents: Cents }[];
  /** Total excluding VAT of the invoice (days + lines). */
  netCents: Cents;
  vatCents: Cents;
  /** Origin of the payout clock: CRA validation (mode auto) or the portal's validation of the uploaded invoice (mode manual). Also the invoice date. */
  clockStartsOn: IsoDate;
  /** When known, narrows back_to_back (5–8 working days after it) and fixes direct (paid that day). */
  clientPaidOn?: IsoDate;
};

export type PayoutForecast = {
  regime: Regime;
  plan: Plan;
  netCents: Cents;
  vatCents: Cents;
  totalCents: Cents;
  feeCents: Cents;
  payoutCents: Cents;
  invoiceDate: IsoDate;
  clientDueOn: IsoDate | null;
  payoutEarliest: IsoDate;
  payoutLatest: IsoDate;
};

export type PayoutResult =
  | { ok: true; value: PayoutForecast }
  | { ok: false; code: 'plan_not_available' | 'plan_required' | 'plan_unknown' | 'terms_too_long'; message: string };

/**
 * What the freelancer will be paid for one invoice, and when. total = net + VAT; the fee
 * (plan fee + portal fee) is deducted from the total, so payout + fee = total, except under
 * SMart where the payout is net − fee (the VAT goes to the state). The invoice is dated the
 * day the clock starts. clientDueOn = invoice date + client terms (the plan's default when
 * absent; null under fixed_date when no terms are given, since the payout ignores them).
 *
 * Throws RangeError on malformed input (dates not ISO, cents not integers, days negative or
 * finer than thousandths, terms not a non-negative integer): the API schema rejects those first.
 *
 * @example forecastPayout({ portal: 'littlebig', contractSignedOn: '2025-05-01', country: 'FR', plan: 'flash' },
 *   { daysInvoiced: 20, dailyRateCents: 50_000, netCents: 1_000_000, vatCents: 200_000, clockStartsOn: '2026-05-12' })
 * // { ok: true, value: { feeCents: 50_000, payoutCents: 1_150_000, payoutEarliest: '2026-05-18', payoutLatest: '2026-05-18', … } }
 */
export function forecastPayout(terms: PayoutTerms, invoice: InvoicedAmounts): PayoutResult {
  assertInput(terms, invoice);
  const regime = regimeFor(terms);
  const resolved = resolvePlan(regime, terms.plan);
  if (!resolved.ok) return resolved;
  const plan = resolved.plan;
  const portal = portalRuleFor(terms.portal);
  if (portal.plans && !portal.plans.includes(plan)) {
    return { ok: false, code: 'plan_not_available', message: `The plan ${plan} is not offered by ${portal.label}; available: ${portal.plans.join(', ')}.` };
  }
  const rule = planRuleOn(plan, terms.contractSignedOn);

  const invoiceDate = invoice.clockStartsOn;
  const termsDays = terms.clientTermsDays ?? rule.defaultClientTermsDays;
  if (termsDays !== null && rule.capTermsAtLegalMaximum) {
    const due = dueDate(invoiceDate, termsDays);
    if (!due.ok) return due;
  }
  const clientDueOn = termsDays === null ? null : addDays(invoiceDate, termsDays);
  // SMart BE pays from Belgium: its working days follow the Belgian calendar.
  const window = payoutWindow(rule.delay, { clockStartsOn: invoice.clockStartsOn, clientDueOn, clientPaidOn: invoice.clientPaidOn }, regime === 'smart' ? { country: 'BE' } : {});

  const base = { daysInvoiced: invoice.daysInvoiced, dailyRateCents: invoice.dailyRateCents, netCents: invoice.netCents, dayGroups: invoice.dayGroups };
  const fee = feeCents(rule.fee, base) + feeCents(portalFeeOn(portal, terms.contractSignedOn), base);
  const totalCents = invoice.netCents + invoice.vatCents;
  const payoutCents = (rule.payoutBase === 'net' ? invoice.netCents : totalCents) - fee;

  return {
    ok: true,
    value: {
      regime,
      plan,
      netCents: invoice.netCents,
      vatCents: invoice.vatCents,
      totalCents,
      feeCents: fee,
      payoutCents,
      invoiceDate,
      clientDueOn,
      payoutEarliest: window.earliest,
      payoutLatest: window.latest,
    },
  };
}

function assertInput(terms: PayoutTerms, invoice: InvoicedAmounts): void {
  for (const [name, date] of [['contractSignedOn', terms.contractSignedOn], ['clockStartsOn', invoice.clockStartsOn], ['clientPaidOn', invoice.clientPaidOn]] as const) {
    if (date !== undefined && !isIsoDate(date)) throw new RangeError(`forecastPayout: ${name} must be an ISO date, got ${String(date)}`);
  }
  assertCents(invoice.dailyRateCents, 'dailyRateCents');
  assertCents(invoice.netCents, 'netCents');
  assertCents(invoice.vatCents, 'vatCents');
  if (!(invoice.daysInvoiced >= 0) || !isExactQuantity(invoice.daysInvoiced)) {
    throw new RangeError(`forecastPayout: daysInvoiced must be ≥ 0 with at most 3 decimals, got ${invoice.daysInvoiced}`);
  }
  const t = terms.clientTermsDays;
  if (t !== undefined && !(Number.isSafeInteger(t) && t >= 0)) throw new RangeError(`forecastPayout: clientTermsDays must be a non-negative integer, got ${t}`);
}
