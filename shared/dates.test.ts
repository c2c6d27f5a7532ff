import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { datesInOrder, inDateOrder, isIsoDate } from './dates';

/** What isIsoDate used to be: a regex, then a round trip through Date. */
function reference(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

describe('isIsoDate', () => {
  it('knows month lengths and leap years', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-12-31')).toBe(true);
  });

  it('refuses what is not YYYY-MM-DD', () => {
    for (const bad of ['2026-5-04', '2026-05-4', '2026/05/04', '2026-05-04T00:00', ' 2026-05-04', '2026-00-10', '2026-13-01', '2026-05-00', '20a6-05-04', '0099-01-01', '', 12, null, undefined]) {
      expect(isIsoDate(bad)).toBe(false);
    }
  });

  it('agrees with a Date round trip on any ten-character string and any real date', () => {
    const chars = fc.constantFrom(...'0123456789-/ a'.split(''));
    fc.assert(fc.property(fc.array(chars, { minLength: 10, maxLength: 10 }).map((a) => a.join('')), (s) => isIsoDate(s) === reference(s)), { numRuns: 20_000 });
    fc.assert(fc.property(fc.integer({ min: 100, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
      const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      return isIsoDate(s) === reference(s);
    }), { numRuns: 20_000 });
  });
});

describe('datesInOrder', () => {
  it('gives the keys in date order, sorting only when needed', () => {
    expect(datesInOrder({ '2026-05-04': 1, '2026-05-05': 1 })).toEqual(['2026-05-04', '2026-05-05']);
    expect(datesInOrder({ '2026-05-05': 1, '2026-05-04': 0.5, '2026-04-30': 0 })).toEqual(['2026-04-30', '2026-05-04', '2026-05-05']);
    expect(datesInOrder({})).toEqual([]);
  });
});

describe('inDateOrder', () => {
  it('returns the record itself when in order, else a copy in date order', () => {
    const sorted = { '2026-05-04': 1, '2026-05-05': 0.5 };
    expect(inDateOrder(sorted)).toBe(sorted);
    const unsorted = { '2026-05-05': 0.5, '2026-05-04': 1 };
    expect(JSON.stringify(inDateOrder(unsorted))).toBe('{"2026-05-04":1,"2026-05-05":0.5}');
    expect(unsorted).toEqual({ '2026-05-05': 0.5, '2026-05-04': 1 });
  });
});
