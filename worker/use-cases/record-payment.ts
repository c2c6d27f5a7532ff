import { and, asc, eq, inArray } from 'drizzle-orm';
import { addWorkingDays } from '../../shared/calendar/working-days';
import { futureDateIssue } from '../../shared/ledger/past-dates';
import { paymentPosition } from '../../shared/ledger/payments';
import { invoices, payments } from '../db/schema';
import { bumpChangeSeq, clearGuards, currentChangeSeq, guardChanged, writeBatch, type BatchItem } from '../db/batch';
import type { Deps } from '../deps';
import { newId } from '../http/crypto';
import { recordEvent } from '../notifications/outbox';
import type { InvoiceRow } from './invoice-store';
import { documentNumber } from './invoice-view';
import { loadProfileRow } from './load-profile';
import { failure, type Result } from './result';

export type PaymentRow = typeof payments.$inferSelect;
export type PaymentInput = { userId: string; invoiceId: string; kind: 'client' | 'payout'; paidOn: string; amountCents?: number; partial?: boolean; source?: string };

/** A user's payments of some documents, oldest first. */
export async function paymentsOf(deps: Deps, userId: string, invoiceId?: string | string[]): Promise<PaymentRow[]> {
  const ids = typeof invoiceId === 'string' ? [invoiceId] : invoiceId;
  if (ids && !ids.length) return [];
  const where = ids ? and(eq(payments.userId, userId), inArray(payments.invoiceId, ids)) : eq(payments.userId, userId);
  const rows = await deps.db.select().from(payments).where(where).all();
  // A page's payments, few: sorted here (an index cannot order them across several invoices).
  return rows.sort((x, y) => (x.paidOn === y.paidOn ? (x.createdAt < y.createdAt ? -1 : 1) : x.paidOn < y.paidOn ? -1 : 1));
}

const PAYABLE = new Set(['issued', 'expected']);

/**
 * Money arrived against a document: the payout to the freelancer (`payout`, against the expected payout or salary
 * budget), or the client's payment (`client`, which narrows a back-to-back forecast). The amount defaults to the one
 * expected; a partial payment keeps the document open; a difference over a cent is flagged in the view.
 */
export async function recordPayment(deps: Deps, input: PaymentInput): Promise<Result<InvoiceRow>> {
  const row = await deps.db.select().from(invoices).where(and(eq(invoices.id, input.invoiceId), eq(invoices.userId, input.userId))).get();
  if (!row) return failure(404, 'not_found', 'invoice not found');
  if (row.kind === 'credit_note' || row.status === 'cancelled') return failure(409, 'not_payable', `A ${row.kind === 'credit_note' ? 'credit note' : 'cancelled invoice'} is not paid`);
  const profile = await loadProfileRow(deps, input.userId);
  const future = futureDateIssue('paidOn', input.paidOn, deps.now(), profile.timeZone);
  if (future) return failure(422, future.code, future.message, future.path);
  if (input.paidOn < row.issuedOn) return failure(422, 'validation_failed', 'paidOn is before the invoice date', 'paidOn');
  const expected = input.kind === 'payout' ? row.payoutCents : row.totalCents;
  const amountCents = input.amountCents ?? expected;
  const before = (await paymentsOf(deps, input.userId, row.id)).filter((p) => p.kind === input.kind);
  const position = paymentPosition(expected, [...before, { paidOn: input.paidOn, amountCents }], !!input.partial);
  const at = deps.now().toISOString();
  const batch: BatchItem[] = [bumpChangeSeq(input.userId)];
  if (input.kind === 'payout') {
    if (!PAYABLE.has(row.status)) return failure(409, 'not_payable', `A ${row.status.replace('_', ' ')} document cannot be marked paid`);
    if (position.settled) {
      batch.push(
        deps.db.update(invoices).set({ status: 'paid', paidOn: input.paidOn, seq: currentChangeSeq(input.userId) }).where(and(eq(invoices.id, row.id), eq(invoices.status, row.status))),
        guardChanged(1),
        recordEvent({
          userId: input.userId, type: 'payout.received', key: `payout.received:${row.id}`, at,
          data: { invoiceId: row.id, invoiceNumber: documentNumber(row), clientName: (JSON.parse(row.buyer) as { name?: string }).name ?? '', paidOn: input.paidOn, payoutCents: position.receivedCents, expectedCents: expected, differenceCents: position.differenceCents },
        }),
      );
    } else batch.push(deps.db.update(invoices).set({ seq: currentChangeSeq(input.userId) }).where(eq(invoices.id, row.id)));
  } else {
    // Back-to-back: once the client has paid the portal, the payout window narrows to 5–8 working days after it.
    const window = position.settled && row.regime === 'back_to_back' && row.plan !== 'immediate' && row.status !== 'paid'
      ? { payoutEarliest: addWorkingDays(input.paidOn, 5), payoutLatest: addWorkingDays(input.paidOn, 8) } : {};
    batch.push(deps.db.update(invoices).set({ ...(position.settled ? { clientPaidOn: input.paidOn } : {}), ...window, seq: currentChangeSeq(input.userId) }).where(eq(invoices.id, row.id)));
  }
  batch.push(
    deps.db.insert(payments).values({ id: newId(), userId: input.userId, invoiceId: row.id, kind: input.kind, paidOn: input.paidOn, amountCents, source: input.source ?? 'user', createdAt: at }),
    clearGuards,
  );
  const done = await writeBatch(deps, batch);
  if (!done.ok) return failure(409, 'not_payable', 'The invoice changed meanwhile');
  return { ok: true, value: (await deps.db.select().from(invoices).where(eq(invoices.id, row.id)).get())! };
}
