import type { BuyerSnapshot } from '../../shared/invoice/buyer';
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

/** The buyer as printed on an invoice, frozen at issue, with the purchase order's reference (BT-13). */
export function buyerOf(m: MissionRow, purchaseOrderRef: string | null = null): BuyerSnapshot & { portal: string } {
  return {
    name: m.clientName,
    siren: m.clientSiren,
    address: m.clientAddress,
    addressLine: m.clientAddressLine,
    postcode: m.clientPostcode,
    city: m.clientCity,
    country: m.clientCountry,
    vatNumber: m.clientVatNumber,
    electronicAddress: m.clientElectronicAddress,
    electronicAddressScheme: m.clientElectronicAddressScheme,
    purchaseOrderRef,
    portal: m.portal,
  };
}
