import type { DocumentFormat, DocumentsRenderer, InvoiceDocument } from './types';

/** The documents Worker's service binding (wrangler.toml `[[services]]` DOCUMENTS). */
export type DocumentsBinding = { fetch(input: RequestInfo, init?: RequestInit): Promise<Response> };

/**
 * The renderer on Workers: the API Worker posts the invoice to the documents Worker over
 * its service binding (same thread, no network hop), so pdf-lib and node-zugferd never
 * load in the API Worker. A failure there is a failure here (500, logged).
 */
export function bindingDocumentsRenderer(binding: DocumentsBinding): DocumentsRenderer {
  return {
    async render(format: DocumentFormat, document: InvoiceDocument) {
      const res = await binding.fetch(`https://documents.internal/render/${format}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(document),
      });
      if (!res.ok) throw new Error(`documents worker answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}
