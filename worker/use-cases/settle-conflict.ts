import { and, desc, eq } from 'drizzle-orm';
import { invoices, ledgerConflicts } from '../db/schema';
import { bumpChangeSeq, clearGuards, currentChangeSeq, guardChanged, writeBatch, type BatchItem } from '../db/batch';
import type { Deps } from '../deps';
import { failure, type Result } from './result';

export type ConflictRow = typeof ledgerConflicts.$inferSelect;

export const conflictView = (r: ConflictRow) => ({
  id: r.id, invoiceId: r.invoiceId, missionId: r.missionId, craId: r.craId, field: r.field,
  userValue: r.userValue === null ? null : (JSON.parse(r.userValue) as unknown), portalValue: r.portalValue === null ? null : (JSON.parse(r.portalValue) as unknown),
  provenance: JSON.parse(r.provenance) as Record<string, unknown>, status: r.status, createdAt: r.createdAt, settledAt: r.settledAt,
});

export async function listConflicts(deps: Deps, userId: string, status?: ConflictRow['status']) {
  const where = status ? and(eq(ledgerConflicts.userId, userId), eq(ledgerConflicts.status, status)) : eq(ledgerConflicts.userId, userId);
  return deps.db.select().from(ledgerConflicts).where(where).orderBy(desc(ledgerConflicts.createdAt)).limit(500).all();
}

/** The invoice column a portal's value goes to when the user takes it. */
const TAKE: Record<string, (value: unknown) => Partial<typeof invoices.$inferInsert>> = {
  portalNumber: (v) => ({ portalNumber: String(v) }),
  paidOn: (v) => ({ paidOn: String(v), status: 'paid' }),
  clientPaidOn: (v) => ({ clientPaidOn: String(v) }),
};

/**
 * Settles a conflict: keep what the user entered, or take the portal's value. Some values cannot be taken from a
 * portal: a validated CRA is locked (its validation date stays), and the freelancer's own invoice is cancelled only
 * by their own credit note (POST /v1/invoices/:id/cancel).
 */
export async function settleConflict(deps: Deps, input: { userId: string; id: string; keep: 'user' | 'portal' }): Promise<Result<ConflictRow>> {
  const row = await deps.db.select().from(ledgerConflicts).where(and(eq(ledgerConflicts.id, input.id), eq(ledgerConflicts.userId, input.userId))).get();
  if (!row) return failure(404, 'not_found', 'conflict not found');
  if (row.status !== 'open') return failure(409, 'conflict_settled', 'This conflict is already settled');
  const at = deps.now().toISOString();
  const batch: BatchItem[] = [bumpChangeSeq(input.userId)];
  if (input.keep === 'portal') {
    if (row.field === 'validatedOn') return failure(409, 'cra_locked', 'A validated CRA is locked: its validation date cannot change');
    if (row.field === 'status') return failure(409, 'cancel_by_credit_note', 'Your own invoice is cancelled by your credit note: POST /v1/invoices/:id/cancel');
    const take = TAKE[row.field];
    if (take && row.invoiceId && row.portalValue !== null) {
      batch.push(deps.db.update(invoices).set({ ...take(JSON.parse(row.portalValue)), seq: currentChangeSeq(input.userId) }).where(and(eq(invoices.id, row.invoiceId), eq(invoices.userId, input.userId))));
    }
  }
  batch.push(
    deps.db.update(ledgerConflicts).set({ status: input.keep === 'user' ? 'kept_user' : 'took_portal', settledAt: at }).where(and(eq(ledgerConflicts.id, row.id), eq(ledgerConflicts.status, 'open'))),
    guardChanged(1),
    clearGuards,
  );
  const done = await writeBatch(deps, batch);
  if (!done.ok) return failure(409, 'conflict_settled', 'This conflict was settled meanwhile');
  return { ok: true, value: (await deps.db.select().from(ledgerConflicts).where(eq(ledgerConflicts.id, row.id)).get())! };
}
