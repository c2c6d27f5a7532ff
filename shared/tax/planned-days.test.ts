import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rhythmDays } from './planned-days';

describe('rhythmDays', () => {
  it('places 2.5 days a week on the first working days, a half day last', () => {
    expect(rhythmDays({ from: '2026-11-02', to: '2026-11-08', daysPerWeek: 2.5, captured: new Map() })).toEqual([
      { on: '2026-11-02', quantity: 1 }, { on: '2026-11-03', quantity: 1 }, { on: '2026-11-04', quantity: 0.5 },
    ]);
  });
  it('skips holidays (11 November) and counts the days captured in the week', () => {
    const days = rhythmDays({ from: '2026-11-09', to: '2026-11-15', daysPerWeek: 3, captured: new Map([['2026-11-09', 1]]) });
    expect(days).toEqual([{ on: '2026-11-10', quantity: 1 }, { on: '2026-11-12', quantity: 1 }]);
  });
  it('never plans more than the rhythm per week, nor more than the working days', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 28 }).map((q) => q / 4), fc.integer({ min: 0, max: 300 }), (perWeek, offset) => {
      const from = new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10);
      const to = new Date(Date.UTC(2026, 0, 1 + offset + 27)).toISOString().slice(0, 10);
      const days = rhythmDays({ from, to, daysPerWeek: perWeek, captured: new Map() });
      const byWeek = new Map<string, number>();
      for (const d of days) {
        const dt = new Date(`${d.on}T00:00:00Z`);
        const monday = new Date(dt.getTime() - ((dt.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
        byWeek.set(monday, (byWeek.get(monday) ?? 0) + d.quantity);
        expect(d.quantity).toBeGreaterThan(0);
        expect(d.quantity).toBeLessThanOrEqual(1);
      }
      for (const total of byWeek.values()) expect(total).toBeLessThanOrEqual(perWeek + 1e-9);
    }));
  });
});
