import type { IsoDate } from '../dates';
import { inForceOn, SINCE_ALWAYS, type Dated } from '../dated-table';
import type { FeeRule } from './fees';
import type { Plan } from './regimes';

/**
 * When a plan pays, counted from:
 * - `calendar_days`: the clock start (CRA or uploaded-invoice validation), moved to the next working day if needed;
 * - `working_days`: the clock start, counting from the day after (min..max working days);
 * - `after_client_payment`: the client's payment, or its due date while unknown (min..max working days);
 * - `on_client_due_date`: the due date itself, or the next working day.
 */
export type PayoutDelay =
  | { readonly kind: 'calendar_days'; readonly days: number }
  | { readonly kind: 'working_days'; readonly min: number; readonly max: number }
  | { readonly kind: 'after_client_payment'; readonly min: number; readonly max: number }
  | { readonly kind: 'on_client_due_date' };

export type PlanRule = Dated & {
  readonly delay: PayoutDelay;
  readonly fee: FeeRule | null;
  /** Client payment terms when the mission gives none; null: the forecast does not need them. */
  readonly defaultClientTermsDays: number | null;
  /** Refuse client terms above the legal maximum (invoice/due-date.ts). */
  readonly capTermsAtLegalMaximum: boolean;
  /** What the freelancer receives before the fee: the invoice total, or the amount excluding VAT. */
  readonly payoutBase: 'total' | 'net';
};

/** Looked up by contract signature date: the plan's terms are fixed by the contract, and change only at renewal. */
export const PLAN_RULES: Readonly<Record<Plan, readonly PlanRule[]>> = {
  // DOMAIN.md "Fixed-date guarantee"; seed littlebig-connection-payment-terms.fr.txt ("Nos options de paiements").
  basic: [{ from: '2025-04-28', delay: { kind: 'calendar_days', days: 60 }, fee: null, defaultClientTermsDays: null, capTermsAtLegalMaximum: false, payoutBase: 'total' }],
  express: [
    {
      from: '2025-04-28',
      delay: { kind: 'calendar_days', days: 30 },
      fee: { kind: 'bps_of_daily_rate_per_day', bps: 250 },
      defaultClientTermsDays: null,
      capTermsAtLegalMaximum: false,
      payoutBase: 'total',
    },
  ],
  flash: [
    {
      from: '2025-04-28',
      delay: { kind: 'working_days', min: 3, max: 3 },
      fee: { kind: 'bps_of_daily_rate_per_day', bps: 500 },
      defaultClientTermsDays: null,
      capTermsAtLegalMaximum: false,
      payoutBase: 'total',
    },
  ],
  // DOMAIN.md "Back-to-back": paid 5 to 8 working days after the client's payment, no fees;
  // seed littlebig-connection-payment-terms.fr.txt ("sous 5 à 8 jours ouvrés"). 30 days: the
  // first of the seed's "30, 45, 60 jours" and the French default term (art. L441-10 C. com.).
  back_to_back: [
    { from: SINCE_ALWAYS, delay: { kind: 'after_client_payment', min: 5, max: 8 }, fee: null, defaultClientTermsDays: 30, capTermsAtLegalMaximum: false, payoutBase: 'total' },
  ],
  // DOMAIN.md "Back-to-back", option immediate payment: 20 € per day invoiced, 3 to 5 working
  // days after validation; seed littlebig-connection-faq.en.txt ("charged at €20 per working day").
  immediate: [
    {
      from: SINCE_ALWAYS,
      delay: { kind: 'working_days', min: 3, max: 5 },
      fee: { kind: 'cents_per_day', cents: 2_000 },
      defaultClientTermsDays: 30,
      capTermsAtLegalMaximum: false,
      payoutBase: 'total',
    },
  ],
  // DOMAIN.md "Direct clients": due after the client's terms, never beyond the legal maximum;
  // 30 days is the term the law sets when none is agreed (art. L441-10 I C. com.).
  direct: [{ from: SINCE_ALWAYS, delay: { kind: 'on_client_due_date' }, fee: null, defaultClientTermsDays: 30, capTermsAtLegalMaximum: true, payoutBase: 'total' }],
  // DOMAIN.md "SMart BE": 6.5 % of the amounts invoiced excluding VAT; salary within 7 working
  // days after the work; seed smart-be-quote-order.fr.txt: client term "10 jours en standard".
  // payoutBase 'net': the VAT SMart invoices is collected for the state, never paid to the
  // member, so what is left for the member is net excl. VAT minus the 6.5 %. (SMart's margin on
  // the employment budget and the employer's contributions are not modelled: the payout is the
  // salary budget, not the net salary.)
  smart: [
    {
      from: SINCE_ALWAYS,
      delay: { kind: 'working_days', min: 1, max: 7 },
      fee: { kind: 'bps_of_net', bps: 650 },
      defaultClientTermsDays: 10,
      capTermsAtLegalMaximum: false,
      payoutBase: 'net',
    },
  ],
};

/** The rule of a plan for a contract signed on `signedOn`; throws when the table has no row then (a data gap, not a user error). */
export function planRuleOn(plan: Plan, signedOn: IsoDate): PlanRule {
  const rule = inForceOn(PLAN_RULES[plan], signedOn);
  if (!rule) throw new RangeError(`no ${plan} plan rule in force on ${signedOn}`);
  return rule;
}
