import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * Every email of an invoice (or of one of its reminders) sent to the client from Relais:
 * to whom, which letter, when, and whether the mail server took it. Never updated.
 */
export const invoiceSendings = sqliteTable(
  'invoice_sendings',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    invoiceId: text('invoice_id').notNull(),
    kind: text('kind', { enum: ['invoice', 'reminder'] }).notNull(),
    /** The dunning step of a reminder (1 courteous, 2 firm, 3 formal notice); null for the invoice itself. */
    step: integer('step'),
    toAddress: text('to_address').notNull(),
    ccAddress: text('cc_address'),
    subject: text('subject').notNull(),
    locale: text('locale').notNull(),
    status: text('status', { enum: ['sent', 'failed'] }).notNull(),
    messageId: text('message_id'),
    error: text('error'),
    sentAt: text('sent_at').notNull(),
  },
  (t) => [index('invoice_sendings_invoice').on(t.userId, t.invoiceId, t.sentAt)],
);
