import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { addDays, daysBetween } from '../dates';
import { LEGAL_MAX_TERMS_DAYS, dueDate, maxDueDate45EndOfMonth } from './due-date';

describe('dueDate', () => {
  it('accepts 60 days and refuses 61', () => {
    expect(LEGAL_MAX_TERMS_DAYS).toBe(60);
    expect(dueDate('2026-01-31', 60)).toEqual({ ok: true, dueOn: '2026-04-01' });
    const refused = dueDate('2026-01-31', 61);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.code).toBe('terms_too_long');
      expect(refused.message).toContain('60');
    }
  });

  it('counts calendar days and leaves a weekend due date where it falls', () => {
    expect(dueDate('2026-05-12', 30)).toEqual({ ok: true, dueOn: '2026-06-11' });
    expect(dueDate('2026-05-02', 0)).toEqual({ ok: true, dueOn: '2026-05-02' }); // a Saturday, payable on receipt
    expect(dueDate('2026-04-01', 45)).toEqual({ ok: true, dueOn: '2026-05-16' }); // a Saturday
  });

  it('throws on negative or fractional terms', () => {
    expect(() => dueDate('2026-01-01', -1)).toThrow(RangeError);
    expect(() => dueDate('2026-01-01', 30.5)).toThrow(RangeError);
  });

  test.prop([fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 0, max: 365 })])('is invoice date + terms up to 60 days, refused beyond', (offset, terms) => {
    const invoiceDate = addDays('2024-01-01', offset);
    const result = dueDate(invoiceDate, terms);
    expect(result.ok).toBe(terms <= 60);
    if (result.ok) expect(daysBetween(invoiceDate, result.dueOn)).toBe(terms);
  });
});

describe('maxDueDate45EndOfMonth', () => {
  it('adds 45 days then goes to the end of that month', () => {
    expect(maxDueDate45EndOfMonth('2026-01-16')).toBe('2026-03-31');
    expect(maxDueDate45EndOfMonth('2026-01-10')).toBe('2026-02-28');
    expect(maxDueDate45EndOfMonth('2028-01-10')).toBe('2028-02-29');
    expect(maxDueDate45EndOfMonth('2026-11-30')).toBe('2027-01-31');
  });
});
