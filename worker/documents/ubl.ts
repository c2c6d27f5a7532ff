import type { VatCategory } from '../../shared/invoice/vat-treatment';
import { paymentTermsMention } from '../../shared/invoice/mentions';
import { printedLines, printedTotals, printedVat } from './amounts';
import { dateFr, decimal, monthBounds, percent } from './format-fr';
import { sellerDisplayName } from './layout';
import { documentNotes } from './notes';
import type { InvoiceDocument } from './types';

/**
 * UBL 2.1 Invoice / CreditNote following Peppol BIS Billing 3.0 (what Belgian buyers
 * receive through Peppol, mandatory B2B in Belgium since 2026-01-01).
 *
 * No maintained UBL library runs on Workers (`@e-invoice-eu/core` needs Node built-ins and
 * is not installed), so this is a small typed element tree: each element is written in
 * the order the UBL 2.1 XSD sequence requires, text is escaped in one place, and the
 * tests check the Peppol identifiers, the totals and the element order.
 */

type Child = Node | null | undefined | false | '';
type Node = { name: string; attrs?: Record<string, string>; children?: Child[]; text?: string };

const el = (name: string, content?: string | Child[], attrs?: Record<string, string>): Node =>
  typeof content === 'string' ? { name, attrs, text: content } : { name, attrs, children: content ?? [] };

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function serialize(node: Node, depth = 0): string {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs ?? {}).map(([k, v]) => ` ${k}="${escape(v)}"`).join('');
  if (node.text !== undefined) return `${pad}<${node.name}${attrs}>${escape(node.text)}</${node.name}>`;
  const kids = (node.children ?? []).filter((c): c is Node => !!c);
  if (kids.length === 0) return `${pad}<${node.name}${attrs}/>`;
  return `${pad}<${node.name}${attrs}>\n${kids.map((k) => serialize(k, depth + 1)).join('\n')}\n${pad}</${node.name}>`;
}

export const PEPPOL_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PEPPOL_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

/** Peppol electronic address scheme (EAS) of a buyer's registration number. */
export function buyerScheme(country: string): string {
  return country === 'BE' ? '0208' : '0002'; // Belgian enterprise number (KBO/BCE); French SIREN.
}

/**
 * Renders the UBL document. The caller ensures the buyer has an electronic address (the
 * Peppol endpoint) and that a buyer reference or purchase order reference exists (PEPPOL-EN16931-R003).
 */
export function renderUbl(doc: InvoiceDocument): string {
  const credit = doc.kind === 'credit_note';
  const s = doc.seller;
  const money = (name: string, cents: number) => el(name, decimal(cents), { currencyID: 'EUR' });
  const siren = s.siret?.slice(0, 9);
  const period = doc.serviceMonth ? monthBounds(doc.serviceMonth) : null;
  const totals = printedTotals(doc);
  // BR-O-02: outside the scope of VAT, no VAT identifier; the SIREN is the seller's tax registration (BR-E-02).
  const sellerVat = (doc.treatment === 'standard' || doc.treatment === 'reverse_charge') && s.vatNumber;
  const buyerVat = doc.treatment !== 'outside_scope' && doc.buyer.vatNumber;
  const percentOf = (c: VatCategory, rateBps: number) => c.code !== 'O' && el('cbc:Percent', percent(c.code === 'S' ? rateBps : 0));
  // UBL-CR-600/601: the exemption reason is stated in the VAT breakdown only, never on lines.
  const breakdownCategory = (c: VatCategory, rateBps: number) => [
    el('cbc:ID', c.code),
    percentOf(c, rateBps),
    c.reasonCode && el('cbc:TaxExemptionReasonCode', c.reasonCode),
    c.reason && el('cbc:TaxExemptionReason', c.reason),
    el('cac:TaxScheme', [el('cbc:ID', 'VAT')]),
  ];
  const lineCategory = (c: VatCategory, rateBps: number) => [el('cbc:ID', c.code), percentOf(c, rateBps), el('cac:TaxScheme', [el('cbc:ID', 'VAT')])];
  const address = doc.buyer.address;
  const endpoint = doc.buyer.electronicAddress;
  const delivered = period && period.end < doc.issuedOn ? period.end : doc.issuedOn;

  const root = credit ? 'CreditNote' : 'Invoice';
  const tree = el(
    root,
    [
      el('cbc:CustomizationID', PEPPOL_CUSTOMIZATION_ID),
      el('cbc:ProfileID', PEPPOL_PROFILE_ID),
      el('cbc:ID', doc.number),
      el('cbc:IssueDate', doc.issuedOn),
      !credit && el('cbc:DueDate', doc.dueOn),
      el(credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode', credit ? '381' : '380'),
      // Peppol allows one document note (PEPPOL-EN16931-R002): the legal mentions in one, in
      // the order of the CII's separate notes (BR-FR-05 applies to the Factur-X CII).
      el('cbc:Note', documentNotes(doc).map((n) => n.text).join(' ')),
      el('cbc:DocumentCurrencyCode', 'EUR'),
      period && el('cac:InvoicePeriod', [el('cbc:StartDate', period.start), el('cbc:EndDate', period.end)]),
      doc.purchaseOrderRef && el('cac:OrderReference', [el('cbc:ID', doc.purchaseOrderRef)]),
      doc.cancels && el('cac:BillingReference', [el('cac:InvoiceDocumentReference', [el('cbc:ID', doc.cancels.number), el('cbc:IssueDate', doc.cancels.issuedOn)])]),
      el('cac:AccountingSupplierParty', [
        el('cac:Party', [
          s.siret && el('cbc:EndpointID', s.siret, { schemeID: '0009' }),
          el('cac:PartyName', [el('cbc:Name', sellerDisplayName(s))]),
          el('cac:PostalAddress', [
            s.address && el('cbc:StreetName', s.address.line1),
            s.address && el('cbc:CityName', s.address.city),
            s.address && el('cbc:PostalZone', s.address.postalCode),
            el('cac:Country', [el('cbc:IdentificationCode', s.address?.country ?? 'FR')]),
          ]),
          sellerVat && el('cac:PartyTaxScheme', [el('cbc:CompanyID', s.vatNumber!), el('cac:TaxScheme', [el('cbc:ID', 'VAT')])]),
          !sellerVat && siren && el('cac:PartyTaxScheme', [el('cbc:CompanyID', siren), el('cac:TaxScheme', [el('cbc:ID', 'FC')])]),
          el('cac:PartyLegalEntity', [
            el('cbc:RegistrationName', s.legalName),
            siren && el('cbc:CompanyID', siren, { schemeID: '0002' }),
            s.legalForm === 'eurl' || s.legalForm === 'sasu'
              ? el('cbc:CompanyLegalForm', `${s.legalForm.toUpperCase()}${s.shareCapitalCents !== null ? `, capital ${decimal(s.shareCapitalCents)} EUR` : ''}${s.rcs ? `, ${s.rcs}` : ''}`)
              : s.legalForm === 'ei' && el('cbc:CompanyLegalForm', 'Entrepreneur individuel (EI)'),
          ]),
        ]),
      ]),
      el('cac:AccountingCustomerParty', [
        el('cac:Party', [
          endpoint && el('cbc:EndpointID', endpoint.value, { schemeID: endpoint.scheme }),
          el('cac:PartyName', [el('cbc:Name', doc.buyer.name)]),
          el('cac:PostalAddress', [
            address?.lines[0] && el('cbc:StreetName', address.lines[0]),
            address && address.lines.length > 1 && el('cbc:AdditionalStreetName', address.lines.slice(1).join(', ')),
            address?.city && el('cbc:CityName', address.city),
            address?.postcode && el('cbc:PostalZone', address.postcode),
            el('cac:Country', [el('cbc:IdentificationCode', doc.buyer.country)]),
          ]),
          buyerVat && el('cac:PartyTaxScheme', [el('cbc:CompanyID', doc.buyer.vatNumber!), el('cac:TaxScheme', [el('cbc:ID', 'VAT')])]),
          el('cac:PartyLegalEntity', [
            el('cbc:RegistrationName', doc.buyer.name),
            doc.buyer.siren && el('cbc:CompanyID', doc.buyer.siren.replace(/\D/g, ''), { schemeID: buyerScheme(doc.buyer.country) }),
          ]),
        ]),
      ]),
      el('cac:Delivery', [el('cbc:ActualDeliveryDate', delivered)]),
      s.iban &&
        el('cac:PaymentMeans', [
          el('cbc:PaymentMeansCode', '58'),
          el('cbc:PaymentID', doc.number),
          el('cac:PayeeFinancialAccount', [el('cbc:ID', s.iban), el('cbc:Name', s.legalName), s.bic && el('cac:FinancialInstitutionBranch', [el('cbc:ID', s.bic)])]),
        ]),
      el('cac:PaymentTerms', [el('cbc:Note', credit ? `Avoir sur la facture ${doc.cancels?.number ?? ''}` : paymentTermsMention(dateFr(doc.dueOn)))]),
      el('cac:TaxTotal', [
        money('cbc:TaxAmount', totals.vatCents),
        ...printedVat(doc).map((v) =>
          el('cac:TaxSubtotal', [money('cbc:TaxableAmount', v.baseCents), money('cbc:TaxAmount', v.vatCents), el('cac:TaxCategory', breakdownCategory(v.category, v.rateBps))]),
        ),
      ]),
      el('cac:LegalMonetaryTotal', [
        money('cbc:LineExtensionAmount', totals.netCents),
        money('cbc:TaxExclusiveAmount', totals.netCents),
        money('cbc:TaxInclusiveAmount', totals.totalCents),
        money('cbc:PayableAmount', totals.totalCents),
      ]),
      ...printedLines(doc).map((line, i) =>
        el(credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine', [
          el('cbc:ID', String(i + 1)),
          el(credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', String(line.quantity), { unitCode: line.unit === 'day' ? 'DAY' : 'C62' }),
          money('cbc:LineExtensionAmount', line.amountCents),
          el('cac:Item', [el('cbc:Name', line.label), el('cac:ClassifiedTaxCategory', lineCategory(line.category, line.rateBps))]),
          el('cac:Price', [money('cbc:PriceAmount', line.unitCents)]),
        ]),
      ),
    ],
    {
      xmlns: `urn:oasis:names:specification:ubl:schema:xsd:${root}-2`,
      'xmlns:cac': 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
      'xmlns:cbc': 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
    },
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(tree)}\n`;
}
