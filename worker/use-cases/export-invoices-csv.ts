import { and, asc, desc, eq } from 'drizzle-orm';
import { documentNumber } from './invoice-view';
import { invoices } from '../db/schema';
import type { Deps } from '../deps';

const HEADER = ['Numéro', 'Type', 'Date', 'Échéance', 'Période', 'Client', 'Montant HT', 'TVA', 'Montant TTC', 'Statut', 'Payée le', 'Facture annulée'];
const KIND = { invoice: 'Facture', credit_note: 'Avoir', portal_invoice: 'Facture (mandat)', salary_budget: 'Budget salarial' } as const;
const STATUS = { issued: 'Émise', paid: 'Payée', cancelled: 'Annulée', credit_note: 'Avoir', expected: 'Attendue' } as const;

/**
 * `rfc4180`: comma-separated, decimal point (what accounting software imports);
 * `excel-fr`: semicolon-separated, decimal comma (what a French Excel opens into columns).
 */
export type CsvDialect = 'rfc4180' | 'excel-fr';
const DIALECTS = { rfc4180: { sep: ',', decimal: '.' }, 'excel-fr': { sep: ';', decimal: ',' } } as const;

/** RFC 4180 quoting: a field with the separator, a quote or a line break is quoted, quotes doubled. */
export function csvField(value: string, sep = ','): string {
  return value.includes(sep) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Amount for a spreadsheet: `1300.00` (or `1300,00`), negative for a credit note. */
function amount(cents: number, decimal: string): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}${decimal}${String(abs % 100).padStart(2, '0')}`;
}

/**
 * The year's invoices and credit notes for the accountant, one row each in date order (invoices before credit notes on the same day):
 * UTF-8 with a BOM (so Excel reads the accents), CRLF line ends, RFC 4180 quoting.
 * Credit notes carry negative amounts, so the columns sum to the year's revenue.
 */
export async function exportInvoicesCsv(deps: Deps, input: { userId: string; year: number; dialect?: CsvDialect }): Promise<string> {
  const { sep, decimal } = DIALECTS[input.dialect ?? 'rfc4180'];
  const rows = await deps.db
    .select()
    .from(invoices)
    .where(and(eq(invoices.userId, input.userId), eq(invoices.year, input.year)))
    .orderBy(asc(invoices.issuedOn), desc(invoices.kind), asc(invoices.sequence))
    .all()
    // The accountant's invoices: the freelancer's series and those a portal issued in their name (once seen with its number);
    // never a cooperative's salary budget.
    .then((all) => all.filter((r) => r.kind === 'invoice' || r.kind === 'credit_note' || (r.kind === 'portal_invoice' && r.portalNumber)));
  const numbers = new Map(rows.map((r) => [r.id, documentNumber(r) ?? '']));
  const lines = [HEADER];
  for (const r of rows) {
    const buyer = JSON.parse(r.buyer) as { name?: string };
    lines.push([
      numbers.get(r.id)!,
      KIND[r.kind],
      r.issuedOn,
      r.kind === 'invoice' ? r.dueOn : '',
      r.serviceMonth ?? '',
      buyer.name ?? '',
      amount(r.netCents, decimal),
      amount(r.vatCents, decimal),
      amount(r.totalCents, decimal),
      STATUS[r.status],
      r.paidOn ?? '',
      r.cancelsInvoiceId ? (numbers.get(r.cancelsInvoiceId) ?? '') : '',
    ]);
  }
  return `\uFEFF${lines.map((l) => l.map((f) => csvField(f, sep)).join(sep)).join('\r\n')}\r\n`;
}
