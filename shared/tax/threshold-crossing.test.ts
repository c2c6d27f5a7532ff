import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { addDays } from '../dates';
import { crossingOf, plannedWithinYear, shareOfBps } from './threshold-crossing';

describe('plannedWithinYear', () => {
  it('keeps the year from asOf on, in date order, stable for equal dates', () => {
    const planned = [
      { on: '2026-07-02', amountCents: 2 },
      { on: '2026-06-29', amountCents: 99 }, // before asOf
      { on: '2027-01-01', amountCents: 99 }, // next year
      { on: '2026-06-30', amountCents: 1 },
      { on: '2026-07-02', amountCents: 3 },
    ];
    expect(plannedWithinYear(planned, 2026, '2026-06-30').map((p) => p.amountCents)).toEqual([1, 2, 3]);
    expect(plannedWithinYear(planned, 2026, '2025-12-01').map((p) => p.amountCents)).toEqual([99, 1, 2, 3]);
  });
});

describe('crossingOf', () => {
  it('finds the first date the running total exceeds the threshold', () => {
    const schedule = [
      { on: '2026-05-04', amountCents: 100 },
      { on: '2026-05-05', amountCents: 1 },
    ];
    expect(crossingOf(1000, 900, schedule)).toEqual({ thresholdCents: 1000, already: false, on: '2026-05-05' });
    expect(crossingOf(1000, 1000, schedule)).toEqual({ thresholdCents: 1000, already: false, on: '2026-05-04' });
    expect(crossingOf(1000, 1001, schedule)).toEqual({ thresholdCents: 1000, already: true, on: null });
    expect(crossingOf(2000, 900, schedule)).toEqual({ thresholdCents: 2000, already: false, on: null });
  });

  test.prop([
    fc.integer({ min: 0, max: 100_000 }),
    fc.integer({ min: 0, max: 100_000 }),
    fc.array(fc.record({ day: fc.integer({ min: 0, max: 364 }), amountCents: fc.integer({ min: 0, max: 10_000 }) }), { maxLength: 40 }),
  ])('agrees with the running total', (threshold, soFar, raw) => {
    const schedule = plannedWithinYear(raw.map((r) => ({ on: addDays('2026-01-01', r.day), amountCents: r.amountCents })), 2026, '2026-01-01');
    const c = crossingOf(threshold, soFar, schedule);
    const upTo = (pred: (on: string) => boolean) => soFar + schedule.filter((p) => pred(p.on)).reduce((s, p) => s + p.amountCents, 0);
    expect(c.already).toBe(soFar > threshold);
    if (c.on !== null) {
      const on = c.on;
      expect(upTo((d) => d < on)).toBeLessThanOrEqual(threshold);
      expect(upTo((d) => d <= on)).toBeGreaterThan(threshold);
    } else if (!c.already) {
      expect(upTo(() => true)).toBeLessThanOrEqual(threshold);
    }
  });
});

describe('shareOfBps', () => {
  it('rounds half-up to the basis point', () => {
    expect(shareOfBps(3_750_000, 3_750_000)).toBe(10_000);
    expect(shareOfBps(1, 3)).toBe(3333);
    expect(shareOfBps(2, 3)).toBe(6667);
  });
});
