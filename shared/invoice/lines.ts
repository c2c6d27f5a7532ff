import { applyBps, lineAmount, sumCents, type Bps, type Cents } from '../money';
import { treatmentMention, type VatTreatment } from './vat-treatment';

/**
 * Invoice arithmetic (DOMAIN.md "Invoices"): each line is quantity × unit price HT
 * rounded half-up to the cent; totals are sums of the rounded lines, never the rounding
 * of a sum; VAT is computed once per rate on the sum of that rate's rounded lines.
 */

export type InvoiceLineInput = { label: string; quantity: number; unitCents: Cents; vatRateBps: Bps; unit?: 'day' | 'unit' };
export type InvoiceLine = InvoiceLineInput & { amountCents: Cents };
export type VatBreakdown = { rateBps: Bps; baseCents: Cents; vatCents: Cents };
export type InvoiceTotals = {
  lines: InvoiceLine[];
  vat: VatBreakdown[];
  netCents: Cents;
  vatCents: Cents;
  totalCents: Cents;
  vatMention: string | null;
};
export type VatRegime = 'franchise' | 'standard';
/** Every treatment but `standard` charges no VAT: lines at 0 %, with the treatment's mention. */
type Treatment = VatRegime | VatTreatment;

/**
 * Lines, VAT breakdown and totals of an invoice (or credit note: negative quantities).
 * Under `franchise` (and the reverse charge, and services outside the scope of French VAT) every line's rate is forced to 0 and the breakdown holds one 0 %
 * row (the "exempt" category an e-invoice needs), with the art. 293 B mention.
 * The breakdown is ordered by rate, highest first, as French invoices print it.
 * Throws on a quantity with more than 3 decimals, fractional cents or a bad rate
 * (the API schemas refuse those first).
 * @example
 * computeInvoice([{ label: 'Conseil', quantity: 0.5, unitCents: 1001, vatRateBps: 2000 }], { vatRegime: 'standard' })
 * // lines[0].amountCents 501 (500.5 → 501), vat [{ rateBps: 2000, baseCents: 501, vatCents: 100 }], totalCents 601
 */
export function computeInvoice(lines: InvoiceLineInput[], options: { vatRegime: Treatment }): InvoiceTotals {
  const franchise = options.vatRegime !== 'standard';
  const computed: InvoiceLine[] = lines.map((line) => {
    if (!Number.isSafeInteger(line.vatRateBps) || line.vatRateBps < 0) {
      throw new RangeError(`vatRateBps must be a non-negative integer, got ${line.vatRateBps}`);
    }
    return { ...line, vatRateBps: franchise ? 0 : line.vatRateBps, amountCents: lineAmount(line.quantity, line.unitCents) };
  });

  const baseByRate = new Map<Bps, Cents>();
  for (const line of computed) baseByRate.set(line.vatRateBps, (baseByRate.get(line.vatRateBps) ?? 0) + line.amountCents);
  const vat: VatBreakdown[] = [...baseByRate]
    .sort(([a], [b]) => b - a)
    .map(([rateBps, baseCents]) => ({ rateBps, baseCents, vatCents: applyBps(baseCents, rateBps) }));

  const netCents = sumCents(computed.map((l) => l.amountCents));
  const vatCents = sumCents(vat.map((v) => v.vatCents));
  return {
    lines: computed,
    vat,
    netCents,
    vatCents,
    totalCents: netCents + vatCents,
    vatMention: treatmentMention(options.vatRegime),
  };
}

/**
 * A credit note's lines: the invoice's lines with negated quantities. Since rounding is
 * half away from zero, every amount, VAT and total of the credit note is exactly the
 * negative of the invoice's.
 */
export function creditNoteLines(lines: InvoiceLineInput[]): InvoiceLineInput[] {
  return lines.map((line) => ({ ...line, quantity: line.quantity === 0 ? 0 : -line.quantity }));
}
