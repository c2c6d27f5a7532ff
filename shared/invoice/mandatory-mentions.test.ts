import { describe, expect, it } from 'vitest';
import { buyerAddress, buyerElectronicAddress } from './buyer';
import { missingMandatoryMentions, type SellerSnapshot } from './mandatory-mentions';

const seller: SellerSnapshot = {
  legalName: 'Claire Martin',
  legalForm: 'ei',
  siret: '73282932000074',
  vatNumber: null,
  address: { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', country: 'FR' },
  shareCapitalCents: null,
  rcs: null,
};
const buyer = { name: 'ACME SA', siren: '552100554', addressLine: '1 avenue de la République', postcode: '75011', city: 'Paris', country: 'FR' };
const base = { seller, buyer, treatment: 'franchise' as const, vatCents: 0, issuedOn: '2026-05-04' };
const paths = (input: Parameters<typeof missingMandatoryMentions>[0]) => missingMandatoryMentions(input).map((i) => i.path);

describe('missingMandatoryMentions', () => {
  it('lets a complete franchise invoice through', () => {
    expect(missingMandatoryMentions(base)).toEqual([]);
  });

  it('names each missing field of an empty profile and a mission without address', () => {
    const empty: SellerSnapshot = { legalName: '', legalForm: 'ei', siret: null, vatNumber: null, address: null, shareCapitalCents: null, rcs: null };
    expect(paths({ ...base, seller: empty, buyer: { name: 'ACME SA', siren: null } })).toEqual([
      'profile.legalName', 'profile.address.line1', 'profile.address.postalCode', 'profile.address.city', 'profile.siret',
      'mission.clientAddressLine', 'mission.clientPostcode', 'mission.clientCity',
    ]);
  });

  it('refuses VAT without the seller VAT number (BR-S-02), but not a franchise invoice', () => {
    expect(paths({ ...base, treatment: 'standard', vatCents: 39_000 })).toEqual(['profile.vatNumber']);
    expect(paths({ ...base, treatment: 'standard', vatCents: 39_000, seller: { ...seller, vatNumber: 'FR40732829320' } })).toEqual([]);
  });

  it('asks both VAT numbers for a reverse charge (BR-AE-02)', () => {
    expect(paths({ ...base, treatment: 'reverse_charge', buyer: { ...buyer, country: 'BE' } })).toEqual(['profile.vatNumber', 'mission.clientVatNumber']);
  });

  it("asks a company's share capital and RCS", () => {
    expect(paths({ ...base, seller: { ...seller, legalForm: 'sasu' } })).toEqual(['profile.shareCapitalCents', 'profile.rcs']);
  });

  it('accepts a legacy free-text client address', () => {
    expect(paths({ ...base, buyer: { name: 'ACME SA', siren: null, address: '1 avenue X\n75011 Paris' } })).toEqual([]);
  });

  it("asks a French client's SIREN from the e-invoicing reform's date only", () => {
    const noSiren = { ...buyer, siren: null };
    expect(paths({ ...base, buyer: noSiren, issuedOn: '2027-08-31' })).toEqual([]);
    expect(paths({ ...base, buyer: noSiren, issuedOn: '2027-09-01' })).toEqual(['mission.clientSiren']);
    expect(paths({ ...base, buyer: { ...noSiren, country: 'BE' }, issuedOn: '2027-09-01' })).toEqual([]);
  });
});

describe('buyer address and electronic address', () => {
  it('reads "postcode city" from the last line of a legacy address', () => {
    expect(buyerAddress({ name: 'A', siren: null, address: '1 avenue de la République\n75011 Paris' })).toEqual({ lines: ['1 avenue de la République'], postcode: '75011', city: 'Paris', country: 'FR' });
    expect(buyerAddress({ name: 'A', siren: null, address: 'Rue Haute 1\n1000 Bruxelles', country: 'BE' })).toMatchObject({ postcode: '1000', city: 'Bruxelles' });
    expect(buyerAddress({ name: 'A', siren: null, address: 'Somewhere' })).toEqual({ lines: ['Somewhere'], postcode: null, city: null, country: 'FR' });
    expect(buyerAddress({ name: 'A', siren: null })).toBeNull();
  });

  it("defaults a French company's electronic address to its SIREN under 0225, unless the client gives one", () => {
    expect(buyerElectronicAddress({ name: 'A', siren: '552 100 554', country: 'FR' })).toEqual({ value: '552100554', scheme: '0225' });
    expect(buyerElectronicAddress({ name: 'A', siren: '0123.456.749', country: 'BE' })).toEqual({ value: '0123456749', scheme: '0208' });
    expect(buyerElectronicAddress({ name: 'A', siren: '552100554', electronicAddress: '0088:3010000000008', electronicAddressScheme: '0088' })).toEqual({ value: '0088:3010000000008', scheme: '0088' });
    expect(buyerElectronicAddress({ name: 'A', siren: null })).toBeNull();
  });
});
