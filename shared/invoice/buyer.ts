/**
 * The buyer (client) of an invoice as frozen at issue, and what the e-invoice needs from it:
 * a structured postal address (BT-50..BT-55) and an electronic address (BT-49).
 */
export type BuyerSnapshot = {
  name: string;
  siren: string | null;
  /** Free text: missions created before the structured fields (one or more lines). */
  address?: string | null;
  addressLine?: string | null;
  postcode?: string | null;
  city?: string | null;
  country?: string;
  vatNumber?: string | null;
  electronicAddress?: string | null;
  electronicAddressScheme?: string | null;
  /** The purchase order's reference (BT-13). */
  purchaseOrderRef?: string | null;
};

export type BuyerAddress = { lines: string[]; postcode: string | null; city: string | null; country: string };

/**
 * The buyer's postal address: the structured fields when given, else the legacy free text,
 * whose last line is read as "postcode city" when it looks like one ("75011 Paris", "1000 Bruxelles").
 * @example buyerAddress({ name: 'A', siren: null, address: '1 av. X\n75011 Paris' }) // { lines: ['1 av. X'], postcode: '75011', city: 'Paris', country: 'FR' }
 */
export function buyerAddress(b: BuyerSnapshot): BuyerAddress | null {
  const country = b.country ?? 'FR';
  if (b.addressLine || b.postcode || b.city) {
    return { lines: b.addressLine ? splitLines(b.addressLine) : [], postcode: b.postcode || null, city: b.city || null, country };
  }
  if (!b.address?.trim()) return null;
  const lines = splitLines(b.address);
  const last = /^((?:[A-Z]{1,2}-?)?\d{4,5})\s+(\S.*)$/.exec(lines[lines.length - 1] ?? '');
  if (last && lines.length > 1) return { lines: lines.slice(0, -1), postcode: last[1]!, city: last[2]!, country };
  return { lines, postcode: null, city: null, country };
}

const splitLines = (text: string) => text.split(/\s*[\n\r]+\s*/).map((l) => l.trim()).filter(Boolean);

/** Registration numbers as digits only (`0123.456.749` → `0123456749`). */
const digits = (s: string) => s.replace(/\D/g, '');

/**
 * The buyer's electronic address (BT-49, required by BR-FR-12 and Peppol): the one the client
 * gave, else for a French company its SIREN under scheme 0225 (the French e-invoicing
 * directory), for a Belgian one its enterprise number under 0208; null when unknown.
 * @example buyerElectronicAddress({ name: 'A', siren: '552 100 554', country: 'FR' }) // { value: '552100554', scheme: '0225' }
 */
export function buyerElectronicAddress(b: BuyerSnapshot): { value: string; scheme: string } | null {
  if (b.electronicAddress?.trim()) return { value: b.electronicAddress.trim(), scheme: b.electronicAddressScheme?.trim() || '0225' };
  if (!b.siren) return null;
  const country = b.country ?? 'FR';
  if (country === 'FR' && digits(b.siren).length >= 9) return { value: digits(b.siren).slice(0, 9), scheme: '0225' };
  if (country === 'BE' && digits(b.siren).length === 10) return { value: digits(b.siren), scheme: '0208' };
  return null;
}
