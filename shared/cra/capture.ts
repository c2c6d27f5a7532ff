import { compareDates, type IsoDate, type IsoMonth } from '../dates';
import type { HolidayOptions } from '../calendar/holidays';
import { workingDaysOfMonth } from '../calendar/working-days';
import { QUANTITY_SCALE, quantityToMilli } from '../money';
import { withinMission, type MissionDates } from './mission-dates';

/**
 * Capturing days in the popup: "fill all working days", the badge of days still to
 * capture, and the month's progress.
 */

/**
 * Every working day of the month within the mission's dates set to 1 (a half day or a 0
 * already there is overwritten: the button means "a full month"); other entries (worked
 * weekends, days outside the mission) are kept. Returns a new object.
 * @example Object.keys(fillWorkingDays('2026-05', {}, {})).length // 17
 */
export function fillWorkingDays(
  month: IsoMonth,
  days: Readonly<Record<IsoDate, number>>,
  options: HolidayOptions & MissionDates,
): Record<IsoDate, number> {
  const filled: Record<IsoDate, number> = { ...days };
  for (const date of workingDaysOfMonth(month, options)) if (withinMission(date, options)) filled[date] = 1;
  return filled;
}

/**
 * Working days of the month up to `upTo` (included) with no entry yet: a 0 counts as
 * captured (a day off is an answer). Days outside the mission's dates, when given, are
 * not missing.
 * @example missingWorkingDays('2026-05', { '2026-05-04': 1 }, '2026-05-06', {}) // ['2026-05-05', '2026-05-06']
 */
export function missingWorkingDays(
  month: IsoMonth,
  days: Readonly<Record<IsoDate, number>>,
  upTo: IsoDate,
  options: HolidayOptions & MissionDates,
): IsoDate[] {
  return workingDaysOfMonth(month, options).filter(
    (date) => compareDates(date, upTo) <= 0 && withinMission(date, options) && !Object.hasOwn(days, date),
  );
}

/**
 * For the badge: days worked in the month (exact to the thousandth) and its working days
 * within the mission's dates.
 * @example captureProgress('2026-05', { '2026-05-04': 1, '2026-05-05': 0.5 }, {}) // { workedDays: 1.5, workingDays: 17 }
 */
export function captureProgress(
  month: IsoMonth,
  days: Readonly<Record<IsoDate, number>>,
  options: HolidayOptions & MissionDates,
): { workedDays: number; workingDays: number } {
  let milli = 0;
  for (const [date, quantity] of Object.entries(days)) if (date.startsWith(`${month}-`)) milli += quantityToMilli(quantity);
  const workingDays = workingDaysOfMonth(month, options).filter((date) => withinMission(date, options)).length;
  return { workedDays: milli / QUANTITY_SCALE, workingDays };
}
