import { and, eq } from 'drizzle-orm';
import type { IsoDate, IsoMonth } from '../../shared/dates';
import type { CraLine } from '../../shared/cra/schemas';
import { transition } from '../../shared/cra/state';
import { planInvoice, type PlannedDocument } from '../../shared/invoice/plan';
import { latestPastDate } from '../../shared/ledger/past-dates';
import { cras, invoices } from '../db/schema';
import { bumpChangeSeq, clearGuards, guardChanged, writeBatch, type BatchItem, currentChangeSeq } from '../db/batch';
import type { Deps } from '../deps';
import { newId } from '../http/crypto';
import { type CraRow } from './cra-view';
import { loadCra } from './save-cra';
import { failure, failureWithIssues, type Result } from './result';
import { insertNumberedInvoice, lastSeriesIssuedOn, yearRevenueCents, type InvoiceRow } from './invoice-store';
import { loadProfileRow } from './load-profile';
import { buyerOf, sellerOf } from './parties';
import { recordEvent } from '../notifications/outbox';

/**
 * The client validated the CRA: lock it and, in the same atomic write, record the document the month yields
 * (shared/invoice/plan.ts decides which: the freelancer's invoice with the next gapless number, a portal's
 * expected invoice, or a cooperative's salary budget) with its payout forecast and events.
 */
export async function validateCra(
  deps: Deps,
  input: { userId: string; missionId: string; month: IsoMonth; validatedOn: IsoDate; ifMatch?: number; acknowledgeVatThreshold?: boolean },
): Promise<Result<{ cra: CraRow; invoice: InvoiceRow }>> {
  const loaded = await loadCra(deps, input.userId, input.missionId, input.month);
  if (!loaded.ok) return loaded;
  const { cra, mission, orders } = loaded.value;
  if (input.ifMatch !== undefined && input.ifMatch !== cra.revision) return failure(412, 'stale_revision', `The CRA is at revision ${cra.revision}, not ${input.ifMatch}`);
  const t = transition(cra.state, { type: 'validate', validatedOn: input.validatedOn });
  if (!t.ok) return failure(409, t.code, t.message);

  const profile = await loadProfileRow(deps, input.userId);
  const year = Number(input.validatedOn.slice(0, 4));
  const latest = latestPastDate(deps.now(), profile.timeZone);
  const [revenueBeforeCents, lastIssued] = await Promise.all([yearRevenueCents(deps, input.userId, year), lastSeriesIssuedOn(deps, input.userId, latest)]);
  const plan = planInvoice(
    { month: input.month, craId: cra.id, days: JSON.parse(cra.days) as Record<string, number>, lines: JSON.parse(cra.lines) as CraLine[], validatedOn: input.validatedOn },
    { ...mission, orders, service: mission.serviceDescription ?? mission.title ?? 'Prestation de services', clientBuyer: buyerOf(mission) },
    { vatRegime: profile.vatRegime, penaltyRateBps: profile.penaltyRateBps, country: profile.country, seller: sellerOf(profile) },
    { revenueBeforeCents, lastSeriesIssuedOn: lastIssued, latestPastDate: latest },
    { documentId: newId(), acknowledgeVatThreshold: input.acknowledgeVatThreshold },
  );
  if (!plan.ok) return plan.issues ? failureWithIssues(plan.code, plan.message, plan.issues) : failure(plan.status, plan.code, plan.message, plan.path);
  const doc = plan.document;

  const at = deps.now().toISOString();
  const batch: BatchItem[] = [
    bumpChangeSeq(input.userId),
    deps.db
      .update(cras)
      .set({ state: 'validated', validatedOn: input.validatedOn, revision: cra.revision + 1, seq: currentChangeSeq(input.userId), updatedAt: at })
      .where(and(eq(cras.id, cra.id), eq(cras.state, 'submitted'), eq(cras.revision, cra.revision))),
    guardChanged(1),
    // Race-safe version of the chronology check: only the freelancer's own series follows dates.
    ...(doc.consumesSeries
      ? [{ sql: "INSERT INTO write_guards (ok) SELECT NOT EXISTS (SELECT 1 FROM invoices WHERE user_id = ? AND kind = 'invoice' AND issued_on > ? AND issued_on <= ?)", args: [input.userId, input.validatedOn, latest] }]
      : []),
    ...insertNumberedInvoice(documentRow(doc, { userId: input.userId, missionId: mission.id, craId: cra.id, at })),
    ...plan.events.map((e) => recordEvent({ userId: input.userId, type: e.type, key: e.key, data: e.data, at })),
    clearGuards,
  ];
  const done = await writeBatch(deps, batch);
  if (!done.ok) {
    const now = await loadCra(deps, input.userId, input.missionId, input.month);
    if (now.ok && now.value.cra.state === 'validated') return failure(409, 'cra_locked', 'This CRA was validated by another request');
    return failure(412, 'stale_revision', 'The CRA or the invoice sequence changed during validation: read it again');
  }
  const after = await loadCra(deps, input.userId, input.missionId, input.month);
  const issued = await deps.db.select().from(invoices).where(eq(invoices.id, doc.id)).get();
  if (!after.ok || !issued) throw new Error('validated CRA vanished');
  return { ok: true, value: { cra: after.value.cra, invoice: issued } };
}

/** The row of a planned document. */
function documentRow(d: PlannedDocument, w: { userId: string; missionId: string; craId: string; at: string }) {
  return {
    id: d.id, userId: w.userId, missionId: w.missionId, craId: w.craId, kind: d.kind, issuer: d.issuer, year: d.year,
    issuedOn: d.issuedOn, serviceMonth: d.serviceMonth, dueOn: d.dueOn, status: d.status,
    lines: JSON.stringify(d.lines), vatBreakdown: JSON.stringify(d.vat), vatMention: d.vatMention,
    netCents: d.netCents, vatCents: d.vatCents, totalCents: d.totalCents, penaltyRateBps: d.penaltyRateBps,
    regime: d.regime, plan: d.plan, feeCents: d.feeCents, payoutCents: d.payoutCents, payoutEarliest: d.payoutEarliest, payoutLatest: d.payoutLatest,
    clientDueOn: d.clientDueOn, seller: JSON.stringify(d.seller), buyer: JSON.stringify(d.buyer),
    daysMilli: d.daysMilli, dailyRateCents: d.dailyRateCents, createdAt: w.at,
  };
}
