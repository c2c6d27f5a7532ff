import { and, eq, gt } from 'drizzle-orm';
import { cras, invoices, missions, profiles, users } from '../db/schema';
import type { Deps } from '../deps';

/**
 * Changes since a cursor for the extension's offline copy. The cursor is the user's
 * change sequence: every write advances it and stamps the rows it touched, so one
 * indexed read answers "nothing new" without touching any other table.
 */
export async function readSync(deps: Deps, userId: string, since: number, knownChangeSeq?: number) {
  const cursor = knownChangeSeq ?? (await deps.db.select({ changeSeq: users.changeSeq }).from(users).where(eq(users.id, userId)).get())?.changeSeq ?? 0;
  if (cursor <= since) return { cursor, changed: false as const };
  const [missionRows, craRows, invoiceRows, profile] = await Promise.all([
    deps.db.select({ id: missions.id }).from(missions).where(and(eq(missions.userId, userId), gt(missions.seq, since))).all(),
    deps.db.select().from(cras).where(and(eq(cras.userId, userId), gt(cras.seq, since))).all(),
    deps.db.select().from(invoices).where(and(eq(invoices.userId, userId), gt(invoices.seq, since))).all(),
    deps.db.select({ seq: profiles.seq }).from(profiles).where(eq(profiles.userId, userId)).get(),
  ]);
  return { cursor, changed: true as const, missionIds: missionRows.map((m) => m.id), craRows, invoiceRows, profileChanged: (profile?.seq ?? 0) > since };
}
