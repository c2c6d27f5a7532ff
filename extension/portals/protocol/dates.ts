/**
 * Full dates as portals print them, French or English: `2026-10-01`, `01/10/2026`,
 * `jeudi 1 octobre 2026`, `jeu. 1 oct. 2026`, `1er octobre 2026`, `Thursday, October 1, 2026`,
 * `1 Oct 2026`. A day and a month without a year, or a month without a day, is not a date.
 */

// Prefixes long enough to tell the months apart in both languages (juin/juil., mar./mai, ...).
const MONTH_PREFIXES: [RegExp, number][] = [
  [/^(janv|jan)/, 1], [/^(févr|fevr|fév|fev|feb)/, 2], [/^mar/, 3], [/^(avr|apr)/, 4], [/^(mai|may)/, 5],
  [/^(juin|jun)/, 6], [/^(juil|jul)/, 7], [/^(août|aout|aoû|aug)/, 8], [/^sep/, 9], [/^oct/, 10], [/^nov/, 11], [/^(déc|dec)/, 12],
];

/** `"octobre"`, `"Oct."`, `"juil"` → 1..12; undefined for any other word. */
export function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  // "mar" is March, "mardi" is a weekday: weekday names never reach here (see below), but guard anyway.
  if (/^mard/.test(w)) return undefined;
  return MONTH_PREFIXES.find(([re]) => re.test(w))?.[1];
}

const iso = (y: number, m: number, d: number): string | undefined => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : undefined;
};

const WORD = '[a-zA-Zéèêûôîàâç]+\\.?';

/** The one full date a text holds, as ISO; undefined when it holds none, or several different ones. */
export function fullDateOf(text: string): string | undefined {
  const t = text.replace(/[\s\u00a0\u202f]+/g, ' ');
  const found = new Set<string>();
  for (const m of t.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) add(found, iso(+m[1]!, +m[2]!, +m[3]!));
  for (const m of t.matchAll(/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g)) add(found, iso(+m[3]!, +m[2]!, +m[1]!));
  // "1 octobre 2026", "1er oct. 2026"
  for (const m of t.matchAll(new RegExp(`\\b(\\d{1,2})(?:er)? (${WORD}) (\\d{4})\\b`, 'g'))) {
    const month = monthNumber(m[2]!);
    if (month) add(found, iso(+m[3]!, month, +m[1]!));
  }
  // "October 1, 2026", "Oct 1 2026"
  for (const m of t.matchAll(new RegExp(`\\b(${WORD}) (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b`, 'g'))) {
    const month = monthNumber(m[1]!);
    if (month) add(found, iso(+m[3]!, month, +m[2]!));
  }
  return found.size === 1 ? [...found][0] : undefined;
}

function add(set: Set<string>, v: string | undefined) {
  if (v) set.add(v);
}

/** The months (`YYYY-MM`) a heading names: `"CRA — Octobre 2026"`, `"October 2026"`, `"10/2026"`. */
export function monthsOf(text: string): string[] {
  const t = text.replace(/[\s\u00a0\u202f]+/g, ' ');
  const out = new Set<string>();
  for (const m of t.matchAll(new RegExp(`(${WORD}) (\\d{4})\\b`, 'g'))) {
    const month = monthNumber(m[1]!);
    if (month) out.add(`${m[2]}-${String(month).padStart(2, '0')}`);
  }
  for (const m of t.matchAll(/\b(\d{4})-(\d{2})\b(?!-)/g)) if (+m[2]! >= 1 && +m[2]! <= 12) out.add(`${m[1]}-${m[2]}`);
  for (const m of t.matchAll(/(?<![\d/])(\d{1,2})\/(\d{4})\b/g)) if (+m[1]! >= 1 && +m[1]! <= 12) out.add(`${m[2]}-${m[1]!.padStart(2, '0')}`);
  return [...out];
}
