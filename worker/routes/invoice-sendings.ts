import { Hono } from '../http/hono';
import * as v from 'valibot';
import type { AppEnv } from '../deps';
import { fail } from '../http/errors';
import { validate } from '../http/validate';
import { InvoiceSendBody } from '../../shared/schemas/invoice-sending';
import { respondFailure } from '../use-cases/result';
import { listSendings, sendInvoice } from '../use-cases/send-invoice';

const IdParam = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });

/** Emailing an invoice and its reminders to the client, and the log of what was sent. */
export const invoiceSendingRoutes = new Hono<AppEnv>()
  .post('/:id/send', validate('param', IdParam), validate('json', InvoiceSendBody), async (c) => {
    const b = c.req.valid('json');
    const res = await sendInvoice(c.env.deps, { userId: c.var.userId, invoiceId: c.req.valid('param').id, to: b.to, kind: b.kind, step: b.step, locale: b.locale });
    if (!res.ok) return respondFailure(c, res);
    if (!res.value.delivered) return fail(c, 502, 'mail_failed', `The mail server refused the message: ${res.value.error ?? 'unknown error'}`);
    return c.json({ sending: res.value.sending }, 201);
  })
  .get('/:id/sendings', validate('param', IdParam), async (c) => {
    const res = await listSendings(c.env.deps, c.var.userId, c.req.valid('param').id);
    if (!res.ok) return respondFailure(c, res);
    return c.json({ sendings: res.value }, 200);
  });
