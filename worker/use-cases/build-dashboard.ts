import { addDays, isoDateOf, monthOf, type IsoDate } from '../../shared/dates';
import { rhythmDays } from '../../shared/tax/planned-days';
import { collectedCents, franchiseTurnoverCents, type TurnoverDoc } from '../../shared/tax/turnover';
import { issuerOf } from '../../shared/invoice/issuers';
import { missingWorkingDays } from '../../shared/cra/capture';
import { lineAmount } from '../../shared/money';
import { projectVatThresholds, vatFranchisePosition } from '../../shared/tax/vat-franchise';
import { microCeilingPosition } from '../../shared/tax/micro-ceiling';
import { cras, invoices, missions, profiles, purchaseOrders } from '../db/schema';
import { jsonObjectOf, rowFromJson } from '../db/json-rows';
import type { Deps } from '../deps';
import { loadProfile } from '../routes/profile';
import { craView, emptyCra } from './cra-view';
import { invoiceView } from './invoice-view';
import { missionSpan, orderOn } from './load-mission';

/** All five reads of the dashboard in one statement (see db/json-rows.ts for why). */
const DASHBOARD_SQL = [
  `SELECT 'p' AS k, ${jsonObjectOf(profiles, 'p')} AS j FROM profiles p WHERE p.user_id = ?1`,
  `SELECT 'm', ${jsonObjectOf(missions, 'm')} FROM missions m WHERE m.user_id = ?1 AND m.archived = 0`,
  `SELECT 'o', ${jsonObjectOf(purchaseOrders, 'o')} FROM purchase_orders o WHERE o.user_id = ?1`,
  `SELECT 'c', ${jsonObjectOf(cras, 'c')} FROM cras c WHERE c.user_id = ?1 AND c.state IN ('draft', 'submitted', 'refused')`,
  `SELECT 'i', ${jsonObjectOf(invoices, 'i')} FROM invoices i WHERE i.user_id = ?1 AND (i.status IN ('issued', 'expected') OR i.issued_on >= ?2)`,
].join(' UNION ALL ');

async function readDashboardRows(deps: Deps, userId: string, yearStart: string) {
  const rs = await deps.client.execute({ sql: DASHBOARD_SQL, args: [userId, yearStart] });
  const missionRows: (typeof missions.$inferSelect)[] = [];
  const orderRows: (typeof purchaseOrders.$inferSelect)[] = [];
  const craRows: (typeof cras.$inferSelect)[] = [];
  const invoiceRows: (typeof invoices.$inferSelect)[] = [];
  let profile: typeof profiles.$inferSelect | undefined;
  for (const r of rs.rows) {
    const j = r[1];
    switch (r[0]) {
      case 'p': profile = rowFromJson(profiles, j); break;
      case 'm': missionRows.push(rowFromJson(missions, j)); break;
      case 'o': orderRows.push(rowFromJson(purchaseOrders, j)); break;
      case 'c': craRows.push(rowFromJson(cras, j)); break;
      case 'i': invoiceRows.push(rowFromJson(invoices, j)); break;
    }
  }
  // First visit: the profile row is created with its defaults.
  return { profile: profile ?? (await loadProfile({ env: { deps } }, userId)), missionRows, orderRows, craRows, invoiceRows };
}

/**
 * Everything the popup shows, in one request: each active mission's current month, the
 * payouts to come and the late ones, overdue invoices with penalties to date, and the
 * year's position against the VAT franchise thresholds with the projected crossing dates.
 */
export async function buildDashboard(deps: Deps, userId: string) {
  const now = deps.now();
  const today = isoDateOf(now);
  const month = monthOf(today);
  const year = Number(today.slice(0, 4));
  const { profile, missionRows, orderRows, craRows, invoiceRows } = await readDashboardRows(deps, userId, `${year}-01-01`);
  const holidays = { alsaceMoselle: profile.alsaceMoselle };

  const missionCards = missionRows.map((m) => {
    const orders = orderRows.filter((o) => o.missionId === m.id).sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1));
    const span = missionSpan(orders);
    const row = craRows.find((r) => r.missionId === m.id && r.month === month) ?? emptyCra(userId, m.id, month, now.toISOString());
    const view = craView(row, m, orders, profile.vatRegime, now);
    return {
      missionId: m.id,
      clientName: m.clientName,
      portal: m.portal,
      plan: orderOn(orders, today).plan,
      dailyRateCents: orderOn(orders, today).dailyRateCents,
      month,
      cra: { state: view.state, revision: view.revision, days: view.totals.days, netCents: view.totals.netCents, refusalReason: view.refusalReason, forecast: view.forecast },
      missingDays: missingWorkingDays(month, view.days, today, { ...holidays, startsOn: span.startsOn, endsOn: span.endsOn }),
    };
  });

  // Payouts to come: the freelancer's invoices, the portals' (expected or seen) and the cooperatives' salary budgets.
  const open = invoiceRows.filter((r) => r.kind !== 'credit_note' && (r.status === 'issued' || r.status === 'expected'));
  const views = open.map((r) => invoiceView(r, now));
  const upcomingPayouts = views.filter((v) => !v.payoutLate).sort((a, b) => ((a.payoutEarliest ?? '9999') < (b.payoutEarliest ?? '9999') ? -1 : 1));
  const latePayouts = views.filter((v) => v.payoutLate);
  const overdueInvoices = views.filter((v) => v.overdue !== null);
  // Paid this month (rows issued this year or still open: an invoice of last year paid in January is not listed).
  const paidThisMonth = invoiceRows
    .filter((r) => r.kind !== 'credit_note' && r.paidOn !== null && r.paidOn.startsWith(month))
    .map((r) => invoiceView(r, now))
    .sort((a, b) => ((a.paidOn ?? '') < (b.paidOn ?? '') ? 1 : -1));

  // VAT franchise: invoiced revenue so far, plus what captured and planned days will add.
  const turnoverDocs = invoiceRows.map(turnoverDocOf);
  const opening = profile.openingYear === year ? { turnover: profile.openingTurnoverCents ?? 0, collected: profile.openingCollectedCents ?? 0 } : { turnover: 0, collected: 0 };
  const revenueCents = franchiseTurnoverCents(turnoverDocs, year, opening.turnover);
  // Planned amounts summed per day: the projection only reads running totals by date, and a
  // year of working days per mission would otherwise be thousands of entries to sort.
  const plannedByDay = new Map<IsoDate, number>();
  const plan = (on: IsoDate, amountCents: number) => plannedByDay.set(on, (plannedByDay.get(on) ?? 0) + amountCents);
  // A cooperative's months are salary, not the freelancer's turnover.
  const ownMissions = missionRows.filter((m) => issuerOf(m) !== 'cooperative');
  for (const r of craRows) {
    const m = ownMissions.find((x) => x.id === r.missionId);
    if (!m) continue;
    const orders = orderRows.filter((o) => o.missionId === m.id);
    for (const [date, q] of Object.entries(JSON.parse(r.days) as Record<string, number>)) {
      if (q > 0 && date.startsWith(String(year))) plan(date < today ? today : date, lineAmount(q, orderOn(orders, date).dailyRateCents));
    }
  }
  // What is not captured yet counts only at the mission's expected rhythm (days per week), never every working day.
  const yearEnd = `${year}-12-31`;
  for (const m of ownMissions) {
    if (m.daysPerWeekMilli == null) continue;
    const orders = orderRows.filter((o) => o.missionId === m.id);
    const captured = new Map<IsoDate, number>();
    for (const r of craRows) if (r.missionId === m.id) for (const [d, q] of Object.entries(JSON.parse(r.days) as Record<string, number>)) captured.set(d, q);
    const span = missionSpan(orders);
    const from = span.startsOn > today ? span.startsOn : addDays(today, 1);
    const to = span.endsOn < yearEnd ? span.endsOn : yearEnd;
    for (const d of rhythmDays({ from, to, daysPerWeek: m.daysPerWeekMilli / 1000, captured, holidays })) plan(d.on, lineAmount(d.quantity, orderOn(orders, d.on).dailyRateCents));
  }
  const planned = [...plannedByDay].map(([on, amountCents]) => ({ on, amountCents }));
  // The ceiling is on cash collected, gross of portal fees; never a cooperative's salary.
  const paidThisYear = collectedCents(turnoverDocs, year, opening.collected);

  return {
    today,
    month,
    vatRegime: profile.vatRegime,
    missions: missionCards,
    upcomingPayouts,
    latePayouts,
    overdueInvoices,
    paidThisMonth,
    vat: { position: vatFranchisePosition(year, revenueCents), projection: projectVatThresholds({ year, asOf: today, revenueToDateCents: revenueCents, planned }) },
    microCeiling: microCeilingPosition(year, paidThisYear),
  };
}

/** An invoice row as the turnover helpers read it. */
const turnoverDocOf = (r: typeof invoices.$inferSelect): TurnoverDoc => ({
  kind: r.kind, status: r.status, year: r.year, netCents: r.netCents, feeCents: r.feeCents, vatCents: r.vatCents, paidOn: r.paidOn,
  portalNetCents: r.portalInvoice ? ((JSON.parse(r.portalInvoice) as { netCents?: number }).netCents ?? null) : null,
});
