import { and, eq } from 'drizzle-orm';
import { buyerAddress, buyerElectronicAddress, type BuyerSnapshot } from '../../shared/invoice/buyer';
import { formatInvoiceNumber } from '../../shared/invoice/numbering';
import { treatmentOfMention } from '../../shared/invoice/vat-treatment';
import { invoices } from '../db/schema';
import type { Deps } from '../deps';
import type { DocumentFormat, InvoiceDocument } from '../documents/types';
import type { InvoiceRow } from './invoice-store';
import { failure, type Result } from './result';

type Seller = InvoiceDocument['seller'];

/** The printable document of an issued invoice or credit note, from its frozen snapshots. */
export function invoiceDocumentOf(row: InvoiceRow & { kind: 'invoice' | 'credit_note' }, extra: { cancels: InvoiceDocument['cancels'] }): InvoiceDocument {
  const seller = JSON.parse(row.seller) as Seller;
  const buyer = JSON.parse(row.buyer) as BuyerSnapshot;
  return {
    kind: row.kind,
    number: formatInvoiceNumber(row.kind, row.year, row.sequence),
    issuedOn: row.issuedOn,
    dueOn: row.dueOn,
    serviceMonth: row.serviceMonth,
    cancels: extra.cancels,
    currency: 'EUR',
    seller: {
      legalName: seller.legalName,
      legalForm: seller.legalForm,
      siret: seller.siret ?? null,
      vatNumber: seller.vatNumber ?? null,
      address: seller.address ?? null,
      iban: seller.iban ?? null,
      bic: seller.bic ?? null,
      shareCapitalCents: seller.shareCapitalCents ?? null,
      rcs: seller.rcs ?? null,
    },
    // Everything printed comes from the snapshot frozen at issue: an invoice never changes.
    // Older snapshots have a free-text address and no country (French clients then).
    buyer: {
      name: buyer.name,
      siren: buyer.siren ?? null,
      address: buyerAddress(buyer),
      country: buyer.country ?? 'FR',
      vatNumber: buyer.vatNumber ?? null,
      electronicAddress: buyerElectronicAddress(buyer),
    },
    purchaseOrderRef: buyer.purchaseOrderRef ?? null,
    treatment: treatmentOfMention(row.vatMention),
    lines: JSON.parse(row.lines) as InvoiceDocument['lines'],
    vat: JSON.parse(row.vatBreakdown) as InvoiceDocument['vat'],
    vatMention: row.vatMention,
    netCents: row.netCents,
    vatCents: row.vatCents,
    totalCents: row.totalCents,
    penaltyRateBps: row.penaltyRateBps,
  };
}

/**
 * Renders one of the user's invoices (or credit notes) as PDF/A-3 Factur-X, CII or UBL.
 * Another user's invoice is "not found". UBL goes over Peppol, which routes on the
 * buyer's registration number: without one there is no valid UBL to give.
 */
export async function renderInvoiceDocument(
  deps: Deps,
  input: { userId: string; invoiceId: string; format: DocumentFormat },
): Promise<Result<{ bytes: Uint8Array; fileName: string }>> {
  const row = await deps.db.select().from(invoices).where(and(eq(invoices.id, input.invoiceId), eq(invoices.userId, input.userId))).get();
  if (!row) return failure(404, 'not_found', 'invoice not found');
  // A portal's or a cooperative's document is theirs to print: Relais renders only the freelancer's own.
  if (row.kind !== 'invoice' && row.kind !== 'credit_note') {
    return failure(409, 'not_issued_by_freelancer', 'This document is issued by the portal or the cooperative, not in your series: it has no Relais PDF');
  }
  if (!deps.documents) return failure(503, 'documents_unavailable', 'This deployment cannot render documents yet');
  let cancels: InvoiceDocument['cancels'] = null;
  if (row.cancelsInvoiceId) {
    const cancelled = await deps.db.select().from(invoices).where(and(eq(invoices.id, row.cancelsInvoiceId), eq(invoices.userId, input.userId))).get();
    if (cancelled && cancelled.kind === 'invoice') cancels = { number: formatInvoiceNumber(cancelled.kind, cancelled.year, cancelled.sequence), issuedOn: cancelled.issuedOn };
  }
  const doc = invoiceDocumentOf({ ...row, kind: row.kind }, { cancels });
  if (input.format === 'ubl' && !doc.buyer.electronicAddress) {
    return failure(422, 'buyer_identifier_missing', "A Peppol (UBL) invoice needs the client's electronic address: set clientElectronicAddress, or clientSiren (a French SIREN, a Belgian enterprise number) on the mission", 'clientSiren');
  }
  if (input.format === 'ubl' && !doc.purchaseOrderRef) {
    return failure(422, 'buyer_reference_missing', "A Peppol (UBL) invoice needs the client's purchase order reference (PEPPOL-EN16931-R003): set reference on the mission's purchase order", 'reference');
  }
  const bytes = await deps.documents.render(input.format, doc);
  const ext = input.format === 'pdf' ? 'pdf' : input.format === 'cii' ? 'cii.xml' : 'ubl.xml';
  return { ok: true, value: { bytes, fileName: `${doc.kind === 'credit_note' ? 'avoir' : 'facture'}-${doc.number}.${ext}` } };
}
