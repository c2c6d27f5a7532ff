import { describe, expect, it } from 'vitest';
import { inForceOn } from './dated';

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
