/**
 * Invoice numbers (DOMAIN.md "Invoices"): one series per issuer and year, the year
 * embedded and the counter restarting each year, `2026-0001`; credit notes in their own
 * series `AV-2026-0001`. The counter is padded to 4 digits and simply widens past 9999.
 * Assigning the next sequence without gaps is the database's job, not this file's.
 */

export type InvoiceKind = 'invoice' | 'credit_note';

const PREFIX: Record<InvoiceKind, string> = { invoice: '', credit_note: 'AV-' };
const NUMBER = /^(AV-)?(\d{4})-(\d{4,})$/;

/**
 * The printed number of the `sequence`-th document of a series.
 * Throws on a year outside 1000–9999 or a sequence that is not an integer ≥ 1.
 * @example formatInvoiceNumber('invoice', 2026, 1) // '2026-0001'
 * @example formatInvoiceNumber('credit_note', 2026, 12) // 'AV-2026-0012'
 * @example formatInvoiceNumber('invoice', 2026, 10_000) // '2026-10000'
 */
export function formatInvoiceNumber(kind: InvoiceKind, year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year must have 4 digits, got ${year}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be an integer ≥ 1, got ${sequence}`);
  return `${PREFIX[kind]}${year}-${String(sequence).padStart(4, '0')}`;
}

/**
 * Reads a number written by {@link formatInvoiceNumber}; null for anything else,
 * including non-canonical spellings (`2026-1`, `2026-00001`, `2026-0000`).
 * @example parseInvoiceNumber('AV-2026-0003') // { kind: 'credit_note', year: 2026, sequence: 3 }
 */
export function parseInvoiceNumber(number: string): { kind: InvoiceKind; year: number; sequence: number } | null {
  if (typeof number !== 'string') return null;
  const m = NUMBER.exec(number);
  if (!m) return null;
  const kind: InvoiceKind = m[1] ? 'credit_note' : 'invoice';
  const year = Number(m[2]);
  const sequence = Number(m[3]);
  if (year < 1000 || sequence < 1 || !Number.isSafeInteger(sequence)) return null;
  return formatInvoiceNumber(kind, year, sequence) === number ? { kind, year, sequence } : null;
}
