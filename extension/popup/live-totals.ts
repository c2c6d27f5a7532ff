import { onOrNextWorkingDay } from '../../shared/calendar/working-days';
import { craTotals } from '../../shared/cra/totals';
import { addDays, endOfMonth, maxDate } from '../../shared/dates';
import { computeInvoice } from '../../shared/invoice/lines';
import { forecastPayout, type PayoutForecast } from '../../shared/payout/forecast';
import type { CraContent, Mission } from '../lib/model';

export type LiveTotals = { days: number; netCents: number; feeCents: number | null; payoutCents: number | null; payoutEarliest: string | null; payoutLatest: string | null };

/** The purchase order that prices a month: the one covering its first day, else the nearest. */
function orderFor(mission: Mission, month: string) {
  const first = `${month}-01`;
  const last = endOfMonth(month);
  return mission.orders.find((o) => o.startsOn <= last && o.endsOn >= first) ?? mission.currentOrder;
}

/**
 * Totals of the month as the user edits it, offline: the same shared rules the API uses
 * (craTotals, computeInvoice, forecastPayout), assuming the client validates on the first
 * working day after the month (or today, if later), as the API's CRA view does.
 */
export function liveTotals(mission: Mission, month: string, content: CraContent, vatRegime: 'franchise' | 'standard', today: string): LiveTotals {
  const order = orderFor(mission, month);
  const totals = craTotals(month, content, { dailyRateCents: order.dailyRateCents, vatRateBps: mission.vatRateBps, label: mission.clientName });
  const invoice = computeInvoice(totals.invoiceLines, { vatRegime });
  const clockStartsOn = maxDate(today, onOrNextWorkingDay(addDays(endOfMonth(month), 1)));
  let forecast: PayoutForecast | null = null;
  try {
    const res = forecastPayout(
      { portal: mission.portal, contractSignedOn: mission.contractSignedOn, country: mission.country, plan: order.plan, clientTermsDays: mission.clientTermsDays ?? undefined },
      { daysInvoiced: totals.days, dailyRateCents: order.dailyRateCents, netCents: invoice.netCents, vatCents: invoice.vatCents, clockStartsOn },
    );
    forecast = res.ok ? res.value : null;
  } catch {
    forecast = null;
  }
  return {
    days: totals.days,
    netCents: invoice.netCents,
    feeCents: forecast?.feeCents ?? null,
    payoutCents: forecast?.payoutCents ?? null,
    payoutEarliest: forecast?.payoutEarliest ?? null,
    payoutLatest: forecast?.payoutLatest ?? null,
  };
}
