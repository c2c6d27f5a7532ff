import { roundHalfUp, assertCents, type Bps, type Cents } from '../money';
import { daysBetween, type IsoDate } from '../dates';
import { inForceOn } from '../dated-table';

/**
 * Late-payment penalties between professionals (DOMAIN.md "Invoices"; art. L441-10 II
 * Code de commerce): interest on the amount including VAT at the invoice's annual rate,
 * never below three times the legal interest rate, pro rata of the days late counted
 * from the day after the due date, plus a fixed 40 € recovery indemnity per invoice
 * (art. D441-5).
 */

/**
 * Taux de l'intérêt légal, "autres cas" (creditor acting for professional needs), set
 * each half-year by arrêté (art. L313-2 Code monétaire et financier). Figures from the
 * service-public.fr table (F20688); DOMAIN.md gives 2.62 % for 2026-H1. Two rates exist
 * since 2015, so the table starts there. Add a row each January and July.
 */
export const LEGAL_INTEREST_RATES: readonly { from: IsoDate; rateBps: Bps }[] = [
  { from: '2015-01-01', rateBps: 93 },
  { from: '2015-07-01', rateBps: 99 },
  { from: '2016-01-01', rateBps: 101 },
  { from: '2016-07-01', rateBps: 93 },
  { from: '2017-01-01', rateBps: 90 },
  { from: '2017-07-01', rateBps: 90 },
  { from: '2018-01-01', rateBps: 89 },
  { from: '2018-07-01', rateBps: 88 },
  { from: '2019-01-01', rateBps: 86 },
  { from: '2019-07-01', rateBps: 87 },
  { from: '2020-01-01', rateBps: 87 },
  { from: '2020-07-01', rateBps: 84 },
  { from: '2021-01-01', rateBps: 79 },
  { from: '2021-07-01', rateBps: 76 },
  { from: '2022-01-01', rateBps: 76 },
  { from: '2022-07-01', rateBps: 77 },
  { from: '2023-01-01', rateBps: 206 },
  { from: '2023-07-01', rateBps: 422 },
  { from: '2024-01-01', rateBps: 507 },
  { from: '2024-07-01', rateBps: 492 },
  { from: '2025-01-01', rateBps: 371 },
  { from: '2025-07-01', rateBps: 276 },
  { from: '2026-01-01', rateBps: 262 },
];

/** The rate printed on the portal's invoices, used when an invoice states none (DOMAIN.md). */
export const DEFAULT_PENALTY_RATE_BPS: Bps = 1000;
/** Indemnité forfaitaire pour frais de recouvrement, art. D441-5 Code de commerce. */
export const RECOVERY_INDEMNITY_CENTS: Cents = 4000;

/**
 * The legal interest rate for professional creditors in force on a date; after the last
 * row, the last row. Throws before 2015 (no split professional rate then).
 * @example legalInterestRateBps('2026-03-15') // 262
 */
export function legalInterestRateBps(on: IsoDate): Bps {
  const row = inForceOn(LEGAL_INTEREST_RATES, on);
  if (!row) throw new RangeError(`no legal interest rate known on ${on}`);
  return row.rateBps;
}

export type LatePenalty = { daysLate: number; rateBps: Bps; interestCents: Cents; indemnityCents: Cents; totalPenaltyCents: Cents };

/**
 * Penalties owed on an invoice paid (or still unpaid) at `asOf`.
 * rate = max(annualRateBps ?? 10 %, 3 × legal rate on the due date);
 * daysLate = calendar days after `dueOn` up to `asOf` (0 when not late);
 * interest = totalCents × rate × daysLate / (10 000 × 365), rounded half-up once;
 * the 40 € indemnity is owed once as soon as the invoice is late and something is due.
 * @example
 * latePenalty({ totalCents: 1_200_000, dueOn: '2026-03-31', asOf: '2026-04-30', annualRateBps: 1000 })
 * // { daysLate: 30, rateBps: 1000, interestCents: 9863, indemnityCents: 4000, totalPenaltyCents: 13_863 }
 */
export function latePenalty(input: { totalCents: Cents; dueOn: IsoDate; asOf: IsoDate; annualRateBps?: Bps }): LatePenalty {
  const { totalCents, dueOn, asOf } = input;
  assertCents(totalCents, 'totalCents');
  if (totalCents < 0) throw new RangeError('latePenalty: a credit note carries no penalty');
  const invoiceRate = input.annualRateBps ?? DEFAULT_PENALTY_RATE_BPS;
  if (!Number.isSafeInteger(invoiceRate) || invoiceRate < 0) throw new RangeError(`annualRateBps must be a non-negative integer, got ${invoiceRate}`);

  const rateBps = Math.max(invoiceRate, 3 * legalInterestRateBps(dueOn));
  const daysLate = Math.max(0, daysBetween(dueOn, asOf));
  const interestCents = roundHalfUp(BigInt(totalCents) * BigInt(rateBps) * BigInt(daysLate), 10_000n * 365n);
  const indemnityCents = daysLate > 0 && totalCents > 0 ? RECOVERY_INDEMNITY_CENTS : 0;
  return { daysLate, rateBps, interestCents, indemnityCents, totalPenaltyCents: interestCents + indemnityCents };
}
