import { vatCategory, type VatCategory } from '../../shared/invoice/vat-treatment';
import type { InvoiceDocument } from './types';

/**
 * The signs a document states, the same in CII, UBL and on the PDF.
 *
 * An invoice is stored as issued; its credit note is stored as the negation of every line
 * (so the ledger adds up). A credit note (type 381, UBL `CreditNote`) states the amounts it
 * credits: the document's sign is flipped back, so the credit note of an invoice of +3 000
 * and −500 states +3 000 and −500 lines and a 2 500 total credited, never absolute values.
 * A price is never negative (BR-27): a line that takes money back carries its minus sign
 * on the quantity, and so does its amount (BR-CO-10 then holds: lines add up to the total).
 */
export type PrintedLine = { label: string; quantity: number; unitCents: number; amountCents: number; unit: 'day' | 'unit'; rateBps: number; category: VatCategory };
export type PrintedVat = { rateBps: number; baseCents: number; vatCents: number; category: VatCategory };

/** +1 for an invoice, −1 for a credit note: what turns stored amounts into stated ones. */
export const documentSign = (doc: InvoiceDocument) => (doc.kind === 'credit_note' ? -1 : 1);

/** `-0` never reaches a document. */
const signed = (n: number, sign: number) => (n === 0 ? 0 : n * sign);

/** The lines as the document states them. */
export function printedLines(doc: InvoiceDocument): PrintedLine[] {
  const sign = documentSign(doc);
  return doc.lines.map((line) => {
    const flip = line.unitCents < 0 ? -1 : 1;
    return {
      label: line.label,
      quantity: signed(line.quantity, sign * flip),
      unitCents: Math.abs(line.unitCents),
      amountCents: signed(line.amountCents, sign),
      unit: line.unit === 'day' ? 'day' : 'unit',
      rateBps: line.vatRateBps,
      category: vatCategory(doc.treatment, line.vatRateBps),
    };
  });
}

/** The VAT breakdown as stated, one row per category and rate. */
export function printedVat(doc: InvoiceDocument): PrintedVat[] {
  const sign = documentSign(doc);
  return doc.vat.map((v) => ({ rateBps: v.rateBps, baseCents: signed(v.baseCents, sign), vatCents: signed(v.vatCents, sign), category: vatCategory(doc.treatment, v.rateBps) }));
}

/** The document's totals as stated. */
export function printedTotals(doc: InvoiceDocument) {
  const sign = documentSign(doc);
  return { netCents: signed(doc.netCents, sign), vatCents: signed(doc.vatCents, sign), totalCents: signed(doc.totalCents, sign) };
}
