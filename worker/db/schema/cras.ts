import { integer, sqliteTable, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { missions } from './missions';
import { users } from './users';

/** One activity report per mission and month. `revision` is the ETag; days and lines are JSON. */
export const cras = sqliteTable(
  'cras',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    missionId: text('mission_id').notNull().references(() => missions.id),
    month: text('month').notNull(),
    state: text('state', { enum: ['draft', 'submitted', 'validated', 'refused'] }).notNull(),
    days: text('days').notNull().default('{}'),
    lines: text('lines').notNull().default('[]'),
    revision: integer('revision').notNull().default(0),
    refusalReason: text('refusal_reason'),
    submittedAt: text('submitted_at'),
    validatedOn: text('validated_on'),
    seq: integer('seq').notNull().default(0),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('cras_mission_month').on(t.missionId, t.month), index('cras_user_seq').on(t.userId, t.seq)],
);
