import { and, eq, inArray } from 'drizzle-orm';
import { portalKey } from '../../shared/payout/portal-rules';
import type { LittleBigCraPage, LittleBigInvoicesPage, LittleBigMissionsPage } from '../../shared/portals/littlebig';
import { matchInvoices, reconcileDoc, type Conflict, type LedgerDoc, type ObservedInvoice, type Provenance } from '../../shared/ledger/reconcile';
import { cras, invoices, ledgerConflicts, missions } from '../db/schema';
import { bumpChangeSeq, currentChangeSeq, writeBatch, type BatchItem } from '../db/batch';
import type { Deps } from '../deps';
import { newId } from '../http/crypto';
import { recordEvent } from '../notifications/outbox';
import type { InvoiceRow } from './invoice-store';
import { documentNumber } from './invoice-view';

const norm = (s: string | null) => (s ?? '').trim().toUpperCase();

/** A ledger row as reconciliation reads it. */
export function ledgerDocOf(r: InvoiceRow): LedgerDoc {
  return {
    id: r.id, kind: r.kind, status: r.status, serviceMonth: r.serviceMonth, netCents: r.netCents, totalCents: r.totalCents, feeCents: r.feeCents,
    daysMilli: r.daysMilli, dailyRateCents: r.dailyRateCents, portalNumber: r.portalNumber,
    portalInvoice: r.portalInvoice ? (JSON.parse(r.portalInvoice) as LedgerDoc['portalInvoice']) : null, paidOn: r.paidOn, clientPaidOn: r.clientPaidOn,
  };
}

/** The statements that apply one reconciled document: its update, its conflicts, and an `invoice.mismatch` event when it differs. */
export function applyReconciliation(
  deps: Deps, userId: string, row: InvoiceRow, observed: ObservedInvoice, provenance: Provenance,
): { statements: BatchItem[]; conflicts: Conflict[]; mismatch: ReturnType<typeof reconcileDoc>['mismatch'] } {
  const { update, conflicts, mismatch } = reconcileDoc(ledgerDocOf(row), observed, provenance);
  const set: Partial<typeof invoices.$inferInsert> = {};
  if (update.portalNumber !== undefined) set.portalNumber = update.portalNumber;
  if (update.portalStatus !== undefined) set.portalStatus = update.portalStatus;
  if (update.portalInvoice !== undefined) set.portalInvoice = JSON.stringify(update.portalInvoice);
  if (update.mismatch !== undefined) set.mismatch = update.mismatch ? JSON.stringify(update.mismatch) : null;
  if (update.status !== undefined) set.status = update.status;
  if (update.paidOn !== undefined) set.paidOn = update.paidOn;
  if (update.clientPaidOn !== undefined) set.clientPaidOn = update.clientPaidOn;
  const statements: BatchItem[] = [];
  if (Object.keys(set).length) statements.push(deps.db.update(invoices).set({ ...set, seq: currentChangeSeq(userId) }).where(and(eq(invoices.id, row.id), eq(invoices.userId, userId))));
  for (const c of conflicts) statements.push(conflictInsert(deps, userId, { invoiceId: row.id, missionId: row.missionId, craId: row.craId }, c, provenance));
  if (mismatch.length && update.mismatch !== undefined) {
    const at = deps.now().toISOString();
    const data: Record<string, string | number | boolean | null> = {
      invoiceId: row.id, portalNumber: observed.number, month: row.serviceMonth, clientName: (JSON.parse(row.buyer) as { endClient?: string; name?: string }).endClient ?? (JSON.parse(row.buyer) as { name?: string }).name ?? '',
      fields: mismatch.map((m) => m.field).join(','), expectedTotalCents: row.totalCents, observedTotalCents: observed.totalCents,
    };
    for (const m of mismatch) data[`expected_${m.field}`] = m.expected, data[`observed_${m.field}`] = m.observed;
    statements.push(recordEvent({ userId, type: 'invoice.mismatch', key: `invoice.mismatch:${row.id}:${observed.number}:${mismatch.map((m) => `${m.field}=${m.observed}`).join(',')}`, data, at }));
  }
  return { statements, conflicts, mismatch };
}

/** One open conflict, unless the same one (document, field, portal value) is already open. */
function conflictInsert(deps: Deps, userId: string, on: { invoiceId?: string | null; missionId?: string | null; craId?: string | null }, c: Conflict, p: Provenance): BatchItem {
  return {
    sql: `INSERT INTO ledger_conflicts (id, user_id, invoice_id, mission_id, cra_id, field, user_value, portal_value, provenance, status, created_at)
      SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ? WHERE NOT EXISTS (SELECT 1 FROM ledger_conflicts WHERE user_id = ? AND coalesce(invoice_id, cra_id, mission_id) = ?
      AND field = ? AND portal_value IS ? AND status = 'open')`,
    args: [
      newId(), userId, on.invoiceId ?? null, on.missionId ?? null, on.craId ?? null, c.field, JSON.stringify(c.userValue), JSON.stringify(c.portalValue), JSON.stringify(p),
      deps.now().toISOString(), userId, on.invoiceId ?? on.craId ?? on.missionId ?? '', c.field, JSON.stringify(c.portalValue),
    ],
  };
}

export type ReconcileResult = {
  matched: { number: string; invoiceId: string; mismatch: string[]; conflicts: string[] }[];
  unmatched: { number?: string; missionRef: string; month?: string; reason: 'no_mission' | 'no_document' }[];
};

/**
 * Applies what an overlay read on a portal page to the ledger: the invoices page (numbers, statuses, credit notes,
 * payment dates), the missions page (purchase-order consumption) and the CRA page (validated or refused).
 */
export async function reconcileObservation(
  deps: Deps, userId: string, input: { portal: string; page: string; data: unknown; observationId: string; observedAt: string },
): Promise<ReconcileResult> {
  const result: ReconcileResult = { matched: [], unmatched: [] };
  const provenance: Provenance = { source: 'portal', portal: input.portal, page: input.page, observedAt: input.observedAt, observationId: input.observationId };
  const own = (await deps.db.select().from(missions).where(eq(missions.userId, userId)).all()).filter((m) => portalKey(m.portal) === portalKey(input.portal));
  const byRef = (ref: string) => own.find((m) => m.portalRef !== null && norm(m.portalRef) === norm(ref));
  const batch: BatchItem[] = [bumpChangeSeq(userId)];

  if (input.page === 'invoices') {
    const page = input.data as LittleBigInvoicesPage;
    const ids = own.map((m) => m.id);
    const rows = ids.length ? await deps.db.select().from(invoices).where(and(eq(invoices.userId, userId), inArray(invoices.missionId, ids))).all() : [];
    const byMission = new Map<string, typeof page.invoices>();
    for (const o of page.invoices) {
      const m = byRef(o.missionRef);
      if (!m) { result.unmatched.push({ number: o.number, missionRef: o.missionRef, month: o.month, reason: 'no_mission' }); continue; }
      byMission.set(m.id, [...(byMission.get(m.id) ?? []), o]);
    }
    for (const [missionId, observed] of byMission) {
      const docs = rows.filter((r) => r.missionId === missionId);
      for (const { observed: o, docId } of matchInvoices(observed, docs.map(ledgerDocOf))) {
        const row = docs.find((d) => d.id === docId);
        if (!row) { result.unmatched.push({ number: o.number, missionRef: own.find((m) => m.id === missionId)?.portalRef ?? '', month: o.month, reason: 'no_document' }); continue; }
        const applied = applyReconciliation(deps, userId, row, o, provenance);
        batch.push(...applied.statements);
        result.matched.push({ number: o.number, invoiceId: row.id, mismatch: applied.mismatch.map((x) => x.field), conflicts: applied.conflicts.map((x) => x.field) });
      }
    }
  } else if (input.page === 'missions') {
    for (const card of (input.data as LittleBigMissionsPage).missions) {
      const m = byRef(card.missionRef);
      if (!m) { result.unmatched.push({ missionRef: card.missionRef, reason: 'no_mission' }); continue; }
      batch.push(deps.db.update(missions).set({ portalConsumption: JSON.stringify({ ...card, provenance }), seq: currentChangeSeq(userId) }).where(eq(missions.id, m.id)));
    }
  } else if (input.page === 'cra') {
    const page = input.data as LittleBigCraPage;
    const m = byRef(page.missionRef);
    const cra = m ? await deps.db.select().from(cras).where(and(eq(cras.missionId, m.id), eq(cras.month, page.month))).get() : undefined;
    if (m && cra && cra.state === 'validated') {
      // Relais' validation is what the user (or the extension, with their confirmation) recorded: a different date or a refusal is theirs to settle.
      if (page.state === 'validated' && page.validatedOn && page.validatedOn !== cra.validatedOn) {
        batch.push(conflictInsert(deps, userId, { missionId: m.id, craId: cra.id }, { field: 'validatedOn', userValue: cra.validatedOn, portalValue: page.validatedOn }, provenance));
      } else if (page.state === 'refused') {
        batch.push(conflictInsert(deps, userId, { missionId: m.id, craId: cra.id }, { field: 'status', userValue: 'validated', portalValue: 'refused' }, provenance));
      }
    }
  }
  if (batch.length > 1) await writeBatch(deps, batch);
  return result;
}

export { documentNumber };
