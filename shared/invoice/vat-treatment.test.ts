import { describe, expect, it } from 'vitest';
import { FRANCHISE_MENTION, OUTSIDE_SCOPE_MENTION, REVERSE_CHARGE_MENTION } from './mentions';
import { treatmentMention, treatmentOfMention, vatCategory, vatTreatment, type VatTreatment } from './vat-treatment';

describe('vatTreatment', () => {
  it('never charges VAT under the franchise, wherever the client is', () => {
    for (const buyerCountry of ['FR', 'BE', 'DE', 'CH', 'US']) {
      expect(vatTreatment({ sellerRegime: 'franchise', sellerCountry: 'FR', buyerCountry })).toBe('franchise');
    }
  });

  it('charges French VAT to a French or Monegasque client', () => {
    expect(vatTreatment({ sellerRegime: 'standard', sellerCountry: 'FR', buyerCountry: 'FR' })).toBe('standard');
    expect(vatTreatment({ sellerRegime: 'standard', sellerCountry: 'FR', buyerCountry: 'MC' })).toBe('standard');
  });

  it('reverse-charges a business in another EU member state (a Belgian client is no longer charged 20 % French VAT)', () => {
    for (const buyerCountry of ['BE', 'DE', 'LU', 'IE', 'GR', 'NL']) {
      expect(vatTreatment({ sellerRegime: 'standard', sellerCountry: 'FR', buyerCountry })).toBe('reverse_charge');
    }
  });

  it('charges no VAT to a business outside the EU', () => {
    for (const buyerCountry of ['CH', 'GB', 'US', 'NO']) {
      expect(vatTreatment({ sellerRegime: 'standard', sellerCountry: 'FR', buyerCountry })).toBe('outside_scope');
    }
  });

  it('reads each treatment back from the mention frozen on the invoice', () => {
    const all: VatTreatment[] = ['franchise', 'standard', 'reverse_charge', 'outside_scope'];
    for (const t of all) expect(treatmentOfMention(treatmentMention(t))).toBe(t);
    expect(treatmentMention('reverse_charge')).toContain('Autoliquidation');
    expect(treatmentMention('franchise')).toBe(FRANCHISE_MENTION);
  });

  it('maps each treatment and rate to its EN 16931 category with the exemption reason the rules ask for', () => {
    expect(vatCategory('standard', 2000)).toEqual({ code: 'S' });
    expect(vatCategory('standard', 550)).toEqual({ code: 'S' });
    expect(vatCategory('standard', 0)).toMatchObject({ code: 'E', reasonCode: 'VATEX-EU-79-C' });
    expect(vatCategory('franchise', 0)).toEqual({ code: 'E', reasonCode: 'VATEX-FR-FRANCHISE', reason: FRANCHISE_MENTION });
    expect(vatCategory('reverse_charge', 0)).toEqual({ code: 'AE', reasonCode: 'VATEX-EU-AE', reason: REVERSE_CHARGE_MENTION });
    expect(vatCategory('outside_scope', 0)).toEqual({ code: 'O', reasonCode: 'VATEX-EU-O', reason: OUTSIDE_SCOPE_MENTION });
  });
});
