import { addDays, endOfMonth, isoDateOf, maxDate, type IsoMonth } from '../../shared/dates';
import { onOrNextWorkingDay } from '../../shared/calendar/working-days';
import { craTotals } from '../../shared/cra/totals';
import type { CraLine } from '../../shared/cra/schemas';
import { computeInvoice } from '../../shared/invoice/lines';
import { forecastPayout } from '../../shared/payout/forecast';
import type { cras } from '../db/schema';
import type { MissionRow, OrderRow } from './load-mission';
import { orderForMonth } from './load-mission';

export type CraRow = typeof cras.$inferSelect;

/** A CRA that was never saved reads as an empty draft at revision 0. */
export function emptyCra(userId: string, missionId: string, month: IsoMonth, at: string): CraRow {
  return { id: '', userId, missionId, month, state: 'draft', days: '{}', lines: '[]', revision: 0, refusalReason: null, submittedAt: null, validatedOn: null, seq: 0, updatedAt: at };
}

/** The price terms a month's CRA is invoiced at: its purchase order's rate and plan. */
export function pricingFor(mission: MissionRow, orders: OrderRow[], month: IsoMonth) {
  const order = orderForMonth(orders, month);
  return { order, dailyRateCents: order.dailyRateCents, plan: order.plan, vatRateBps: mission.vatRateBps };
}

/**
 * The CRA with its live totals and, until it is validated, the payout it would bring if the
 * client validated it on the first working day after the month (or today, if later).
 */
export function craView(row: CraRow, mission: MissionRow, orders: OrderRow[], vatRegime: 'franchise' | 'standard', now: Date) {
  const days = JSON.parse(row.days) as Record<string, number>;
  const lines = JSON.parse(row.lines) as CraLine[];
  const pricing = pricingFor(mission, orders, row.month);
  const totals = craTotals(row.month, { days, lines }, { dailyRateCents: pricing.dailyRateCents, vatRateBps: pricing.vatRateBps, label: mission.clientName });
  const invoice = computeInvoice(totals.invoiceLines, { vatRegime });
  const assumedValidation = row.validatedOn ?? maxDate(isoDateOf(now), onOrNextWorkingDay(addDays(endOfMonth(row.month), 1)));
  const forecast = forecastPayout(
    { portal: mission.portal, contractSignedOn: mission.contractSignedOn, country: mission.country, plan: pricing.plan, clientTermsDays: mission.clientTermsDays ?? undefined },
    { daysInvoiced: totals.days, dailyRateCents: pricing.dailyRateCents, netCents: invoice.netCents, vatCents: invoice.vatCents, clockStartsOn: assumedValidation },
  );
  return {
    missionId: mission.id,
    month: row.month,
    state: row.state,
    revision: row.revision,
    days,
    lines,
    refusalReason: row.refusalReason,
    submittedAt: row.submittedAt,
    validatedOn: row.validatedOn,
    dailyRateCents: pricing.dailyRateCents,
    plan: pricing.plan,
    totals: { days: totals.days, daysAmountCents: totals.daysAmountCents, netCents: invoice.netCents, vatCents: invoice.vatCents, totalCents: invoice.totalCents },
    forecast: forecast.ok ? { ...forecast.value, assumedValidationOn: assumedValidation } : null,
    updatedAt: row.updatedAt,
  };
}
export type CraView = ReturnType<typeof craView>;
