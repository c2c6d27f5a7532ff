import { Hono } from 'hono';
import * as v from 'valibot';
import { missions, purchaseOrders } from '../db/schema';
import { inArray } from 'drizzle-orm';
import type { AppEnv } from '../deps';
import { validate } from '../http/validate';
import { craView } from '../use-cases/cra-view';
import { invoiceView } from '../use-cases/invoice-view';
import { readMission } from '../use-cases/mission-view';
import { readSync } from '../use-cases/read-sync';
import { loadProfile, profileView } from './profile';

const SyncQuery = v.object({
  since: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'must be a cursor returned by /v1/sync'), v.transform(Number)), '0'),
});

/** `GET /v1/sync?since=CURSOR`: what changed since the cursor, and the new cursor. */
export const syncRoutes = new Hono<AppEnv>().get('/', validate('query', SyncQuery), async (c) => {
  const since = Number(c.req.valid('query').since);
  const { deps } = c.env;
  const userId = c.var.userId;
  const changes = await readSync(deps, userId, since, c.var.changeSeq);
  if (!changes.changed) return c.json({ cursor: changes.cursor, missions: [], cras: [], invoices: [], profile: null }, 200);
  const profile = await loadProfile(c, userId);
  const missionIds = [...new Set([...changes.missionIds, ...changes.craRows.map((r) => r.missionId)])];
  const missionRows = missionIds.length ? await deps.db.select().from(missions).where(inArray(missions.id, missionIds)).all() : [];
  const orderRows = missionIds.length ? await deps.db.select().from(purchaseOrders).where(inArray(purchaseOrders.missionId, missionIds)).all() : [];
  const now = deps.now();
  const missionViews = (await Promise.all(changes.missionIds.map((id) => readMission(deps, userId, id)))).filter((m) => m !== null);
  const craViews = changes.craRows.flatMap((r) => {
    const m = missionRows.find((x) => x.id === r.missionId);
    if (!m) return [];
    const orders = orderRows.filter((o) => o.missionId === m.id).sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1));
    return [craView(r, m, orders, profile.vatRegime, now)];
  });
  return c.json(
    {
      cursor: changes.cursor,
      missions: missionViews,
      cras: craViews,
      invoices: changes.invoiceRows.map((r) => invoiceView(r, now)),
      profile: changes.profileChanged ? profileView(profile) : null,
    },
    200,
  );
});
