import { buyerAddress, type BuyerSnapshot } from './buyer';
import type { VatTreatment } from './vat-treatment';

/**
 * The mandatory mentions of an invoice (DOMAIN.md "Invoices"; CGI art. 242 nonies A, Code de
 * commerce art. L441-9 and R123-237) that come from data the freelancer fills in: a missing
 * one names the profile or mission field that supplies it, so issuing can refuse and say
 * what to fill. The rest (number, dates, lines, totals, penalties, indemnity, discount) is
 * written by Relais itself on every invoice.
 */

/** The seller as frozen at issue (the profile). */
export type SellerSnapshot = {
  legalName: string;
  legalForm: 'ei' | 'eurl' | 'sasu' | 'smart' | 'other';
  siret: string | null;
  vatNumber: string | null;
  address: { line1: string | null; postalCode: string | null; city: string | null; country: string } | null;
  shareCapitalCents: number | null;
  rcs: string | null;
};

export type MentionIssue = { path: string; message: string };

/**
 * Mentions that become mandatory with the French e-invoicing reform, by issue date (dated
 * table: the reform's dates are law, DOMAIN.md "E-invoicing"): the French client's SIREN.
 */
const E_INVOICING_FROM = [{ from: '2027-09-01', buyerSiren: true }] as const;

const blank = (s: string | null | undefined) => !s || s.trim() === '';

/**
 * What is missing for an invoice from `seller` to `buyer` under `treatment`, issued on
 * `issuedOn`, charging `vatCents`. Empty when the invoice may be issued.
 * @example
 * missingMandatoryMentions({ seller: { …, vatNumber: null }, buyer, treatment: 'standard', vatCents: 39_000, issuedOn: '2026-05-12' })
 * // [{ path: 'profile.vatNumber', message: 'An invoice charging VAT states the seller's VAT number' }]
 */
export function missingMandatoryMentions(input: {
  seller: SellerSnapshot;
  buyer: BuyerSnapshot;
  treatment: VatTreatment;
  vatCents: number;
  issuedOn: string;
}): MentionIssue[] {
  const { seller, buyer, treatment } = input;
  const issues: MentionIssue[] = [];
  const need = (missing: boolean, path: string, message: string) => {
    if (missing) issues.push({ path, message });
  };
  need(blank(seller.legalName), 'profile.legalName', "The seller's name is a mandatory mention");
  need(blank(seller.address?.line1), 'profile.address.line1', "The seller's address is a mandatory mention");
  need(blank(seller.address?.postalCode), 'profile.address.postalCode', "The seller's postcode is part of its address");
  need(blank(seller.address?.city), 'profile.address.city', "The seller's city is part of its address");
  need((seller.address?.country ?? 'FR') === 'FR' && blank(seller.siret), 'profile.siret', "A French seller's SIREN/SIRET is a mandatory mention");
  // BR-S-02, BR-AE-02: VAT charged, or reverse-charged, needs the seller's VAT number.
  const vatApplies = treatment === 'reverse_charge' || (treatment === 'standard' && input.vatCents !== 0);
  need(vatApplies && blank(seller.vatNumber), 'profile.vatNumber', "An invoice subject to VAT states the seller's intra-EU VAT number");
  if (seller.legalForm === 'eurl' || seller.legalForm === 'sasu') {
    need(seller.shareCapitalCents === null, 'profile.shareCapitalCents', "A company's invoice states its share capital");
    need(blank(seller.rcs), 'profile.rcs', "A company's invoice states its RCS registration (city and number)");
  }

  need(blank(buyer.name), 'mission.clientName', "The client's name is a mandatory mention");
  const address = buyerAddress(buyer);
  const legacy = !blank(buyer.address) && blank(buyer.addressLine) && blank(buyer.postcode) && blank(buyer.city);
  need(!address || address.lines.length === 0, 'mission.clientAddressLine', "The client's address is a mandatory mention");
  if (!legacy) {
    need(blank(buyer.postcode), 'mission.clientPostcode', "The client's postcode is part of its address");
    need(blank(buyer.city), 'mission.clientCity', "The client's city is part of its address");
  }
  need(treatment === 'reverse_charge' && blank(buyer.vatNumber), 'mission.clientVatNumber', "A reverse-charged invoice states the client's VAT number");
  const reform = [...E_INVOICING_FROM].reverse().find((r) => input.issuedOn >= r.from);
  need(!!reform?.buyerSiren && (buyer.country ?? 'FR') === 'FR' && blank(buyer.siren), 'mission.clientSiren', "From 2027-09-01 an invoice states the French client's SIREN");
  return issues;
}
