import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { createMission, expectError, issueInvoice, submitCra } from '../api/support';
import { checkedDocuments, getBytes, pdfAttachments, pdfFonts, pdfText, renderPng, xmlValue, xmlValues, validateFacturX } from './support';

/**
 * E-invoicing cases through the real app (issue 16): negative correction lines and the
 * credit note of such an invoice, expenses at several rates, a renewal within a month, the
 * EU reverse charge, a client outside the EU, a franchise invoice crossing the VAT
 * threshold, and issuing refused while a mandatory mention is missing. Every document
 * fetched goes through the EN 16931 rules (support.ts `getBytes`) and the Factur-X XSD.
 */

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ start: '2026-05-20T09:00:00Z' });
});
afterAll(() => api.close());

const bank = { iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' };
const address = { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', country: 'FR' };
const company = { legalName: 'Studio Martin', legalForm: 'sasu', vatRegime: 'standard', vatNumber: 'FR40732829320', siret: '73282932000074', shareCapitalCents: 1_000_000, rcs: 'RCS Lyon 732 829 320', address, ...bank };
const flat = (s: string) => s.replace(/[ \t\u00a0]+/g, ' ');

async function setProfile(token: string, body: Record<string, unknown>) {
  const res = await api.request('PUT', '/v1/profile', { token, body });
  expect(res.status, res.text).toBe(200);
}
const text = async (path: string, token: string) => new TextDecoder().decode((await getBytes(api, path, token)).bytes);
/** All three documents of an invoice, each checked on the way (rules, and the XSD for the CII). */
async function documents(id: string, token: string, name: string) {
  const pdf = await getBytes(api, `/v1/invoices/${id}/pdf`, token);
  expect(pdf.status).toBe(200);
  renderPng(pdf.bytes, name);
  const cii = pdfAttachments(pdf.bytes).facturX;
  expect((await validateFacturX(cii)).messages).toEqual([]);
  const ubl = await getBytes(api, `/v1/invoices/${id}/ubl`, token);
  expect(ubl.status, new TextDecoder().decode(ubl.bytes)).toBe(200);
  return { pdf: flat(pdfText(pdf.bytes)), cii, ubl: new TextDecoder().decode(ubl.bytes) };
}

describe('a month with a negative correction and expenses at several rates, then its credit note', () => {
  let token: string;
  let invoice: any;
  let creditNote: any;
  beforeAll(async () => {
    token = await api.signIn('corrections@example.fr');
    await setProfile(token, company);
    const missionId = await createMission(api, token, {
      portal: 'direct', plan: undefined, vatRateBps: 2000, clientSiren: '552100554', reference: 'BDC-2026-117',
      title: 'Refonte du SI', serviceDescription: 'Développement back-end',
    });
    await submitCra(api, token, missionId, '2026-04', { '2026-04-06': 1, '2026-04-07': 1, '2026-04-08': 1, '2026-04-09': 1, '2026-04-10': 1, '2026-04-13': 1 }, [
      { kind: 'correction', label: 'Jour facturé deux fois', amountCents: -65_000, vatRateBps: 2000, correctsMonth: '2026-03' },
      { kind: 'expense', label: 'Train Lyon–Paris', amountCents: 12_345, vatRateBps: 1000, receiptRef: 'SNCF-1' },
      { kind: 'expense', label: 'Repas', amountCents: 2_999, vatRateBps: 550 },
      { kind: 'expense', label: 'Timbres', amountCents: 1_000, vatRateBps: 0 },
    ]);
    const res = await api.request('POST', `/v1/missions/${missionId}/cras/2026-04/validate`, { token, body: { validatedOn: '2026-05-04' } });
    expect(res.status, res.text).toBe(201);
    invoice = res.json.invoice;
    const cancel = await api.request('POST', `/v1/invoices/${invoice.id}/cancel`, { token });
    expect(cancel.status, cancel.text).toBe(201);
    creditNote = cancel.json.creditNote;
  });

  it('keeps the sign on the quantity, never on the price (BR-27), and the lines add up to the totals (BR-CO-10, BR-S-08)', async () => {
    const { pdf, cii, ubl } = await documents(invoice.id, token, 'invoice-correction');
    // 6 days × 650 − 650 + 123.45 + 29.99 + 10.00 = 3 413.44 HT
    expect(invoice.netCents).toBe(341_344);
    expect(xmlValues(cii, 'ram:ChargeAmount').every((p) => !p.startsWith('-'))).toBe(true);
    expect(cii).toMatch(/<ram:BilledQuantity unitCode="C62">-1<\/ram:BilledQuantity>/);
    expect(xmlValues(cii, 'ram:LineTotalAmount')).toContain('-650.00');
    expect(xmlValue(cii, 'ram:TaxBasisTotalAmount')).toBe('3413.44');
    expect(ubl).toContain('<cbc:InvoicedQuantity unitCode="C62">-1</cbc:InvoicedQuantity>');
    expect(ubl).toMatch(/<cbc:LineExtensionAmount currencyID="EUR">-650.00<\/cbc:LineExtensionAmount>/);
    expect(xmlValues(ubl, 'cbc:PriceAmount').every((p) => !p.startsWith('-'))).toBe(true);
    // VAT per rate: 20 % on 3 250.00, 10 % on 123.45, 5.5 % on 29.99, and the 0 % expense as a disbursement (E).
    expect(pdf).toContain('TVA 20 % sur 3 250,00 € 650,00 €');
    expect(pdf).toContain('TVA 10 % sur 123,45 € 12,35 €');
    expect(pdf).toContain('TVA 5,5 % sur 29,99 € 1,65 €');
    expect(pdf).toContain('Débours hors TVA : 10,00 €');
    expect(pdf).toMatch(/Correction mars 2026 : Jour facturé deux fois\s+-1\s+unité\s+650,00 €\s+20 %\s+-650,00 €/);
    expect(xmlValues(cii, 'ram:CategoryCode')).toContain('E');
    expect(xmlValues(cii, 'ram:ExemptionReasonCode')).toEqual(['VATEX-EU-79-C']);
  });

  it('labels the line with the service, shows the purchase order (BT-13) and no BuyerReference holding the invoice number', async () => {
    const { pdf, cii, ubl } = await documents(invoice.id, token, 'invoice-correction');
    expect(pdf).toMatch(/Prestation Développement back-end – avril 2026\s+6\s+jours/);
    expect(pdf).toContain('VOTRE BON DE COMMANDE');
    expect(pdf).toContain('N° BDC-2026-117');
    expect(pdf).toContain('ACME SA');
    expect(pdf).not.toContain('Prestation ACME');
    expect(cii).toMatch(/<ram:BuyerOrderReferencedDocument>\s*<ram:IssuerAssignedID>BDC-2026-117<\/ram:IssuerAssignedID>/);
    expect(cii).not.toContain('<ram:BuyerReference>');
    expect(ubl).not.toContain('<cbc:BuyerReference>');
    // BT-49: the French client's SIREN under 0225; structured address from the mission.
    expect(cii).toContain('<ram:URIID schemeID="0225">552100554</ram:URIID>');
    expect(ubl).toContain('<cbc:EndpointID schemeID="0225">552100554</cbc:EndpointID>');
    expect(cii).toContain('<ram:PostcodeCode>75011</ram:PostcodeCode>');
    expect(cii).toContain('<ram:CityName>Paris</ram:CityName>');
  });

  it('writes penalties, indemnity and discount as separate notes (BR-FR-05) and no empty delivery', async () => {
    const { cii, ubl } = await documents(invoice.id, token, 'invoice-correction');
    const notes = [...cii.matchAll(/<ram:IncludedNote>\s*<ram:Content>([^<]*)<\/ram:Content>\s*<ram:SubjectCode>([A-Z]+)<\/ram:SubjectCode>/g)].map((m) => [m[2], m[1]]);
    expect(notes.map(([code]) => code)).toEqual(['PMD', 'PMT', 'AAB', 'AAI']);
    expect(notes[0]![1]).toContain('Pénalités de retard : 10 % par an');
    expect(notes[1]![1]).toContain('Indemnité forfaitaire pour frais de recouvrement : 40 €');
    expect(notes[2]![1]).toBe('Pas d&apos;escompte pour paiement anticipé.');
    expect(cii).toMatch(/<ram:ApplicableHeaderTradeDelivery>\s*<ram:ActualDeliverySupplyChainEvent>/);
    // Peppol UBL: one document note (PEPPOL-EN16931-R002) holding the same mentions.
    const ublNotes = xmlValues(ubl, 'cbc:Note').filter((n) => !n.startsWith('À payer'));
    expect(ublNotes).toHaveLength(1);
    expect(ublNotes[0]).toMatch(/^Pénalités de retard : 10 % par an.*Indemnité forfaitaire .*40 €.*Pas d'escompte/);
  });

  it('mirrors every line in the credit note: the −650 line stays negative, the total credited is the invoice total', async () => {
    expect(creditNote.totalCents).toBe(-invoice.totalCents);
    const { pdf, cii, ubl } = await documents(creditNote.id, token, 'credit-note-correction');
    expect(xmlValue(cii, 'ram:TypeCode')).toBe('381');
    expect(cii).toMatch(/<ram:BilledQuantity unitCode="DAY">6<\/ram:BilledQuantity>/);
    expect(cii).toMatch(/<ram:BilledQuantity unitCode="C62">-1<\/ram:BilledQuantity>/);
    expect(xmlValues(cii, 'ram:LineTotalAmount')).toEqual(expect.arrayContaining(['3900.00', '-650.00']));
    expect(xmlValue(cii, 'ram:GrandTotalAmount')).toBe((invoice.totalCents / 100).toFixed(2));
    expect(ubl).toMatch(/^<\?xml[^>]*>\n<CreditNote /);
    expect(ubl).toContain('<cbc:CreditedQuantity unitCode="C62">-1</cbc:CreditedQuantity>');
    expect(xmlValue(ubl, 'cbc:PayableAmount')).toBe((invoice.totalCents / 100).toFixed(2));
    expect(pdf).toMatch(/Correction mars 2026 : Jour facturé deux fois\s+-1\s+unité\s+650,00 €\s+20 %\s+-650,00 €/);
    expect(pdf).toMatch(/Prestation Développement back-end – avril 2026\s+6\s+jours\s+650,00 €\s+20 %\s+3 900,00 €/);
    expect(pdf).toContain(`Total TTC crédité ${(invoice.totalCents / 100).toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/, ' ')} €`);
  });

  it('embeds fonts whose descriptors carry CapHeight and every other required key', async () => {
    const { bytes } = await getBytes(api, `/v1/invoices/${invoice.id}/pdf`, token);
    const { PDFDocument, PDFDict, PDFName, PDFRawStream } = await import('pdf-lib');
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const descriptors = doc.context.enumerateIndirectObjects().map(([, o]) => o).filter((o) => o instanceof PDFDict && String(o.get(PDFName.of('Type'))) === '/FontDescriptor') as import('pdf-lib').PDFDict[];
    expect(descriptors).toHaveLength(2);
    for (const d of descriptors) {
      for (const key of ['FontName', 'Flags', 'FontBBox', 'ItalicAngle', 'Ascent', 'Descent', 'CapHeight', 'StemV', 'FontFile2']) {
        expect(d.get(PDFName.of(key)), key).toBeDefined();
      }
      expect(Number(String(d.get(PDFName.of('CapHeight'))))).toBeGreaterThan(600);
    }
    expect(PDFRawStream).toBeDefined();
    expect(pdfFonts(bytes)).toMatch(/RelaisSans/);
  });
});

describe('a renewal within the month', () => {
  it('prices each part at its order and names the order in force', async () => {
    const token = await api.signIn('renewal-docs@example.fr');
    await setProfile(token, company);
    const missionId = await createMission(api, token, { portal: 'direct', plan: undefined, vatRateBps: 2000, clientSiren: '552100554', startsOn: '2026-01-05', endsOn: '2026-04-08', reference: 'BDC-1' });
    const renewal = await api.request('POST', `/v1/missions/${missionId}/renewals`, { token, body: { startsOn: '2026-04-09', endsOn: '2026-12-31', dailyRateCents: 70_000, budgetDays: 100, reference: 'BDC-2' } });
    expect(renewal.status, renewal.text).toBe(201);
    const invoice = await issueInvoice(api, token, missionId, '2026-04', { '2026-04-07': 1, '2026-04-08': 1, '2026-04-09': 1 }, '2026-05-04');
    const { pdf, cii } = await documents(invoice.id, token, 'invoice-renewal');
    expect(invoice.netCents).toBe(2 * 65_000 + 70_000);
    expect(xmlValues(cii, 'ram:ChargeAmount')).toEqual(['650.00', '700.00']);
    expect(pdf).toContain('N° BDC-2');
  });
});

describe('EU reverse charge: a French VAT-registered freelancer and a Belgian business', () => {
  let token: string;
  let invoice: any;
  beforeAll(async () => {
    token = await api.signIn('reverse@example.fr');
    await setProfile(token, company);
  });

  it('refuses to issue without the client VAT number, naming the mission field', async () => {
    const missionId = await createMission(api, token, { portal: 'direct', plan: undefined, clientCountry: 'BE', clientName: 'Brussels SRL', clientSiren: '0123.456.749', clientAddressLine: 'Rue Haute 1', clientPostcode: '1000', clientCity: 'Bruxelles', reference: 'PO-9' });
    await submitCra(api, token, missionId, '2026-04', { '2026-04-06': 1 });
    const res = await api.request('POST', `/v1/missions/${missionId}/cras/2026-04/validate`, { token, body: { validatedOn: '2026-05-04' } });
    expectError(res, 422, 'mandatory_mentions_missing');
    expect(res.json.error.issues).toEqual([expect.objectContaining({ path: 'mission.clientVatNumber', message: expect.any(String) })]);
    expect((await api.request('GET', `/v1/missions/${missionId}/cras/2026-04`, { token })).json.state).toBe('submitted');
    const patched = await api.request('PATCH', `/v1/missions/${missionId}`, { token, body: { clientVatNumber: 'be 0123.456.749' } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json.clientVatNumber).toBe('BE0123456749');
    const ok = await api.request('POST', `/v1/missions/${missionId}/cras/2026-04/validate`, { token, body: { validatedOn: '2026-05-04' } });
    expect(ok.status, ok.text).toBe(201);
    invoice = ok.json.invoice;
  });

  it('charges no French VAT: category AE, both VAT numbers, "Autoliquidation" in CII, UBL and PDF', async () => {
    expect(invoice.vatCents).toBe(0);
    expect(invoice.totalCents).toBe(65_000);
    const { pdf, cii, ubl } = await documents(invoice.id, token, 'invoice-reverse-charge');
    expect(xmlValues(cii, 'ram:CategoryCode')).toEqual(['AE', 'AE']);
    expect(xmlValue(cii, 'ram:ExemptionReasonCode')).toBe('VATEX-EU-AE');
    expect(xmlValue(cii, 'ram:ExemptionReason')).toContain('Autoliquidation');
    expect(cii).toContain('<ram:ID schemeID="VA">FR40732829320</ram:ID>');
    expect(cii).toContain('<ram:ID schemeID="VA">BE0123456749</ram:ID>');
    expect(ubl).toContain('<cbc:CompanyID>BE0123456749</cbc:CompanyID>');
    expect(ubl).toContain('<cbc:EndpointID schemeID="0208">0123456749</cbc:EndpointID>');
    expect(xmlValues(ubl, 'cbc:TaxExemptionReasonCode')).toEqual(['VATEX-EU-AE']);
    expect(pdf).toContain('Autoliquidation');
    expect(pdf).toContain('directive 2006/112/CE');
    expect(pdf).toContain('N° TVA : BE0123456749');
    expect(pdf).toContain('N° TVA intracommunautaire : FR40732829320');
    expect(pdf).toContain('Total TTC 650,00 €');
    expect(pdf).not.toContain('TVA 20 %');
  });

  it('mirrors the reverse charge in the credit note', async () => {
    const cancel = await api.request('POST', `/v1/invoices/${invoice.id}/cancel`, { token });
    expect(cancel.status, cancel.text).toBe(201);
    const { cii, pdf } = await documents(cancel.json.creditNote.id, token, 'credit-note-reverse-charge');
    expect(xmlValues(cii, 'ram:CategoryCode')).toEqual(['AE', 'AE']);
    expect(pdf).toContain('Autoliquidation');
  });
});

describe('a client outside the EU', () => {
  it('charges no VAT (category O), with no VAT identifier in the XML', async () => {
    const token = await api.signIn('swiss@example.fr');
    await setProfile(token, company);
    const missionId = await createMission(api, token, { portal: 'direct', plan: undefined, clientCountry: 'CH', clientName: 'Genève SA', clientAddressLine: 'Rue du Rhône 1', clientPostcode: '1204', clientCity: 'Genève', clientElectronicAddress: 'CHE123456789', clientElectronicAddressScheme: '0183', reference: 'CH-1' });
    const invoice = await issueInvoice(api, token, missionId, '2026-04', { '2026-04-06': 1 }, '2026-05-04');
    expect(invoice.vatCents).toBe(0);
    const { cii, ubl, pdf } = await documents(invoice.id, token, 'invoice-outside-eu');
    expect(xmlValues(cii, 'ram:CategoryCode')).toEqual(['O', 'O']);
    expect(cii).not.toContain('schemeID="VA"');
    expect(ubl).toContain('<cbc:EndpointID schemeID="0183">CHE123456789</cbc:EndpointID>');
    expectError(await api.request('PATCH', `/v1/missions/${missionId}`, { token, body: { clientElectronicAddressScheme: 'EM' } }), 422, 'validation_failed');
    expect(pdf).toContain('art. 259-1 du CGI');
    expect(pdf).toContain('Suisse');
  });
});

describe('a franchise invoice that crosses the higher VAT threshold', () => {
  it('refuses to charge VAT without the seller VAT number (BR-S-02), then charges it once the number is given', async () => {
    const token = await api.signIn('crossing@example.fr');
    const missionId = await createMission(api, token, { portal: 'direct', plan: undefined, dailyRateCents: 2_100_000, clientSiren: '552100554', reference: 'BDC-X' });
    await submitCra(api, token, missionId, '2026-04', { '2026-04-06': 1, '2026-04-07': 1 });
    const path = `/v1/missions/${missionId}/cras/2026-04/validate`;
    const refused = await api.request('POST', path, { token, body: { validatedOn: '2026-05-04', acknowledgeVatThreshold: true } });
    expectError(refused, 422, 'mandatory_mentions_missing');
    expect(refused.json.error.issues.map((i: any) => i.path)).toEqual(['profile.vatNumber']);
    const profile = (await api.request('GET', '/v1/profile', { token })).json;
    await setProfile(token, { legalName: profile.legalName, legalForm: 'ei', vatRegime: 'franchise', siret: profile.siret, address: profile.address, vatNumber: 'FR40732829320' });
    const issued = await api.request('POST', path, { token, body: { validatedOn: '2026-05-04', acknowledgeVatThreshold: true } });
    expect(issued.status, issued.text).toBe(201);
    expect(issued.json.invoice.vatCents).toBe(840_000);
    const { cii, pdf } = await documents(issued.json.invoice.id, token, 'invoice-threshold-crossed');
    expect(cii).toContain('<ram:ID schemeID="VA">FR40732829320</ram:ID>');
    expect(xmlValue(cii, 'ram:CategoryCode')).toBe('S');
    expect(pdf).toContain('N° TVA intracommunautaire : FR40732829320');
    expect(pdf).not.toContain('293 B');
  });
});

describe('issuing an incomplete invoice', () => {
  it('is refused with each missing mention and the field that supplies it; the CRA stays submitted', async () => {
    const token = await api.signIn('incomplete@example.fr', { profile: false });
    const missionId = await createMission(api, token, { portal: 'direct', plan: undefined, clientAddressLine: null, clientPostcode: null, clientCity: null });
    await submitCra(api, token, missionId, '2026-04', { '2026-04-06': 1 });
    const res = await api.request('POST', `/v1/missions/${missionId}/cras/2026-04/validate`, { token, body: { validatedOn: '2026-05-04' } });
    expectError(res, 422, 'mandatory_mentions_missing');
    expect(res.json.error.issues.map((i: any) => i.path)).toEqual([
      'profile.legalName', 'profile.address.line1', 'profile.address.postalCode', 'profile.address.city', 'profile.siret',
      'mission.clientAddressLine', 'mission.clientPostcode', 'mission.clientCity',
    ]);
    expect(res.json.error.issues.every((i: any) => typeof i.message === 'string' && i.message.length > 10)).toBe(true);
    expect((await api.request('GET', '/v1/invoices', { token })).json.invoices).toEqual([]);
    expect((await api.request('GET', `/v1/missions/${missionId}/cras/2026-04`, { token })).json.state).toBe('submitted');
  });

  it('asks a company for its share capital and RCS', async () => {
    const token = await api.signIn('incomplete-company@example.fr');
    await setProfile(token, { ...company, shareCapitalCents: null, rcs: null });
    const missionId = await createMission(api, token, { portal: 'direct', plan: undefined, vatRateBps: 2000 });
    await submitCra(api, token, missionId, '2026-04', { '2026-04-06': 1 });
    const res = await api.request('POST', `/v1/missions/${missionId}/cras/2026-04/validate`, { token, body: { validatedOn: '2026-05-04' } });
    expectError(res, 422, 'mandatory_mentions_missing');
    expect(res.json.error.issues.map((i: any) => i.path)).toEqual(['profile.shareCapitalCents', 'profile.rcs']);
  });
});

describe('every document of this file', () => {
  it('went through the EN 16931 rules with no failure', () => {
    expect(checkedDocuments.length).toBeGreaterThan(15);
    expect(checkedDocuments.filter((d) => d.failures.length > 0)).toEqual([]);
    expect(new Set(checkedDocuments.map((d) => d.syntax))).toEqual(new Set(['cii', 'ubl']));
  });
});
