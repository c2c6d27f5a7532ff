import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { Hono } from '../http/hono';
import * as v from 'valibot';
import { futureDateIssue } from '../../shared/ledger/past-dates';
import { PaymentBody, PortalInvoiceBody, UploadBody, UploadValidatedBody } from '../../shared/schemas/ledger';
import { invoices } from '../db/schema';
import type { AppEnv } from '../deps';
import { notFound, fail } from '../http/errors';
import { validate } from '../http/validate';
import { decodeCursor, pageOf, pageQuery } from '../http/page';
import { cancelInvoice } from '../use-cases/cancel-invoice';
import { invoiceView } from '../use-cases/invoice-view';
import { loadProfileRow } from '../use-cases/load-profile';
import { enterPortalInvoice, recordUpload } from '../use-cases/portal-invoice';
import { paymentsOf, recordPayment } from '../use-cases/record-payment';
import { respondFailure } from '../use-cases/result';
import { recomputeForecastFrom } from '../use-cases/recompute-forecast';

const IdParam = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });
const ListQuery = v.object({
  year: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/, 'must be a year'), v.transform(Number))),
  status: v.optional(v.picklist(['issued', 'paid', 'cancelled', 'credit_note', 'expected'])),
  ...pageQuery(3),
});

/**
 * Invoices, credit notes, portals' expected invoices and cooperatives' salary budgets: list, read, record a payout
 * or the client's payment (with amounts), the upload to the portal, the portal's invoice entered by hand, cancel.
 */
export const invoiceRoutes = new Hono<AppEnv>()
  .get('/', validate('query', ListQuery), async (c) => {
    // Newest first (issue date descending, kind, number descending), a page at a time: the cursor is the last
    // row's (issuedOn, kind, sequence), and each page one range read backwards along invoices_user_order (or _year_order).
    const q = c.req.valid('query');
    const limit = Number(q.limit);
    const conds = [eq(invoices.userId, c.var.userId)];
    if (q.year !== undefined) conds.push(eq(invoices.year, q.year));
    if (q.status !== undefined) conds.push(eq(invoices.status, q.status));
    const after = q.cursor === undefined ? null : decodeCursor(q.cursor, 3)!;
    if (after) {
      const [on, kind, seq] = after;
      conds.push(sql`${invoices.issuedOn} <= ${on} AND (${invoices.issuedOn} < ${on} OR ${invoices.kind} > ${kind} OR (${invoices.kind} = ${kind} AND ${invoices.sequence} < ${seq}))`);
    }
    const rows = await c.env.deps.db.select().from(invoices).where(and(...conds))
      .orderBy(desc(invoices.issuedOn), asc(invoices.kind), desc(invoices.sequence)).limit(limit + 1).all();
    const now = c.env.deps.now();
    const { page, nextCursor } = pageOf(rows, limit, (r) => [r.issuedOn, r.kind, r.sequence]);
    const pays = await paymentsOf(c.env.deps, c.var.userId, page.map((r) => r.id));
    return c.json({ invoices: page.map((r) => invoiceView(r, now, pays.filter((p) => p.invoiceId === r.id))), nextCursor }, 200);
  })
  .get('/:id', validate('param', IdParam), async (c) => {
    const row = await c.env.deps.db.select().from(invoices).where(and(eq(invoices.id, c.req.valid('param').id), eq(invoices.userId, c.var.userId))).get();
    if (!row) return notFound(c, 'invoice');
    return c.json(invoiceView(row, c.env.deps.now(), await paymentsOf(c.env.deps, c.var.userId, row.id)), 200);
  })
  .post('/:id/paid', validate('param', IdParam), validate('json', PaymentBody), async (c) => {
    const b = c.req.valid('json');
    const res = await recordPayment(c.env.deps, { userId: c.var.userId, invoiceId: c.req.valid('param').id, kind: 'payout', ...b });
    if (!res.ok) return respondFailure(c, res);
    return c.json(invoiceView(res.value, c.env.deps.now(), await paymentsOf(c.env.deps, c.var.userId, res.value.id)), 200);
  })
  .post('/:id/client-paid', validate('param', IdParam), validate('json', PaymentBody), async (c) => {
    const b = c.req.valid('json');
    const res = await recordPayment(c.env.deps, { userId: c.var.userId, invoiceId: c.req.valid('param').id, kind: 'client', ...b });
    if (!res.ok) return respondFailure(c, res);
    return c.json(invoiceView(res.value, c.env.deps.now(), await paymentsOf(c.env.deps, c.var.userId, res.value.id)), 200);
  })
  .post('/:id/upload', validate('param', IdParam), validate('json', UploadBody), async (c) => {
    const res = await recordUpload(c.env.deps, { userId: c.var.userId, invoiceId: c.req.valid('param').id, ...c.req.valid('json') });
    if (!res.ok) return respondFailure(c, res);
    return c.json(invoiceView(res.value, c.env.deps.now(), await paymentsOf(c.env.deps, c.var.userId, res.value.id)), 200);
  })
  .post('/:id/upload-validated', validate('param', IdParam), validate('json', UploadValidatedBody), async (c) => {
    // Manual upload mode: the payout clock starts when the portal validates the uploaded invoice.
    const { validatedOn } = c.req.valid('json');
    const userId = c.var.userId;
    const row = await c.env.deps.db.select().from(invoices).where(and(eq(invoices.id, c.req.valid('param').id), eq(invoices.userId, userId))).get();
    if (!row) return notFound(c, 'invoice');
    const future = futureDateIssue('validatedOn', validatedOn, c.env.deps.now(), (await loadProfileRow(c.env.deps, userId)).timeZone);
    if (future) return fail(c, 422, future.code, future.message, [future]);
    const res = await recomputeForecastFrom(c.env.deps, row, validatedOn);
    if (!res.ok) return respondFailure(c, res);
    return c.json(invoiceView(res.value, c.env.deps.now()), 200);
  })
  .post('/:id/portal-invoice', validate('param', IdParam), validate('json', PortalInvoiceBody), async (c) => {
    const res = await enterPortalInvoice(c.env.deps, { userId: c.var.userId, invoiceId: c.req.valid('param').id, body: c.req.valid('json') });
    if (!res.ok) return respondFailure(c, res);
    return c.json(invoiceView(res.value, c.env.deps.now(), await paymentsOf(c.env.deps, c.var.userId, res.value.id)), 200);
  })
  .post('/:id/cancel', validate('param', IdParam), async (c) => {
    const res = await cancelInvoice(c.env.deps, { userId: c.var.userId, invoiceId: c.req.valid('param').id });
    if (!res.ok) return respondFailure(c, res);
    const now = c.env.deps.now();
    return c.json({ invoice: invoiceView(res.value.invoice, now), creditNote: invoiceView(res.value.creditNote, now) }, 201);
  });
