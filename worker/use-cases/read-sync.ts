import { and, eq, gt, lte } from 'drizzle-orm';
import { cras, invoices, missions, profiles, users } from '../db/schema';
import type { Deps } from '../deps';

/** Rows per sync page by default, and at most: a page stays well under 1 MB (a CRA or invoice view is 1–3 KB). */
export const SYNC_DEFAULT_LIMIT = 100;
export const SYNC_MAX_LIMIT = 200;

type Stamped = { seq: number };

/**
 * Changes since a cursor for the extension's offline copy, a page at a time. The cursor is
 * the user's change sequence: every write advances it and stamps the rows it touched, so one
 * indexed read answers "nothing new" without touching any other table.
 *
 * A page holds at most about `limit` missions, CRAs and invoices in change order, cut
 * between two change sequences (the rows one write stamped travel together, so a cursor
 * never splits them); `more` says another page follows, from the page's `cursor`.
 */
export async function readSync(deps: Deps, userId: string, since: number, knownChangeSeq?: number, limit = SYNC_DEFAULT_LIMIT) {
  const userClock = knownChangeSeq ?? (await deps.db.select({ changeSeq: users.changeSeq }).from(users).where(eq(users.id, userId)).get())?.changeSeq ?? 0;
  if (userClock <= since) return { cursor: userClock, changed: false as const, more: false };
  const read = (upTo?: number) => Promise.all([
    deps.db.select().from(missions).where(and(eq(missions.userId, userId), gt(missions.seq, since), upTo === undefined ? undefined : lte(missions.seq, upTo)))
      .orderBy(missions.seq).limit(upTo === undefined ? limit + 1 : -1).all(),
    deps.db.select().from(cras).where(and(eq(cras.userId, userId), gt(cras.seq, since), upTo === undefined ? undefined : lte(cras.seq, upTo)))
      .orderBy(cras.seq).limit(upTo === undefined ? limit + 1 : -1).all(),
    deps.db.select().from(invoices).where(and(eq(invoices.userId, userId), gt(invoices.seq, since), upTo === undefined ? undefined : lte(invoices.seq, upTo)))
      .orderBy(invoices.seq).limit(upTo === undefined ? limit + 1 : -1).all(),
  ] as const);
  let [missionRows, craRows, invoiceRows] = await read();
  const profile = await deps.db.select({ seq: profiles.seq }).from(profiles).where(eq(profiles.userId, userId)).get();
  const seqs = [...missionRows, ...craRows, ...invoiceRows].map((r) => r.seq).sort((a, b) => a - b);
  let cursor = userClock;
  let more = false;
  if (seqs.length > limit) {
    // The page ends with the change sequence of its limit-th row; a table that was cut at that
    // very sequence may hold more of its rows: read them all (one write stamps a few rows at most).
    cursor = seqs[limit - 1]!;
    // More only if something was written after the page: the rows past the limit may all be
    // the last write's (a CRA and its mission stamped together).
    more = cursor < userClock;
    const cutAt = (rows: Stamped[]) => rows.length === limit + 1 && rows[limit]!.seq <= cursor;
    if (cutAt(missionRows) || cutAt(craRows) || cutAt(invoiceRows)) [missionRows, craRows, invoiceRows] = await read(cursor);
    const upTo = <R extends Stamped>(rows: R[]) => rows.filter((r) => r.seq <= cursor);
    missionRows = upTo(missionRows);
    craRows = upTo(craRows);
    invoiceRows = upTo(invoiceRows);
  }
  const profileSeq = profile?.seq ?? 0;
  return { cursor, more, changed: true as const, missionRows, craRows, invoiceRows, profileChanged: profileSeq > since && profileSeq <= cursor };
}
