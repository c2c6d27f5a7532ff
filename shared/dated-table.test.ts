import { describe, expect, it } from 'vitest';
import { inForceOn, rowForYear } from './dated-table';

describe('inForceOn', () => {
  const rows = [
    { from: '2026-01-01', v: 'b' },
    { from: '2025-04-28', v: 'a' },
  ];
  it('takes the latest row started on or before the date, whatever the table order', () => {
    expect(inForceOn(rows, '2025-04-27')).toBeUndefined();
    expect(inForceOn(rows, '2025-04-28')?.v).toBe('a');
    expect(inForceOn(rows, '2025-12-31')?.v).toBe('a');
    expect(inForceOn(rows, '2026-01-01')?.v).toBe('b');
  });
});
describe('rowForYear', () => {
  const table = [
    { from: '2023-01-01', v: 'a' },
    { from: '2025-07-01', v: 'b' },
  ];
  it('reads the row in force on 1 January and throws before the table', () => {
    expect(rowForYear(table, 2025, 'x').v).toBe('a');
    expect(rowForYear(table, 2026, 'x').v).toBe('b');
    expect(() => rowForYear(table, 2022, 'x')).toThrow(/no x known for 2022/);
    expect(() => rowForYear(table, 2025.5, 'x')).toThrow(RangeError);
  });
});
