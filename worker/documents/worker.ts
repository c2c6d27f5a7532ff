import { DOCUMENT_CONTENT_TYPES, type DocumentFormat, type InvoiceDocument } from './types';
import { renderDocument } from './render';

/**
 * The documents Worker: renders invoice PDFs (PDF/A-3 Factur-X), CII and UBL for the API
 * Worker, which reaches it only through a service binding (it has no public route:
 * wrangler.documents.toml sets workers_dev = false). `POST /render/{pdf|cii|ubl}` with
 * the InvoiceDocument as JSON.
 */
const FORMATS = new Set<DocumentFormat>(['pdf', 'cii', 'ubl']);

export default {
  async fetch(request: Request): Promise<Response> {
    const format = new URL(request.url).pathname.replace(/^\/render\//, '') as DocumentFormat;
    if (request.method !== 'POST' || !FORMATS.has(format)) return Response.json({ error: { code: 'not_found', message: 'POST /render/{pdf|cii|ubl}' } }, { status: 404 });
    let doc: InvoiceDocument;
    try {
      doc = (await request.json()) as InvoiceDocument;
    } catch {
      return Response.json({ error: { code: 'malformed_request', message: 'The body is not JSON' } }, { status: 400 });
    }
    const bytes = await renderDocument(format, doc);
    return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': DOCUMENT_CONTENT_TYPES[format] } });
  },
} satisfies ExportedHandler;
