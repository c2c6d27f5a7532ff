import { renderCii } from './cii';
import { renderInvoicePdf } from './facturx';
import { renderUbl } from './ubl';
import type { DocumentFormat, DocumentsRenderer, InvoiceDocument } from './types';

export { renderInvoicePdf, renderCii, renderUbl };

const encoder = new TextEncoder();

/** Renders one document in one format: the one entry point both runtimes call. */
export async function renderDocument(format: DocumentFormat, doc: InvoiceDocument): Promise<Uint8Array> {
  if (format === 'pdf') return renderInvoicePdf(doc);
  if (format === 'cii') return encoder.encode(await renderCii(doc));
  return encoder.encode(renderUbl(doc));
}

/** On Node the renderer is simply this module. */
export const localDocumentsRenderer: DocumentsRenderer = { render: renderDocument };
