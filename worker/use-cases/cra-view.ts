import { isoDateOf, type IsoMonth } from '../../shared/dates';
import { assumedValidationOn, monthForecast } from '../../shared/cra/month-forecast';
import type { CraLine } from '../../shared/cra/schemas';
import type { cras } from '../db/schema';
import type { MissionRow, OrderRow } from './load-mission';
import { orderForMonth } from './load-mission';

export type CraRow = typeof cras.$inferSelect;
/** A CRA's days and lines, parsed. */
export type CraContentRead = { days: Record<string, number>; lines: CraLine[] };

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
export function craView(row: CraRow, mission: MissionRow, orders: OrderRow[], vatRegime: 'franchise' | 'standard', now: Date, content?: CraContentRead) {
  // Given by a save, which has them parsed: the same values as the row's JSON.
  const days = content?.days ?? (JSON.parse(row.days) as Record<string, number>);
  const lines = content?.lines ?? (JSON.parse(row.lines) as CraLine[]);
  const pricing = pricingFor(mission, orders, row.month);
  const assumedValidation = row.validatedOn ?? assumedValidationOn(row.month, isoDateOf(now));
  const { totals, invoice, forecast } = monthForecast(
    row.month,
    { days, lines },
    { ...mission, orders },
    vatRegime,
    assumedValidation,
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
