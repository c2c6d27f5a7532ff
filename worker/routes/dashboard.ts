import { Hono } from '../http/hono';
import type { AppEnv } from '../deps';
import { buildDashboard } from '../use-cases/build-dashboard';

/** `GET /v1/dashboard`: everything the popup shows, in one request. */
export const dashboardRoutes = new Hono<AppEnv>().get('/', async (c) => c.json(await buildDashboard(c.env.deps, c.var.userId), 200));
