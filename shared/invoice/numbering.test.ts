import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { formatInvoiceNumber, parseInvoiceNumber } from './numbering';

describe('formatInvoiceNumber', () => {
  it('embeds the year and pads the counter to 4 digits', () => {
    expect(formatInvoiceNumber('invoice', 2026, 1)).toBe('2026-0001');
    expect(formatInvoiceNumber('invoice', 2026, 9999)).toBe('2026-9999');
    expect(formatInvoiceNumber('credit_note', 2026, 1)).toBe('AV-2026-0001');
  });

  it('widens past 9 999', () => {
    expect(formatInvoiceNumber('invoice', 2026, 10_000)).toBe('2026-10000');
    expect(formatInvoiceNumber('credit_note', 2027, 123_456)).toBe('AV-2027-123456');
  });

  it('throws on a sequence below 1 or fractional, or a year without 4 digits', () => {
    expect(() => formatInvoiceNumber('invoice', 2026, 0)).toThrow(RangeError);
    expect(() => formatInvoiceNumber('invoice', 2026, 1.5)).toThrow(RangeError);
    expect(() => formatInvoiceNumber('invoice', 26, 1)).toThrow(RangeError);
    expect(() => formatInvoiceNumber('invoice', 20_260, 1)).toThrow(RangeError);
  });
});

describe('parseInvoiceNumber', () => {
  it('reads both series', () => {
    expect(parseInvoiceNumber('2026-0001')).toEqual({ kind: 'invoice', year: 2026, sequence: 1 });
    expect(parseInvoiceNumber('AV-2026-0042')).toEqual({ kind: 'credit_note', year: 2026, sequence: 42 });
    expect(parseInvoiceNumber('2026-10000')).toEqual({ kind: 'invoice', year: 2026, sequence: 10_000 });
  });

  it('refuses anything not written by formatInvoiceNumber', () => {
    for (const bad of ['2026-1', '2026-00001', '2026-0000', 'AV-2026-0000', 'av-2026-0001', 'FA-2026-0001', ' 2026-0001', '2026-0001 ', '0999-0001', '2026_0001', '']) {
      expect(parseInvoiceNumber(bad), bad).toBeNull();
    }
  });

  test.prop([fc.constantFrom('invoice' as const, 'credit_note' as const), fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 10_000_000 })])(
    'round-trips every number',
    (kind, year, sequence) => {
      expect(parseInvoiceNumber(formatInvoiceNumber(kind, year, sequence))).toEqual({ kind, year, sequence });
    },
  );

  test.prop([fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 9999 })])('sorts numbers of one year chronologically up to 9 999', (a, b) => {
    expect(Math.sign(formatInvoiceNumber('invoice', 2026, a).localeCompare(formatInvoiceNumber('invoice', 2026, b), 'en'))).toBe(Math.sign(a - b));
  });
});
