import getJoursFeries from '@socialgouv/jours-feries';
import type { IsoDate } from '../dates';

/**
 * French public holidays, from `@socialgouv/jours-feries` (maintained by the French
 * government's SocialGouv team; Easter computed per year). Eleven national holidays:
 * 1 Jan, Easter Monday, 1 May, 8 May, Ascension, Whit Monday, 14 Jul, 15 Aug, 1 Nov,
 * 11 Nov, 25 Dec. Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle) adds Good Friday and
 * 26 Dec (Code du travail, art. L3134-13). Source: DOMAIN.md, "French public holidays".
 */
export type HolidayOptions = { alsaceMoselle?: boolean; country?: 'FR' | 'BE' };

/**
 * Belgium's ten legal holidays (arrêté royal du 18 avril 1974, art. 1; loi du 4 janvier 1974):
 * 1 Jan, Easter Monday, 1 May, Ascension, Whit Monday, 21 Jul (fête nationale), 15 Aug,
 * 1 Nov, 11 Nov, 25 Dec. The movable feasts are the same days as in France, so they come
 * from the same library; France's 8 May and 14 July are not Belgian holidays.
 */
const NOT_IN_BELGIUM = new Set(['Victoire des alliés', 'Fête Nationale']);

export type Holiday = { date: IsoDate; name: string };

const cache = new Map<string, Map<IsoDate, string>>();

/** The holidays of a year, by date. Cached: the popup asks for every day of a month. */
export function holidaysOfYear(year: number, options: HolidayOptions = {}): Map<IsoDate, string> {
  const belgium = options.country === 'BE';
  const alsace = !belgium && !!options.alsaceMoselle;
  const key = `${year}:${belgium ? 'BE' : alsace}`;
  let map = cache.get(key);
  if (!map) {
    map = new Map();
    const found = getJoursFeries(year, { alsace }) as Record<string, Date>;
    for (const [name, date] of Object.entries(found)) if (!belgium || !NOT_IN_BELGIUM.has(name)) map.set(localDay(date), name);
    if (belgium) map.set(`${year}-07-21`, 'Fête nationale belge');
    cache.set(key, map);
  }
  return map;
}

/**
 * The library builds local-midnight `Date`s and shifts them by multiples of 24 h, which
 * can land an hour off across a daylight-saving change; noon of the local day is safe.
 */
function localDay(date: Date): IsoDate {
  const noon = new Date(date.getTime() + 12 * 3_600_000);
  const y = noon.getFullYear();
  const m = String(noon.getMonth() + 1).padStart(2, '0');
  const d = String(noon.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** The holiday's French name on that date, or undefined. */
export function holidayOn(date: IsoDate, options: HolidayOptions = {}): string | undefined {
  return holidaysOfYear(+date.slice(0, 4), options).get(date);
}

/** The holidays of a year as a sorted list. */
export function listHolidays(year: number, options: HolidayOptions = {}): Holiday[] {
  return [...holidaysOfYear(year, options)].map(([date, name]) => ({ date, name })).sort((a, b) => (a.date < b.date ? -1 : 1));
}
