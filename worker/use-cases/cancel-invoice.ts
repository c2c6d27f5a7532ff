import { and, eq, inArray, sql } from 'drizzle-orm';
import { isoDateOf } from '../../shared/dates';
import { computeInvoice, creditNoteLines, type InvoiceLine } from '../../shared/invoice/lines';
import { treatmentOfMention } from '../../shared/invoice/vat-treatment';
import { invoices } from '../db/schema';
import { recordEvent } from '../notifications/outbox';
import { formatInvoiceNumber } from '../../shared/invoice/numbering';
import { bumpChangeSeq, clearGuards, guardChanged, writeBatch, currentChangeSeq } from '../db/batch';
import type { Deps } from '../deps';
import { newId } from '../http/crypto';
import { insertNumberedInvoice, type InvoiceRow } from './invoice-store';
import { failure, type Result } from './result';

/**
 * Cancels an issued invoice the only lawful way: a credit note (avoir) in its own series
 * (`AV-2026-0001`), mirroring every line, dated today, referencing the invoice. Atomic.
 */
export async function cancelInvoice(deps: Deps, input: { userId: string; invoiceId: string }): Promise<Result<{ invoice: InvoiceRow; creditNote: InvoiceRow }>> {
  const inv = await deps.db.select().from(invoices).where(and(eq(invoices.id, input.invoiceId), eq(invoices.userId, input.userId))).get();
  if (!inv) return failure(404, 'not_found', 'invoice not found');
  if (inv.kind === 'credit_note') return failure(409, 'not_cancellable', 'A credit note cannot be cancelled');
  // Only the issuer cancels an invoice: a portal's is cancelled by the portal's credit note (seen by reconciliation).
  if (inv.kind !== 'invoice') return failure(409, 'not_issued_by_freelancer', 'This document is not in your series: the portal or the cooperative cancels it');
  if (inv.status === 'cancelled') return failure(409, 'already_cancelled', 'This invoice is already cancelled by a credit note');
  const today = isoDateOf(deps.now());
  const issuedOn = today < inv.issuedOn ? inv.issuedOn : today;
  const lines = creditNoteLines(JSON.parse(inv.lines) as InvoiceLine[]);
  const totals = computeInvoice(lines, { vatRegime: treatmentOfMention(inv.vatMention) });
  const id = newId();
  const at = deps.now().toISOString();
  const done = await writeBatch(deps, [
    bumpChangeSeq(input.userId),
    deps.db
      .update(invoices)
      .set({ status: 'cancelled', cancelledById: id, seq: currentChangeSeq(input.userId) })
      .where(and(eq(invoices.id, inv.id), inArray(invoices.status, ['issued', 'paid']))),
    guardChanged(1),
    ...insertNumberedInvoice({
      id,
      userId: input.userId,
      missionId: inv.missionId,
      craId: null,
      kind: 'credit_note',
      year: Number(issuedOn.slice(0, 4)),
      issuedOn,
      serviceMonth: inv.serviceMonth,
      dueOn: issuedOn,
      status: 'credit_note',
      lines: JSON.stringify(totals.lines),
      vatBreakdown: JSON.stringify(totals.vat),
      vatMention: totals.vatMention,
      netCents: totals.netCents,
      vatCents: totals.vatCents,
      totalCents: totals.totalCents,
      penaltyRateBps: inv.penaltyRateBps,
      regime: inv.regime,
      plan: inv.plan,
      feeCents: 0,
      payoutCents: 0,
      cancelsInvoiceId: inv.id,
      seller: inv.seller,
      buyer: inv.buyer,
      createdAt: at,
    }),
    recordEvent({
      userId: input.userId, type: 'invoice.issued', key: `invoice.issued:${id}`, at,
      data: { invoiceId: id, kind: 'credit_note', clientName: (JSON.parse(inv.buyer) as { name?: string }).name ?? '', issuedOn, dueOn: issuedOn, netCents: totals.netCents, vatCents: totals.vatCents, totalCents: totals.totalCents, cancelsInvoiceId: inv.id, cancelsNumber: formatInvoiceNumber(inv.kind, inv.year, inv.sequence) },
    }),
    clearGuards,
  ]);
  if (!done.ok) return failure(409, 'already_cancelled', 'This invoice was cancelled by another request');
  const invoice = (await deps.db.select().from(invoices).where(eq(invoices.id, inv.id)).get())!;
  const creditNote = (await deps.db.select().from(invoices).where(eq(invoices.id, id)).get())!;
  return { ok: true, value: { invoice, creditNote } };
}
