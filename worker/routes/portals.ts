import { and, desc, eq } from 'drizzle-orm';
import { Hono } from '../http/hono';
import { missions, portalObservations, portalReports } from '../db/schema';
import type { AppEnv } from '../deps';
import { newId } from '../http/crypto';
import { notFound } from '../http/errors';
import { validate } from '../http/validate';
import { reconcileObservation } from '../use-cases/reconcile-portal';
import { PortalObservationBody, PortalReportBody } from '../../shared/portals/reports';

const reportView = (r: typeof portalReports.$inferSelect) => ({ id: r.id, portal: r.portal, page: r.page, selectorKey: r.selectorKey, extensionVersion: r.extensionVersion, createdAt: r.createdAt });

/**
 * What the portal overlays tell the API: a page that no longer matched the extension's
 * selectors (a report, so the selectors get fixed), and what a page showed (an observation:
 * budget consumed, invoice statuses…), checked against that page's model in shared/portals.
 */
export const portalRoutes = new Hono<AppEnv>()
  .post('/reports', validate('json', PortalReportBody), async (c) => {
    const b = c.req.valid('json');
    const row = { id: newId(), userId: c.var.userId, portal: b.portal, page: b.page, selectorKey: b.selectorKey, extensionVersion: b.extensionVersion, createdAt: c.env.deps.now().toISOString() };
    await c.env.deps.db.insert(portalReports).values(row);
    return c.json(reportView(row), 201);
  })
  .get('/reports', async (c) => {
    const rows = await c.env.deps.db.select().from(portalReports).where(eq(portalReports.userId, c.var.userId)).orderBy(desc(portalReports.createdAt)).limit(200).all();
    return c.json({ reports: rows.map(reportView) }, 200);
  })
  .post('/observations', validate('json', PortalObservationBody), async (c) => {
    const b = c.req.valid('json');
    if (b.missionId) {
      const own = await c.env.deps.db.select({ id: missions.id }).from(missions).where(and(eq(missions.id, b.missionId), eq(missions.userId, c.var.userId))).get();
      if (!own) return notFound(c, 'mission');
    }
    const row = { id: newId(), userId: c.var.userId, missionId: b.missionId ?? null, portal: b.portal, page: b.page, data: JSON.stringify(b.data), observedAt: c.env.deps.now().toISOString() };
    await c.env.deps.db.insert(portalObservations).values(row);
    // What the page showed updates the ledger (with its provenance), never silently over what the user entered.
    const reconciled = await reconcileObservation(c.env.deps, c.var.userId, { portal: b.portal, page: b.page, data: b.data, observationId: row.id, observedAt: row.observedAt });
    return c.json({ id: row.id, portal: row.portal, page: row.page, missionId: row.missionId, observedAt: row.observedAt, reconciled }, 201);
  });
