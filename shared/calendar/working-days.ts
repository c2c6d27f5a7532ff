import { addDays, datesBetween, datesOfMonth, isWeekend, type IsoDate, type IsoMonth } from '../dates';
import { holidayOn, type HolidayOptions } from './holidays';

/**
 * Working days: Monday to Friday and not a French public holiday (DOMAIN.md). Counts of
 * working days start the day after their origin, and every expected payment date is a
 * working day.
 */

/** Monday–Friday and not a holiday. */
export function isWorkingDay(date: IsoDate, options: HolidayOptions = {}): boolean {
  return !isWeekend(date) && holidayOn(date, options) === undefined;
}

/** `date` itself when it is a working day, else the next one. */
export function onOrNextWorkingDay(date: IsoDate, options: HolidayOptions = {}): IsoDate {
  let d = date;
  while (!isWorkingDay(d, options)) d = addDays(d, 1);
  return d;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: IsoDate, options: HolidayOptions = {}): IsoDate {
  return onOrNextWorkingDay(addDays(date, 1), options);
}

/**
 * The `n`-th working day after `date`, counting from the day after (n ≥ 0; n = 0 gives `date`).
 * @example addWorkingDays('2026-05-12', 3) // '2026-05-18' (Thursday 14 is Ascension)
 */
export function addWorkingDays(date: IsoDate, n: number, options: HolidayOptions = {}): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a non-negative integer, got ${n}`);
  let d = date;
  for (let i = 0; i < n; i++) d = nextWorkingDay(d, options);
  return d;
}

/** The working days of a month, in order. 2026: 21, 20, 22, 21, 17, 22, 22, 21, 22, 22, 20, 22. */
export function workingDaysOfMonth(month: IsoMonth, options: HolidayOptions = {}): IsoDate[] {
  return datesOfMonth(month).filter((d) => isWorkingDay(d, options));
}

/** Working days from `from` to `to`, both included. */
export function workingDaysBetween(from: IsoDate, to: IsoDate, options: HolidayOptions = {}): IsoDate[] {
  return datesBetween(from, to).filter((d) => isWorkingDay(d, options));
}
