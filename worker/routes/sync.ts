import { Hono } from '../http/hono';
import * as v from 'valibot';
import { cras, missions, purchaseOrders } from '../db/schema';
import { inArray } from 'drizzle-orm';
import { isoDateOf } from '../../shared/dates';
import type { AppEnv } from '../deps';
import { validate } from '../http/validate';
import { craView } from '../use-cases/cra-view';
import { invoiceView } from '../use-cases/invoice-view';
import { missionView } from '../use-cases/mission-view';
import { readSync, SYNC_DEFAULT_LIMIT, SYNC_MAX_LIMIT } from '../use-cases/read-sync';
import { loadProfile, profileView } from './profile';

const SyncQuery = v.object({
  since: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'must be a cursor returned by /v1/sync'), v.transform(Number)), '0'),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,4}$/, `must be a number from 1 to ${SYNC_MAX_LIMIT}`), v.transform(Number),
      v.minValue(1, 'must be at least 1'), v.maxValue(SYNC_MAX_LIMIT, `must be at most ${SYNC_MAX_LIMIT}`)),
    String(SYNC_DEFAULT_LIMIT),
  ),
});

/**
 * `GET /v1/sync?since=CURSOR&limit=N`: what changed since the cursor, a page at a time, the
 * cursor to ask from next, and `more` while another page follows (the client loops on it).
 */
export const syncRoutes = new Hono<AppEnv>().get('/', validate('query', SyncQuery), async (c) => {
  const q = c.req.valid('query');
  const { deps } = c.env;
  const userId = c.var.userId;
  const changes = await readSync(deps, userId, Number(q.since), c.var.changeSeq, Number(q.limit));
  if (!changes.changed) return c.json({ cursor: changes.cursor, more: false, missions: [], cras: [], invoices: [], profile: null }, 200);
  const profile = await loadProfile(c, userId);
  // The page's missions and the missions of its CRAs, with their orders and months, in three reads.
  const known = new Map(changes.missionRows.map((m) => [m.id, m]));
  const missingIds = [...new Set(changes.craRows.map((r) => r.missionId))].filter((id) => !known.has(id));
  const others = missingIds.length ? await deps.db.select().from(missions).where(inArray(missions.id, missingIds)).all() : [];
  for (const m of others) if (m.userId === userId) known.set(m.id, m);
  const ids = [...known.keys()];
  const [orderRows, monthRows] = ids.length
    ? await Promise.all([
      deps.db.select().from(purchaseOrders).where(inArray(purchaseOrders.missionId, ids)).all(),
      changes.missionRows.length
        ? deps.db.select({ missionId: cras.missionId, month: cras.month, days: cras.days }).from(cras)
          .where(inArray(cras.missionId, changes.missionRows.map((m) => m.id))).all()
        : Promise.resolve([]),
    ])
    : [[], []];
  const now = deps.now();
  const today = isoDateOf(now);
  const ordersOf = (id: string) => orderRows.filter((o) => o.missionId === id).sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1));
  const craViews = changes.craRows.flatMap((r) => {
    const m = known.get(r.missionId);
    return m ? [craView(r, m, ordersOf(m.id), profile.vatRegime, now)] : [];
  });
  return c.json(
    {
      cursor: changes.cursor,
      more: changes.more,
      missions: changes.missionRows.map((m) => missionView(m, ordersOf(m.id), monthRows.filter((r) => r.missionId === m.id), today)),
      cras: craViews,
      invoices: changes.invoiceRows.map((r) => invoiceView(r, now)),
      profile: changes.profileChanged ? profileView(profile) : null,
    },
    200,
  );
});
