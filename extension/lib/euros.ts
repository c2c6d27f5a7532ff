import { MAX_AMOUNT_CENTS } from '../../shared/schemas/common';

/** What the user typed, as cents, or why it is not an amount (the input keeps their text). */
export type ParsedEuros = { ok: true; cents: number } | { ok: false; reason: 'empty' | 'format' | 'too_large' };

// Digits, optional thousands grouped by spaces (typed, or the no-break spaces Intl prints),
// then a comma or a point and at most two decimals. "1.234" is refused rather than guessed.
const AMOUNT = /^(\d+(?:[ \u00a0\u202f]\d{3})*)(?:[.,](\d{1,2}))?$/;

/**
 * Euros typed by the user → integer cents, on the digits (no float ever holds the amount).
 * @example parseEuros('1 234,5') // { ok: true, cents: 123450 }
 * @example parseEuros('12.345') // { ok: false, reason: 'format' }
 */
export function parseEuros(text: string): ParsedEuros {
  const clean = text.trim().replace(/\s*€$/, '').replace(/^€\s*/, '');
  if (!clean) return { ok: false, reason: 'empty' };
  const m = AMOUNT.exec(clean);
  if (!m) return { ok: false, reason: 'format' };
  const whole = m[1]!.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  if (whole.length > 8) return { ok: false, reason: 'too_large' };
  const cents = Number(whole) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return cents > MAX_AMOUNT_CENTS ? { ok: false, reason: 'too_large' } : { ok: true, cents };
}

/**
 * Cents → the text an amount input shows, in the user's decimal separator.
 * @example centsToInput(123450, 'fr') // '1234,50'
 */
export function centsToInput(cents: number, locale: 'fr' | 'en'): string {
  const abs = Math.abs(cents);
  const text = `${Math.floor(abs / 100)}${locale === 'fr' ? ',' : '.'}${String(abs % 100).padStart(2, '0')}`;
  return cents < 0 ? `-${text}` : text;
}
