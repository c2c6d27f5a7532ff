import { describe, expect, it } from 'vitest';
import { renderCii, renderUbl } from '../../worker/documents/render';
import type { InvoiceDocument } from '../../worker/documents/types';
import { sampleInvoice } from './bench-pdf';
import { checkCii, checkUbl } from './en16931-rules';

/**
 * The rule checks can fail: each fault issue 16 found, put back into a good document,
 * is reported under its rule id. (A check that cannot fail proves nothing.)
 */

const rules = (failures: { rule: string }[]) => [...new Set(failures.map((f) => f.rule))].sort();

/** An invoice with a −650 correction line, as the suite's documents have. */
const withCorrection: InvoiceDocument = {
  ...sampleInvoice,
  lines: [...sampleInvoice.lines, { label: 'Correction mars 2026 : jour compté deux fois', quantity: 1, unitCents: -65_000, vatRateBps: 2000, unit: 'unit', amountCents: -65_000 }],
  vat: [{ rateBps: 2000, baseCents: 1_242_500, vatCents: 248_500 }],
  netCents: 1_242_500,
  vatCents: 248_500,
  totalCents: 1_491_000,
};
const credit: InvoiceDocument = {
  ...withCorrection,
  kind: 'credit_note',
  number: 'AV-2026-0001',
  cancels: { number: '2026-0042', issuedOn: '2026-05-04' },
  lines: withCorrection.lines.map((l) => ({ ...l, quantity: -l.quantity, amountCents: -l.amountCents })),
  vat: withCorrection.vat.map((v) => ({ ...v, baseCents: -v.baseCents, vatCents: -v.vatCents })),
  netCents: -withCorrection.netCents,
  vatCents: -withCorrection.vatCents,
  totalCents: -withCorrection.totalCents,
};

describe('EN 16931 rule checks', () => {
  it('pass the documents Relais renders: invoice, correction, credit note, in CII and UBL', async () => {
    for (const doc of [sampleInvoice, withCorrection, credit]) {
      expect(checkCii(await renderCii(doc)), doc.number).toEqual([]);
      expect(checkUbl(renderUbl(doc)), doc.number).toEqual([]);
    }
  });

  it('catch a negative price (BR-27) and lines that do not add up to the totals (BR-CO-10, BR-S-08)', async () => {
    const cii = await renderCii(withCorrection);
    // What Relais wrote before: price −650, quantity and amount positive.
    const old = cii.replace('<ram:ChargeAmount>650.00</ram:ChargeAmount>', '<ram:ChargeAmount>-650.00</ram:ChargeAmount>')
      .replace('<ram:BilledQuantity unitCode="C62">-1</ram:BilledQuantity>', '<ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity>')
      .replace('<ram:LineTotalAmount>-650.00</ram:LineTotalAmount>', '<ram:LineTotalAmount>650.00</ram:LineTotalAmount>');
    expect(old).not.toBe(cii);
    expect(rules(checkCii(old))).toEqual(expect.arrayContaining(['BR-27', 'BR-CO-10', 'BR-S-08']));
    const ubl = renderUbl(withCorrection);
    const absUbl = ubl.replace('<cbc:LineExtensionAmount currencyID="EUR">-650.00</cbc:LineExtensionAmount>', '<cbc:LineExtensionAmount currencyID="EUR">650.00</cbc:LineExtensionAmount>');
    expect(rules(checkUbl(absUbl))).toEqual(expect.arrayContaining(['BR-CO-10', 'BR-S-08']));
  });

  it('catch VAT without the seller VAT number (BR-S-02) and wrong VAT arithmetic (BR-CO-14, BR-CO-17)', async () => {
    const cii = await renderCii(sampleInvoice);
    expect(rules(checkCii(cii.replace(/<ram:SpecifiedTaxRegistration>\s*<ram:ID schemeID="VA">[^<]*<\/ram:ID>\s*<\/ram:SpecifiedTaxRegistration>/, '')))).toContain('BR-S-02');
    expect(rules(checkCii(cii.replace('<ram:CalculatedAmount>2615.00</ram:CalculatedAmount>', '<ram:CalculatedAmount>2600.00</ram:CalculatedAmount>')))).toEqual(
      expect.arrayContaining(['BR-CO-14', 'BR-CO-17']),
    );
  });

  it('catch one PMT note instead of PMD/PMT/AAB (BR-FR-05), an empty delivery (PEPPOL-EN16931-R008), no buyer electronic address (BR-FR-12)', async () => {
    const cii = await renderCii(sampleInvoice);
    const oneNote = cii.replace(/<ram:SubjectCode>(PMD|AAB)<\/ram:SubjectCode>/g, '<ram:SubjectCode>PMT</ram:SubjectCode>');
    expect(rules(checkCii(oneNote))).toContain('BR-FR-05');
    const emptyDelivery = cii.replace(/<ram:ApplicableHeaderTradeDelivery>[\s\S]*?<\/ram:ApplicableHeaderTradeDelivery>/, '<ram:ApplicableHeaderTradeDelivery/>');
    expect(rules(checkCii(emptyDelivery))).toContain('PEPPOL-EN16931-R008');
    expect(rules(checkCii(cii.replace(/<ram:URIUniversalCommunication>[\s\S]*?<\/ram:URIUniversalCommunication>/g, '')))).toContain('BR-FR-12');
  });

  it('catch an exemption reason on a UBL line (UBL-CR-600/601), a credit note stated negative, and BuyerReference holding the number', async () => {
    const franchise: InvoiceDocument = { ...sampleInvoice, treatment: 'franchise', vatMention: 'TVA non applicable, art. 293 B du CGI' };
    const e = { ...franchise, lines: franchise.lines.map((l) => ({ ...l, vatRateBps: 0 })), vat: [{ rateBps: 0, baseCents: franchise.netCents, vatCents: 0 }], vatCents: 0, totalCents: franchise.netCents };
    const ubl = renderUbl(e);
    expect(checkUbl(ubl)).toEqual([]);
    const onLine = ubl.replace(/(<cac:ClassifiedTaxCategory>\s*<cbc:ID>E<\/cbc:ID>\s*<cbc:Percent>0.00<\/cbc:Percent>)/, '$1<cbc:TaxExemptionReasonCode>VATEX-FR-FRANCHISE</cbc:TaxExemptionReasonCode><cbc:TaxExemptionReason>x</cbc:TaxExemptionReason>');
    expect(rules(checkUbl(onLine))).toEqual(['UBL-CR-600', 'UBL-CR-601']);
    const negative = renderUbl(credit).replace(/<cbc:PayableAmount currencyID="EUR">/, '<cbc:PayableAmount currencyID="EUR">-');
    expect(rules(checkUbl(negative))).toContain('RELAIS-CREDIT-SIGN');
    const own = ubl.replace('<cbc:DocumentCurrencyCode>', `<cbc:BuyerReference>${e.number}</cbc:BuyerReference><cbc:DocumentCurrencyCode>`);
    expect(rules(checkUbl(own))).toContain('RELAIS-BT-10');
  });

  it('catch a VAT identifier outside the scope of VAT (BR-O-02) and a reverse charge without the buyer VAT number (BR-AE-02)', async () => {
    const outside: InvoiceDocument = { ...sampleInvoice, treatment: 'outside_scope', vatMention: 'x', lines: sampleInvoice.lines.map((l) => ({ ...l, vatRateBps: 0 })), vat: [{ rateBps: 0, baseCents: sampleInvoice.netCents, vatCents: 0 }], vatCents: 0, totalCents: sampleInvoice.netCents };
    const cii = await renderCii(outside);
    expect(checkCii(cii)).toEqual([]);
    expect(rules(checkCii(cii.replace('<ram:ID schemeID="FC">', '<ram:ID schemeID="VA">')))).toContain('BR-O-02');
    const reverse: InvoiceDocument = { ...outside, treatment: 'reverse_charge', buyer: { ...outside.buyer, vatNumber: null, siren: null } };
    expect(rules(checkCii(await renderCii(reverse)))).toContain('BR-AE-02');
  });
});
