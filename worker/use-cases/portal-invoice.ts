import { and, eq } from 'drizzle-orm';
import { futureDateIssue } from '../../shared/ledger/past-dates';
import type { PortalInvoiceBody, UploadBody } from '../../shared/schemas/ledger';
import { invoices } from '../db/schema';
import { bumpChangeSeq, currentChangeSeq, writeBatch } from '../db/batch';
import type { Deps } from '../deps';
import type { InvoiceRow } from './invoice-store';
import { loadProfileRow } from './load-profile';
import { applyReconciliation } from './reconcile-portal';
import { failure, type Result } from './result';

async function ownRow(deps: Deps, userId: string, id: string) {
  return deps.db.select().from(invoices).where(and(eq(invoices.id, id), eq(invoices.userId, userId))).get();
}

async function notInFuture(deps: Deps, userId: string, field: string, date: string) {
  const issue = futureDateIssue(field, date, deps.now(), (await loadProfileRow(deps, userId)).timeZone);
  return issue ? failure(422, issue.code, issue.message, issue.path) : null;
}

/** Manual mode: the freelancer uploaded their invoice to the portal (date, PDF size for the portal's checklist). */
export async function recordUpload(deps: Deps, input: { userId: string; invoiceId: string } & UploadBody): Promise<Result<InvoiceRow>> {
  const row = await ownRow(deps, input.userId, input.invoiceId);
  if (!row) return failure(404, 'not_found', 'invoice not found');
  if (row.kind !== 'invoice') return failure(409, 'not_uploadable', 'Only an invoice of your own series is uploaded to a portal');
  const future = await notInFuture(deps, input.userId, 'uploadedOn', input.uploadedOn);
  if (future) return future;
  if (input.uploadedOn < row.issuedOn) return failure(422, 'validation_failed', 'uploadedOn is before the invoice date', 'uploadedOn');
  await writeBatch(deps, [
    bumpChangeSeq(input.userId),
    deps.db.update(invoices).set({ uploadedOn: input.uploadedOn, uploadPdfBytes: input.pdfBytes ?? row.uploadPdfBytes, seq: currentChangeSeq(input.userId) }).where(eq(invoices.id, row.id)),
  ]);
  return { ok: true, value: (await ownRow(deps, input.userId, row.id))! };
}

/**
 * The portal's invoice entered by hand when no overlay saw it: it takes the portal's number and dates, and any
 * difference with the expected one is a mismatch (with its `invoice.mismatch` event), as if an overlay had read it.
 */
export async function enterPortalInvoice(deps: Deps, input: { userId: string; invoiceId: string; body: PortalInvoiceBody }): Promise<Result<InvoiceRow>> {
  const row = await ownRow(deps, input.userId, input.invoiceId);
  if (!row) return failure(404, 'not_found', 'invoice not found');
  if (row.kind !== 'portal_invoice') return failure(409, 'not_a_portal_invoice', 'Only an invoice the portal issues (billing mandate) takes the portal\'s number');
  if (row.status === 'cancelled') return failure(409, 'already_cancelled', 'This portal invoice is cancelled');
  const future = await notInFuture(deps, input.userId, 'issuedOn', input.body.issuedOn);
  if (future) return future;
  const { pdfBytes, ...observed } = input.body;
  const at = deps.now().toISOString();
  const applied = applyReconciliation(deps, input.userId, row, { ...observed, month: row.serviceMonth ?? '', status: row.status === 'paid' ? 'paid' : 'issued', paidOn: row.paidOn ?? undefined }, { source: 'user', observedAt: at });
  await writeBatch(deps, [
    bumpChangeSeq(input.userId),
    ...applied.statements,
    ...(pdfBytes ? [deps.db.update(invoices).set({ uploadPdfBytes: pdfBytes }).where(eq(invoices.id, row.id))] : []),
  ]);
  return { ok: true, value: (await ownRow(deps, input.userId, row.id))! };
}
