import { eq } from 'drizzle-orm';
import { profiles } from '../db/schema';
import type { Deps } from '../deps';

export type ProfileRow = typeof profiles.$inferSelect;

/** Reads a user's profile, creating it with its defaults on first use. */
export async function loadProfileRow(deps: Deps, userId: string): Promise<ProfileRow> {
  const row = await deps.db.select().from(profiles).where(eq(profiles.userId, userId)).get();
  if (row) return row;
  await deps.db.insert(profiles).values({ userId, updatedAt: deps.now().toISOString() }).onConflictDoNothing();
  return (await deps.db.select().from(profiles).where(eq(profiles.userId, userId)).get())!;
}
