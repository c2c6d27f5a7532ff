import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { datesOfMonth } from '../dates';
import { lineAmount, quantityToMilli, sumCents } from '../money';
import { QUARTER_DAY_QUANTITIES } from './quantities';
import type { CraLine } from './schemas';
import { craTotals, fillWorkingDays, invoiceLabel } from './totals';

const mission = { dailyRateCents: 65_000, vatRateBps: 2000, label: 'Acme' };
const expense = (amountCents: number, extra: Partial<CraLine> = {}): CraLine =>
  ({ kind: 'expense', label: 'Train Paris-Lyon', amountCents, vatRateBps: 1000, ...extra }) as CraLine;

describe('craTotals', () => {
  test('20.5 days at 650 € = 13 325 €, one days line', () => {
    // 17 working days of May 2026, three Saturdays and a Sunday morning of on-call work.
    const days = { ...fillWorkingDays('2026-05', {}, {}), '2026-05-02': 1, '2026-05-09': 1, '2026-05-16': 1, '2026-05-17': 0.5 };
    const totals = craTotals('2026-05', { days, lines: [] }, mission);
    expect(totals).toEqual({
      days: 20.5,
      dayGroups: [{ days: 20.5, dailyRateCents: 65_000, from: '2026-05-02', to: '2026-05-29' }],
      daysAmountCents: 1_332_500,
      expensesCents: 0,
      onCallCents: 0,
      overtimeCents: 0,
      correctionsCents: 0,
      netCents: 1_332_500,
      invoiceLines: [{ label: 'Prestation Acme – mai 2026', quantity: 20.5, unitCents: 65_000, vatRateBps: 2000, unit: 'day' }],
    });
  });

  test('the rate applies once on the total, not per day', () => {
    // Per day: 3 × round(0.25 × 333) = 3 × 83 = 249; on the total: round(0.75 × 333) = 250.
    const totals = craTotals('2026-05', { days: { '2026-05-04': 0.25, '2026-05-05': 0.25, '2026-05-06': 0.25 } }, { dailyRateCents: 333, vatRateBps: 0 });
    expect(totals.daysAmountCents).toBe(250);
  });

  test('sums lines by kind, a negative correction takes money back', () => {
    const lines: CraLine[] = [
      expense(4_520),
      expense(1_280, { receiptRef: 'T-77' } as Partial<CraLine>),
      { kind: 'on_call', label: 'Week-end du 9 mai', amountCents: 30_000, vatRateBps: 2000 },
      { kind: 'overtime', label: 'Mise en production', amountCents: 12_000, vatRateBps: 2000 },
      { kind: 'correction', label: 'Jour compté en trop', amountCents: -65_000, vatRateBps: 2000, correctsMonth: '2026-04' },
    ];
    const totals = craTotals('2026-05', { days: { '2026-05-04': 1, '2026-05-05': 1 }, lines }, mission);
    expect(totals).toMatchObject({
      days: 2,
      daysAmountCents: 130_000,
      expensesCents: 5_800,
      onCallCents: 30_000,
      overtimeCents: 12_000,
      correctionsCents: -65_000,
      netCents: 130_000 + 5_800 + 30_000 + 12_000 - 65_000,
    });
    expect(totals.invoiceLines).toEqual([
      { label: 'Prestation Acme – mai 2026', quantity: 2, unitCents: 65_000, vatRateBps: 2000, unit: 'day' },
      { label: 'Frais : Train Paris-Lyon', quantity: 1, unitCents: 4_520, vatRateBps: 1000, unit: 'unit' },
      { label: 'Frais : Train Paris-Lyon (justificatif T-77)', quantity: 1, unitCents: 1_280, vatRateBps: 1000, unit: 'unit' },
      { label: 'Astreinte : Week-end du 9 mai', quantity: 1, unitCents: 30_000, vatRateBps: 2000, unit: 'unit' },
      { label: 'Heures supplémentaires : Mise en production', quantity: 1, unitCents: 12_000, vatRateBps: 2000, unit: 'unit' },
      { label: 'Correction avril 2026 : Jour compté en trop', quantity: 1, unitCents: -65_000, vatRateBps: 2000, unit: 'unit' },
    ]);
  });

  test('no days line when no day was worked; a missing label gives a plain "Prestation"', () => {
    const onlyCorrection = craTotals('2026-01', {
      days: { '2026-01-02': 0 },
      lines: [{ kind: 'correction', label: 'Oubli', amountCents: 65_000, vatRateBps: 0, correctsMonth: '2025-12' }],
    }, { dailyRateCents: 65_000, vatRateBps: 0 });
    expect(onlyCorrection.invoiceLines.map((l) => l.label)).toEqual(['Correction décembre 2025 : Oubli']);
    const unlabelled = craTotals('2026-08', { days: { '2026-08-03': 1 } }, { dailyRateCents: 65_000, vatRateBps: 0, label: '  ' });
    expect(unlabelled.invoiceLines[0]?.label).toBe('Prestation – août 2026');
  });

  test('days of another month are not counted', () => {
    expect(craTotals('2026-05', { days: { '2026-05-04': 1, '2026-06-01': 1 } }, mission).days).toBe(1);
  });

  test('a quantity finer than a thousandth is a programmer error', () => {
    expect(() => craTotals('2026-05', { days: { '2026-05-04': 0.0001 } }, mission)).toThrow(RangeError);
  });
});

describe('invoiceLabel', () => {
  test('says which month a correction fixes', () => {
    expect(invoiceLabel({ kind: 'correction', label: '1 jour oublié', amountCents: 65_000, vatRateBps: 0, correctsMonth: '2026-04' }))
      .toBe('Correction avril 2026 : 1 jour oublié');
  });
});

const month = fc.constantFrom('2026-02', '2026-05', '2028-02', '2025-12');
const line: fc.Arbitrary<CraLine> = fc.oneof(
  fc.record({ kind: fc.constantFrom('expense' as const, 'on_call' as const, 'overtime' as const), amountCents: fc.integer({ min: 0, max: 10_000_000 }) }),
  fc.record({ kind: fc.constant('correction' as const), amountCents: fc.integer({ min: -10_000_000, max: 10_000_000 }).filter((n) => n !== 0), correctsMonth: fc.constant('2025-01') }),
).chain((partial) =>
  fc.integer({ min: 0, max: 10_000 }).map((vatRateBps) => ({ label: 'ligne', vatRateBps, ...partial }) as CraLine),
);
/** A CRA of `month` whose day quantities come from `quantity`. */
const craOf = (quantity: fc.Arbitrary<number>) =>
  month.chain((m) =>
    fc.tuple(
      fc.constant(m),
      fc.dictionary(fc.constantFrom(...datesOfMonth(m)), quantity),
      fc.array(line, { maxLength: 10 }),
      fc.integer({ min: 0, max: 500_000 }),
    ),
  );

describe('craTotals properties', () => {
  test.prop([craOf(fc.constantFrom(...QUARTER_DAY_QUANTITIES))])('every amount is an integer number of cents', ([m, days, lines, rate]) => {
    const t = craTotals(m, { days, lines }, { dailyRateCents: rate, vatRateBps: 2000 });
    for (const cents of [t.daysAmountCents, t.expensesCents, t.onCallCents, t.overtimeCents, t.correctionsCents, t.netCents]) {
      expect(Number.isSafeInteger(cents)).toBe(true);
    }
  });

  test.prop([craOf(fc.constantFrom(...QUARTER_DAY_QUANTITIES))])('quarter days: the days total equals the sum of quantities', ([m, days, lines, rate]) => {
    const t = craTotals(m, { days, lines }, { dailyRateCents: rate, vatRateBps: 0 });
    expect(t.days).toBe(Object.values(days).reduce((a, b) => a + b, 0));
  });

  test.prop([craOf(fc.integer({ min: 0, max: 1000 }).map((milli) => milli / 1000))])(
    'thousandths: the days total is the exact sum, with no float drift',
    ([m, days, lines, rate]) => {
      const t = craTotals(m, { days, lines }, { dailyRateCents: rate, vatRateBps: 0 });
      const milli = sumCents(Object.values(days).map(quantityToMilli));
      expect(t.days).toBe(milli / 1000);
      expect(t.daysAmountCents).toBe(lineAmount(milli / 1000, rate));
    },
  );

  test.prop([craOf(fc.integer({ min: 0, max: 1000 }).map((milli) => milli / 1000))])(
    'netCents equals the sum of the invoice lines',
    ([m, days, lines, rate]) => {
      const t = craTotals(m, { days, lines }, { dailyRateCents: rate, vatRateBps: 2000 });
      expect(t.netCents).toBe(sumCents(t.invoiceLines.map((l) => lineAmount(l.quantity, l.unitCents))));
      expect(t.invoiceLines).toHaveLength(lines.length + (t.days === 0 ? 0 : 1));
    },
  );
});
