import type { Context } from 'hono';
import { Hono } from '../http/hono';
import * as v from 'valibot';
import type { AppEnv } from '../deps';
import { DOCUMENT_CONTENT_TYPES, type DocumentFormat } from '../documents/types';
import { validate } from '../http/validate';
import { renderInvoiceDocument } from '../use-cases/render-invoice-document';
import { respondFailure } from '../use-cases/result';

const IdParam = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });

async function respondDocument(c: Context<AppEnv>, id: string, format: DocumentFormat) {
  const res = await renderInvoiceDocument(c.env.deps, { userId: c.var.userId, invoiceId: id, format });
  if (!res.ok) return respondFailure(c, res);
  const disposition = format === 'pdf' ? 'inline' : 'attachment';
  return c.body(res.value.bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': DOCUMENT_CONTENT_TYPES[format],
    'Content-Disposition': `${disposition}; filename="${res.value.fileName}"`,
    'Cache-Control': 'private, no-store',
  });
}

/**
 * An invoice's documents: the PDF/A-3 Factur-X file, its EN 16931 CII XML, and the
 * Peppol BIS 3.0 UBL for clients who receive e-invoices over Peppol (Belgium).
 */
export const invoiceDocumentRoutes = new Hono<AppEnv>()
  .get('/:id/pdf', validate('param', IdParam), (c) => respondDocument(c, c.req.valid('param').id, 'pdf'))
  .get('/:id/xml', validate('param', IdParam), (c) => respondDocument(c, c.req.valid('param').id, 'cii'))
  .get('/:id/ubl', validate('param', IdParam), (c) => respondDocument(c, c.req.valid('param').id, 'ubl'));
