import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/** The seller's identity printed on every invoice. One per user. */
export const profiles = sqliteTable('profiles', {
  userId: text('user_id').primaryKey().references(() => users.id),
  legalName: text('legal_name').notNull().default(''),
  legalForm: text('legal_form', { enum: ['ei', 'eurl', 'sasu', 'smart', 'other'] }).notNull().default('ei'),
  siret: text('siret'),
  vatRegime: text('vat_regime', { enum: ['franchise', 'standard'] }).notNull().default('franchise'),
  vatNumber: text('vat_number'),
  addressLine1: text('address_line1'),
  postalCode: text('postal_code'),
  city: text('city'),
  country: text('country').notNull().default('FR'),
  iban: text('iban'),
  bic: text('bic'),
  bankName: text('bank_name'),
  alsaceMoselle: integer('alsace_moselle', { mode: 'boolean' }).notNull().default(false),
  penaltyRateBps: integer('penalty_rate_bps').notNull().default(1000),
  shareCapitalCents: integer('share_capital_cents'),
  rcs: text('rcs'),
  /** IANA time zone: "today" for dates that cannot be in the future. */
  timeZone: text('time_zone').notNull().default('Europe/Paris'),
  /** A user starting mid-year: the year's own turnover (excluding VAT) invoiced and collected before Relais. */
  openingYear: integer('opening_year'),
  openingTurnoverCents: integer('opening_turnover_cents'),
  openingCollectedCents: integer('opening_collected_cents'),
  seq: integer('seq').notNull().default(0),
  updatedAt: text('updated_at').notNull(),
});

/** Legal documents a portal asks for, with their expiry (reminded one month ahead). */
export const legalDocuments = sqliteTable('legal_documents', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id),
  kind: text('kind').notNull(),
  label: text('label').notNull(),
  issuedOn: text('issued_on'),
  expiresOn: text('expires_on'),
  /** The document's file (a scan or the PDF the portal asks for), kept so the freelancer can see it and upload it again. */
  fileName: text('file_name'),
  fileType: text('file_type'),
  fileBytes: integer('file_bytes'),
  fileBase64: text('file_base64'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [index('legal_documents_user').on(t.userId, t.expiresOn, t.id), index('legal_documents_expiry').on(t.expiresOn)]);
