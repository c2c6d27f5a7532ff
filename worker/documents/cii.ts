import { zugferd } from 'node-zugferd';
import { EN16931, type ProfileEN16931 } from 'node-zugferd/profile/en16931';
import { decimal, percent } from './format-fr';
import { monthBounds } from './format-fr';
import { sellerDisplayName, sellerLegalLines } from './layout';
import type { InvoiceDocument } from './types';

/**
 * The EN 16931 (Factur-X "EN 16931" profile) Cross Industry Invoice, built by node-zugferd
 * from the invoice's business terms (BT-x). Schema validation is off at render time
 * (it spawns Java); the tests validate every document kind against the Factur-X XSD.
 */
const invoicer = zugferd({ profile: EN16931, strict: false, logger: { disabled: true } });

const VAT_FRANCHISE_CODE = 'VATEX-FR-FRANCHISE';
// UN/ECE Rec. 20: DAY for days, C62 ("one") for units.
const unitCode = (unit: 'day' | 'unit' | undefined) => (unit === 'day' ? 'DAY' : 'C62');
const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** A credit note (type 381) states positive amounts: the type carries the sign. */
const abs = (cents: number) => decimal(Math.abs(cents));

/** The business terms node-zugferd turns into CII. */
export function ciiData(doc: InvoiceDocument): ProfileEN16931 {
  const s = doc.seller;
  const franchise = doc.vatMention !== null;
  const category = franchise ? 'E' : 'S';
  const siren = s.siret?.slice(0, 9);
  const period = doc.serviceMonth ? monthBounds(doc.serviceMonth) : null;
  const legal = sellerLegalLines(doc).join(' – ');
  return {
    number: doc.number,
    typeCode: doc.kind === 'credit_note' ? '381' : '380',
    issueDate: date(doc.issuedOn),
    includedNote: [
      ...(doc.vatMention ? [{ content: doc.vatMention, subjectCode: 'TXD' as const }] : []),
      { content: `${doc.penaltyRateBps / 100} % par an de pénalités de retard. Indemnité forfaitaire pour frais de recouvrement : 40 €. Pas d'escompte pour paiement anticipé.`, subjectCode: 'PMT' as const },
      { content: 'Prestation de services', subjectCode: 'AAI' as const },
    ],
    transaction: {
      line: doc.lines.map((line, i) => ({
        identifier: String(i + 1),
        tradeProduct: { name: line.label },
        tradeAgreement: { netTradePrice: { chargeAmount: decimal(line.unitCents) } },
        tradeDelivery: { billedQuantity: { amount: String(Math.abs(line.quantity)), unitMeasureCode: unitCode(line.unit) } },
        tradeSettlement: {
          tradeTax: { typeCode: 'VAT', categoryCode: category, rateApplicablePercent: percent(franchise ? 0 : line.vatRateBps) },
          monetarySummation: { lineTotalAmount: abs(line.amountCents) },
        },
      })),
      tradeAgreement: {
        seller: {
          name: sellerDisplayName(s),
          ...(legal ? { description: legal } : {}),
          ...(siren ? { organization: { registrationIdentifier: { value: siren, schemeIdentifier: '0002' } } } : {}),
          ...(s.address ? { postalAddress: { line1: s.address.line1, postCode: s.address.postalCode, city: s.address.city, countryCode: s.address.country as 'FR' } } : { postalAddress: { countryCode: 'FR' } }),
          ...(s.siret ? { electronicAddress: { value: s.siret, schemeIdentifier: '0009' } } : {}),
          // BR-E-02: an exempt invoice names the seller's VAT number or its tax registration (SIREN, "FC").
          taxRegistration: !franchise && s.vatNumber ? { vatIdentifier: s.vatNumber } : siren ? { localIdentifier: siren } : undefined,
        },
        buyer: {
          name: doc.buyer.name,
          ...(doc.buyer.siren ? { organization: { registrationIdentifier: { value: doc.buyer.siren, schemeIdentifier: doc.buyer.country === 'BE' ? '0208' : '0002' } } } : {}),
          postalAddress: { ...(doc.buyer.address ? { line1: doc.buyer.address.replace(/\s*\n\s*/g, ', ') } : {}), countryCode: doc.buyer.country as 'FR' },
          ...(doc.buyer.vatNumber ? { taxRegistration: { vatIdentifier: doc.buyer.vatNumber } } : {}),
        },
      },
      tradeDelivery: period ? {} : { information: { deliveryDate: date(doc.issuedOn) } },
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
        vatBreakdown: doc.vat.map((v) => ({
          typeCode: 'VAT',
          categoryCode: category,
          basisAmount: abs(v.baseCents),
          calculatedAmount: abs(v.vatCents),
          rateApplicablePercent: percent(franchise ? 0 : v.rateBps),
          ...(franchise ? { exemptionReasonText: doc.vatMention!, exemptionReasonCode: VAT_FRANCHISE_CODE } : {}),
        })),
        ...(period ? { invoicingPeriod: { startDate: date(period.start), endDate: date(period.end) } } : {}),
        paymentTerms: doc.kind === 'invoice' ? { dueDate: date(doc.dueOn) } : { description: `Avoir sur la facture ${doc.cancels?.number ?? ''}` },
        monetarySummation: {
          lineTotalAmount: abs(doc.netCents),
          taxBasisTotalAmount: abs(doc.netCents),
          taxTotal: { amount: abs(doc.vatCents), currencyCode: 'EUR' },
          grandTotalAmount: abs(doc.totalCents),
          duePayableAmount: abs(doc.totalCents),
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
