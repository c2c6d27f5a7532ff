import type { Cents } from '../money';

/**
 * The freelancer's own turnover (DOMAIN.md "Who issues the invoice"): the invoices of their series (credit notes
 * deducted) and those a portal issues in their name under a mandate, at the invoiced amount excluding VAT; never a
 * cooperative's salary budget; a portal's invoice cancelled by its credit note no longer counts.
 */
export type TurnoverDoc = {
  kind: 'invoice' | 'credit_note' | 'portal_invoice' | 'salary_budget';
  status: string;
  year: number;
  netCents: Cents;
  feeCents: Cents;
  vatCents: Cents;
  /** The portal's own net once its invoice is seen. */
  portalNetCents?: Cents | null;
  paidOn: string | null;
};

/** Whether a document is the freelancer's turnover at all. */
export const countsAsTurnover = (d: Pick<TurnoverDoc, 'kind' | 'status'>) =>
  d.kind === 'invoice' || d.kind === 'credit_note' || (d.kind === 'portal_invoice' && d.status !== 'cancelled');

/**
 * The year's invoiced turnover excluding VAT, plus what a user starting mid-year entered for that year.
 * @example franchiseTurnoverCents([{ kind: 'salary_budget', netCents: 500_00, … }], 2026) // 0
 */
export function franchiseTurnoverCents(docs: readonly TurnoverDoc[], year: number, openingCents = 0): Cents {
  let sum = openingCents;
  for (const d of docs) if (d.year === year && countsAsTurnover(d)) sum += d.kind === 'portal_invoice' ? (d.portalNetCents ?? d.netCents) : d.netCents;
  return sum;
}

/**
 * Cash collected in a year for the micro-entreprise ceiling: the invoiced amount excluding VAT of what was paid,
 * gross of a portal's fee (the fee is a cost, not less turnover).
 */
export function collectedCents(docs: readonly TurnoverDoc[], year: number, openingCents = 0): Cents {
  let sum = openingCents;
  for (const d of docs) {
    if (d.paidOn && d.paidOn.startsWith(String(year)) && (d.kind === 'invoice' || d.kind === 'portal_invoice')) sum += d.kind === 'portal_invoice' ? (d.portalNetCents ?? d.netCents) : d.netCents;
  }
  return sum;
}
