import { and, eq, gt, sql } from 'drizzle-orm';
import { compareDates, type IsoDate, type IsoMonth } from '../../shared/dates';
import type { CraLine } from '../../shared/cra/schemas';
import { transition } from '../../shared/cra/state';
import { craTotals } from '../../shared/cra/totals';
import { dueDate } from '../../shared/invoice/due-date';
import { computeInvoice } from '../../shared/invoice/lines';
import { forecastPayout } from '../../shared/payout/forecast';
import { wouldCrossHigherThreshold } from '../../shared/tax/vat-franchise';
import { cras, invoices } from '../db/schema';
import { bumpChangeSeq, clearGuards, guardChanged, writeBatch, type BatchItem, currentChangeSeq } from '../db/batch';
import type { Deps } from '../deps';
import { newId } from '../http/crypto';
import { loadProfile } from '../routes/profile';
import { pricingFor, type CraRow } from './cra-view';
import { orderOn } from './load-mission';
import { loadCra } from './save-cra';
import { failure, failureWithIssues, type Result } from './result';
import { vatTreatment } from '../../shared/invoice/vat-treatment';
import { missingMandatoryMentions } from '../../shared/invoice/mandatory-mentions';
import { insertNumberedInvoice, yearRevenueCents, type InvoiceRow } from './invoice-store';
import { buyerOf, sellerOf } from './parties';
import { recordEvent } from '../notifications/outbox';
import { shareOfBps } from '../../shared/tax/threshold-crossing';
import { vatFranchiseThresholds } from '../../shared/tax/vat-franchise';
import { VAT_WARNING_STEPS_BPS, vatThresholdEvent } from '../../shared/notifications/reminders';

/** Default client terms when a mission gives none: 30 days (art. L441-10 Code de commerce). */
const DEFAULT_TERMS_DAYS = 30;

/**
 * The client validated the CRA: lock it and, in the same atomic write, issue its invoice
 * with the next gapless number and its payout forecast. A franchise-based freelancer whose
 * invoice would cross the higher VAT threshold must acknowledge it first: that invoice is
 * then subject to VAT (DOMAIN.md, "Micro-entrepreneur VAT franchise").
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
  if (compareDates(input.validatedOn, `${input.month}-01`) < 0) return failure(422, 'validation_date_invalid', 'A CRA cannot be validated before its month starts', 'validatedOn');

  const profile = await loadProfile({ env: { deps } }, input.userId);
  const pricing = pricingFor(mission, orders, input.month);
  const days = JSON.parse(cra.days) as Record<string, number>;
  const lines = JSON.parse(cra.lines) as CraLine[];
  const totals = craTotals(input.month, { days, lines }, { dailyRateCents: pricing.dailyRateCents, vatRateBps: pricing.vatRateBps, label: mission.serviceDescription ?? mission.title ?? 'de services', rateOn: (date) => orderOn(orders, date).dailyRateCents });
  const year = Number(input.validatedOn.slice(0, 4));

  let vatRegime = profile.vatRegime;
  let invoiceLines = totals.invoiceLines;
  let revenueBeforeCents: number | null = null;
  if (vatRegime === 'franchise') {
    const draft = computeInvoice(invoiceLines, { vatRegime });
    revenueBeforeCents = await yearRevenueCents(deps, input.userId, year);
    const crossing = wouldCrossHigherThreshold(year, revenueBeforeCents, draft.netCents);
    if (crossing.crosses) {
      if (!input.acknowledgeVatThreshold) {
        return failure(409, 'vat_threshold_crossed', `This invoice takes ${year}'s revenue over the higher VAT franchise threshold: it must charge VAT. Confirm with acknowledgeVatThreshold: true`);
      }
      vatRegime = 'standard';
      invoiceLines = invoiceLines.map((l) => ({ ...l, vatRateBps: l.vatRateBps || 2000 }));
    }
  }
  const treatment = vatTreatment({ sellerRegime: vatRegime, sellerCountry: profile.country, buyerCountry: mission.clientCountry });
  const invoice = computeInvoice(invoiceLines, { vatRegime: treatment });
  const [seller, buyer] = [sellerOf(profile), buyerOf(mission, pricing.order.reference)];
  const missing = missingMandatoryMentions({ seller, buyer, treatment, vatCents: invoice.vatCents, issuedOn: input.validatedOn });
  if (missing.length) return failureWithIssues('mandatory_mentions_missing', 'The invoice would lack mandatory mentions: fill in the fields listed', missing);
  const due = dueDate(input.validatedOn, mission.clientTermsDays ?? DEFAULT_TERMS_DAYS);
  if (!due.ok) return failure(422, due.code, due.message, 'clientTermsDays');
  const forecast = forecastPayout(
    { portal: mission.portal, contractSignedOn: mission.contractSignedOn, country: mission.country, plan: pricing.plan, clientTermsDays: mission.clientTermsDays ?? undefined },
    { daysInvoiced: totals.days, dailyRateCents: pricing.dailyRateCents, dayGroups: totals.dayGroups, netCents: invoice.netCents, vatCents: invoice.vatCents, clockStartsOn: input.validatedOn },
  );
  if (!forecast.ok) return failure(422, forecast.code, forecast.message, 'plan');
  // Manual upload: the payout clock waits for the portal to validate the uploaded invoice.
  const clockWaits = mission.invoiceMode === 'manual';

  // Numbers are chronological: no invoice may be dated before the last one issued.
  const later = await deps.db.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.userId, input.userId), eq(invoices.kind, 'invoice'), gt(invoices.issuedOn, input.validatedOn))).get();
  if (later) return failure(422, 'invoice_date_before_last', 'An invoice dated later is already issued; invoice numbers must follow dates', 'validatedOn');

  const at = deps.now().toISOString();
  const invoiceId = newId();
  const payout = { payoutCents: forecast.value.payoutCents, payoutEarliest: clockWaits ? null : forecast.value.payoutEarliest, payoutLatest: clockWaits ? null : forecast.value.payoutLatest };
  // Notifications, recorded in the same atomic write as the validation they announce.
  const events = [
    recordEvent({ userId: input.userId, type: 'cra.validated', key: `cra.validated:${cra.id}`, at, data: { missionId: mission.id, clientName: mission.clientName, month: input.month, validatedOn: input.validatedOn, invoiceId, ...payout } }),
    recordEvent({ userId: input.userId, type: 'invoice.issued', key: `invoice.issued:${invoiceId}`, at, data: { invoiceId, kind: 'invoice', clientName: mission.clientName, issuedOn: input.validatedOn, dueOn: due.dueOn, netCents: invoice.netCents, vatCents: invoice.vatCents, totalCents: invoice.totalCents, ...payout } }),
  ];
  if (revenueBeforeCents !== null) {
    const { baseCents } = vatFranchiseThresholds(year);
    const afterCents = revenueBeforeCents + invoice.netCents;
    const before = shareOfBps(revenueBeforeCents, baseCents);
    const after = shareOfBps(afterCents, baseCents);
    for (const step of VAT_WARNING_STEPS_BPS) {
      if (before < step && after >= step) {
        const e = vatThresholdEvent({ year, revenueCents: afterCents, baseCents, baseRatioBps: after }, step);
        events.push(recordEvent({ userId: input.userId, type: e.type, key: e.key, data: e.data, at }));
      }
    }
  }
  const batch: BatchItem[] = [
    bumpChangeSeq(input.userId),
    deps.db
      .update(cras)
      .set({ state: 'validated', validatedOn: input.validatedOn, revision: cra.revision + 1, seq: currentChangeSeq(input.userId), updatedAt: at })
      .where(and(eq(cras.id, cra.id), eq(cras.state, 'submitted'), eq(cras.revision, cra.revision))),
    guardChanged(1),
    // Race-safe version of the chronology check above.
    { sql: 'INSERT INTO write_guards (ok) SELECT NOT EXISTS (SELECT 1 FROM invoices WHERE user_id = ? AND kind = ? AND issued_on > ?)', args: [input.userId, 'invoice', input.validatedOn] },
    ...insertNumberedInvoice({
      id: invoiceId,
      userId: input.userId,
      missionId: mission.id,
      craId: cra.id,
      kind: 'invoice',
      year,
      issuedOn: input.validatedOn,
      serviceMonth: input.month,
      dueOn: due.dueOn,
      status: 'issued',
      lines: JSON.stringify(invoice.lines),
      vatBreakdown: JSON.stringify(invoice.vat),
      vatMention: invoice.vatMention,
      netCents: invoice.netCents,
      vatCents: invoice.vatCents,
      totalCents: invoice.totalCents,
      penaltyRateBps: profile.penaltyRateBps,
      regime: forecast.value.regime,
      plan: forecast.value.plan,
      feeCents: forecast.value.feeCents,
      payoutCents: forecast.value.payoutCents,
      payoutEarliest: clockWaits ? null : forecast.value.payoutEarliest,
      payoutLatest: clockWaits ? null : forecast.value.payoutLatest,
      clientDueOn: forecast.value.clientDueOn,
      seller: JSON.stringify(seller),
      buyer: JSON.stringify(buyer),
      createdAt: at,
    }),
    ...events,
    clearGuards,
  ];
  const done = await writeBatch(deps, batch);
  if (!done.ok) {
    const now = await loadCra(deps, input.userId, input.missionId, input.month);
    if (now.ok && now.value.cra.state === 'validated') return failure(409, 'cra_locked', 'This CRA was validated by another request');
    return failure(412, 'stale_revision', 'The CRA or the invoice sequence changed during validation: read it again');
  }
  const after = await loadCra(deps, input.userId, input.missionId, input.month);
  const issued = await deps.db.select().from(invoices).where(eq(invoices.id, invoiceId)).get();
  if (!after.ok || !issued) throw new Error('validated CRA vanished');
  return { ok: true, value: { cra: after.value.cra, invoice: issued } };
}
