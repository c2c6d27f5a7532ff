import type { BuyerAddress } from '../../shared/invoice/buyer';
import type { VatTreatment } from '../../shared/invoice/vat-treatment';

/**
 * What the documents renderer receives: one invoice or credit note as printed, plain JSON
 * (it crosses a service binding on Workers). Types only: the API imports this file, never
 * the rendering code, so pdf-lib and node-zugferd stay out of the API Worker's bundle.
 */

export type DocumentFormat = 'pdf' | 'cii' | 'ubl';

export type PrintedAddress = { line1: string; postalCode: string; city: string; country: string };

export type InvoiceDocument = {
  kind: 'invoice' | 'credit_note';
  number: string;
  issuedOn: string;
  dueOn: string;
  /** The month the service was performed (`2026-04`), when known. */
  serviceMonth: string | null;
  /** The invoice a credit note cancels (number and date, as the law requires). */
  cancels: { number: string; issuedOn: string } | null;
  currency: 'EUR';
  seller: {
    legalName: string;
    legalForm: 'ei' | 'eurl' | 'sasu' | 'smart' | 'other';
    siret: string | null;
    vatNumber: string | null;
    address: PrintedAddress | null;
    iban: string | null;
    bic: string | null;
    shareCapitalCents: number | null;
    rcs: string | null;
  };
  buyer: {
    name: string;
    siren: string | null;
    /** Structured (or read from the older free text): street lines, postcode, city. */
    address: BuyerAddress | null;
    country: string;
    vatNumber: string | null;
    /** BT-49: where the e-invoice is delivered (a French company's SIREN under 0225 by default). */
    electronicAddress: { value: string; scheme: string } | null;
  };
  /** The client's purchase-order reference (BT-13). */
  purchaseOrderRef: string | null;
  /** How VAT applies: franchise (E), charged (S), reverse charge (AE), outside the scope (O). */
  treatment: VatTreatment;
  lines: { label: string; quantity: number; unitCents: number; vatRateBps: number; unit?: 'day' | 'unit'; amountCents: number }[];
  vat: { rateBps: number; baseCents: number; vatCents: number }[];
  /** The treatment's mention ("TVA non applicable, art. 293 B du CGI", "Autoliquidation…"), null when VAT is charged. */
  vatMention: string | null;
  netCents: number;
  vatCents: number;
  totalCents: number;
  penaltyRateBps: number;
};

/** Renders documents: a module call on Node, a service binding to the documents Worker on Workers. */
export type DocumentsRenderer = {
  render(format: DocumentFormat, document: InvoiceDocument): Promise<Uint8Array>;
};

export const DOCUMENT_CONTENT_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  cii: 'application/xml; charset=utf-8',
  ubl: 'application/xml; charset=utf-8',
};
