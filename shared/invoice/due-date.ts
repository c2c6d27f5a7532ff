import { addDays, endOfMonth, monthOf, type IsoDate } from '../dates';

/**
 * Payment terms between professionals, art. L441-10 I Code de commerce (DOMAIN.md
 * "Invoices"): at most 60 days from the invoice date or, if the contract says so,
 * 45 days end of month.
 */
export const LEGAL_MAX_TERMS_DAYS = 60;

export type DueDateResult = { ok: true; dueOn: IsoDate } | { ok: false; code: 'terms_too_long'; message: string };

/**
 * The due date of an invoice: invoice date + terms, in calendar days. The due date is
 * not moved off weekends (the expected payment date is, elsewhere). Terms over 60 days
 * are refused. Throws on negative or fractional terms (a programmer error).
 * @example dueDate('2026-01-31', 60) // { ok: true, dueOn: '2026-04-01' }
 * @example dueDate('2026-01-31', 61) // { ok: false, code: 'terms_too_long', … }
 */
export function dueDate(invoiceDate: IsoDate, termsDays: number): DueDateResult {
  if (!Number.isInteger(termsDays) || termsDays < 0) throw new RangeError(`termsDays must be a non-negative integer, got ${termsDays}`);
  if (termsDays > LEGAL_MAX_TERMS_DAYS) {
    return {
      ok: false,
      code: 'terms_too_long',
      message: `Payment terms of ${termsDays} days exceed the legal maximum of ${LEGAL_MAX_TERMS_DAYS} days from the invoice date (art. L441-10 Code de commerce).`,
    };
  }
  return { ok: true, dueOn: addDays(invoiceDate, termsDays) };
}

/**
 * The latest due date under the "45 days end of month" alternative, computed as
 * invoice date + 45 days, then the end of that month (the reading the DGCCRF lists
 * first; the other accepted one, end of month then + 45 days, is not used here).
 * @example maxDueDate45EndOfMonth('2026-01-16') // '2026-03-31' (1 March … → end of March)
 * @example maxDueDate45EndOfMonth('2026-01-10') // '2026-02-28'
 */
export function maxDueDate45EndOfMonth(invoiceDate: IsoDate): IsoDate {
  return endOfMonth(monthOf(addDays(invoiceDate, 45)));
}
