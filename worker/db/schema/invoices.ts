import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * Issued invoices and credit notes. Never updated after issue except for what happens
 * to them afterwards (paid, cancelled by a credit note, forecast narrowed); amounts, lines,
 * number and parties are frozen at issue.
 */
export const invoices = sqliteTable(
  'invoices',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    missionId: text('mission_id').notNull(),
    craId: text('cra_id'),
    kind: text('kind', { enum: ['invoice', 'credit_note'] }).notNull(),
    year: integer('year').notNull(),
    sequence: integer('sequence').notNull(),
    issuedOn: text('issued_on').notNull(),
    serviceMonth: text('service_month'),
    dueOn: text('due_on').notNull(),
    status: text('status', { enum: ['issued', 'paid', 'cancelled', 'credit_note'] }).notNull(),
    lines: text('lines').notNull(),
    vatBreakdown: text('vat_breakdown').notNull(),
    vatMention: text('vat_mention'),
    netCents: integer('net_cents').notNull(),
    vatCents: integer('vat_cents').notNull(),
    totalCents: integer('total_cents').notNull(),
    penaltyRateBps: integer('penalty_rate_bps').notNull(),
    regime: text('regime').notNull(),
    plan: text('plan').notNull(),
    feeCents: integer('fee_cents').notNull(),
    payoutCents: integer('payout_cents').notNull(),
    payoutEarliest: text('payout_earliest'),
    payoutLatest: text('payout_latest'),
    clientDueOn: text('client_due_on'),
    clientPaidOn: text('client_paid_on'),
    paidOn: text('paid_on'),
    cancelsInvoiceId: text('cancels_invoice_id'),
    cancelledById: text('cancelled_by_id'),
    seller: text('seller').notNull(),
    buyer: text('buyer').notNull(),
    seq: integer('seq').notNull().default(0),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('invoices_number').on(t.userId, t.kind, t.year, t.sequence),
    uniqueIndex('invoices_cra').on(t.craId),
    index('invoices_user_seq').on(t.userId, t.seq),
    // The list's order (issued_on desc, kind asc, sequence desc) read backwards, the CSV's forwards: no sort.
    index('invoices_user_order').on(t.userId, t.issuedOn, sql`${t.kind} DESC`, t.sequence),
    index('invoices_user_year_order').on(t.userId, t.year, t.issuedOn, sql`${t.kind} DESC`, t.sequence),
    // Open invoices by payout date: the ICS feed, the dashboard's payouts, the reminders.
    index('invoices_user_open').on(t.userId, t.kind, t.status, t.payoutEarliest),
    // The reminders' due dates, across users (worker/notifications/reminders.ts): only open invoices are read.
    index('invoices_due_payout_earliest').on(t.status, t.payoutEarliest),
    index('invoices_due_payout_latest').on(t.status, t.payoutLatest),
    index('invoices_due_on').on(t.status, t.dueOn),
  ],
);

/** The gapless counters, one per issuer, series and year. */
export const invoiceCounters = sqliteTable(
  'invoice_counters',
  {
    userId: text('user_id').notNull(),
    kind: text('kind', { enum: ['invoice', 'credit_note'] }).notNull(),
    year: integer('year').notNull(),
    lastSequence: integer('last_sequence').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.year] })],
);

/**
 * Guard rows that make a batch fail as a whole: `INSERT INTO write_guards(ok) SELECT changes() = 1`
 * violates the CHECK when the previous statement touched no row (a lost race), so the
 * batch rolls back. Turso over HTTP has no interactive transactions; this keeps writes atomic.
 */
export const writeGuards = sqliteTable('write_guards', { ok: integer('ok').notNull() }, (t) => [
  check('write_guards_ok', sql`${t.ok} = 1`),
]);
