import { describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { CraBody, CraLine, IsoDateString, IsoMonthString } from './schemas';

const line = (extra: Record<string, unknown>) => ({ kind: 'expense', label: 'Train', amountCents: 4_500, ...extra });

describe('IsoDateString / IsoMonthString', () => {
  test('accepts real dates and refuses impossible ones', () => {
    expect(v.is(IsoDateString, '2026-05-04')).toBe(true);
    expect(v.is(IsoDateString, '2028-02-29')).toBe(true);
    expect(v.is(IsoDateString, '2026-02-29')).toBe(false);
    expect(v.is(IsoDateString, '2026-5-4')).toBe(false);
    expect(v.is(IsoDateString, '2026-05-04T00:00')).toBe(false);
  });

  test('accepts months 01–12 only', () => {
    expect(v.is(IsoMonthString, '2026-05')).toBe(true);
    expect(v.is(IsoMonthString, '2026-13')).toBe(false);
    expect(v.is(IsoMonthString, '2026-00')).toBe(false);
    expect(v.is(IsoMonthString, '2026-05-01')).toBe(false);
  });
});

describe('CraBody', () => {
  test('Feb 29 of a non-leap year is refused as a day key', () => {
    const result = v.safeParse(CraBody, { days: { '2026-02-29': 1 } });
    expect(result.success).toBe(false);
  });

  test('lines default to an empty list', () => {
    expect(v.parse(CraBody, { days: { '2026-05-04': 1 } })).toEqual({ days: { '2026-05-04': 1 }, lines: [] });
  });

  test('refuses a day quantity that is not a number', () => {
    expect(v.safeParse(CraBody, { days: { '2026-05-04': '1' } }).success).toBe(false);
  });

  test('refuses more than 31 days and more than 62 lines', () => {
    const may = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`2026-05-${String(i + 1).padStart(2, '0')}`, 1]));
    expect(v.safeParse(CraBody, { days: may }).success).toBe(true);
    expect(v.safeParse(CraBody, { days: { ...may, '2026-06-01': 1 } }).success).toBe(false);
    expect(v.safeParse(CraBody, { days: {}, lines: Array.from({ length: 62 }, () => line({})) }).success).toBe(true);
    expect(v.safeParse(CraBody, { days: {}, lines: Array.from({ length: 63 }, () => line({})) }).success).toBe(false);
  });
});

describe('CraLine', () => {
  test('trims the label and defaults the VAT rate to 0', () => {
    expect(v.parse(CraLine, line({ label: '  Train  ' }))).toEqual({ kind: 'expense', label: 'Train', amountCents: 4_500, vatRateBps: 0 });
  });

  test.each([
    ['an empty label', line({ label: '   ' })],
    ['a 201-character label', line({ label: 'x'.repeat(201) })],
    ['a float amount', line({ amountCents: 45.5 })],
    ['a negative expense', line({ amountCents: -1 })],
    ['a negative on-call line', { kind: 'on_call', label: 'Astreinte', amountCents: -100 }],
    ['a VAT rate above 100 %', line({ vatRateBps: 10_001 })],
    ['a fractional VAT rate', line({ vatRateBps: 2000.5 })],
    ['a receipt reference over 100 characters', line({ receiptRef: 'r'.repeat(101) })],
    ['an unknown kind', line({ kind: 'bonus' })],
    ['a correction without the month it corrects', { kind: 'correction', label: 'Oubli', amountCents: 100 }],
    ['a correction of zero', { kind: 'correction', label: 'Oubli', amountCents: 0, correctsMonth: '2026-04' }],
    ['a correction of an impossible month', { kind: 'correction', label: 'Oubli', amountCents: 100, correctsMonth: '2026-13' }],
  ])('refuses %s', (_name, input) => {
    expect(v.safeParse(CraLine, input).success).toBe(false);
  });

  test('accepts a negative correction naming its month, and every kind', () => {
    expect(v.parse(CraLine, { kind: 'correction', label: 'Jour en trop', amountCents: -65_000, correctsMonth: '2026-04', vatRateBps: 2000 }))
      .toEqual({ kind: 'correction', label: 'Jour en trop', amountCents: -65_000, correctsMonth: '2026-04', vatRateBps: 2000 });
    expect(v.parse(CraLine, { kind: 'on_call', label: 'Week-end', amountCents: 30_000 }).kind).toBe('on_call');
    expect(v.parse(CraLine, { kind: 'overtime', label: 'Mise en prod', amountCents: 0 }).kind).toBe('overtime');
    expect(v.parse(CraLine, line({ receiptRef: 'SNCF-123' }))).toMatchObject({ receiptRef: 'SNCF-123' });
  });
});
