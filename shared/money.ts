/**
 * Money in Relais is always an integer number of euro cents; rates are basis points
 * (1 bp = 0.01 %, so 2.5 % is `250`). Amounts never pass through floating point: a
 * product or a ratio is computed exactly on integers and rounded once, half-up, by
 * {@link roundHalfUp}, the only rounding helper of the code base.
 */

/** An integer amount of euro cents (may be negative on a credit note). */
export type Cents = number;
/** A rate in basis points: 10 000 bp = 100 %. */
export type Bps = number;

/** Quantities (days, hours, units) are kept to the thousandth, so they are exact integers once scaled. */
export const QUANTITY_SCALE = 1000;
export const BPS_SCALE = 10_000;

/**
 * Divides `numerator` by `denominator` and rounds half-up (half away from zero, the
 * commercial rounding of French invoices) to an integer. Exact on integers of any size.
 *
 * @example roundHalfUp(5, 2) // 3   (2.5 → 3)
 * @example roundHalfUp(-5, 2) // -3 (a credit note mirrors its invoice)
 * @example roundHalfUp(2_050_000n * 250n, 10_000n) // 51 250
 */
export function roundHalfUp(numerator: number | bigint, denominator: number | bigint = 1): number {
  const n = toBigInt(numerator, 'numerator');
  const d = toBigInt(denominator, 'denominator');
  if (d === 0n) throw new RangeError('roundHalfUp: division by zero');
  const negative = (n < 0n) !== (d < 0n);
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (2n * an + ad) / (2n * ad);
  const result = Number(negative ? -q : q);
  if (!Number.isSafeInteger(result)) throw new RangeError('roundHalfUp: result out of safe range');
  return result === 0 ? 0 : result; // never -0
}

function toBigInt(value: number | bigint, name: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`roundHalfUp: ${name} must be a safe integer, got ${value}`);
  return BigInt(value);
}

/**
 * Turns a decimal quantity (days, hours) into thousandths, refusing anything finer.
 * @example quantityToMilli(20.5) // 20 500
 */
export function quantityToMilli(quantity: number): number {
  const milli = Math.round(quantity * QUANTITY_SCALE);
  if (!Number.isFinite(quantity) || Math.abs(milli - quantity * QUANTITY_SCALE) > 1e-6) {
    throw new RangeError(`quantity ${quantity} has more than 3 decimals`);
  }
  return milli;
}

/** True when a number is a quantity Relais can hold exactly (at most 3 decimals). */
export function isExactQuantity(quantity: number): boolean {
  if (!Number.isFinite(quantity)) return false;
  return Math.abs(Math.round(quantity * QUANTITY_SCALE) - quantity * QUANTITY_SCALE) <= 1e-6;
}

/**
 * Quantity × unit price, rounded half-up to the cent: the amount of one invoice line.
 * @example lineAmount(20.5, 65_000) // 1 332 500 (20.5 days at 650 €)
 * @example lineAmount(0.333, 10_001) // 3 330 (3 330.333 → 3 330)
 */
export function lineAmount(quantity: number, unitCents: Cents): Cents {
  assertCents(unitCents, 'unitCents');
  return roundHalfUp(BigInt(quantityToMilli(quantity)) * BigInt(unitCents), QUANTITY_SCALE);
}

/**
 * A share of an amount given in basis points, rounded half-up.
 * @example applyBps(1_300_000, 2000) // 260 000 (20 % VAT on 13 000 €)
 */
export function applyBps(amountCents: Cents, bps: Bps): Cents {
  assertCents(amountCents, 'amountCents');
  if (!Number.isInteger(bps)) throw new RangeError(`bps must be an integer, got ${bps}`);
  return roundHalfUp(BigInt(amountCents) * BigInt(bps), BPS_SCALE);
}

/** Throws when a value is not an integer amount of cents: the guard at every boundary. */
export function assertCents(value: number, name = 'amount'): asserts value is Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer number of cents, got ${value}`);
}

/** Sum of integer amounts. */
export function sumCents(amounts: Iterable<Cents>): Cents {
  let total = 0;
  for (const a of amounts) total += a;
  return total;
}

export type MoneyLocale = 'fr' | 'en';

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats cents as euros the way `Intl` prints them for the locale: in French a narrow
 * no-break space (U+202F) groups thousands and a no-break space (U+00A0) precedes `€`.
 * @example formatMoney(123_456, 'fr') // '1 234,56 €'
 * @example formatMoney(123_456, 'en') // '€1,234.56'
 */
export function formatMoney(cents: Cents, locale: MoneyLocale | string = 'fr'): string {
  assertCents(cents, 'cents');
  const tag = locale.startsWith('fr') ? 'fr-FR' : 'en-GB';
  let f = formatters.get(tag);
  if (!f) {
    f = new Intl.NumberFormat(tag, { style: 'currency', currency: 'EUR' });
    formatters.set(tag, f);
  }
  // Exact: cents / 100 as a decimal string, no float arithmetic on the amount.
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const decimal = `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return f.format(decimal as unknown as number);
}
