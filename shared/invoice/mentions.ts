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
 * A VAT-registered seller's service to a business in another EU member state: the client
 * accounts for the VAT (art. 242 nonies A, I-13° CGI asks for the word "Autoliquidation";
 * the legal basis: directive 2006/112/CE art. 44 and 196, CGI art. 259-1° and 283-2).
 */
export const REVERSE_CHARGE_MENTION = 'Autoliquidation : TVA due par le preneur (art. 196 de la directive 2006/112/CE, art. 283-2 du CGI)';
/** A service to a business established outside the EU: supplied where the client is, outside French VAT. */
export const OUTSIDE_SCOPE_MENTION = 'TVA non applicable, art. 259-1 du CGI (prestation hors de France)';

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

/**
 * When an invoice is to be paid: a due date (art. L441-9 C. com.), said once.
 * @example paymentTermsMention('03/06/2026') // 'À payer au plus tard le 03/06/2026, par virement bancaire.'
 */
export function paymentTermsMention(dueOnFr: string): string {
  return `À payer au plus tard le ${dueOnFr}, par virement bancaire.`;
}
