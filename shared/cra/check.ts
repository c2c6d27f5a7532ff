import { datesInOrder, isIsoDate, isWeekend, monthOf, type IsoDate, type IsoMonth } from '../dates';
import { holidayOn, type HolidayOptions } from '../calendar/holidays';
import { withinMission, type MissionDates } from './mission-dates';
import { isAllowedQuantity, type QuantityOptions } from './quantities';
import type { CraContent } from './schemas';

/**
 * Rules of a CRA that its schema cannot express because they need the month or the
 * mission (DOMAIN.md, "Activity reports (CRA)"). They report every issue at once, with
 * the path of the field at fault, so the popup can mark each day.
 */

export type CraIssueCode =
  | 'day_outside_month'
  | 'quantity_not_allowed'
  | 'day_outside_mission'
  | 'correction_month_invalid'
  | 'worked_non_working_day';

export type CraIssuePath = ['days', IsoDate] | ['lines', number, 'correctsMonth'];

export type CraIssue = { path: CraIssuePath; code: CraIssueCode; message: string };

export type CraMissionRules = QuantityOptions & MissionDates;

/**
 * The blocking issues of a CRA for `month` (never throws): `day_outside_month`,
 * `quantity_not_allowed`, `day_outside_mission` (only for a day actually worked: a 0
 * outside the mission's dates is harmless), `correction_month_invalid` (a correction must
 * fix a month strictly before this one). Weekends and holidays may be worked.
 * @example
 * checkCra('2026-05', { days: { '2026-06-01': 1 }, lines: [] }, {})
 * // [{ path: ['days', '2026-06-01'], code: 'day_outside_month', message: … }]
 */
export function checkCra(month: IsoMonth, body: CraContent, mission: CraMissionRules): CraIssue[] {
  const issues: CraIssue[] = [];
  for (const [date, quantity] of sortedDays(body)) {
    const path: CraIssuePath = ['days', date];
    if (!isIsoDate(date) || monthOf(date) !== month) {
      issues.push({ path, code: 'day_outside_month', message: `${date} is not a day of ${month}` });
      continue;
    }
    if (!isAllowedQuantity(quantity, mission)) {
      const allowed = mission.quarterDays ? '0, 0.25, 0.5, 0.75 or 1' : '0, 0.5 or 1';
      issues.push({ path, code: 'quantity_not_allowed', message: `${date}: ${quantity} day is not allowed (${allowed})` });
    }
    if (quantity !== 0 && !withinMission(date, mission)) {
      issues.push({ path, code: 'day_outside_mission', message: `${date} is outside the mission's dates` });
    }
  }
  (body.lines ?? []).forEach((line, index) => {
    if (line.kind === 'correction' && !(line.correctsMonth < month)) {
      issues.push({
        path: ['lines', index, 'correctsMonth'],
        code: 'correction_month_invalid',
        message: `A correction on the ${month} CRA can only fix an earlier month, not ${line.correctsMonth}`,
      });
    }
  });
  return issues;
}

/**
 * Non-blocking notes for the UI: each day worked (quantity > 0) on a weekend or a public
 * holiday, `worked_non_working_day`, so the freelancer confirms it was on purpose.
 * @example
 * craWarnings('2026-05', { days: { '2026-05-14': 1 } }, {})
 * // [{ path: ['days', '2026-05-14'], code: 'worked_non_working_day', message: '2026-05-14 is a holiday (Ascension)…' }]
 */
export function craWarnings(month: IsoMonth, body: CraContent, options: HolidayOptions): CraIssue[] {
  const warnings: CraIssue[] = [];
  for (const [date, quantity] of sortedDays(body)) {
    if (quantity <= 0 || !isIsoDate(date) || monthOf(date) !== month) continue;
    const holiday = holidayOn(date, options);
    const why = holiday !== undefined ? `a holiday (${holiday})` : isWeekend(date) ? 'a weekend day' : undefined;
    if (why) {
      warnings.push({ path: ['days', date], code: 'worked_non_working_day', message: `${date} is ${why}: worked on purpose?` });
    }
  }
  return warnings;
}

function sortedDays(body: CraContent): [string, number][] {
  return datesInOrder(body.days).map((date) => [date, body.days[date]!]);
}
