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
    /**
     * `invoice` / `credit_note`: the freelancer's own series. `portal_invoice`: an invoice a portal issues under a
     * billing mandate (expected until the portal's invoice is seen); `salary_budget`: a cooperative's month, no
     * invoice in the member's name. The last two number in their own internal counters, never the freelancer's.
     */
    kind: text('kind', { enum: ['invoice', 'credit_note', 'portal_invoice', 'salary_budget'] }).notNull(),
    /** Who issues the document (shared/invoice/issuers.ts): `freelancer`, `portal_mandate` or `cooperative`. */
    issuer: text('issuer', { enum: ['freelancer', 'portal_mandate', 'cooperative'] }).notNull().default('freelancer'),
    year: integer('year').notNull(),
    sequence: integer('sequence').notNull(),
    issuedOn: text('issued_on').notNull(),
    serviceMonth: text('service_month'),
    dueOn: text('due_on').notNull(),
    status: text('status', { enum: ['issued', 'paid', 'cancelled', 'credit_note', 'expected'] }).notNull(),
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
    /** Days invoiced, in thousandths, and the month's daily rate: what a portal's invoice is compared with. */
    daysMilli: integer('days_milli'),
    dailyRateCents: integer('daily_rate_cents'),
    /** The portal's invoice as seen (overlay) or entered (user): number, status, dates, amounts, with provenance (JSON). */
    portalNumber: text('portal_number'),
    portalStatus: text('portal_status'),
    portalInvoice: text('portal_invoice'),
    /** Differences between the expected document and the portal's (JSON list of {field, expected, observed}), null when none. */
    mismatch: text('mismatch'),
    /** Manual upload to the portal: when, and the PDF's size in bytes (the portal's checklist). */
    uploadedOn: text('uploaded_on'),
    uploadPdfBytes: integer('upload_pdf_bytes'),
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

/** The gapless counters, one per issuer, series and year (`portal_invoice` / `salary_budget`: internal ordinals only). */
export const invoiceCounters = sqliteTable(
  'invoice_counters',
  {
    userId: text('user_id').notNull(),
    kind: text('kind', { enum: ['invoice', 'credit_note', 'portal_invoice', 'salary_budget'] }).notNull(),
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

/**
 * Money that arrived against a document: the client's payment (`client`) or the payout to the freelancer
 * (`payout`), with its amount; several rows make a partial payment.
 */
export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    invoiceId: text('invoice_id').notNull(),
    kind: text('kind', { enum: ['client', 'payout'] }).notNull(),
    paidOn: text('paid_on').notNull(),
    amountCents: integer('amount_cents').notNull(),
    /** `user` or the portal page it was read on (JSON provenance). */
    source: text('source').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('payments_invoice').on(t.invoiceId, t.paidOn)],
);

/**
 * What a portal showed that disagrees with what the user entered: kept, never applied silently, until the user
 * settles it (keep theirs or take the portal's).
 */
export const ledgerConflicts = sqliteTable(
  'ledger_conflicts',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    invoiceId: text('invoice_id'),
    missionId: text('mission_id'),
    craId: text('cra_id'),
    field: text('field').notNull(),
    userValue: text('user_value'),
    portalValue: text('portal_value'),
    /** {portal, page, observedAt, observationId} */
    provenance: text('provenance').notNull(),
    status: text('status', { enum: ['open', 'kept_user', 'took_portal'] }).notNull().default('open'),
    createdAt: text('created_at').notNull(),
    settledAt: text('settled_at'),
  },
  (t) => [index('ledger_conflicts_user').on(t.userId, t.status, t.createdAt), index('ledger_conflicts_user_created').on(t.userId, t.createdAt)],
);
