import type { Bps } from '../money';
import { FRANCHISE_MENTION, OUTSIDE_SCOPE_MENTION, REVERSE_CHARGE_MENTION } from './mentions';

/**
 * Which VAT an invoice charges (DOMAIN.md "Who issues the invoice", last rule; CGI art. 259-1°,
 * 283-2 and 293 B; directive 2006/112/CE art. 44 and 196). Relais invoices business clients
 * only (portals, companies): a service to a business is supplied where the business is
 * established, so
 * - under the micro-entrepreneur franchise no VAT is charged (art. 293 B);
 * - a VAT-registered seller established in France charges French VAT to a French (or
 *   Monegasque) client, reverse-charges a client in another EU member state (the client
 *   accounts for the VAT: "Autoliquidation"), and charges no VAT to a client outside the EU
 *   (outside the scope of French VAT).
 */
export type VatTreatment = 'franchise' | 'standard' | 'reverse_charge' | 'outside_scope';

/** EU member states (ISO 3166-1 codes; Greece is GR here, EL in VAT numbers). Monaco is French territory for VAT. */
const EU = new Set(['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK']);
const DOMESTIC = new Set(['FR', 'MC']);

/**
 * The treatment of an invoice from a seller (its regime once the franchise threshold is
 * applied, and its country) to a business client in `buyerCountry`.
 * @example vatTreatment({ sellerRegime: 'standard', sellerCountry: 'FR', buyerCountry: 'BE' }) // 'reverse_charge'
 * @example vatTreatment({ sellerRegime: 'franchise', sellerCountry: 'FR', buyerCountry: 'BE' }) // 'franchise'
 */
export function vatTreatment(input: { sellerRegime: 'franchise' | 'standard'; sellerCountry: string; buyerCountry: string }): VatTreatment {
  if (input.sellerRegime === 'franchise') return 'franchise';
  // Only a seller established in France charges French VAT; Relais's sellers elsewhere are
  // SMart members, whose invoices the cooperative issues.
  if (!DOMESTIC.has(input.sellerCountry) || DOMESTIC.has(input.buyerCountry)) return 'standard';
  return EU.has(input.buyerCountry) ? 'reverse_charge' : 'outside_scope';
}

/** The invoice-wide mention of a treatment (null when VAT is charged). */
export function treatmentMention(treatment: VatTreatment): string | null {
  return { franchise: FRANCHISE_MENTION, standard: null, reverse_charge: REVERSE_CHARGE_MENTION, outside_scope: OUTSIDE_SCOPE_MENTION }[treatment];
}

/** The treatment an issued invoice was made under, read back from its frozen mention (so a credit note mirrors it). */
export function treatmentOfMention(mention: string | null): VatTreatment {
  if (mention === null) return 'standard';
  if (mention === REVERSE_CHARGE_MENTION) return 'reverse_charge';
  if (mention === OUTSIDE_SCOPE_MENTION) return 'outside_scope';
  return 'franchise';
}

/** An EN 16931 VAT category (UNCL 5305) with the exemption reason its rules ask for (BR-E-10, BR-AE-10, BR-O-10). */
export type VatCategory = { code: 'S' | 'E' | 'AE' | 'O'; reasonCode?: string; reason?: string };

/** A line at 0 % on a VAT invoice: an expense repaid at cost in the client's name (débours, art. 267 II-2° CGI). */
export const DISBURSEMENT_REASON = "Débours refacturés à l'euro près, hors base d'imposition (art. 267 II 2° du CGI)";

/**
 * The category of a line or VAT breakdown row at `rateBps` under `treatment`.
 * @example vatCategory('standard', 2000) // { code: 'S' }
 * @example vatCategory('reverse_charge', 0) // { code: 'AE', reasonCode: 'VATEX-EU-AE', reason: 'Autoliquidation…' }
 */
export function vatCategory(treatment: VatTreatment, rateBps: Bps): VatCategory {
  switch (treatment) {
    case 'franchise':
      return { code: 'E', reasonCode: 'VATEX-FR-FRANCHISE', reason: FRANCHISE_MENTION };
    case 'reverse_charge':
      return { code: 'AE', reasonCode: 'VATEX-EU-AE', reason: REVERSE_CHARGE_MENTION };
    case 'outside_scope':
      return { code: 'O', reasonCode: 'VATEX-EU-O', reason: OUTSIDE_SCOPE_MENTION };
    case 'standard':
      return rateBps > 0 ? { code: 'S' } : { code: 'E', reasonCode: 'VATEX-EU-79-C', reason: DISBURSEMENT_REASON };
  }
}
