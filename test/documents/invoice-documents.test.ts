import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { createMission, expectError, issueInvoice } from '../api/support';
import { getBytes, pdfAttachments, pdfFonts, pdfText, renderPng, validateFacturX, xmlValue, xmlValues } from './support';

/**
 * Invoice documents through the real app: the PDF/A-3 Factur-X file read back with poppler
 * (every mandatory mention of DOMAIN.md "Invoices"), its embedded EN 16931 CII validated
 * against the Factur-X XSD, and the Peppol UBL.
 */

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ start: '2026-05-20T09:00:00Z' });
});
afterAll(() => api.close());

const bank = { iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' };
const address = { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', country: 'FR' };
/** A client address in the older free-text field only (the structured fields cleared), as missions made before them. */
const legacyAddress = (text: string) => ({ clientAddress: text, clientAddressLine: null, clientPostcode: null, clientCity: null });
/** A direct client: the freelancer's own invoice (a LittleBIG auto month is the portal's invoice). */
const client = { portal: 'direct', plan: undefined, clientName: 'ACME SA', clientSiren: '552100554', ...legacyAddress('1 avenue de la République\n75011 Paris') };

async function setProfile(token: string, body: Record<string, unknown>) {
  const res = await api.request('PUT', '/v1/profile', { token, body });
  expect(res.status, res.text).toBe(200);
}

/** Whitespace-normalised text, so a phrase matches whatever columns pdftotext laid it in. */
const flat = (s: string) => s.replace(/[ \t\u00a0]+/g, ' ');

function expectMentions(text: string, mentions: string[]) {
  const t = flat(text);
  for (const m of mentions) expect(t, `missing mention: ${m}`).toContain(m);
}

describe('a micro-entrepreneur under the VAT franchise', () => {
  let token: string;
  let invoice: any;
  let pdf: Uint8Array;
  beforeAll(async () => {
    token = await api.signIn('me-franchise@example.fr');
    await setProfile(token, { legalName: 'Claire Martin', legalForm: 'ei', vatRegime: 'franchise', siret: '73282932000074', address, ...bank });
    const missionId = await createMission(api, token, client);
    invoice = await issueInvoice(api, token, missionId, '2026-04', { '2026-04-06': 1, '2026-04-07': 1 }, '2026-05-04');
    const res = await getBytes(api, `/v1/invoices/${invoice.id}/pdf`, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('facture-2026-0001.pdf');
    pdf = res.bytes;
    renderPng(pdf, 'invoice-franchise');
  });

  it('prints every mandatory mention, with "EI" and the art. 293 B mention instead of VAT', () => {
    const text = pdfText(pdf);
    expectMentions(text, [
      'Claire Martin EI',
      '12 rue des Lilas',
      '69003 Lyon',
      'SIREN 732 829 320',
      'SIRET 732 829 320 00074',
      'FACTURE',
      'N° 2026-0001',
      "Date d'émission : 04/05/2026",
      "Date d'échéance : 03/06/2026",
      'ACME SA',
      '1 avenue de la République',
      '75011 Paris',
      'SIREN 552100554',
      'avril 2026 (du 01/04/2026 au 30/04/2026)',
      'Prestation de services',
      '650,00 €',
      'Total HT 1 300,00 €',
      'Total TTC 1 300,00 €',
      'TVA non applicable, art. 293 B du CGI',
      'au plus tard le 03/06/2026',
      'Pénalités de retard : 10 % par an',
      'Indemnité forfaitaire pour frais de recouvrement : 40 €',
      "Pas d'escompte pour paiement anticipé",
      'IBAN : FR76 3000 6000 0112 3456 7890 189',
      'BIC : AGRIFRPP',
    ]);
    // The line says what was done; the client's name is in the buyer block only.
    expect(flat(text)).toMatch(/Prestation de services – avril 2026\s+2\s+jours\s+650,00 €\s+–\s+1 300,00 €/);
    expect(flat(text)).not.toContain('Prestation ACME');
    expect(flat(text)).toContain('À payer au plus tard le 03/06/2026, par virement bancaire.');
    expect(flat(text)).not.toContain('Paiement à réception');
    expect(text).not.toContain('TVA intracommunautaire');
  });

  it('is a PDF/A-3B Factur-X: factur-x.xml attached as the Alternative, XMP with the Factur-X extension schema', async () => {
    const raw = Buffer.from(pdf).toString('latin1');
    const has = (needle: string) => expect(raw.includes(needle), needle).toBe(true);
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    has('<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>');
    has('<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>');
    has('<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>');
    has('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
    has('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Facture 2026-0001</rdf:li></rdf:Alt></dc:title>');
    // The catalog's structure, read back with pdf-lib (objects sit in compressed object streams).
    const { PDFDocument, PDFName, PDFArray, PDFDict, PDFStream } = await import('pdf-lib');
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const af = doc.catalog.lookup(PDFName.of('AF'), PDFArray);
    expect(af.size()).toBe(1);
    const spec = af.lookup(0, PDFDict);
    expect(String(spec.get(PDFName.of('AFRelationship')))).toBe('/Alternative');
    const file = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'), PDFStream);
    expect(String(file.dict.get(PDFName.of('Subtype')))).toBe('/text#2Fxml');
    const intent = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray).lookup(0, PDFDict);
    expect(String(intent.get(PDFName.of('S')))).toBe('/GTS_PDFA1');
    expect(doc.getTitle()).toBe('Facture 2026-0001');
    expect(doc.getProducer()).toContain('Relais');
    // No standard 14 fonts: every font is embedded (pdffonts' "emb" column).
    const fonts = pdfFonts(pdf);
    expect(fonts).toMatch(/RelaisSans/);
    const rows = fonts.split('\n').slice(2).filter(Boolean);
    expect(rows).toHaveLength(2);
    expect(rows.every((l) => /CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/.test(l))).toBe(true);
  });

  it('embeds the EN 16931 CII with the invoice totals, valid against the Factur-X XSD', async () => {
    const { names, facturX } = pdfAttachments(pdf);
    expect(names).toEqual(['factur-x.xml']);
    expect(xmlValue(facturX, 'ram:ID')).toBeDefined();
    expect(facturX).toContain('<ram:ID>urn:cen.eu:en16931:2017</ram:ID>');
    expect(xmlValue(facturX, 'rsm:ExchangedDocument>\\s*<ram:ID') ?? facturX).toContain('2026-0001');
    expect(xmlValue(facturX, 'ram:TypeCode')).toBe('380');
    expect(xmlValue(facturX, 'ram:LineTotalAmount')).toBe('1300.00');
    expect(xmlValue(facturX, 'ram:TaxBasisTotalAmount')).toBe('1300.00');
    expect(xmlValue(facturX, 'ram:TaxTotalAmount')).toBe('0.00');
    expect(xmlValue(facturX, 'ram:GrandTotalAmount')).toBe((invoice.totalCents / 100).toFixed(2));
    expect(xmlValue(facturX, 'ram:DuePayableAmount')).toBe('1300.00');
    expect(xmlValue(facturX, 'ram:CategoryCode')).toBe('E');
    expect(xmlValue(facturX, 'ram:ExemptionReasonCode')).toBe('VATEX-FR-FRANCHISE');
    expect(xmlValue(facturX, 'ram:ExemptionReason')).toBe('TVA non applicable, art. 293 B du CGI');
    expect(xmlValue(facturX, 'ram:IBANID')).toBe(bank.iban);
    const validation = await validateFacturX(facturX);
    expect(validation.messages).toEqual([]);
    expect(validation.valid).toBe(true);
    // The validator does refuse: a CII without its mandatory context and header is invalid.
    expect((await validateFacturX('<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"/>')).valid).toBe(false);
  });

  it('serves the same CII at /xml', async () => {
    const res = await getBytes(api, `/v1/invoices/${invoice.id}/xml`, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    const xml = new TextDecoder().decode(res.bytes);
    expect(xml).toBe(pdfAttachments(pdf).facturX);
  });

  it("answers 404 in the API's error shape for another user's invoice, in every format", async () => {
    const other = await api.signIn('me-other@example.fr');
    for (const format of ['pdf', 'xml', 'ubl']) {
      expectError(await api.request('GET', `/v1/invoices/${invoice.id}/${format}`, { token: other }), 404, 'not_found');
    }
    expectError(await api.request('GET', `/v1/invoices/nope/pdf`, { token }), 404, 'not_found');
    expect((await api.request('GET', `/v1/invoices/${invoice.id}/pdf`)).status).toBe(401);
  });
});

describe('a company charging VAT, then its credit note', () => {
  let token: string;
  let invoice: any;
  let creditNote: any;
  beforeAll(async () => {
    token = await api.signIn('sasu@example.fr');
    await setProfile(token, {
      legalName: 'Studio Martin',
      legalForm: 'sasu',
      vatRegime: 'standard',
      vatNumber: 'FR40732829320',
      siret: '73282932000074',
      shareCapitalCents: 1_000_000,
      rcs: 'RCS Lyon 732 829 320',
      address,
      ...bank,
    });
    const missionId = await createMission(api, token, { ...client, vatRateBps: 2000 });
    invoice = await issueInvoice(api, token, missionId, '2026-04', { '2026-04-06': 1, '2026-04-07': 1, '2026-04-08': 1 }, '2026-05-12');
    const res = await api.request('POST', `/v1/invoices/${invoice.id}/cancel`, { token });
    expect(res.status, res.text).toBe(201);
    creditNote = res.json.creditNote;
  });

  it('prints the legal form with its share capital, the RCS, the VAT number and VAT per rate', async () => {
    const { status, bytes } = await getBytes(api, `/v1/invoices/${invoice.id}/pdf`, token);
    expect(status).toBe(200);
    renderPng(bytes, 'invoice-company-vat');
    const text = pdfText(bytes);
    expectMentions(text, [
      'Studio Martin',
      'SASU au capital de 10 000,00 €',
      'RCS Lyon 732 829 320',
      'SIRET 732 829 320 00074',
      'N° TVA intracommunautaire : FR40732829320',
      'N° 2026-0001',
      "Date d'émission : 12/05/2026",
      'ACME SA',
      'SIREN 552100554',
      'avril 2026 (du 01/04/2026 au 30/04/2026)',
      'Prestation de services',
      '20 %',
      'Total HT 1 950,00 €',
      'TVA 20 % sur 1 950,00 € 390,00 €',
      'Total TTC 2 340,00 €',
      'Pénalités de retard : 10 % par an',
      'Indemnité forfaitaire pour frais de recouvrement : 40 €',
      "Pas d'escompte pour paiement anticipé",
      'IBAN : FR76 3000 6000 0112 3456 7890 189',
    ]);
    expect(text).not.toContain('Studio Martin EI');
    expect(text).not.toContain('293 B');
    const { facturX } = pdfAttachments(bytes);
    expect(xmlValue(facturX, 'ram:CategoryCode')).toBe('S');
    expect(xmlValue(facturX, 'ram:RateApplicablePercent')).toBe('20.00');
    expect(xmlValue(facturX, 'ram:TaxTotalAmount')).toBe('390.00');
    expect(xmlValue(facturX, 'ram:GrandTotalAmount')).toBe('2340.00');
    expect(facturX).toContain('<ram:ID schemeID="VA">FR40732829320</ram:ID>');
    expect((await validateFacturX(facturX)).valid).toBe(true);
  });

  it('prints the credit note as an AVOIR citing the cancelled invoice by number and date', async () => {
    const { status, headers, bytes } = await getBytes(api, `/v1/invoices/${creditNote.id}/pdf`, token);
    expect(status).toBe(200);
    expect(headers.get('content-disposition')).toContain('avoir-AV-2026-0001.pdf');
    renderPng(bytes, 'credit-note');
    const text = pdfText(bytes);
    expectMentions(text, [
      'AVOIR',
      'N° AV-2026-0001',
      "Date d'émission : 20/05/2026",
      'Avoir annulant la facture n° 2026-0001 du 12/05/2026',
      'Studio Martin',
      'SIRET 732 829 320 00074',
      'N° TVA intracommunautaire : FR40732829320',
      'ACME SA',
      'Total HT 1 950,00 €',
      'Total TTC crédité 2 340,00 €',
      'Pénalités de retard : 10 % par an',
      'Indemnité forfaitaire pour frais de recouvrement : 40 €',
      "Pas d'escompte pour paiement anticipé",
    ]);
    const { facturX } = pdfAttachments(bytes);
    expect(xmlValue(facturX, 'ram:TypeCode')).toBe('381');
    expect(facturX).toMatch(/<ram:InvoiceReferencedDocument>\s*<ram:IssuerAssignedID>2026-0001<\/ram:IssuerAssignedID>/);
    // A credit note's amounts are positive; its type code carries the sign.
    expect(xmlValue(facturX, 'ram:GrandTotalAmount')).toBe('2340.00');
    const validation = await validateFacturX(facturX);
    expect(validation.messages).toEqual([]);
  });
});

describe('UBL (Peppol BIS Billing 3.0) for a Belgian client', () => {
  it('carries the Peppol identifiers, the buyer endpoint and the invoice totals', async () => {
    const token = await api.signIn('ubl@example.fr');
    await setProfile(token, { legalName: 'Claire Martin', legalForm: 'ei', vatRegime: 'franchise', siret: '73282932000074', address, ...bank });
    const missionId = await createMission(api, token, { portal: 'direct', plan: undefined, clientCountry: 'BE', clientName: 'Brussels & Co <SRL>', clientSiren: '0123.456.749', ...legacyAddress('Rue Haute 1\n1000 Bruxelles'), reference: 'PO-778' });
    const invoice = await issueInvoice(api, token, missionId, '2026-04', { '2026-04-06': 1, '2026-04-07': 0.5 }, '2026-05-04');
    const res = await getBytes(api, `/v1/invoices/${invoice.id}/ubl`, token);
    expect(res.status).toBe(200);
    const xml = new TextDecoder().decode(res.bytes);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/);
    expect(xmlValue(xml, 'cbc:CustomizationID')).toBe('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0');
    expect(xmlValue(xml, 'cbc:ProfileID')).toBe('urn:fdc:peppol.eu:2017:poacc:billing:01:1.0');
    expect(xmlValue(xml, 'cbc:ID')).toBe('2026-0001');
    expect(xmlValue(xml, 'cbc:InvoiceTypeCode')).toBe('380');
    expect(xml).toContain('<cbc:EndpointID schemeID="0208">0123456749</cbc:EndpointID>');
    expect(xml).toContain('<cbc:EndpointID schemeID="0009">73282932000074</cbc:EndpointID>');
    expect(xml).toContain('<cbc:Name>Brussels &amp; Co &lt;SRL&gt;</cbc:Name>');
    const total = (invoice.totalCents / 100).toFixed(2);
    expect(xmlValue(xml, 'cbc:PayableAmount')).toBe(total);
    expect(xmlValue(xml, 'cbc:TaxInclusiveAmount')).toBe(total);
    expect(xmlValue(xml, 'cbc:LineExtensionAmount')).toBe((invoice.netCents / 100).toFixed(2));
    // UBL-CR-600/601: the exemption reason once, in the VAT breakdown, not on the line.
    expect(xmlValues(xml, 'cbc:TaxExemptionReasonCode')).toEqual(['VATEX-FR-FRANCHISE']);
    expect(xml).toContain('<cbc:PostalZone>1000</cbc:PostalZone>');
    expect(xml).toContain('<cbc:CityName>Bruxelles</cbc:CityName>');
    expect(xml).not.toContain('<cbc:BuyerReference>');
    expect(xml).toMatch(/<cac:OrderReference>\s*<cbc:ID>PO-778<\/cbc:ID>/);
    // The UBL 2.1 sequence: notes, parties, delivery, then payment, then totals, then lines.
    const order = ['cbc:CustomizationID', 'cbc:ProfileID', 'cbc:ID', 'cbc:IssueDate', 'cbc:DueDate', 'cbc:InvoiceTypeCode', 'cbc:Note', 'cbc:DocumentCurrencyCode', 'cac:InvoicePeriod', 'cac:OrderReference', 'cac:AccountingSupplierParty', 'cac:AccountingCustomerParty', 'cac:Delivery', 'cac:PaymentMeans', 'cac:PaymentTerms', 'cac:TaxTotal', 'cac:LegalMonetaryTotal', 'cac:InvoiceLine'];
    const positions = order.map((tag) => xml.indexOf(`<${tag}`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('prints the buyer frozen at issue: editing the mission afterwards changes no issued invoice', async () => {
    const token = await api.signIn('ubl-frozen@example.fr');
    await setProfile(token, { legalName: 'Claire Martin', legalForm: 'ei', vatRegime: 'franchise', siret: '73282932000074', address, ...bank });
    const missionId = await createMission(api, token, { portal: 'direct', plan: undefined, clientCountry: 'BE', clientName: 'Brussels SRL', clientSiren: '0123.456.749', ...legacyAddress('Rue Haute 1\n1000 Bruxelles'), reference: 'PO-778' });
    const invoice = await issueInvoice(api, token, missionId, '2026-04', { '2026-04-06': 1 }, '2026-05-04');
    const before = new TextDecoder().decode((await getBytes(api, `/v1/invoices/${invoice.id}/ubl`, token)).bytes);
    expect(before).toContain('<cbc:IdentificationCode>BE</cbc:IdentificationCode>');
    const patched = await api.request('PATCH', `/v1/missions/${missionId}`, { token, body: { clientName: 'Renamed SA', clientCountry: 'FR', clientAddress: '1 rue de Paris\n75001 Paris' } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json.clientCountry).toBe('FR');
    const after = new TextDecoder().decode((await getBytes(api, `/v1/invoices/${invoice.id}/ubl`, token)).bytes);
    expect(after).toBe(before);
  });

  it('refuses (422) without the client registration number Peppol routes on', async () => {
    const token = await api.signIn('ubl-nosiren@example.fr');
    const missionId = await createMission(api, token, { portal: 'direct', plan: undefined, clientName: 'No id client' });
    const invoice = await issueInvoice(api, token, missionId, '2026-04', { '2026-04-06': 1 }, '2026-05-04');
    expectError(await api.request('GET', `/v1/invoices/${invoice.id}/ubl`, { token }), 422, 'buyer_identifier_missing');
  });
});
