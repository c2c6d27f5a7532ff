import { and, desc, eq, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { Hono } from '../http/hono';
import * as v from 'valibot';
import { EVENT_TYPES, EventTypeSchema } from '../../shared/notifications/events';
import { OptionalText } from '../../shared/schemas/common';
import { webhookDeliveries, webhookEndpoints } from '../db/schema';
import type { AppEnv } from '../deps';
import { newId } from '../http/crypto';
import { fail, notFound } from '../http/errors';
import { validate } from '../http/validate';
import { decodeCursor, MAX_LIMIT, pageOf, pageQuery } from '../http/page';
import { webhookBody } from '../notifications/dispatch';
import { newMessageId, newWebhookSecret, type AttemptLog } from '../notifications/webhook-secret';
import { webhookTargetProblem } from '../notifications/webhook-url';
import { reserveLimited } from '../use-cases/sign-in-limits';
import { PING_TIERS } from '../../shared/notifications/ping-limits';

const Url = v.pipe(v.string(), v.trim(), v.maxLength(2000, 'must be at most 2000 characters'));
const Events = v.pipe(v.array(v.union([EventTypeSchema, v.literal('*')], `must be one of ${EVENT_TYPES.join(', ')} or *`)), v.minLength(1, 'subscribe to at least one event'), v.maxLength(EVENT_TYPES.length + 1));
const CreateBody = v.object({ url: Url, events: Events, description: OptionalText(200) });
const PatchBody = v.object({ url: v.optional(Url), events: v.optional(Events), description: OptionalText(200), enabled: v.optional(v.boolean()) });
const IdParam = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });
const DeliveriesQuery = v.object(pageQuery(2, MAX_LIMIT, 100));

type EndpointRow = typeof webhookEndpoints.$inferSelect;
const view = (e: EndpointRow) => ({
  id: e.id,
  url: e.url,
  events: JSON.parse(e.events) as string[],
  description: e.description,
  enabled: e.enabled,
  disabledReason: e.disabledReason,
  failingSince: e.failingSince,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

async function urlRefused(c: Context<AppEnv>, url: string) {
  const problem = await webhookTargetProblem(url, c.env.deps.webhookPolicy, c.env.deps.resolveHost);
  return problem ? fail(c, 422, 'validation_failed', `url ${problem}`, [{ path: 'url', message: problem }]) : null;
}

const findEndpoint = (c: Context<AppEnv>, id: string) =>
  c.env.deps.db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.userId, c.var.userId))).get();

/**
 * Webhook endpoints (Standard Webhooks): register a URL for some events and get its
 * `whsec_` secret once; list, update, delete; send a test `ping` now; read the delivery log.
 */
export const webhookRoutes = new Hono<AppEnv>()
  .post('/', validate('json', CreateBody), async (c) => {
    const b = c.req.valid('json');
    const refused = await urlRefused(c, b.url);
    if (refused) return refused;
    const at = c.env.deps.now().toISOString();
    const row: EndpointRow = { id: newId(), userId: c.var.userId, url: b.url, events: JSON.stringify([...new Set(b.events)]), description: b.description ?? null, secret: newWebhookSecret(), enabled: true, disabledReason: null, failingSince: null, createdAt: at, updatedAt: at };
    await c.env.deps.db.insert(webhookEndpoints).values(row);
    // The secret is shown this once; afterwards only its owner's receiver knows it (a replay omits it).
    c.set('replayBody', { ...view(row), secret: null, secretShown: 'once' });
    return c.json({ ...view(row), secret: row.secret }, 201);
  })
  .get('/', async (c) => {
    const rows = await c.env.deps.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.userId, c.var.userId)).orderBy(desc(webhookEndpoints.createdAt)).all();
    return c.json({ webhooks: rows.map(view) }, 200);
  })
  .get('/:id', validate('param', IdParam), async (c) => {
    const row = await findEndpoint(c, c.req.valid('param').id);
    return row ? c.json(view(row), 200) : notFound(c, 'webhook');
  })
  .patch('/:id', validate('param', IdParam), validate('json', PatchBody), async (c) => {
    const b = c.req.valid('json');
    const row = await findEndpoint(c, c.req.valid('param').id);
    if (!row) return notFound(c, 'webhook');
    if (b.url !== undefined) {
      const refused = await urlRefused(c, b.url);
      if (refused) return refused;
    }
    const [updated] = await c.env.deps.db
      .update(webhookEndpoints)
      .set({
        url: b.url ?? row.url,
        events: b.events ? JSON.stringify([...new Set(b.events)]) : row.events,
        description: b.description === undefined ? row.description : b.description,
        // Enabling again clears the reason and the failing streak.
        ...(b.enabled === undefined ? {} : b.enabled ? { enabled: true, disabledReason: null, failingSince: null } : { enabled: false, disabledReason: 'disabled by its owner' }),
        updatedAt: c.env.deps.now().toISOString(),
      })
      .where(and(eq(webhookEndpoints.id, row.id), eq(webhookEndpoints.userId, c.var.userId)))
      .returning();
    return c.json(view(updated!), 200);
  })
  .delete('/:id', validate('param', IdParam), async (c) => {
    const row = await findEndpoint(c, c.req.valid('param').id);
    if (!row) return notFound(c, 'webhook');
    await c.env.deps.client.batch([
      { sql: 'DELETE FROM webhook_deliveries WHERE endpoint_id = ?', args: [row.id] },
      { sql: 'DELETE FROM webhook_endpoints WHERE id = ? AND user_id = ?', args: [row.id, c.var.userId] },
    ], 'write');
    return c.body(null, 204);
  })
  .post('/:id/test', validate('param', IdParam), async (c) => {
    const row = await findEndpoint(c, c.req.valid('param').id);
    if (!row) return notFound(c, 'webhook');
    if (!row.enabled) return fail(c, 409, 'webhook_disabled', 'Enable the webhook before testing it');
    // A test ping is not a port scanner: a few per endpoint and per user in any minute and hour.
    const room = await reserveLimited(c.env.deps, 'ping', [
      { key: `webhook:${row.id}`, tiers: PING_TIERS.endpoint },
      { key: `user:${c.var.userId}`, tiers: PING_TIERS.user },
    ]);
    if (!room.ok) {
      c.header('Retry-After', String(room.retryAfterSeconds));
      return fail(c, 429, 'rate_limited', 'Too many test pings; retry later');
    }
    const at = c.env.deps.now().toISOString();
    const id = newMessageId();
    await c.env.deps.db.insert(webhookDeliveries).values({
      id, endpointId: row.id, userId: c.var.userId, eventId: `ping:${id}`, eventType: 'ping',
      payload: webhookBody('ping', at, { endpointId: row.id, message: 'Relais test event' }), status: 'pending', nextAttemptAt: at, createdAt: at,
    });
    // Sent now, within the request; a failure follows the usual retry schedule.
    const result = await c.env.deps.sendWebhookNow(id);
    return c.json({ deliveryId: id, delivered: result.delivered, status: result.status }, 200);
  })
  .get('/:id/deliveries', validate('param', IdParam), validate('query', DeliveriesQuery), async (c) => {
    const row = await findEndpoint(c, c.req.valid('param').id);
    if (!row) return notFound(c, 'webhook');
    // Newest first, a page at a time (cursor: the last row's createdAt and id, along webhook_deliveries_endpoint_page).
    const q = c.req.valid('query');
    const limit = Number(q.limit);
    const after = q.cursor === undefined ? null : decodeCursor(q.cursor, 2)!;
    const d = webhookDeliveries;
    const where = after
      ? and(eq(d.endpointId, row.id), sql`${d.createdAt} <= ${after[0]} AND (${d.createdAt} < ${after[0]} OR ${d.id} < ${after[1]})`)
      : eq(d.endpointId, row.id);
    const rows = await c.env.deps.db.select().from(d).where(where).orderBy(desc(d.createdAt), desc(d.id)).limit(limit + 1).all();
    const { page, nextCursor } = pageOf(rows, limit, (r) => [r.createdAt, r.id]);
    return c.json({
      nextCursor,
      deliveries: page.map((d) => ({
        id: d.id, eventType: d.eventType, status: d.status, attempts: d.attempt, nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
        lastStatusCode: d.lastStatusCode, lastError: d.lastError, createdAt: d.createdAt, deliveredAt: d.deliveredAt, log: JSON.parse(d.log) as AttemptLog[],
      })),
    }, 200);
  });
