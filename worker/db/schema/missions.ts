import { integer, sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * A mission with a client through a portal. The terms that may change only at renewal
 * (daily rate, plan, budget, dates) live on its purchase orders; the mission row carries
 * the current order's values for fast reads.
 */
export const missions = sqliteTable(
  'missions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    portal: text('portal').notNull(),
    clientName: text('client_name').notNull(),
    clientSiren: text('client_siren'),
    clientAddress: text('client_address'),
    /** The client's country (the buyer's, on invoices and in UBL); `country` is the freelancer's, which decides the payout regime. */
    clientCountry: text('client_country').notNull().default('FR'),
    /** Where the freelancer emails the client's invoices and reminders (from Relais, after confirming each time). */
    clientEmail: text('client_email'),
    /** The buyer's VAT number (BT-48): needed for a reverse charge. */
    clientVatNumber: text('client_vat_number'),
    /** The buyer's structured address (BT-50, BT-53, BT-52); `client_address` is the older free text, still read. */
    clientAddressLine: text('client_address_line'),
    clientPostcode: text('client_postcode'),
    clientCity: text('client_city'),
    /** The buyer's electronic address (BT-49) and its scheme (EAS); by default a French company's SIREN under 0225. */
    clientElectronicAddress: text('client_electronic_address'),
    clientElectronicAddressScheme: text('client_electronic_address_scheme'),
    /** The mission's name, and the invoice line's label (defaults to the title). */
    title: text('title'),
    serviceDescription: text('service_description'),
    contractSignedOn: text('contract_signed_on').notNull(),
    country: text('country').notNull(),
    invoiceMode: text('invoice_mode', { enum: ['auto', 'manual'] }).notNull(),
    clientTermsDays: integer('client_terms_days'),
    vatRateBps: integer('vat_rate_bps').notNull(),
    quarterDays: integer('quarter_days', { mode: 'boolean' }).notNull().default(false),
    smartContractType: text('smart_contract_type'),
    /** The mission's identifier on its portal (as the portal shows it), so an overlay can tell which mission a page is about. */
    portalRef: text('portal_ref'),
    /** The expected rhythm in days per week, in thousandths (2.5 days → 2 500); null: only the days planned count. */
    daysPerWeekMilli: integer('days_per_week_milli'),
    /** What the portal's missions page last showed of the purchase order's consumption (JSON, with provenance). */
    portalConsumption: text('portal_consumption'),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    seq: integer('seq').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('missions_user').on(t.userId, t.seq), index('missions_user_created').on(t.userId, t.createdAt)],
);

/** A purchase order (BDC): the first one, then one per renewal. */
export const purchaseOrders = sqliteTable(
  'purchase_orders',
  {
    id: text('id').primaryKey(),
    missionId: text('mission_id').notNull().references(() => missions.id),
    userId: text('user_id').notNull().references(() => users.id),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    dailyRateCents: integer('daily_rate_cents').notNull(),
    plan: text('plan').notNull(),
    budgetDaysMilli: integer('budget_days_milli'),
    budgetCents: integer('budget_cents'),
    reference: text('reference'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('purchase_orders_mission').on(t.missionId, t.startsOn), index('purchase_orders_user').on(t.userId, t.startsOn), index('purchase_orders_running').on(t.endsOn)],
);
