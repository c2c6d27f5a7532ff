import { decimal, monthBounds, percent } from './format-fr';
import { sellerDisplayName } from './layout';
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

/** Renders the UBL document. The caller ensures the buyer has an identifier (Peppol endpoint). */
export function renderUbl(doc: InvoiceDocument): string {
  const credit = doc.kind === 'credit_note';
  const s = doc.seller;
  const franchise = doc.vatMention !== null;
  // A credit note (381) states positive amounts: its type carries the sign.
  const money = (name: string, cents: number) => el(name, decimal(Math.abs(cents)), { currencyID: 'EUR' });
  const siren = s.siret?.slice(0, 9);
  const period = doc.serviceMonth ? monthBounds(doc.serviceMonth) : null;
  const category = (rateBps: number) => [
    el('cbc:ID', franchise ? 'E' : 'S'),
    el('cbc:Percent', percent(franchise ? 0 : rateBps)),
    franchise && el('cbc:TaxExemptionReasonCode', 'VATEX-FR-FRANCHISE'),
    franchise && el('cbc:TaxExemptionReason', doc.vatMention!),
    el('cac:TaxScheme', [el('cbc:ID', 'VAT')]),
  ];
  const buyerAddress = (doc.buyer.address ?? '').split(/\s*\n\s*/).filter(Boolean);

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
      doc.vatMention && el('cbc:Note', doc.vatMention),
      el('cbc:DocumentCurrencyCode', 'EUR'),
      el('cbc:BuyerReference', doc.cancels?.number ?? doc.number),
      period && el('cac:InvoicePeriod', [el('cbc:StartDate', period.start), el('cbc:EndDate', period.end)]),
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
          !franchise && s.vatNumber && el('cac:PartyTaxScheme', [el('cbc:CompanyID', s.vatNumber), el('cac:TaxScheme', [el('cbc:ID', 'VAT')])]),
          franchise && siren && el('cac:PartyTaxScheme', [el('cbc:CompanyID', siren), el('cac:TaxScheme', [el('cbc:ID', 'FC')])]),
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
          doc.buyer.siren && el('cbc:EndpointID', doc.buyer.siren.replace(/\D/g, ''), { schemeID: buyerScheme(doc.buyer.country) }),
          el('cac:PartyName', [el('cbc:Name', doc.buyer.name)]),
          el('cac:PostalAddress', [
            buyerAddress[0] && el('cbc:StreetName', buyerAddress[0]),
            buyerAddress.length > 1 && el('cbc:AdditionalStreetName', buyerAddress.slice(1).join(', ')),
            el('cac:Country', [el('cbc:IdentificationCode', doc.buyer.country)]),
          ]),
          doc.buyer.vatNumber && el('cac:PartyTaxScheme', [el('cbc:CompanyID', doc.buyer.vatNumber), el('cac:TaxScheme', [el('cbc:ID', 'VAT')])]),
          el('cac:PartyLegalEntity', [
            el('cbc:RegistrationName', doc.buyer.name),
            doc.buyer.siren && el('cbc:CompanyID', doc.buyer.siren.replace(/\D/g, ''), { schemeID: buyerScheme(doc.buyer.country) }),
          ]),
        ]),
      ]),
      s.iban &&
        el('cac:PaymentMeans', [
          el('cbc:PaymentMeansCode', '58'),
          el('cbc:PaymentID', doc.number),
          el('cac:PayeeFinancialAccount', [el('cbc:ID', s.iban), el('cbc:Name', s.legalName), s.bic && el('cac:FinancialInstitutionBranch', [el('cbc:ID', s.bic)])]),
        ]),
      el('cac:PaymentTerms', [
        el('cbc:Note', `Pénalités de retard : ${doc.penaltyRateBps / 100} % par an. Indemnité forfaitaire pour frais de recouvrement : 40 €. Pas d'escompte pour paiement anticipé.`),
      ]),
      el('cac:TaxTotal', [
        money('cbc:TaxAmount', doc.vatCents),
        ...doc.vat.map((v) => el('cac:TaxSubtotal', [money('cbc:TaxableAmount', v.baseCents), money('cbc:TaxAmount', v.vatCents), el('cac:TaxCategory', category(v.rateBps))])),
      ]),
      el('cac:LegalMonetaryTotal', [
        money('cbc:LineExtensionAmount', doc.netCents),
        money('cbc:TaxExclusiveAmount', doc.netCents),
        money('cbc:TaxInclusiveAmount', doc.totalCents),
        money('cbc:PayableAmount', doc.totalCents),
      ]),
      ...doc.lines.map((line, i) =>
        el(credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine', [
          el('cbc:ID', String(i + 1)),
          el(credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', String(Math.abs(line.quantity)), { unitCode: line.unit === 'day' ? 'DAY' : 'C62' }),
          money('cbc:LineExtensionAmount', line.amountCents),
          el('cac:Item', [el('cbc:Name', line.label), el('cac:ClassifiedTaxCategory', category(line.vatRateBps))]),
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
