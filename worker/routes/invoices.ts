import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { addWorkingDays } from '../../shared/calendar/working-days';
import { IsoDateString } from '../../shared/schemas/common';
import { invoices } from '../db/schema';
import { recordEvent } from '../notifications/outbox';
import { formatInvoiceNumber } from '../../shared/invoice/numbering';
import { bumpChangeSeq, clearGuards, guardChanged, writeBatch, currentChangeSeq } from '../db/batch';
import type { AppEnv } from '../deps';
import { notFound, fail } from '../http/errors';
import { validate } from '../http/validate';
import { decodeCursor, pageOf, pageQuery } from '../http/page';
import { cancelInvoice } from '../use-cases/cancel-invoice';
import { invoiceView } from '../use-cases/invoice-view';
import { respondFailure } from '../use-cases/result';
import { recomputeForecastFrom } from '../use-cases/recompute-forecast';

const IdParam = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });
const ListQuery = v.object({
  year: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/, 'must be a year'), v.transform(Number))),
  status: v.optional(v.picklist(['issued', 'paid', 'cancelled', 'credit_note'])),
  ...pageQuery(3),
});
const PaidBody = v.object({ paidOn: IsoDateString });
const UploadBody = v.object({ validatedOn: IsoDateString });

/** Invoices and credit notes: list, read, mark paid, record the client's payment, cancel by credit note. */
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
    return c.json({ invoices: page.map((r) => invoiceView(r, now)), nextCursor }, 200);
  })
  .get('/:id', validate('param', IdParam), async (c) => {
    const row = await c.env.deps.db.select().from(invoices).where(and(eq(invoices.id, c.req.valid('param').id), eq(invoices.userId, c.var.userId))).get();
    return row ? c.json(invoiceView(row, c.env.deps.now()), 200) : notFound(c, 'invoice');
  })
  .post('/:id/paid', validate('param', IdParam), validate('json', PaidBody), async (c) => {
    const { paidOn } = c.req.valid('json');
    const userId = c.var.userId;
    const row = await c.env.deps.db.select().from(invoices).where(and(eq(invoices.id, c.req.valid('param').id), eq(invoices.userId, userId))).get();
    if (!row) return notFound(c, 'invoice');
    if (row.kind !== 'invoice' || row.status !== 'issued') return fail(c, 409, 'not_payable', `A ${row.status.replace('_', ' ')} cannot be marked paid`);
    if (paidOn < row.issuedOn) return fail(c, 422, 'validation_failed', 'paidOn is before the invoice date', [{ path: 'paidOn', message: 'must not be before the invoice date' }]);
    const done = await writeBatch(c.env.deps, [
      bumpChangeSeq(userId),
      c.env.deps.db.update(invoices).set({ status: 'paid', paidOn, seq: currentChangeSeq(userId) }).where(and(eq(invoices.id, row.id), eq(invoices.status, 'issued'))),
      guardChanged(1),
      recordEvent({
        userId, type: 'payout.received', key: `payout.received:${row.id}`, at: c.env.deps.now().toISOString(),
        data: { invoiceId: row.id, invoiceNumber: formatInvoiceNumber(row.kind, row.year, row.sequence), clientName: (JSON.parse(row.buyer) as { name?: string }).name ?? '', paidOn, payoutCents: row.payoutCents },
      }),
      clearGuards,
    ]);
    if (!done.ok) return fail(c, 409, 'not_payable', 'The invoice changed meanwhile');
    const after = (await c.env.deps.db.select().from(invoices).where(eq(invoices.id, row.id)).get())!;
    return c.json(invoiceView(after, c.env.deps.now()), 200);
  })
  .post('/:id/client-paid', validate('param', IdParam), validate('json', PaidBody), async (c) => {
    // Back-to-back: once the client has paid the portal, the payout window narrows to 5–8 working days after it.
    const { paidOn } = c.req.valid('json');
    const userId = c.var.userId;
    const row = await c.env.deps.db.select().from(invoices).where(and(eq(invoices.id, c.req.valid('param').id), eq(invoices.userId, userId))).get();
    if (!row) return notFound(c, 'invoice');
    if (row.kind !== 'invoice' || row.status === 'cancelled') return fail(c, 409, 'not_payable', `A ${row.kind === 'invoice' ? 'cancelled invoice' : 'credit note'} is not paid by the client`);
    const window = row.regime === 'back_to_back' && row.plan !== 'immediate' ? { payoutEarliest: addWorkingDays(paidOn, 5), payoutLatest: addWorkingDays(paidOn, 8) } : {};
    await writeBatch(c.env.deps, [bumpChangeSeq(userId), c.env.deps.db.update(invoices).set({ clientPaidOn: paidOn, ...window, seq: currentChangeSeq(userId) }).where(eq(invoices.id, row.id))]);
    const after = (await c.env.deps.db.select().from(invoices).where(eq(invoices.id, row.id)).get())!;
    return c.json(invoiceView(after, c.env.deps.now()), 200);
  })
  .post('/:id/upload-validated', validate('param', IdParam), validate('json', UploadBody), async (c) => {
    // Manual upload mode: the payout clock starts when the portal validates the uploaded invoice.
    const { validatedOn } = c.req.valid('json');
    const userId = c.var.userId;
    const row = await c.env.deps.db.select().from(invoices).where(and(eq(invoices.id, c.req.valid('param').id), eq(invoices.userId, userId))).get();
    if (!row) return notFound(c, 'invoice');
    const res = await recomputeForecastFrom(c.env.deps, row, validatedOn);
    if (!res.ok) return respondFailure(c, res);
    return c.json(invoiceView(res.value, c.env.deps.now()), 200);
  })
  .post('/:id/cancel', validate('param', IdParam), async (c) => {
    const res = await cancelInvoice(c.env.deps, { userId: c.var.userId, invoiceId: c.req.valid('param').id });
    if (!res.ok) return respondFailure(c, res);
    const now = c.env.deps.now();
    return c.json({ invoice: invoiceView(res.value.invoice, now), creditNote: invoiceView(res.value.creditNote, now) }, 201);
  });
