import { describe, expect, it } from 'vitest';
import { rowForYear, rowInForce } from './dated-table';

const table = [
  { from: '2023-01-01', v: 'a' },
  { from: '2025-07-01', v: 'b' },
];

describe('rowInForce', () => {
  it('finds the last row started on or before the date', () => {
    expect(rowInForce(table, '2022-12-31')).toBeUndefined();
    expect(rowInForce(table, '2023-01-01')?.v).toBe('a');
    expect(rowInForce(table, '2025-06-30')?.v).toBe('a');
    expect(rowInForce(table, '2025-07-01')?.v).toBe('b');
    expect(rowInForce(table, '2099-01-01')?.v).toBe('b');
  });
});

describe('rowForYear', () => {
  it('reads the row in force on 1 January and throws before the table', () => {
    expect(rowForYear(table, 2025, 'x').v).toBe('a');
    expect(rowForYear(table, 2026, 'x').v).toBe('b');
    expect(() => rowForYear(table, 2022, 'x')).toThrow(/no x known for 2022/);
    expect(() => rowForYear(table, 2025.5, 'x')).toThrow(RangeError);
  });
});
