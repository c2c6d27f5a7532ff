import { addDays, type IsoDate } from '../dates';

/**
 * Validation, payment and upload dates are facts of the past (DOMAIN.md "Who issues the invoice"): a date after
 * today is refused. "Today" is the user's, in their time zone, with one day of slack for a late-evening entry
 * somewhere the calendar has already turned.
 */
export const FUTURE_SLACK_DAYS = 1;

/**
 * The calendar date of an instant in an IANA time zone (UTC when the zone is unknown).
 * @example todayIn(new Date('2026-05-20T23:30:00Z'), 'Europe/Paris') // '2026-05-21'
 */
export function todayIn(now: Date, timeZone: string): IsoDate {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** The latest date accepted as "already happened": the user's today plus the slack. */
export const latestPastDate = (now: Date, timeZone: string): IsoDate => addDays(todayIn(now, timeZone), FUTURE_SLACK_DAYS);

/** A refusal naming the field, or null when the date is not in the future. */
export function futureDateIssue(field: string, date: IsoDate, now: Date, timeZone: string): { code: 'date_in_future'; path: string; message: string } | null {
  const latest = latestPastDate(now, timeZone);
  return date > latest ? { code: 'date_in_future', path: field, message: `${field} (${date}) is in the future: it must be on or before ${latest}` } : null;
}
