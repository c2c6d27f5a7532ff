/**
 * Calendar dates as ISO strings (`2026-05-12`), computed in UTC so that no time zone
 * or daylight-saving change can shift a day. A date here is a day, never an instant.
 */

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** An ISO month, `YYYY-MM`. */
export type IsoMonth = string;

const ISO_MONTH = /^(\d{4})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The number written by `length` ASCII digits of `s` from `at`, or -1 if one is not a digit. */
function digitsAt(s: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Days in `month` (1–12) of `year`, Gregorian leap years. */
function monthLength(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * True when `value` is a real calendar date written `YYYY-MM-DD` (no 2026-02-30).
 * Every CRA day key goes through it twice per save (body schema, CRA checks): it reads the
 * digits in place instead of matching a regex and building a Date.
 */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  // Years before 100 are refused: Date.UTC reads them as 1900–1999, so no date code could use them.
  return year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= monthLength(year, month);
}

/**
 * A record keyed by ISO dates with its keys in date order: the record itself when they are
 * in order already, as a CRA's days usually are (stored sorted, sent sorted), else a sorted copy.
 */
export function inDateOrder<R extends Readonly<Record<string, unknown>>>(record: R): R {
  let previous = '';
  for (const date in record) {
    if (date < previous) return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1))) as R;
    previous = date;
  }
  return record;
}

/** The keys of a record keyed by ISO dates, in date order (sorted only when they are not already). */
export function datesInOrder(record: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(inDateOrder(record));
}

/** True when `value` is a month written `YYYY-MM`. */
export function isIsoMonth(value: unknown): value is IsoMonth {
  if (typeof value !== 'string') return false;
  const m = ISO_MONTH.exec(value);
  return !!m && +m[2]! >= 1 && +m[2]! <= 12;
}

/*
 * Calendar loops (a dashboard projects every working day to the year's end for each
 * mission) convert the same few thousand dates again and again; both directions are
 * memoised. Bounded: a century of days is 36 525 entries, and the maps are dropped if a
 * caller ever goes past that.
 */
const MEMO_LIMIT = 40_000;
const utcOf = new Map<string, number>();
const isoOf = new Map<number, IsoDate>();

function toUtc(date: IsoDate): number {
  const known = utcOf.get(date);
  if (known !== undefined) return known;
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${String(date)}`);
  const ms = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
  if (utcOf.size >= MEMO_LIMIT) utcOf.clear();
  utcOf.set(date, ms);
  return ms;
}

function fromUtc(ms: number): IsoDate {
  const known = isoOf.get(ms);
  if (known !== undefined) return known;
  const iso = new Date(ms).toISOString().slice(0, 10);
  if (isoOf.size >= MEMO_LIMIT) isoOf.clear();
  isoOf.set(ms, iso);
  return iso;
}

/** The ISO date of year, month (1–12), day. */
export function isoDate(year: number, month: number, day: number): IsoDate {
  return fromUtc(Date.UTC(year, month - 1, day));
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const d = new Date(toUtc(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Saturday or Sunday. */
export function isWeekend(date: IsoDate): boolean {
  return isoWeekday(date) >= 6;
}

/** `2026-05` for any date of May 2026. */
export function monthOf(date: IsoDate): IsoMonth {
  return date.slice(0, 7);
}

/**
 * Every date from `from` to `to`, both included (empty when `to` is before `from`).
 * One pass with one clock, for loops over a year of days.
 */
export function datesBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  const end = toUtc(to);
  for (let t = toUtc(from); t <= end; t += DAY_MS) out.push(fromUtc(t));
  return out;
}

/** Number of days in a month. */
export function daysInMonth(month: IsoMonth): number {
  if (!isIsoMonth(month)) throw new RangeError(`not an ISO month: ${String(month)}`);
  return new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 0)).getUTCDate();
}

/** Every date of a month, in order. */
export function datesOfMonth(month: IsoMonth): IsoDate[] {
  const n = daysInMonth(month);
  const out: IsoDate[] = [];
  for (let d = 1; d <= n; d++) out.push(`${month}-${String(d).padStart(2, '0')}`);
  return out;
}

/** The month `n` months after `month`. */
export function addMonths(month: IsoMonth, n: number): IsoMonth {
  const y = +month.slice(0, 4);
  const m = +month.slice(5, 7) - 1 + n;
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 7);
}

/** Last calendar day of the month. */
export function endOfMonth(month: IsoMonth): IsoDate {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

/** Today's ISO date in UTC for an instant (the API's clock hands instants in). */
export function isoDateOf(instant: Date): IsoDate {
  return instant.toISOString().slice(0, 10);
}

/** Lexicographic comparison of ISO dates (works because the format is fixed-width). */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two dates. */
export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
