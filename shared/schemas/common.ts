import * as v from 'valibot';
import { isIsoDate, isIsoMonth } from '../dates';
import { isExactQuantity } from '../money';

/** The dates Relais deals in: tax tables start in 2020, and no invoice is dated past 2099. */
export const MIN_DATE = '2000-01-01';
export const MAX_DATE = '2099-12-31';

/**
 * The largest amount accepted anywhere (10 million euros): far above any freelance
 * invoice, and small enough that every product and sum of them stays an exact integer.
 */
export const MAX_AMOUNT_CENTS = 1_000_000_000;

/** A real calendar date written `YYYY-MM-DD` (2026-02-29 is refused). */
export const IsoDateString = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date written YYYY-MM-DD'),
  v.check((s) => isIsoDate(s), 'Not a calendar date'),
  v.check((s) => s >= MIN_DATE && s <= MAX_DATE, `Must be between ${MIN_DATE} and ${MAX_DATE}`),
);
export type IsoDateString = v.InferOutput<typeof IsoDateString>;

/** A month written `YYYY-MM`, within the same 2000–2099 range as dates ('0000-01' used to reach the calendar code and answer 500). */
export const IsoMonthString = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}$/, 'Expected a month written YYYY-MM'),
  v.check((s) => isIsoMonth(s), 'Not a calendar month'),
  v.check((s) => s >= MIN_DATE.slice(0, 7) && s <= MAX_DATE.slice(0, 7), `Must be between ${MIN_DATE.slice(0, 7)} and ${MAX_DATE.slice(0, 7)}`),
);
export type IsoMonthString = v.InferOutput<typeof IsoMonthString>;
/** Integer euro cents, zero or more. */
export const CentsAmount = v.pipe(v.number(), v.safeInteger('must be an integer number of cents'), v.minValue(0, 'must not be negative'), v.maxValue(MAX_AMOUNT_CENTS, 'must be at most 10 000 000 €'));
/** A positive integer number of cents. */
export const PositiveCents = v.pipe(v.number(), v.safeInteger('must be an integer number of cents'), v.minValue(1, 'must be positive'), v.maxValue(MAX_AMOUNT_CENTS, 'must be at most 10 000 000 €'));
/** A rate in basis points, 0–10 000. */
export const RateBps = v.pipe(v.number(), v.integer('must be an integer number of basis points'), v.minValue(0), v.maxValue(10_000));
/** A quantity with at most 3 decimals. */
export const Quantity = v.pipe(v.number(), v.finite(), v.check(isExactQuantity, 'must have at most 3 decimals'));
/** ISO 3166-1 alpha-2 country code, upper-cased. */
export const CountryCode = v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z]{2}$/, 'must be a 2-letter country code (FR, BE…)'));
/**
 * What no text field accepts: control characters (C0 but tab, line feed and carriage return;
 * DEL; C1), lone surrogates, and the bidi embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) that make a document or a calendar entry read differently from what it holds.
 */
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Why a text is refused, or null. */
export function forbiddenCharacterIn(text: string): string | null {
  const m = FORBIDDEN_CHARACTER.exec(text);
  if (!m) return null;
  const code = m[0].charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return 'must not contain a lone surrogate (broken Unicode)';
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)
    ? `must not contain the bidirectional control character ${hex}`
    : `must not contain the control character ${hex}`;
}
/** The check every free text goes through (see FORBIDDEN_CHARACTER). */
export const CleanText = v.rawCheck<string>(({ dataset, addIssue }) => {
  if (!dataset.typed) return;
  const reason = forbiddenCharacterIn(dataset.value);
  if (reason) addIssue({ message: reason });
});
/** Trimmed non-empty text of bounded length, without control or bidi characters. */
export const Text = (max: number) =>
  v.pipe(v.string(), CleanText, v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(max, `must be at most ${max} characters`));
/** Optional text that may be cleared with null. */
export const OptionalText = (max: number) =>
  v.optional(v.nullable(v.pipe(v.string(), CleanText, v.trim(), v.maxLength(max, `must be at most ${max} characters`))));
