/**
 * French formatting for printed documents. Plain spaces as digit separators (not the
 * narrow no-break space Intl produces) so the text extracts and searches predictably.
 */

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

function groupDigits(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** @example euros(130000) // '1 300,00 €' */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${groupDigits(String(Math.floor(abs / 100)))},${String(abs % 100).padStart(2, '0')} €`;
}

/** @example quantityFr(2.5) // '2,5' */
export function quantityFr(q: number): string {
  const [whole, frac] = String(Math.abs(q)).split('.');
  return `${q < 0 ? '-' : ''}${groupDigits(whole!)}${frac ? `,${frac}` : ''}`;
}

/** @example dateFr('2026-05-04') // '04/05/2026' */
export function dateFr(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** @example monthFr('2026-04') // 'avril 2026' */
export function monthFr(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** First and last day of a month. */
export function monthBounds(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}` };
}

/** @example siretFr('12345678900012') // '123 456 789 00012' */
export function siretFr(siret: string): string {
  return siret.length === 14 ? `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}` : siret;
}

/** IBAN in groups of four, as banks print it. */
export function ibanFr(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Amount as XML wants it: `1300.00`, never a float. */
export function decimal(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A basis-point rate as a decimal percent: 2000 → `20.00`. */
export function percent(bps: number): string {
  return decimal(bps);
}
