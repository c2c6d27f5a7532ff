import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assumedValidationOn, monthForecast, orderForMonth, orderOn } from './month-forecast';

const orders = [
  { startsOn: '2026-06-01', endsOn: '2026-12-31', dailyRateCents: 70_000, plan: 'express' },
  { startsOn: '2026-01-05', endsOn: '2026-05-31', dailyRateCents: 65_000, plan: 'flash' },
];

describe('orderOn / orderForMonth', () => {
  it('prices a month at the order in force on its last day, whatever the list order', () => {
    expect(orderForMonth(orders, '2026-05').dailyRateCents).toBe(65_000);
    expect(orderForMonth(orders, '2026-06').dailyRateCents).toBe(70_000);
    expect(orderOn(orders, '2025-12-01').dailyRateCents).toBe(65_000); // before any order: the first
    expect(orderOn(orders, '2027-02-01').dailyRateCents).toBe(70_000); // after: the last started
  });

  it('picks what sorting by start and filtering picks (its first definition), for any orders and date', () => {
    const sortedPick = <T extends { startsOn: string; endsOn: string }>(list: readonly T[], date: string): T => {
      const sorted = [...list].sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));
      const covering = sorted.filter((o) => o.startsOn <= date && date <= o.endsOn);
      if (covering.length) return covering[covering.length - 1]!;
      const started = sorted.filter((o) => o.startsOn <= date);
      return started.length ? started[started.length - 1]! : sorted[0]!;
    };
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, '0')}`);
    const order = fc.tuple(day, day).map(([a, b]) => ({ startsOn: a < b ? a : b, endsOn: a < b ? b : a }));
    fc.assert(fc.property(fc.array(order, { minLength: 1, maxLength: 6 }), day, (list, date) => orderOn(list, date) === sortedPick(list, date)), { numRuns: 5_000 });
  });
});

describe('monthForecast', () => {
  it('assumes validation on the first working day after the month, or today if later', () => {
    expect(assumedValidationOn('2026-04', '2026-04-20')).toBe('2026-05-04'); // 1 May holiday, 2–3 weekend
    expect(assumedValidationOn('2026-04', '2026-05-12')).toBe('2026-05-12');
  });

  it('prices days at the order and forecasts the Flash payout (2.5 days at 650 €)', () => {
    const terms = { portal: 'littlebig', contractSignedOn: '2025-06-02', country: 'FR', vatRateBps: 0, clientName: 'ACME', orders };
    const { totals, invoice, forecast } = monthForecast('2026-05', { days: { '2026-05-04': 1, '2026-05-05': 1, '2026-05-06': 0.5 } }, terms, 'franchise', '2026-05-12');
    expect(totals.days).toBe(2.5);
    expect(invoice.netCents).toBe(162_500);
    expect(forecast.ok && forecast.value.feeCents).toBe(8_125);
    expect(forecast.ok && forecast.value.payoutEarliest).toBe('2026-05-18');
  });

  it('prices the days before a mid-month renewal at the old rate, on their own line, fees per rate', () => {
    // Renewal on Wednesday 2026-06-10 from 650 € to 700 € (Express: 2.5 % of the daily rate per day).
    const renewed = [
      { startsOn: '2026-01-05', endsOn: '2026-06-09', dailyRateCents: 65_000, plan: 'express' },
      { startsOn: '2026-06-10', endsOn: '2026-12-31', dailyRateCents: 70_000, plan: 'express' },
    ];
    const terms = { portal: 'littlebig', contractSignedOn: '2025-06-02', country: 'FR', vatRateBps: 0, clientName: 'ACME', orders: renewed };
    const days = { '2026-06-08': 1, '2026-06-09': 0.5, '2026-06-10': 1, '2026-06-11': 1 };
    const { totals, invoice, forecast } = monthForecast('2026-06', { days }, terms, 'franchise', '2026-07-01');
    expect(totals.invoiceLines.map((l) => [l.label, l.quantity, l.unitCents])).toEqual([
      ['Prestation ACME – juin 2026 (du 08/06 au 09/06)', 1.5, 65_000],
      ['Prestation ACME – juin 2026 (du 10/06 au 11/06)', 2, 70_000],
    ]);
    expect(totals.days).toBe(3.5);
    expect(invoice.netCents).toBe(97_500 + 140_000);
    // 2.5 % × (650 € × 1.5 + 700 € × 2) = 59.375 € → 5 938 cents, rounded once.
    expect(forecast.ok && forecast.value.feeCents).toBe(5_938);
    // One rate all month: one line, no span in the label.
    const single = monthForecast('2026-06', { days: { '2026-06-10': 1 } }, terms, 'franchise', '2026-07-01');
    expect(single.totals.invoiceLines.map((l) => l.label)).toEqual(['Prestation ACME – juin 2026']);
  });
});
