import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { DAY_QUANTITIES, QUARTER_DAY_QUANTITIES, isAllowedQuantity, nextQuantity } from './quantities';

describe('isAllowedQuantity', () => {
  test.each([
    [0, true], [0.5, true], [1, true], [0.25, false], [0.75, false], [2, false], [-0.5, false], [0.3, false], [Number.NaN, false],
  ])('%s without quarter days → %s', (q, allowed) => {
    expect(isAllowedQuantity(q, {})).toBe(allowed);
  });

  test('quarter days only when the mission allows them', () => {
    expect(isAllowedQuantity(0.25, { quarterDays: true })).toBe(true);
    expect(isAllowedQuantity(0.75, { quarterDays: true })).toBe(true);
    expect(isAllowedQuantity(0.75, { quarterDays: false })).toBe(false);
    expect(isAllowedQuantity(0.2, { quarterDays: true })).toBe(false);
  });
});

describe('nextQuantity', () => {
  test('cycles 1 → 0.5 → 0 → 1', () => {
    expect([1, 0.5, 0].map((q) => nextQuantity(q, {}))).toEqual([0.5, 0, 1]);
  });

  test('with quarter days cycles 1 → 0.75 → 0.5 → 0.25 → 0 → 1', () => {
    expect([1, 0.75, 0.5, 0.25, 0].map((q) => nextQuantity(q, { quarterDays: true }))).toEqual([0.75, 0.5, 0.25, 0, 1]);
  });

  test('a quantity outside the cycle steps down into it', () => {
    expect(nextQuantity(0.75, {})).toBe(0.5);
    expect(nextQuantity(0.25, {})).toBe(0);
    expect(nextQuantity(3, {})).toBe(1);
  });

  test.prop([fc.boolean(), fc.double({ min: -2, max: 3, noNaN: true })])(
    'always lands on an allowed quantity',
    (quarterDays, q) => {
      expect(isAllowedQuantity(nextQuantity(q, { quarterDays }), { quarterDays })).toBe(true);
    },
  );

  test.prop([fc.boolean()])('clicking as many times as there are quantities comes back to the start', (quarterDays) => {
    const cycle = quarterDays ? QUARTER_DAY_QUANTITIES : DAY_QUANTITIES;
    for (const start of cycle) {
      let q: number = start;
      for (let i = 0; i < cycle.length; i++) q = nextQuantity(q, { quarterDays });
      expect(q).toBe(start);
    }
  });
});
