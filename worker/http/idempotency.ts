import type { InStatement } from '@libsql/client';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../deps';
import { sha256Hex } from './crypto';
import { fail } from './errors';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const REPLAYED_HEADERS = ['etag', 'content-type'];
/** A key is kept 24 h: an older one counts as absent, and the bounded purge (notifications/purge.ts) deletes it. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;
/** How long the request holding a key owns it; after that a retry resumes the reservation. */
export const IDEMPOTENCY_LEASE_MS = 30_000;

/**
 * Claims the key in one statement: a new key, an expired one (treated as absent), or a
 * reservation for the same request whose holder is gone (its lease ran out) is taken;
 * anything else is left as it is and nothing is returned.
 */
const CLAIM_SQL = `INSERT INTO idempotency_keys (user_id, key, request_hash, status, response_body, headers, created_at, completed_at, leased_until)
  VALUES (?, ?, ?, 0, '', '{}', ?, NULL, ?)
  ON CONFLICT (user_id, key) DO UPDATE SET request_hash = excluded.request_hash, status = 0, response_body = '', headers = '{}',
    created_at = excluded.created_at, completed_at = NULL, leased_until = excluded.leased_until
  WHERE idempotency_keys.created_at <= ?
     OR (idempotency_keys.status = 0 AND idempotency_keys.request_hash = excluded.request_hash AND idempotency_keys.leased_until <= ?)
  RETURNING leased_until`;
const COMPLETE_SQL = `UPDATE idempotency_keys SET status = ?, response_body = ?, headers = ?, completed_at = ?, leased_until = NULL
  WHERE user_id = ? AND key = ? AND status = 0 AND leased_until = ?`;

/**
 * The statement that stores this request's answer under its key, for a route to put in the
 * same atomic batch as its write: then no crash can leave the write done and the key without
 * its answer. `replayBody` is what a replay shows: never a secret ("shown once"). Undefined
 * when the request carries no key.
 */
export function idempotentAnswer(c: Context<AppEnv>, status: number, replayBody: unknown): InStatement | undefined {
  c.set('replayBody', replayBody);
  const held = c.var.idempotency;
  if (!held) return undefined;
  const headers = JSON.stringify({ 'content-type': 'application/json' });
  return { sql: COMPLETE_SQL, args: [status, JSON.stringify(replayBody), headers, c.env.deps.now().toISOString(), held.userId, held.key, held.leasedUntil] };
}

/**
 * Writes sent with an `Idempotency-Key` happen once. The key is reserved before the work (one
 * atomic statement), so concurrent duplicates get `409 idempotency_in_progress` while the
 * first runs, then the first answer replayed with `Idempotent-Replayed: true`; the same key with
 * another request is refused (422). A failed (5xx) attempt gives the key back. The extension's
 * sync queue relies on it to retry safely after a lost response.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (!key || !WRITE_METHODS.has(c.req.method)) return next();
  if (key.length > 200) return fail(c, 422, 'validation_failed', 'Idempotency-Key is too long', [{ path: 'Idempotency-Key', message: 'must be at most 200 characters' }]);
  const { client, now } = c.env.deps;
  const userId = c.var.userId;
  const body = await c.req.text();
  const requestHash = await sha256Hex(`${c.req.method} ${c.req.path}\n${c.req.header('if-match') ?? ''}\n${body}`);
  const at = now();
  const leasedUntil = new Date(at.getTime() + IDEMPOTENCY_LEASE_MS).toISOString();
  const expiredBefore = new Date(at.getTime() - IDEMPOTENCY_KEY_TTL_MS).toISOString();
  const claimed = await client.execute({ sql: CLAIM_SQL, args: [userId, key, requestHash, at.toISOString(), leasedUntil, expiredBefore, at.toISOString()] });
  if (claimed.rows.length === 0) {
    const seen = (await client.execute({ sql: 'SELECT request_hash, status, response_body, headers FROM idempotency_keys WHERE user_id = ? AND key = ?', args: [userId, key] })).rows[0];
    if (seen && String(seen.request_hash) !== requestHash) {
      return fail(c, 422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request', [{ path: 'Idempotency-Key', message: 'already used for another request' }]);
    }
    if (!seen || Number(seen.status) === 0) {
      c.header('Retry-After', '1');
      return fail(c, 409, 'idempotency_in_progress', 'A request with this Idempotency-Key is still running; retry shortly for its answer');
    }
    const headers = new Headers(JSON.parse(String(seen.headers)) as Record<string, string>);
    headers.set('Idempotent-Replayed', 'true');
    return new Response(String(seen.response_body), { status: Number(seen.status), headers });
  }
  c.set('idempotency', { userId, key, leasedUntil });
  await next();
  const res = c.res;
  if (res.status >= 500) {
    await client.execute({ sql: 'DELETE FROM idempotency_keys WHERE user_id = ? AND key = ? AND status = 0 AND leased_until = ?', args: [userId, key, leasedUntil] });
    return;
  }
  const saved: Record<string, string> = {};
  for (const h of REPLAYED_HEADERS) {
    const value = res.headers.get(h);
    if (value) saved[h] = value;
  }
  const replay = c.var.replayBody;
  const responseBody = replay === undefined ? await res.clone().text() : JSON.stringify(replay);
  // A no-op when the route already stored its answer in its own write batch.
  await client.execute({ sql: COMPLETE_SQL, args: [res.status, responseBody, JSON.stringify(saved), now().toISOString(), userId, key, leasedUntil] });
});
