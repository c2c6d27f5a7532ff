import { isoDateOf } from '../../shared/dates';
import { formatInvoiceNumber } from '../../shared/invoice/numbering';
import { latePenalty } from '../../shared/invoice/penalties';
import type { InvoiceRow } from './invoice-store';

/**
 * An invoice as the API shows it, with what is true today: whether the client is late
 * (and the penalties to date: interest pro rata plus the 40 € indemnity) and whether the
 * payout is late.
 */
export function invoiceView(row: InvoiceRow, now: Date) {
  const today = isoDateOf(now);
  const open = row.kind === 'invoice' && row.status === 'issued';
  const overdue = open && !row.clientPaidOn && row.dueOn < today;
  return {
    id: row.id,
    number: formatInvoiceNumber(row.kind, row.year, row.sequence),
    kind: row.kind,
    status: row.status,
    missionId: row.missionId,
    craId: row.craId,
    serviceMonth: row.serviceMonth,
    issuedOn: row.issuedOn,
    dueOn: row.dueOn,
    lines: JSON.parse(row.lines) as unknown[],
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
    payoutEarliest: row.payoutEarliest,
    payoutLatest: row.payoutLatest,
    clientDueOn: row.clientDueOn,
    clientPaidOn: row.clientPaidOn,
    paidOn: row.paidOn,
    cancelsInvoiceId: row.cancelsInvoiceId,
    cancelledById: row.cancelledById,
    overdue: overdue ? latePenalty({ totalCents: row.totalCents, dueOn: row.dueOn, asOf: today, annualRateBps: row.penaltyRateBps }) : null,
    payoutLate: open && row.payoutLatest !== null && row.payoutLatest < today,
    seller: JSON.parse(row.seller) as Record<string, unknown>,
    buyer: JSON.parse(row.buyer) as Record<string, unknown>,
  };
}
export type InvoiceView = ReturnType<typeof invoiceView>;
