import { QUANTITY_SCALE, lineAmount, quantityToMilli, sumCents, type Bps, type Cents } from '../money';
import { datesInOrder, isIsoDate, monthOf, type IsoDate, type IsoMonth } from '../dates';
import { frenchMonthLabel } from './month-label';
import type { CraContent, CraLine } from './schemas';

export { fillWorkingDays, missingWorkingDays, captureProgress } from './capture';

/**
 * What a CRA is worth and the invoice lines it becomes (DOMAIN.md, "Invoices": each line
 * is quantity × unit price HT rounded half-up, totals are sums of rounded lines).
 */

export type CraInvoiceLine = { label: string; quantity: number; unitCents: Cents; vatRateBps: Bps; unit: 'day' | 'unit' };

export type CraTotals = {
  /** Days worked, exact to the thousandth. */
  days: number;
  /** The days by daily rate, in date order: more than one when a renewal changed the rate within the month. */
  dayGroups: DayGroup[];
  daysAmountCents: Cents;
  expensesCents: Cents;
  onCallCents: Cents;
  overtimeCents: Cents;
  /** May be negative: a correction can take money back. */
  correctionsCents: Cents;
  /** Excluding VAT: days amount plus every line. */
  netCents: Cents;
  invoiceLines: CraInvoiceLine[];
};

/** Days invoiced at one daily rate, from `from` to `to`. */
export type DayGroup = { days: number; dailyRateCents: Cents; from: IsoDate; to: IsoDate };

/**
 * How a CRA is priced. `rateOn` gives the daily rate in force on a date (the purchase order
 * covering it); without it every day is at `dailyRateCents`.
 */
export type CraPricing = { dailyRateCents: Cents; vatRateBps: Bps; label?: string; rateOn?: (date: IsoDate) => Cents };

/**
 * Totals of a CRA and its invoice lines. Days are summed in thousandths (no float drift),
 * and the daily rate is applied once on the total, so 41 half days cost exactly 20.5 TJM.
 * Only the days of `month` count (`checkCra` reports the others). The days line comes
 * first and is left out when no day was worked; each CRA line follows, quantity 1.
 * Throws on a quantity finer than a thousandth (a programmer error: `checkCra` refuses it).
 * @example
 * craTotals('2026-05', { days: { …41 half days… } }, { dailyRateCents: 65_000, vatRateBps: 2000, label: 'Acme' })
 * // { days: 20.5, daysAmountCents: 1_332_500, …, invoiceLines: [{ label: 'Prestation Acme – mai 2026', quantity: 20.5, unitCents: 65_000, vatRateBps: 2000, unit: 'day' }] }
 */
export function craTotals(month: IsoMonth, body: CraContent, mission: CraPricing): CraTotals {
  // Days grouped by the rate in force on each date, in date order (a renewal may change the
  // rate mid-month: the days before it stay at the old rate, on their own line).
  const groups: (DayGroup & { milli: number })[] = [];
  for (const date of datesInOrder(body.days)) {
    if (!isIsoDate(date) || monthOf(date) !== month) continue;
    const milli = quantityToMilli(body.days[date]!);
    if (milli === 0) continue;
    const rate = mission.rateOn ? mission.rateOn(date) : mission.dailyRateCents;
    const last = groups[groups.length - 1];
    if (last && last.dailyRateCents === rate) {
      last.milli += milli;
      last.to = date;
    } else groups.push({ milli, days: 0, dailyRateCents: rate, from: date, to: date });
  }
  let milli = 0;
  for (const g of groups) {
    g.days = g.milli / QUANTITY_SCALE;
    milli += g.milli;
  }
  const days = milli / QUANTITY_SCALE;
  const daysAmountCents = sumCents(groups.map((g) => lineAmount(g.days, g.dailyRateCents)));
  const lines = body.lines ?? [];
  const sumOf = (kind: CraLine['kind']) => sumCents(lines.filter((l) => l.kind === kind).map((l) => l.amountCents));
  const expensesCents = sumOf('expense');
  const onCallCents = sumOf('on_call');
  const overtimeCents = sumOf('overtime');
  const correctionsCents = sumOf('correction');

  const invoiceLines: CraInvoiceLine[] = [];
  const what = mission.label?.trim() ? `Prestation ${mission.label.trim()}` : 'Prestation';
  for (const g of groups) {
    const span = groups.length > 1 ? ` (du ${frenchDay(g.from)} au ${frenchDay(g.to)})` : '';
    invoiceLines.push({ label: `${what} – ${frenchMonthLabel(month)}${span}`, quantity: g.days, unitCents: g.dailyRateCents, vatRateBps: mission.vatRateBps, unit: 'day' });
  }
  for (const line of lines) {
    invoiceLines.push({ label: invoiceLabel(line), quantity: 1, unitCents: line.amountCents, vatRateBps: line.vatRateBps, unit: 'unit' });
  }

  return {
    days,
    dayGroups: groups.map(({ days: d, dailyRateCents, from, to }) => ({ days: d, dailyRateCents, from, to })),
    daysAmountCents,
    expensesCents,
    onCallCents,
    overtimeCents,
    correctionsCents,
    netCents: daysAmountCents + expensesCents + onCallCents + overtimeCents + correctionsCents,
    invoiceLines,
  };
}

/** `14/05` for 2026-05-14: the span of a day line when a month has two rates. */
const frenchDay = (date: IsoDate) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

/**
 * The invoice wording of a CRA line: its kind in French, then the freelancer's label.
 * @example invoiceLabel({ kind: 'correction', correctsMonth: '2026-04', label: '1 jour oublié', … }) // 'Correction avril 2026 : 1 jour oublié'
 */
export function invoiceLabel(line: CraLine): string {
  switch (line.kind) {
    case 'expense':
      return `Frais : ${line.label}${line.receiptRef ? ` (justificatif ${line.receiptRef})` : ''}`;
    case 'on_call':
      return `Astreinte : ${line.label}`;
    case 'overtime':
      return `Heures supplémentaires : ${line.label}`;
    case 'correction':
      return `Correction ${frenchMonthLabel(line.correctsMonth)} : ${line.label}`;
  }
}
