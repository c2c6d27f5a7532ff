import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/** A portal page that no longer matched the extension's selectors: what broke, never what the page showed. */
export const portalReports = sqliteTable(
  'portal_reports',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    portal: text('portal').notNull(),
    page: text('page').notNull(),
    selectorKey: text('selector_key').notNull(),
    extensionVersion: text('extension_version').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('portal_reports_user').on(t.userId, t.createdAt)],
);

/** The last thing an overlay read on a portal page for a mission (budget consumed, an invoice's payment date…), as JSON. */
export const portalObservations = sqliteTable(
  'portal_observations',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    missionId: text('mission_id'),
    portal: text('portal').notNull(),
    page: text('page').notNull(),
    data: text('data').notNull(),
    observedAt: text('observed_at').notNull(),
  },
  (t) => [index('portal_observations_user').on(t.userId, t.observedAt)],
);

/** The secret behind a user's ICS feed of expected payouts; stored hashed, replaced when regenerated. */
export const calendarFeeds = sqliteTable('calendar_feeds', {
  userId: text('user_id').primaryKey().references(() => users.id),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: text('created_at').notNull(),
});
