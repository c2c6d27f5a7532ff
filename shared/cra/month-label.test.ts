import { expect, test } from 'vitest';
import { frenchMonthLabel } from './month-label';

test('writes the month in French, lower case, accents kept', () => {
  expect(['2026-01', '2026-02', '2026-05', '2026-08', '2026-12'].map(frenchMonthLabel))
    .toEqual(['janvier 2026', 'février 2026', 'mai 2026', 'août 2026', 'décembre 2026']);
  expect(() => frenchMonthLabel('2026-13')).toThrow(RangeError);
});
