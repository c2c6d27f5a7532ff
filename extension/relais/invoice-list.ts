import { daysBetween } from '../../shared/dates';
import { dunningStepOn } from '../../shared/invoice/client-letter';

/**
 * The invoice list as the Relais page shows it: pages merged as "load more" brings them,
 * one state per invoice, filters, and where a direct client's unpaid invoice stands in the
 * dunning steps. Fields another branch adds (`issuer`, expected invoices) are read when
 * present and ignored when absent.
 */
export type InvoiceLike = {
  id: string;
  number?: string | null;
  kind?: string;
  status?: string;
  missionId?: string;
  regime?: string;
  issuer?: string;
  issuedOn?: string | null;
  dueOn?: string | null;
  clientPaidOn?: string | null;
  paidOn?: string | null;
  overdue?: { daysLate?: number; totalPenaltyCents?: number } | null;
};

export type InvoiceState = 'expected' | 'credit_note' | 'cancelled' | 'paid' | 'late' | 'issued';
export type InvoiceFilter = { state: InvoiceState | 'all'; missionId: string | 'all' };

/** Appends a page to what is shown, each invoice once (a page boundary may repeat one). */
export function mergePage<T extends { id: string }>(shown: readonly T[], page: readonly T[]): T[] {
  const seen = new Set(shown.map((i) => i.id));
  return [...shown, ...page.filter((i) => !seen.has(i.id) && seen.add(i.id))];
}

/** The one state a person reads on the row. */
export function invoiceState(inv: InvoiceLike, today: string): InvoiceState {
  if (inv.status === 'expected') return 'expected';
  if (inv.kind === 'credit_note' || inv.status === 'credit_note') return 'credit_note';
  if (inv.status === 'cancelled') return 'cancelled';
  if (inv.status === 'paid') return 'paid';
  if (inv.overdue || (inv.dueOn && !inv.clientPaidOn && inv.dueOn < today)) return 'late';
  return 'issued';
}

export function filterInvoices<T extends InvoiceLike>(list: readonly T[], filter: InvoiceFilter, today: string): T[] {
  return list.filter(
    (i) =>
      (filter.state === 'all' || invoiceState(i, today) === filter.state) && (filter.missionId === 'all' || i.missionId === filter.missionId),
  );
}

/** The server-side status filter that matches a state (late is an issued invoice past due). */
export const apiStatusFor = (state: InvoiceFilter['state']): string | undefined =>
  state === 'all' || state === 'expected' ? undefined : state === 'late' ? 'issued' : state;

/**
 * Where a freelancer-issued invoice to a direct client stands in the dunning steps today;
 * null when Relais does not chase it (paid, cancelled, a portal's client, not yet due).
 * @example dunningOf({ id: 'i', kind: 'invoice', status: 'issued', regime: 'direct', dueOn: '2026-11-01' }, '2026-11-10') // { step: 2, daysLate: 9 }
 */
export function dunningOf(inv: InvoiceLike, today: string): { step: 1 | 2 | 3; daysLate: number } | null {
  if (inv.kind !== 'invoice' || inv.status !== 'issued' || inv.clientPaidOn || !inv.dueOn) return null;
  if (inv.regime !== 'direct' || (inv.issuer ?? 'freelancer') !== 'freelancer') return null;
  const step = dunningStepOn(inv.dueOn, today);
  return step === 0 ? null : { step, daysLate: daysBetween(inv.dueOn, today) };
}

/** Relais sends only the invoices the freelancer issues: a portal or cooperative sends its own. */
export const sendableByRelais = (inv: InvoiceLike) => (inv.issuer ?? 'freelancer') === 'freelancer' && inv.status !== 'expected';
