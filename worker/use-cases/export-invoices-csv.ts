import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { formatInvoiceNumber } from '../../shared/invoice/numbering';
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

type InvoiceRow = typeof invoices.$inferSelect;

/** Rows read per statement while streaming: one indexed range read each (invoices_user_year_order). */
export const CSV_PAGE_ROWS = 200;

function csvRow(r: InvoiceRow, cancelledNumber: string, sep: string, decimal: string): string[] {
  const buyer = JSON.parse(r.buyer) as { name?: string };
  return [
    documentNumber(r) ?? '',
    KIND[r.kind as keyof typeof KIND],
    r.issuedOn,
    r.kind === 'invoice' ? r.dueOn : '',
    r.serviceMonth ?? '',
    buyer.name ?? '',
    amount(r.netCents, decimal),
    amount(r.vatCents, decimal),
    amount(r.totalCents, decimal),
    STATUS[r.status as keyof typeof STATUS],
    r.paidOn ?? '',
    cancelledNumber,
  ].map((f) => csvField(f, sep));
}

const accountantsRow = (r: InvoiceRow) => r.kind === 'invoice' || r.kind === 'credit_note' || (r.kind === 'portal_invoice' && !!r.portalNumber);

/** The numbers of the invoices a page's credit notes cancel (they may sit on an earlier page, or in another year). */
async function cancelledNumbers(deps: Deps, userId: string, rows: InvoiceRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.cancelsInvoiceId).filter((id): id is string => id !== null))];
  if (!ids.length) return new Map();
  const found = await deps.db.select().from(invoices).where(and(eq(invoices.userId, userId), inArray(invoices.id, ids))).all();
  return new Map(found.map((r) => [r.id, documentNumber(r) ?? '']));
}

/**
 * The year's invoices and credit notes for the accountant, one row each in date order (invoices before credit notes on the same day):
 * UTF-8 with a BOM (so Excel reads the accents), CRLF line ends, RFC 4180 quoting.
 * Credit notes carry negative amounts, so the columns sum to the year's revenue.
 * Streamed: `CSV_PAGE_ROWS` invoices per statement, each page sent before the next is read.
 */
export function streamInvoicesCsv(deps: Deps, input: { userId: string; year: number; dialect?: CsvDialect }): ReadableStream<Uint8Array> {
  const { sep, decimal } = DIALECTS[input.dialect ?? 'rfc4180'];
  const encoder = new TextEncoder();
  let after: { issuedOn: string; kind: string; sequence: number } | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${HEADER.map((f) => csvField(f, sep)).join(sep)}\r\n`));
        return;
      }
      const conds = [eq(invoices.userId, input.userId), eq(invoices.year, input.year)];
      if (after) {
        const { issuedOn, kind, sequence } = after;
        conds.push(sql`${invoices.issuedOn} >= ${issuedOn} AND (${invoices.issuedOn} > ${issuedOn} OR ${invoices.kind} < ${kind} OR (${invoices.kind} = ${kind} AND ${invoices.sequence} > ${sequence}))`);
      }
      const rows = await deps.db.select().from(invoices).where(and(...conds))
        .orderBy(asc(invoices.issuedOn), desc(invoices.kind), asc(invoices.sequence)).limit(CSV_PAGE_ROWS).all();
      if (rows.length) {
        const numbers = await cancelledNumbers(deps, input.userId, rows);
        // The accountant's invoices: the freelancer's series and those a portal issued in their name (once seen with its number);
        // never a cooperative's salary budget.
        const text = rows.filter(accountantsRow).map((r) => `${csvRow(r, r.cancelsInvoiceId ? (numbers.get(r.cancelsInvoiceId) ?? '') : '', sep, decimal).join(sep)}\r\n`).join('');
        controller.enqueue(encoder.encode(text));
        const last = rows[rows.length - 1]!;
        after = { issuedOn: last.issuedOn, kind: last.kind, sequence: last.sequence };
      }
      if (rows.length < CSV_PAGE_ROWS) controller.close();
    },
  });
}

/** The whole export as one string (what the stream sends). */
export async function exportInvoicesCsv(deps: Deps, input: { userId: string; year: number; dialect?: CsvDialect }): Promise<string> {
  return new Response(streamInvoicesCsv(deps, input)).text();
}
