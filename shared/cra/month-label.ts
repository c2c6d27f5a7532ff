import { isIsoMonth, type IsoMonth } from '../dates';

const FRENCH_MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
] as const;

/**
 * The month as written on a French invoice line.
 * @example frenchMonthLabel('2026-05') // 'mai 2026'
 */
export function frenchMonthLabel(month: IsoMonth): string {
  if (!isIsoMonth(month)) throw new RangeError(`not an ISO month: ${String(month)}`);
  return `${FRENCH_MONTHS[+month.slice(5, 7) - 1]} ${month.slice(0, 4)}`;
}
