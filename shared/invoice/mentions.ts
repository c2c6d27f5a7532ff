import type { Bps } from '../money';

/**
 * Fixed legal texts printed on invoices. Sources: DOMAIN.md "Invoices" (mandatory
 * mentions); art. 293 B CGI (VAT franchise), art. L441-9 and L441-10 Code de commerce
 * (penalty rate, 40 € recovery indemnity, discount terms), art. D441-5 (the 40 € amount).
 */

/** Printed instead of a VAT rate on every invoice under the micro-entrepreneur franchise. */
export const FRANCHISE_MENTION = 'TVA non applicable, art. 293 B du CGI';
/** The fixed collection indemnity owed on any late payment between professionals. */
export const INDEMNITY_MENTION = 'Indemnité forfaitaire pour frais de recouvrement : 40 €';
/** Printed when no discount is granted for early payment. */
export const NO_DISCOUNT_MENTION = "Pas d'escompte pour paiement anticipé";

/**
 * A rate in basis points written the French way: decimal comma, no trailing zeros,
 * a space before `%` (plain space, like the other mentions).
 * @example formatRateFr(1000) // '10 %'
 * @example formatRateFr(786) // '7,86 %'
 * @example formatRateFr(550) // '5,5 %'
 */
export function formatRateFr(bps: Bps): string {
  if (!Number.isSafeInteger(bps) || bps < 0) throw new RangeError(`rate must be a non-negative integer of bp, got ${bps}`);
  const whole = Math.floor(bps / 100);
  const hundredths = String(bps % 100).padStart(2, '0').replace(/0+$/, '');
  return hundredths === '' ? `${whole} %` : `${whole},${hundredths} %`;
}

/**
 * The late-payment penalty mention for an annual rate.
 * @example penaltyRateMention(1000) // 'Pénalités de retard : 10 % par an'
 * @example penaltyRateMention(786) // 'Pénalités de retard : 7,86 % par an'
 */
export function penaltyRateMention(annualRateBps: Bps): string {
  return `Pénalités de retard : ${formatRateFr(annualRateBps)} par an`;
}
