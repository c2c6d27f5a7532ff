/** Reading French portal text: quantities, amounts, dates and month names. */

export const FRENCH_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** `"0,5"` → 0.5; blank → null; not a number → NaN. */
export function frNumber(s: string): number | null {
  const t = s.replace(/[\s\u00a0\u202f€%j]/g, '').replace(',', '.');
  if (t === '' || t === '—' || t === '-') return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

/** `"98 475,00 €"` → 9 847 500 cents; undefined when unreadable. */
export function frCents(s: string): number | undefined {
  const n = frNumber(s);
  return n === null || Number.isNaN(n) ? undefined : Math.round(n * 100);
}

/** `"03/09/2026"` → `"2026-09-03"`; undefined when absent. */
export function frDate(s: string): string | undefined {
  const m = /(\d{2})\/(\d{2})\/(\d{4})/.exec(s);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : undefined;
}

/** `"2026-09-03"` → `"03/09/2026"`. */
export const toFrDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** `"Octobre 2026"` → `"2026-10"`. */
export function frMonth(s: string): string | undefined {
  const m = /([a-zéû]+)\s+(\d{4})/i.exec(s);
  const i = m ? FRENCH_MONTHS.indexOf(m[1]!.toLowerCase()) : -1;
  return m && i >= 0 ? `${m[2]}-${String(i + 1).padStart(2, '0')}` : undefined;
}

/** 0.5 → `"0,5"`, as the portals write quantities. */
export const frQuantity = (q: number) => String(q).replace('.', ',');

/** 12345 → `"123,45"`, as a portal's amount input takes it. */
export const frAmountInput = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

export const daysInMonth = (month: string) => new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 0)).getUTCDate();
export const dayOf = (month: string, d: number) => `${month}-${String(d).padStart(2, '0')}`;
