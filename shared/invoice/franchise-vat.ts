import type { Cents } from '../money';
import { computeInvoice, type InvoiceLineInput, type VatRegime } from './lines';
import { wouldCrossHigherThreshold } from '../tax/vat-franchise';

/**
 * The franchise's part of a document's VAT: under the franchise (art. 293 B CGI) no VAT, except on the
 * invoice that crosses the higher threshold, which must carry VAT (DOMAIN.md "Micro-entrepreneur VAT
 * franchise"). Where VAT then applies, `vatTreatment` (vat-treatment.ts) decides French VAT, reverse
 * charge or outside scope from the parties' countries.
 */
export type FranchiseVat = {
  treatment: 'franchise' | 'standard';
  vatRegime: VatRegime;
  lines: InvoiceLineInput[];
  /** Set when a franchise invoice takes the year over the higher threshold: it then carries VAT once acknowledged. */
  crossesHigherThreshold: boolean;
};

export type VatContext = {
  profileVatRegime: VatRegime;
  /** The year's own turnover before this document (franchise only). */
  revenueBeforeCents: Cents;
  year: number;
  acknowledgeVatThreshold: boolean;
  /** The rate charged when the franchise is lost mid-year (20 % by default). */
  standardRateBps?: number;
};

/**
 * @example vatTreatmentOf([{ label: 'x', quantity: 1, unitCents: 100_00, vatRateBps: 0 }], { profileVatRegime: 'franchise', revenueBeforeCents: 0, year: 2026, acknowledgeVatThreshold: false })
 * // { treatment: 'franchise', vatRegime: 'franchise', crossesHigherThreshold: false, lines: [...] }
 */
export function vatTreatmentOf(lines: InvoiceLineInput[], ctx: VatContext): FranchiseVat {
  if (ctx.profileVatRegime !== 'franchise') return { treatment: 'standard', vatRegime: 'standard', lines, crossesHigherThreshold: false };
  const draft = computeInvoice(lines, { vatRegime: 'franchise' });
  const crossing = wouldCrossHigherThreshold(ctx.year, ctx.revenueBeforeCents, draft.netCents);
  if (!crossing.crosses) return { treatment: 'franchise', vatRegime: 'franchise', lines, crossesHigherThreshold: false };
  const rate = ctx.standardRateBps ?? 2000;
  return { treatment: 'standard', vatRegime: 'standard', lines: lines.map((l) => ({ ...l, vatRateBps: l.vatRateBps || rate })), crossesHigherThreshold: true };
}
