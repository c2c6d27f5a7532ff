import type { Cents } from '../money';
import type { PortalInvoiceStatus } from '../portals/littlebig';

/**
 * Reconciliation of the ledger with what a portal shows (DOMAIN.md "Who issues the invoice": record, match, flag
 * differences). Pure: the worker loads the documents, calls these, writes what they return. A value the user entered
 * is never overwritten by what a page shows: a disagreement becomes a conflict for the user to settle.
 */

/** A portal's invoice as read on its invoices page (or entered by hand). Optional amounts are compared when present. */
export type ObservedInvoice = {
  number: string;
  month: string;
  totalCents: Cents;
  status?: PortalInvoiceStatus;
  paidOn?: string;
  issuedOn?: string;
  netCents?: Cents;
  vatCents?: Cents;
  feeCents?: Cents;
  days?: number;
  dailyRateCents?: Cents;
};

/** Where a value came from. */
export type Provenance = { source: 'portal' | 'user'; portal?: string; page?: string; observedAt: string; observationId?: string };

/** What the ledger holds for one document, as far as reconciliation cares. */
export type LedgerDoc = {
  id: string;
  kind: 'invoice' | 'credit_note' | 'portal_invoice' | 'salary_budget';
  status: 'issued' | 'paid' | 'cancelled' | 'credit_note' | 'expected';
  serviceMonth: string | null;
  netCents: Cents;
  totalCents: Cents;
  feeCents: Cents;
  daysMilli: number | null;
  dailyRateCents: Cents | null;
  portalNumber: string | null;
  /** The portal invoice stored so far, with its provenance. */
  portalInvoice: (ObservedInvoice & { provenance: Provenance }) | null;
  paidOn: string | null;
  clientPaidOn: string | null;
};

export type Mismatch = { field: 'totalCents' | 'netCents' | 'vatCents' | 'feeCents' | 'days' | 'dailyRateCents'; expected: number | null; observed: number };
export type Conflict = { field: 'portalNumber' | 'totalCents' | 'issuedOn' | 'paidOn' | 'clientPaidOn' | 'status' | 'validatedOn'; userValue: string | number | null; portalValue: string | number | null };

/**
 * Which ledger document each observed invoice is: the one already carrying its number, else (for an invoice the
 * portal has not cancelled) a document of the same month without a portal number, the one with the same total
 * first, or the only one. Cancelled rows are matched last, so a credit-noted invoice and its replacement pair right.
 * @example matchInvoices([{ number: 'F-1', month: '2026-05', totalCents: 100 }], [doc]) // [{ observed, docId: doc.id }]
 */
export function matchInvoices(observed: readonly ObservedInvoice[], docs: readonly LedgerDoc[]): { observed: ObservedInvoice; docId: string | null }[] {
  const taken = new Set<string>();
  const out: { observed: ObservedInvoice; docId: string | null }[] = [];
  const open = docs.filter((d) => d.kind === 'invoice' || d.kind === 'portal_invoice');
  const order = [...observed].sort((a, b) => Number(a.status === 'cancelled') - Number(b.status === 'cancelled'));
  for (const o of order) {
    let doc = open.find((d) => d.portalNumber === o.number && !taken.has(d.id));
    if (!doc) {
      const free = open.filter((d) => d.serviceMonth === o.month && d.portalNumber === null && !taken.has(d.id) && d.status !== 'cancelled');
      doc = free.find((d) => d.totalCents === o.totalCents) ?? (o.status !== 'cancelled' && free.length === 1 ? free[0] : undefined);
    }
    if (doc) taken.add(doc.id);
    out.push({ observed: o, docId: doc?.id ?? null });
  }
  return out;
}

/** Differences in days, rate, amounts or fee between the expected document and the portal's. */
export function mismatchesOf(doc: LedgerDoc, o: ObservedInvoice): Mismatch[] {
  const out: Mismatch[] = [];
  const cmp = (field: Mismatch['field'], expected: number | null, observed: number | undefined) => {
    if (observed !== undefined && observed !== expected) out.push({ field, expected, observed });
  };
  cmp('totalCents', doc.totalCents, o.totalCents);
  cmp('netCents', doc.netCents, o.netCents);
  cmp('feeCents', doc.feeCents, o.feeCents);
  cmp('days', doc.daysMilli === null ? null : doc.daysMilli / 1000, o.days);
  cmp('dailyRateCents', doc.dailyRateCents, o.dailyRateCents);
  return out;
}

export type DocUpdate = {
  portalNumber?: string;
  portalStatus?: string;
  portalInvoice?: ObservedInvoice & { provenance: Provenance };
  mismatch?: Mismatch[] | null;
  status?: LedgerDoc['status'];
  paidOn?: string;
  clientPaidOn?: string;
};

/**
 * What an observation changes on a matched document, and what it contradicts. What the user entered (a portal
 * invoice typed in, a payment date) stays; the portal's differing value becomes a conflict.
 */
export function reconcileDoc(doc: LedgerDoc, o: ObservedInvoice, provenance: Provenance): { update: DocUpdate; conflicts: Conflict[]; mismatch: Mismatch[] } {
  const conflicts: Conflict[] = [];
  const update: DocUpdate = {};
  const mismatch = doc.kind === 'portal_invoice' ? mismatchesOf(doc, o) : mismatchesOf(doc, { number: o.number, month: o.month, totalCents: o.totalCents });
  const userEntered = doc.portalInvoice?.provenance.source === 'user' && provenance.source === 'portal';
  if (userEntered) {
    const mine = doc.portalInvoice!;
    if (mine.number !== o.number) conflicts.push({ field: 'portalNumber', userValue: mine.number, portalValue: o.number });
    if (mine.totalCents !== o.totalCents) conflicts.push({ field: 'totalCents', userValue: mine.totalCents, portalValue: o.totalCents });
    if (o.issuedOn && mine.issuedOn && mine.issuedOn !== o.issuedOn) conflicts.push({ field: 'issuedOn', userValue: mine.issuedOn, portalValue: o.issuedOn });
  } else {
    update.portalNumber = o.number;
    update.portalInvoice = { ...o, provenance };
    update.mismatch = mismatch.length ? mismatch : null;
  }
  if (o.status) update.portalStatus = o.status;
  if (o.status === 'issued' || o.status === 'client_paid' || o.status === 'paid') {
    if (doc.status === 'expected') update.status = 'issued';
  }
  if (o.status === 'client_paid' && o.paidOn) {
    if (doc.clientPaidOn === null) update.clientPaidOn = o.paidOn;
    else if (doc.clientPaidOn !== o.paidOn) conflicts.push({ field: 'clientPaidOn', userValue: doc.clientPaidOn, portalValue: o.paidOn });
  }
  if (o.status === 'paid' && o.paidOn) {
    if (doc.status === 'paid' && doc.paidOn !== o.paidOn) conflicts.push({ field: 'paidOn', userValue: doc.paidOn, portalValue: o.paidOn });
    else if (doc.status !== 'paid' && doc.status !== 'cancelled') Object.assign(update, { status: 'paid', paidOn: o.paidOn });
  }
  if (o.status === 'cancelled' && doc.status !== 'cancelled') {
    // A portal's invoice cancelled by its credit note is cancelled; the freelancer's own invoice is cancelled only by
    // their own credit note: the user decides.
    if (doc.kind === 'portal_invoice') update.status = 'cancelled';
    else conflicts.push({ field: 'status', userValue: doc.status, portalValue: 'cancelled' });
  }
  return { update, conflicts, mismatch };
}
