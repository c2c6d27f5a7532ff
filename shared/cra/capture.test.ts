import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { datesOfMonth } from '../dates';
import { isWorkingDay, workingDaysOfMonth } from '../calendar/working-days';
import { captureProgress, fillWorkingDays, missingWorkingDays } from './capture';

describe('fillWorkingDays', () => {
  test('May 2026 has 17 working days, all set to 1', () => {
    const filled = fillWorkingDays('2026-05', {}, {});
    expect(Object.keys(filled)).toHaveLength(17);
    expect(Object.values(filled).every((q) => q === 1)).toBe(true);
    // 1 May, 8 May, Ascension (14) and Whit Monday (25) stay empty.
    for (const holiday of ['2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25']) expect(filled).not.toHaveProperty(holiday);
  });

  test('respects the mission start and end', () => {
    const filled = fillWorkingDays('2026-05', {}, { startsOn: '2026-05-11', endsOn: '2026-05-22' });
    // 11–22 May: 10 weekdays minus Ascension.
    expect(Object.keys(filled).sort()).toEqual([
      '2026-05-11', '2026-05-12', '2026-05-13', '2026-05-15', '2026-05-18', '2026-05-19', '2026-05-20', '2026-05-21', '2026-05-22',
    ]);
  });

  test('keeps other entries and does not touch its input', () => {
    const days = { '2026-05-09': 1, '2026-05-04': 0.5, '2026-05-14': 0.5 };
    const filled = fillWorkingDays('2026-05', days, {});
    expect(filled['2026-05-09']).toBe(1);
    expect(filled['2026-05-14']).toBe(0.5);
    expect(filled['2026-05-04']).toBe(1);
    expect(Object.keys(filled)).toHaveLength(19);
    expect(days).toEqual({ '2026-05-09': 1, '2026-05-04': 0.5, '2026-05-14': 0.5 });
  });

  test('Alsace-Moselle: Good Friday is not filled', () => {
    expect(fillWorkingDays('2026-04', {}, {})).toHaveProperty('2026-04-03', 1);
    expect(fillWorkingDays('2026-04', {}, { alsaceMoselle: true })).not.toHaveProperty('2026-04-03');
  });

  const may = datesOfMonth('2026-05');
  test.prop([fc.dictionary(fc.constantFrom(...may), fc.constantFrom(0, 0.5, 1))])(
    'working days become 1, every other entry is kept as it was',
    (days) => {
      const filled = fillWorkingDays('2026-05', days, {});
      for (const date of may) {
        if (isWorkingDay(date)) expect(filled[date]).toBe(1);
        else expect(filled[date]).toBe(days[date]);
      }
    },
  );
});

describe('missingWorkingDays', () => {
  test('working days up to the given date with no entry; a 0 counts as captured', () => {
    const days = { '2026-05-04': 1, '2026-05-05': 0, '2026-05-09': 1 };
    expect(missingWorkingDays('2026-05', days, '2026-05-12', {})).toEqual(['2026-05-06', '2026-05-07', '2026-05-11', '2026-05-12']);
  });

  test('nothing is missing before the month, everything after it', () => {
    expect(missingWorkingDays('2026-05', {}, '2026-04-30', {})).toEqual([]);
    expect(missingWorkingDays('2026-05', {}, '2026-06-15', {})).toEqual(workingDaysOfMonth('2026-05'));
  });

  test('days outside the mission are not missing', () => {
    expect(missingWorkingDays('2026-05', {}, '2026-05-31', { startsOn: '2026-05-26' })).toEqual([
      '2026-05-26', '2026-05-27', '2026-05-28', '2026-05-29',
    ]);
  });

  test('a filled month has nothing missing', () => {
    expect(missingWorkingDays('2026-05', fillWorkingDays('2026-05', {}, {}), '2026-05-31', {})).toEqual([]);
  });
});

describe('captureProgress', () => {
  test('days worked in the month against its working days within the mission', () => {
    expect(captureProgress('2026-05', { '2026-05-04': 1, '2026-05-05': 0.5, '2026-05-09': 1, '2026-06-01': 1 }, {}))
      .toEqual({ workedDays: 2.5, workingDays: 17 });
    expect(captureProgress('2026-05', {}, { endsOn: '2026-05-13' })).toEqual({ workedDays: 0, workingDays: 7 });
  });
});
