import { expect, test } from 'vitest';
import { withinMission } from './mission-dates';

test('bounds are included, and a missing bound does not restrict', () => {
  const mission = { startsOn: '2026-05-11', endsOn: '2026-05-20' };
  expect(['2026-05-10', '2026-05-11', '2026-05-20', '2026-05-21'].map((d) => withinMission(d, mission))).toEqual([false, true, true, false]);
  expect(withinMission('1999-01-01', { startsOn: null, endsOn: '2026-05-20' })).toBe(true);
  expect(withinMission('2099-01-01', { startsOn: '2026-05-11' })).toBe(true);
  expect(withinMission('2026-05-10', {})).toBe(true);
});
