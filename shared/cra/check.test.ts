import { describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { checkCra, craWarnings } from './check';
import { CraBody, type CraLine } from './schemas';

const body = (days: Record<string, number>, lines: CraLine[] = []): CraBody => ({ days, lines });
const correction = (correctsMonth: string): CraLine => ({ kind: 'correction', label: 'Oubli', amountCents: 65_000, vatRateBps: 0, correctsMonth });
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('checkCra', () => {
  test('a clean month has no issue, weekends and holidays included', () => {
    // Saturday 9 and Ascension Thursday 14 may be worked (on-call).
    expect(checkCra('2026-05', body({ '2026-05-04': 1, '2026-05-05': 0.5, '2026-05-06': 0, '2026-05-09': 1, '2026-05-14': 1 }), {})).toEqual([]);
  });

  test('a day of another month → day_outside_month, pointing at the day', () => {
    expect(checkCra('2026-05', body({ '2026-04-30': 1, '2026-05-04': 1, '2026-06-01': 0 }), {})).toEqual([
      { path: ['days', '2026-04-30'], code: 'day_outside_month', message: expect.any(String) },
      { path: ['days', '2026-06-01'], code: 'day_outside_month', message: expect.any(String) },
    ]);
  });

  test('Feb 29 of a non-leap year never reaches checkCra: the schema refuses it', () => {
    expect(v.safeParse(CraBody, { days: { '2026-02-29': 1 } }).success).toBe(false);
    expect(v.safeParse(CraBody, { days: { '2028-02-29': 1 } }).success).toBe(true);
    expect(checkCra('2028-02', body({ '2028-02-29': 1 }), {})).toEqual([]);
  });

  test('a quantity not allowed → quantity_not_allowed', () => {
    const issues = checkCra('2026-05', body({ '2026-05-04': 0.25, '2026-05-05': 2, '2026-05-06': -1, '2026-05-07': 0.5 }), {});
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      [['days', '2026-05-04'], 'quantity_not_allowed'],
      [['days', '2026-05-05'], 'quantity_not_allowed'],
      [['days', '2026-05-06'], 'quantity_not_allowed'],
    ]);
  });

  test('quarter days only when the mission allows them', () => {
    const quarters = body({ '2026-05-04': 0.25, '2026-05-05': 0.75 });
    expect(codes(checkCra('2026-05', quarters, { quarterDays: false }))).toEqual(['quantity_not_allowed', 'quantity_not_allowed']);
    expect(checkCra('2026-05', quarters, { quarterDays: true })).toEqual([]);
    expect(codes(checkCra('2026-05', body({ '2026-05-04': 0.3 }), { quarterDays: true }))).toEqual(['quantity_not_allowed']);
  });

  test('a worked day outside the mission → day_outside_mission; a 0 there is harmless', () => {
    const mission = { startsOn: '2026-05-11', endsOn: '2026-05-20' };
    const issues = checkCra('2026-05', body({ '2026-05-08': 0, '2026-05-07': 1, '2026-05-11': 1, '2026-05-20': 1, '2026-05-21': 0.5 }), mission);
    expect(issues.map((i) => [i.path[1], i.code])).toEqual([
      ['2026-05-07', 'day_outside_mission'],
      ['2026-05-21', 'day_outside_mission'],
    ]);
  });

  test('open mission bounds (null or absent) do not restrict', () => {
    expect(checkCra('2026-05', body({ '2026-05-04': 1 }), { startsOn: null, endsOn: null })).toEqual([]);
    expect(codes(checkCra('2026-05', body({ '2026-05-04': 1 }), { startsOn: '2026-05-05' }))).toEqual(['day_outside_mission']);
    expect(codes(checkCra('2026-05', body({ '2026-05-29': 1 }), { endsOn: '2026-05-28' }))).toEqual(['day_outside_mission']);
  });

  test('a correction must fix a month strictly before the CRA month', () => {
    const lines = [correction('2026-04'), correction('2026-05'), correction('2026-06'), correction('2025-12')];
    expect(checkCra('2026-05', body({}, lines), {})).toEqual([
      { path: ['lines', 1, 'correctsMonth'], code: 'correction_month_invalid', message: expect.any(String) },
      { path: ['lines', 2, 'correctsMonth'], code: 'correction_month_invalid', message: expect.any(String) },
    ]);
  });

  test('reports every issue at once, one day can carry two', () => {
    const issues = checkCra('2026-05', body({ '2026-05-29': 0.25, '2026-07-01': 1 }, [correction('2026-05')]), { endsOn: '2026-05-28' });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      [['days', '2026-05-29'], 'quantity_not_allowed'],
      [['days', '2026-05-29'], 'day_outside_mission'],
      [['days', '2026-07-01'], 'day_outside_month'],
      [['lines', 0, 'correctsMonth'], 'correction_month_invalid'],
    ]);
  });

  test('never throws on a malformed key', () => {
    expect(codes(checkCra('2026-05', body({ 'not-a-date': 1 }), {}))).toEqual(['day_outside_month']);
  });
});

describe('craWarnings', () => {
  test('days worked on a weekend or holiday are noted, with the holiday named', () => {
    const warnings = craWarnings('2026-05', body({ '2026-05-01': 1, '2026-05-04': 1, '2026-05-09': 0.5, '2026-05-10': 0, '2026-05-14': 1 }), {});
    expect(warnings.map((w) => [w.path, w.code])).toEqual([
      [['days', '2026-05-01'], 'worked_non_working_day'],
      [['days', '2026-05-09'], 'worked_non_working_day'],
      [['days', '2026-05-14'], 'worked_non_working_day'],
    ]);
    expect(warnings[2]?.message).toMatch(/Ascension/);
    expect(warnings[1]?.message).toMatch(/weekend/);
  });

  test('Good Friday and 26 Dec are noted only in Alsace-Moselle', () => {
    // Good Friday 2026 is 3 April.
    const april = body({ '2026-04-03': 1 });
    expect(craWarnings('2026-04', april, {})).toEqual([]);
    expect(codes(craWarnings('2026-04', april, { alsaceMoselle: true }))).toEqual(['worked_non_working_day']);
    const december = body({ '2025-12-26': 1 });
    expect(craWarnings('2025-12', december, {})).toEqual([]);
    expect(codes(craWarnings('2025-12', december, { alsaceMoselle: true }))).toEqual(['worked_non_working_day']);
  });
});
