import { and, eq } from 'drizzle-orm';
import { isoDateOf, monthOf } from '../../shared/dates';
import { formatInvoiceNumber } from '../../shared/invoice/numbering';
import { dueEvents, type ReminderInput } from '../../shared/notifications/reminders';
import { cras, invoices, legalDocuments, missions, purchaseOrders, users } from '../db/schema';
import type { Deps } from '../deps';
import { documentNumber } from '../use-cases/invoice-view';
import { loadProfile } from '../routes/profile';
import { buildDashboard } from '../use-cases/build-dashboard';
import { missionView } from '../use-cases/mission-view';
import { recordEvent } from './outbox';

/**
 * Records every reminder due today for every user (shared/notifications/reminders.ts
 * decides which). Each user's events go in one batch of `INSERT OR IGNORE` on their
 * keys: a second run the same day, or a concurrent one, adds nothing.
 */
export async function recordReminders(deps: Deps): Promise<number> {
  const userRows = await deps.db.select({ id: users.id }).from(users).all();
  let recorded = 0;
  for (const { id } of userRows) recorded += await recordUserReminders(deps, id);
  return recorded;
}

export async function recordUserReminders(deps: Deps, userId: string): Promise<number> {
  const now = deps.now();
  const today = isoDateOf(now);
  const month = monthOf(today);
  const [profile, missionRows, orderRows, craRows, invoiceRows, docRows] = await Promise.all([
    loadProfile({ env: { deps } }, userId),
    deps.db.select().from(missions).where(and(eq(missions.userId, userId), eq(missions.archived, false))).all(),
    deps.db.select().from(purchaseOrders).where(eq(purchaseOrders.userId, userId)).all(),
    deps.db.select({ missionId: cras.missionId, month: cras.month, days: cras.days, state: cras.state }).from(cras).where(eq(cras.userId, userId)).all(),
    deps.db.select().from(invoices).where(and(eq(invoices.userId, userId), eq(invoices.kind, 'invoice'), eq(invoices.status, 'issued'))).all(),
    deps.db.select({ id: legalDocuments.id, label: legalDocuments.label, expiresOn: legalDocuments.expiresOn }).from(legalDocuments).where(eq(legalDocuments.userId, userId)).all(),
  ]);

  const activeMissions: ReminderInput['missions'] = [];
  for (const m of missionRows) {
    const orders = orderRows.filter((o) => o.missionId === m.id).sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1));
    // Only missions running today: an ended mission has no CRA to submit this month.
    if (!orders.some((o) => o.startsOn <= today && today <= o.endsOn)) continue;
    const view = missionView(m, orders, craRows.filter((r) => r.missionId === m.id), today);
    const cra = craRows.find((r) => r.missionId === m.id && r.month === month);
    activeMissions.push({
      id: m.id,
      clientName: m.clientName,
      craState: cra ? cra.state : 'none',
      consumption: view.currentOrder && (view.budgetDays !== null || view.budgetCents !== null) ? { orderId: view.currentOrder.id, ratioBps: view.consumption.ratioBps } : null,
    });
  }

  let vat: ReminderInput['vat'] = null;
  if (profile.vatRegime === 'franchise' && invoiceRows.length + missionRows.length > 0) {
    const d = await buildDashboard(deps, userId);
    const p = d.vat.position;
    vat = { year: p.year, revenueCents: p.revenueCents, baseCents: p.baseCents, baseRatioBps: p.baseRatioBps, projectedBaseCrossingOn: d.vat.projection.base.already ? null : d.vat.projection.base.on };
  }

  const events = dueEvents({
    today,
    holidays: { alsaceMoselle: profile.alsaceMoselle },
    missions: activeMissions,
    openInvoices: invoiceRows.map((r) => ({
      id: r.id,
      number: documentNumber(r) ?? '',
      clientName: (JSON.parse(r.buyer) as { name?: string }).name ?? '',
      regime: r.regime,
      totalCents: r.totalCents,
      payoutCents: r.payoutCents,
      dueOn: r.dueOn,
      clientPaidOn: r.clientPaidOn,
      penaltyRateBps: r.penaltyRateBps,
      payoutEarliest: r.payoutEarliest,
      payoutLatest: r.payoutLatest,
    })),
    documents: docRows,
    vat,
  });
  if (!events.length) return 0;
  const at = now.toISOString();
  const results = await deps.client.batch(events.map((e) => recordEvent({ userId, type: e.type, key: e.key, data: e.data, at })), 'write');
  return results.reduce((n, r) => n + r.rowsAffected, 0);
}
