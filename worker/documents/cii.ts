import { zugferd } from 'node-zugferd';
import { EN16931, type ProfileEN16931 } from 'node-zugferd/profile/en16931';
import { printedLines, printedTotals, printedVat } from './amounts';
import { decimal, monthBounds, percent } from './format-fr';
import { sellerDisplayName, sellerLegalLines } from './layout';
import { documentNotes } from './notes';
import type { InvoiceDocument } from './types';

/**
 * The EN 16931 (Factur-X "EN 16931" profile) Cross Industry Invoice, built by node-zugferd
 * from the invoice's business terms (BT-x). Schema validation is off at render time
 * (it spawns Java); the tests validate every document kind against the Factur-X XSD and
 * check the EN 16931 business rules (test/documents/en16931-rules.ts).
 */
const invoicer = zugferd({ profile: EN16931, strict: false, logger: { disabled: true } });

// UN/ECE Rec. 20: DAY for days, C62 ("one") for units.
const unitCode = (unit: 'day' | 'unit') => (unit === 'day' ? 'DAY' : 'C62');
const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** A quantity as XML wants it: `-1`, `2.5`. */
const quantity = (q: number) => String(q);

/** The business terms node-zugferd turns into CII. */
export function ciiData(doc: InvoiceDocument): ProfileEN16931 {
  const s = doc.seller;
  const siren = s.siret?.slice(0, 9);
  const period = doc.serviceMonth ? monthBounds(doc.serviceMonth) : null;
  const legal = sellerLegalLines(doc).join(' – ');
  const totals = printedTotals(doc);
  // BR-O-02: an invoice outside the scope of VAT names no VAT identifier; BR-E-02 accepts the SIREN ("FC").
  const sellerVat = (doc.treatment === 'standard' || doc.treatment === 'reverse_charge') && s.vatNumber;
  const buyerVat = doc.treatment !== 'outside_scope' && doc.buyer.vatNumber;
  const address = doc.buyer.address;
  // A service's delivery date (BT-72): the end of the month served, or the issue date if earlier.
  const delivered = period && period.end < doc.issuedOn ? period.end : doc.issuedOn;
  return {
    number: doc.number,
    typeCode: doc.kind === 'credit_note' ? '381' : '380',
    issueDate: date(doc.issuedOn),
    // BR-FR-05: penalties (PMD), recovery indemnity (PMT) and discount (AAB), each its own note.
    includedNote: documentNotes(doc).map((n) => ({ content: n.text, subjectCode: n.subject })),
    transaction: {
      line: printedLines(doc).map((line, i) => ({
        identifier: String(i + 1),
        tradeProduct: { name: line.label },
        tradeAgreement: { netTradePrice: { chargeAmount: decimal(line.unitCents) } },
        tradeDelivery: { billedQuantity: { amount: quantity(line.quantity), unitMeasureCode: unitCode(line.unit) } },
        tradeSettlement: {
          tradeTax: {
            typeCode: 'VAT',
            categoryCode: line.category.code,
            // BR-O-05: no rate on a line outside the scope of VAT.
            ...(line.category.code === 'O' ? {} : { rateApplicablePercent: percent(line.category.code === 'S' ? line.rateBps : 0) }),
          },
          monetarySummation: { lineTotalAmount: decimal(line.amountCents) },
        },
      })),
      tradeAgreement: {
        seller: {
          name: sellerDisplayName(s),
          ...(legal ? { description: legal } : {}),
          ...(siren ? { organization: { registrationIdentifier: { value: siren, schemeIdentifier: '0002' } } } : {}),
          postalAddress: s.address
            ? { line1: s.address.line1, postCode: s.address.postalCode, city: s.address.city, countryCode: s.address.country as 'FR' }
            : { countryCode: 'FR' },
          ...(s.siret ? { electronicAddress: { value: s.siret, schemeIdentifier: '0009' } } : {}),
          taxRegistration: sellerVat ? { vatIdentifier: s.vatNumber! } : siren ? { localIdentifier: siren } : undefined,
        },
        buyer: {
          name: doc.buyer.name,
          ...(doc.buyer.siren ? { organization: { registrationIdentifier: { value: doc.buyer.siren.replace(/\D/g, ''), schemeIdentifier: doc.buyer.country === 'BE' ? '0208' : '0002' } } } : {}),
          postalAddress: {
            ...(address?.postcode ? { postCode: address.postcode } : {}),
            ...(address?.lines[0] ? { line1: address.lines[0] } : {}),
            ...(address && address.lines.length > 1 ? { line2: address.lines.slice(1).join(', ') } : {}),
            ...(address?.city ? { city: address.city } : {}),
            countryCode: doc.buyer.country as 'FR',
          },
          ...(doc.buyer.electronicAddress ? { electronicAddress: { value: doc.buyer.electronicAddress.value, schemeIdentifier: doc.buyer.electronicAddress.scheme } } : {}),
          ...(buyerVat ? { taxRegistration: { vatIdentifier: doc.buyer.vatNumber! } } : {}),
        },
        ...(doc.purchaseOrderRef ? { associatedOrder: { purchaseOrderReference: doc.purchaseOrderRef } } : {}),
      },
      // Never empty (PEPPOL-EN16931-R008): the service's delivery date.
      tradeDelivery: { information: { deliveryDate: date(delivered) } },
      tradeSettlement: {
        currencyCode: 'EUR',
        ...(s.iban
          ? {
              paymentInstruction: {
                typeCode: '58',
                transfers: [{ paymentAccountIdentifier: s.iban, accountname: s.legalName }],
                ...(s.bic ? { sellerBankInformation: { serviceProviderIdentifier: s.bic } } : {}),
              },
            }
          : {}),
        vatBreakdown: printedVat(doc).map((v) => ({
          typeCode: 'VAT',
          categoryCode: v.category.code,
          basisAmount: decimal(v.baseCents),
          calculatedAmount: decimal(v.vatCents),
          ...(v.category.code === 'O' ? {} : { rateApplicablePercent: percent(v.category.code === 'S' ? v.rateBps : 0) }),
          ...(v.category.reason ? { exemptionReasonText: v.category.reason, exemptionReasonCode: v.category.reasonCode } : {}),
        })),
        ...(period ? { invoicingPeriod: { startDate: date(period.start), endDate: date(period.end) } } : {}),
        paymentTerms: doc.kind === 'invoice' ? { dueDate: date(doc.dueOn) } : { description: `Avoir sur la facture ${doc.cancels?.number ?? ''}` },
        monetarySummation: {
          lineTotalAmount: decimal(totals.netCents),
          taxBasisTotalAmount: decimal(totals.netCents),
          taxTotal: { amount: decimal(totals.vatCents), currencyCode: 'EUR' },
          grandTotalAmount: decimal(totals.totalCents),
          duePayableAmount: decimal(totals.totalCents),
        },
        ...(doc.cancels ? { precendingInvoices: [{ reference: doc.cancels.number, issueDate: date(doc.cancels.issuedOn) }] } : {}),
      },
    },
  } as ProfileEN16931;
}

/** The CII XML (UTF-8 text). */
export async function renderCii(doc: InvoiceDocument): Promise<string> {
  return invoicer.create(ciiData(doc)).toXML();
}
