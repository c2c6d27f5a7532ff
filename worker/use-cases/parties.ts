import type { profiles } from '../db/schema';
import type { MissionRow } from './load-mission';

/** The seller as printed on an invoice, frozen at issue. */
export function sellerOf(p: typeof profiles.$inferSelect) {
  return {
    legalName: p.legalName,
    legalForm: p.legalForm,
    siret: p.siret,
    vatNumber: p.vatNumber,
    address: p.addressLine1 ? { line1: p.addressLine1, postalCode: p.postalCode, city: p.city, country: p.country } : null,
    iban: p.iban,
    bic: p.bic,
    shareCapitalCents: p.shareCapitalCents,
    rcs: p.rcs,
  };
}

/** The buyer as printed on an invoice, frozen at issue. */
export function buyerOf(m: MissionRow) {
  return { name: m.clientName, siren: m.clientSiren, address: m.clientAddress, country: m.clientCountry, portal: m.portal };
}
