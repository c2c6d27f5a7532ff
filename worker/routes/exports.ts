import { Hono } from '../http/hono';
import * as v from 'valibot';
import type { AppEnv } from '../deps';
import { notFound } from '../http/errors';
import { idempotentAnswer } from '../http/idempotency';
import { validate } from '../http/validate';
import { streamInvoicesCsv } from '../use-cases/export-invoices-csv';
import { calendarOwner, issueCalendarToken, payoutCalendar } from '../use-cases/payout-calendar';

const CsvQuery = v.object({
  year: v.pipe(v.string(), v.regex(/^\d{4}$/, 'must be a year like 2026'), v.transform(Number), v.minValue(2000, 'must be 2000 or later'), v.maxValue(2099, 'must be 2099 or earlier')),
  dialect: v.optional(v.picklist(['rfc4180', 'excel-fr'], 'must be rfc4180 or excel-fr'), 'rfc4180'),
});

/** Exports for the accountant and the calendar (bearer-authenticated). */
export const exportRoutes = new Hono<AppEnv>()
  .get('/invoices.csv', validate('query', CsvQuery), async (c) => {
    const { year, dialect } = c.req.valid('query');
    const csv = streamInvoicesCsv(c.env.deps, { userId: c.var.userId, year, dialect });
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8; header=present', 'Content-Disposition': `attachment; filename="factures-${year}.csv"`, 'Cache-Control': 'private, no-store' });
  })
  .post('/calendar', async (c) => {
    // A replay (same Idempotency-Key) never shows the secret URL again: it was shown once.
    const answered = idempotentAnswer(c, 201, { url: null, urlShown: 'once' });
    const token = await issueCalendarToken(c.env.deps, c.var.userId, answered ? [answered] : []);
    return c.json({ url: `${c.env.deps.publicUrl.replace(/\/$/, '')}/calendar/${token}.ics` }, 201);
  });

/** The public ICS feed, found by its secret token alone (calendar apps send no header). */
export const calendarFeedRoutes = new Hono<AppEnv>().get('/calendar/:file', async (c) => {
  const file = c.req.param('file');
  const userId = file.endsWith('.ics') ? await calendarOwner(c.env.deps, file.slice(0, -4)) : null;
  if (!userId) return notFound(c, 'calendar');
  const ics = await payoutCalendar(c.env.deps, userId);
  return c.body(ics, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, max-age=300' });
});
