import { and, eq } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { idempotencyKeys } from '../db/schema';
import type { AppEnv } from '../deps';
import { sha256Hex } from './crypto';
import { fail } from './errors';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const REPLAYED_HEADERS = ['etag', 'content-type'];

/**
 * Writes sent with an `Idempotency-Key` happen once: the same key with the same request
 * replays the first answer; the same key with another request is refused (422). The
 * extension's sync queue relies on it to retry safely after a lost response.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (!key || !WRITE_METHODS.has(c.req.method)) return next();
  if (key.length > 200) return fail(c, 422, 'validation_failed', 'Idempotency-Key is too long', [{ path: 'Idempotency-Key', message: 'must be at most 200 characters' }]);
  const { db, now } = c.env.deps;
  const userId = c.var.userId;
  const body = await c.req.text();
  const requestHash = await sha256Hex(`${c.req.method} ${c.req.path}\n${c.req.header('if-match') ?? ''}\n${body}`);
  const seen = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key))).get();
  if (seen) {
    if (seen.requestHash !== requestHash) {
      return fail(c, 422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request', [{ path: 'Idempotency-Key', message: 'already used for another request' }]);
    }
    const headers = new Headers(JSON.parse(seen.headers) as Record<string, string>);
    headers.set('Idempotent-Replayed', 'true');
    return new Response(seen.responseBody, { status: seen.status, headers });
  }
  await next();
  const res = c.res;
  if (res.status >= 500) return;
  const saved: Record<string, string> = {};
  for (const h of REPLAYED_HEADERS) {
    const value = res.headers.get(h);
    if (value) saved[h] = value;
  }
  const responseBody = await res.clone().text();
  await db
    .insert(idempotencyKeys)
    .values({ userId, key, requestHash, status: res.status, responseBody, headers: JSON.stringify(saved), createdAt: now().toISOString() })
    .onConflictDoNothing();
});
