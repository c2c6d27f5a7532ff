import { onOrNextWorkingDay } from '../calendar/working-days';
import { addDays, endOfMonth, maxDate, monthOf, type IsoDate, type IsoMonth } from '../dates';
import { computeInvoice, type InvoiceTotals, type VatRegime } from '../invoice/lines';
import type { Bps, Cents } from '../money';
import { forecastPayout, type PayoutResult } from '../payout/forecast';
import type { CraContent } from './schemas';
import { craTotals, type CraTotals } from './totals';

/** A purchase order's dates (its terms ride along in T). */
export type DatedOrder = { startsOn: IsoDate; endsOn: IsoDate };

/**
 * The purchase order in force on a date: the one covering it, else the last one started
 * before it, else the first. Among orders starting the same day, the one listed last wins.
 * One pass, no copy: the dashboard asks it for every working day of a year per mission,
 * and a CRA's totals for every day.
 */
export function orderOn<T extends DatedOrder>(orders: readonly T[], date: IsoDate): T {
  if (orders.length === 0) throw new Error('a mission always has a purchase order');
  let first = orders[0]!;
  let started: T | undefined;
  let covering: T | undefined;
  for (const o of orders) {
    if (o.startsOn < first.startsOn) first = o;
    if (o.startsOn > date) continue;
    if (!started || o.startsOn >= started.startsOn) started = o;
    if (date <= o.endsOn && (!covering || o.startsOn >= covering.startsOn)) covering = o;
  }
  return covering ?? started ?? first;
}

/** The first and last months an order's dates touch: the CRAs that can count against it. */
export function orderMonths(order: DatedOrder): { first: IsoMonth; last: IsoMonth } {
  return { first: monthOf(order.startsOn), last: monthOf(order.endsOn) };
}

/** The purchase order whose terms price a month's CRA: the one in force on the month's last day. */
export function orderForMonth<T extends DatedOrder>(orders: readonly T[], month: IsoMonth): T {
  return orderOn(orders, endOfMonth(month));
}

/** Until the client validates, the forecast assumes validation on the first working day after the month, or today if later. */
export function assumedValidationOn(month: IsoMonth, today: IsoDate): IsoDate {
  return maxDate(today, onOrNextWorkingDay(addDays(endOfMonth(month), 1)));
}

export type PricedOrder = DatedOrder & { dailyRateCents: Cents; plan: string };

export type MonthTerms = {
  portal: string;
  contractSignedOn: IsoDate;
  country: string;
  clientTermsDays?: number | null;
  vatRateBps: Bps;
  clientName: string;
  /** The mission's purchase orders: each day is priced at the rate of the order covering it; the plan is the month's order's. */
  orders: readonly PricedOrder[];
};

/**
 * A month's CRA priced and forecast the one way the API and the popup both use: its
 * totals, the invoice it becomes, and the payout if validated on `validatedOn`.
 * @example monthForecast('2026-05', { days: { '2026-05-04': 1 } }, terms, 'franchise', '2026-06-01').invoice.netCents
 */
export function monthForecast(month: IsoMonth, content: CraContent, terms: MonthTerms, vatRegime: VatRegime, validatedOn: IsoDate): { totals: CraTotals; invoice: InvoiceTotals; forecast: PayoutResult } {
  const order = orderForMonth(terms.orders, month);
  const totals = craTotals(month, content, { dailyRateCents: order.dailyRateCents, vatRateBps: terms.vatRateBps, label: terms.clientName, rateOn: (date) => orderOn(terms.orders, date).dailyRateCents });
  const invoice = computeInvoice(totals.invoiceLines, { vatRegime });
  const forecast = forecastPayout(
    { portal: terms.portal, contractSignedOn: terms.contractSignedOn, country: terms.country, plan: order.plan, clientTermsDays: terms.clientTermsDays ?? undefined },
    { daysInvoiced: totals.days, dailyRateCents: order.dailyRateCents, dayGroups: totals.dayGroups, netCents: invoice.netCents, vatCents: invoice.vatCents, clockStartsOn: validatedOn },
  );
  return { totals, invoice, forecast };
}
