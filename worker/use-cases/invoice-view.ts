import { isoDateOf } from '../../shared/dates';
import type { UploadChecklist } from '../../shared/invoice/issuers';
import { formatInvoiceNumber } from '../../shared/invoice/numbering';
import { latePenalty } from '../../shared/invoice/penalties';
import { checkUpload } from '../../shared/invoice/upload-checklist';
import type { InvoiceRow } from './invoice-store';
import { PAYMENT_TOLERANCE_CENTS } from '../../shared/ledger/payments';

type Buyer = { name?: string; upload?: UploadChecklist; references?: { mission: string | null; purchaseOrder: string | null } } & Record<string, unknown>;

/** The number a document shows: the freelancer's series, the portal's own number once seen, none for a salary budget. */
export function documentNumber(row: InvoiceRow): string | null {
  if (row.kind === 'invoice' || row.kind === 'credit_note') return formatInvoiceNumber(row.kind, row.year, row.sequence);
  return row.portalNumber;
}

/**
 * An invoice as the API shows it, with what is true today: whether the client is late
 * (and the penalties to date: interest pro rata plus the 40 € indemnity) and whether the
 * payout is late. `issuer` says who issues it; a portal's expected invoice has no number
 * until the portal's is seen; a cooperative's month is a salary budget, not an invoice.
 */
export function invoiceView(row: InvoiceRow, now: Date, paid: readonly { kind: string; paidOn: string; amountCents: number; source: string }[] = []) {
  const today = isoDateOf(now);
  const own = row.kind === 'invoice';
  const open = (own || row.kind === 'portal_invoice') && row.status === 'issued';
  // Dunning is the freelancer's job only for the invoices they issue to the client.
  const overdue = own && row.status === 'issued' && !row.clientPaidOn && row.dueOn < today;
  const payoutOpen = row.kind !== 'credit_note' && (row.status === 'issued' || row.status === 'expected');
  const buyer = JSON.parse(row.buyer) as Buyer;
  const lines = JSON.parse(row.lines) as { label?: string }[];
  return {
    id: row.id,
    number: documentNumber(row),
    kind: row.kind,
    issuer: row.issuer,
    /** `invoice`: the freelancer's; `expected`: a portal's invoice (matched once `portalInvoice` is set); `salary_budget`. */
    document: row.kind === 'portal_invoice' ? ('expected' as const) : row.kind === 'salary_budget' ? ('salary_budget' as const) : ('invoice' as const),
    status: row.status,
    missionId: row.missionId,
    craId: row.craId,
    serviceMonth: row.serviceMonth,
    issuedOn: row.issuedOn,
    dueOn: row.dueOn,
    lines: lines as unknown[],
    vat: JSON.parse(row.vatBreakdown) as unknown[],
    vatMention: row.vatMention,
    netCents: row.netCents,
    vatCents: row.vatCents,
    totalCents: row.totalCents,
    penaltyRateBps: row.penaltyRateBps,
    regime: row.regime,
    plan: row.plan,
    feeCents: row.feeCents,
    payoutCents: row.payoutCents,
    /** A cooperative pays a salary budget (SMart: the amount less its 6.5 %), not a payout to the member's account. */
    salaryBudgetCents: row.kind === 'salary_budget' ? row.payoutCents : null,
    payoutEarliest: row.payoutEarliest,
    payoutLatest: row.payoutLatest,
    clientDueOn: row.clientDueOn,
    clientPaidOn: row.clientPaidOn,
    paidOn: row.paidOn,
    cancelsInvoiceId: row.cancelsInvoiceId,
    cancelledById: row.cancelledById,
    overdue: overdue ? latePenalty({ totalCents: row.totalCents, dueOn: row.dueOn, asOf: today, annualRateBps: row.penaltyRateBps }) : null,
    payoutLate: (open || (payoutOpen && row.kind !== 'invoice')) && row.payoutLatest !== null && row.payoutLatest < today,
    payments: paid.map((p) => ({ kind: p.kind, paidOn: p.paidOn, amountCents: p.amountCents, source: p.source })),
    /** What arrived against what was expected; `differenceCents` is received − expected, flagged past a cent once settled. */
    payout: paymentSummary(row.payoutCents, paid.filter((p) => p.kind === 'payout'), row.status === 'paid'),
    clientPayment: paymentSummary(row.totalCents, paid.filter((p) => p.kind === 'client'), row.clientPaidOn !== null),
    portalNumber: row.portalNumber,
    portalStatus: row.portalStatus,
    portalInvoice: row.portalInvoice ? (JSON.parse(row.portalInvoice) as Record<string, unknown>) : null,
    mismatch: row.mismatch ? (JSON.parse(row.mismatch) as { field: string; expected: unknown; observed: unknown }[]) : null,
    uploadedOn: row.uploadedOn,
    uploadChecklist: buyer.upload
      ? checkUpload(buyer.upload, {
        buyerName: String(buyer.name ?? ''), description: lines.map((l) => l.label ?? '').join(' '),
        missionRef: buyer.references?.mission ?? null, orderRef: buyer.references?.purchaseOrder ?? null, pdfBytes: row.uploadPdfBytes,
      })
      : null,
    seller: JSON.parse(row.seller) as Record<string, unknown>,
    buyer: buyer as Record<string, unknown>,
  };
}
export type InvoiceView = ReturnType<typeof invoiceView>;

function paymentSummary(expectedCents: number, paid: readonly { amountCents: number }[], settled: boolean) {
  if (!paid.length) return null;
  const receivedCents = paid.reduce((s, p) => s + p.amountCents, 0);
  const differenceCents = receivedCents - expectedCents;
  return { expectedCents, receivedCents, differenceCents, partial: !settled, flagged: settled && Math.abs(differenceCents) > PAYMENT_TOLERANCE_CENTS };
}
