import { eq } from 'drizzle-orm';
import { bdcConsumption } from '../../shared/bdc/consumption';
import type { IsoDate } from '../../shared/dates';
import { isoDateOf } from '../../shared/dates';
import { lineAmount, QUANTITY_SCALE } from '../../shared/money';
import { regimeFor } from '../../shared/payout/regimes';
import { partiesOf } from '../../shared/invoice/issuers';
import { OPEN_ENDED } from '../../shared/schemas/mission';
import { cras } from '../db/schema';
import type { Deps } from '../deps';
import { loadMission, missionSpan, orderMonths, orderOn, type MissionRow, type OrderRow } from './load-mission';

/** A month's days, as stored (JSON) or already parsed. */
type CraDaysRow = { month: string; days: string | Readonly<Record<string, number>> };

/** Days captured within an order's dates, in thousandths (exact). Months outside its dates are not read. */
function capturedMilli(order: OrderRow, craRows: CraDaysRow[]): number {
  let milli = 0;
  const months = orderMonths(order);
  for (const r of craRows) {
    if (r.month < months.first || r.month > months.last) continue;
    const days = typeof r.days === 'string' ? (JSON.parse(r.days) as Record<string, number>) : r.days;
    for (const [date, q] of Object.entries(days)) if (date >= order.startsOn && date <= order.endsOn) milli += Math.round(q * QUANTITY_SCALE);
  }
  return milli;
}

/** An order's budget consumption by the days captured within its dates (null when it has no budget). */
export function orderConsumption(order: OrderRow, craRows: CraDaysRow[]) {
  if (order.budgetDaysMilli == null && order.budgetCents == null) return null;
  const days = capturedMilli(order, craRows) / QUANTITY_SCALE;
  return bdcConsumption(
    { budgetDays: order.budgetDaysMilli == null ? null : order.budgetDaysMilli / QUANTITY_SCALE, budgetCents: order.budgetCents, dailyRateCents: order.dailyRateCents },
    { days, amountCents: lineAmount(days, order.dailyRateCents) },
  );
}

const orderView = (o: OrderRow) => ({
  id: o.id,
  startsOn: o.startsOn,
  endsOn: o.endsOn === OPEN_ENDED ? null : o.endsOn,
  dailyRateCents: o.dailyRateCents,
  plan: o.plan,
  budgetDays: o.budgetDaysMilli == null ? null : o.budgetDaysMilli / QUANTITY_SCALE,
  budgetCents: o.budgetCents,
  reference: o.reference,
});

/** The mission as the API shows it: its current purchase order's terms flattened, every order, and budget consumption. */
export function missionView(m: MissionRow, orders: OrderRow[], craRows: CraDaysRow[], today: IsoDate) {
  const current = orderOn(orders, today);
  const span = missionSpan(orders);
  const consumedMilli = capturedMilli(current, craRows);
  const consumedDays = consumedMilli / QUANTITY_SCALE;
  const parties = partiesOf(m);
  return {
    id: m.id,
    portal: m.portal,
    /** Who issues the month's invoice: `freelancer`, `portal_mandate` or `cooperative` (read-only, from the portal and invoice mode). */
    issuer: parties.issuer,
    /** "The client" is the end client the freelancer works for; `billed` is who the invoice is addressed to. */
    parties: { issuedBy: parties.issuedBy, client: parties.client, billed: parties.billed },
    daysPerWeek: m.daysPerWeekMilli == null ? null : m.daysPerWeekMilli / QUANTITY_SCALE,
    portalConsumption: m.portalConsumption ? (JSON.parse(m.portalConsumption) as Record<string, unknown>) : null,
    clientName: m.clientName,
    clientSiren: m.clientSiren,
    clientAddress: m.clientAddress,
    clientCountry: m.clientCountry,
    clientEmail: m.clientEmail,
    clientVatNumber: m.clientVatNumber,
    clientAddressLine: m.clientAddressLine,
    clientPostcode: m.clientPostcode,
    clientCity: m.clientCity,
    clientElectronicAddress: m.clientElectronicAddress,
    clientElectronicAddressScheme: m.clientElectronicAddressScheme,
    title: m.title,
    serviceDescription: m.serviceDescription,
    contractSignedOn: m.contractSignedOn,
    country: m.country,
    regime: regimeFor(m),
    plan: current.plan,
    dailyRateCents: current.dailyRateCents,
    invoiceMode: m.invoiceMode,
    clientTermsDays: m.clientTermsDays,
    startsOn: span.startsOn,
    endsOn: span.endsOn === OPEN_ENDED ? null : span.endsOn,
    budgetDays: current.budgetDaysMilli == null ? null : current.budgetDaysMilli / QUANTITY_SCALE,
    budgetCents: current.budgetCents,
    vatRateBps: m.vatRateBps,
    quarterDays: m.quarterDays,
    smartContractType: m.smartContractType,
    portalRef: m.portalRef,
    archived: m.archived,
    running: current.startsOn <= today && today <= current.endsOn,
    currentOrder: orderView(current),
    orders: orders.map(orderView),
    consumption: bdcConsumption(
      { budgetDays: current.budgetDaysMilli == null ? null : current.budgetDaysMilli / QUANTITY_SCALE, budgetCents: current.budgetCents, dailyRateCents: current.dailyRateCents },
      { days: consumedDays, amountCents: lineAmount(consumedDays, current.dailyRateCents) },
    ),
    updatedAt: m.updatedAt,
  };
}
export type MissionView = ReturnType<typeof missionView>;

/** Loads a mission with what its view needs. */
export async function readMission(deps: Deps, userId: string, id: string) {
  const loaded = await loadMission(deps, userId, id);
  if (!loaded) return null;
  const craRows = await deps.db.select({ month: cras.month, days: cras.days }).from(cras).where(eq(cras.missionId, id)).all();
  return missionView(loaded.mission, loaded.orders, craRows, isoDateOf(deps.now()));
}
