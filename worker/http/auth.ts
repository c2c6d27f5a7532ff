import { eq } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { tokens } from '../db/schema';
import type { AppEnv } from '../deps';
import { fail } from './errors';
import { sha256Hex } from './crypto';

const LAST_USED_RESOLUTION_MS = 3_600_000;
/** A sign-in session ends after 90 days without use (sliding: each use, recorded hourly, moves it). */
export const SESSION_IDLE_MS = 90 * 86_400_000;
const AUTH_SQL = `SELECT t.id, t.user_id, t.kind, t.scope, t.expires_at, t.created_at, t.last_used_at, u.change_seq
  FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL`;
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A token's SHA-256, remembered for the tokens this isolate saw last: the digest is
 * deterministic, and Web Crypto's is asynchronous (a thread-pool round trip on Node) on
 * every request otherwise. Only the hash is cached; revocation is still read each time.
 */
const hashes = new Map<string, string>();
const HASH_CACHE_SIZE = 1000;
async function tokenHash(token: string): Promise<string> {
  const known = hashes.get(token);
  if (known) return known;
  const hash = await sha256Hex(token);
  if (hashes.size >= HASH_CACHE_SIZE) hashes.delete(hashes.keys().next().value!);
  hashes.set(token, hash);
  return hash;
}

/**
 * Bearer authentication: the token's SHA-256 is looked up; revoked and expired tokens are
 * refused (a session idle for 90 days, a personal token past its `expires_at`), and a `read`
 * personal token only reads (403 `insufficient_scope` on a write).
 */
export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return fail(c, 401, 'unauthorized', 'A bearer token is required (Authorization: Bearer …)');
  const { db, now } = c.env.deps;
  const hash = await tokenHash(match[1]!);
  // Every request runs this: a constant SQL string, no query building.
  const found = (await c.env.deps.client.execute({ sql: AUTH_SQL, args: [hash] })).rows[0];
  if (!found) return fail(c, 401, 'unauthorized', 'The token is unknown or revoked');
  const row = { id: String(found.id), userId: String(found.user_id), lastUsedAt: found.last_used_at === null ? null : String(found.last_used_at), changeSeq: Number(found.change_seq) };
  const kind = found.kind === 'personal' ? 'personal' : 'session';
  const scope = kind === 'personal' && found.scope === 'read' ? 'read' : 'write';
  const at = now();
  const idleSince = Date.parse(row.lastUsedAt ?? String(found.created_at));
  if (kind === 'session' && at.getTime() - idleSince > SESSION_IDLE_MS) return fail(c, 401, 'unauthorized', 'The session expired after 90 days without use: sign in again');
  if (found.expires_at !== null && at.getTime() >= Date.parse(String(found.expires_at))) return fail(c, 401, 'unauthorized', 'The token expired');
  if (scope === 'read' && !READ_METHODS.has(c.req.method)) return fail(c, 403, 'insufficient_scope', 'This token may only read (scope read)');
  c.set('userId', row.userId);
  c.set('tokenId', row.id);
  c.set('changeSeq', row.changeSeq);
  c.set('tokenKind', kind);
  c.set('tokenScope', scope);
  // Record use at most hourly: a write on every read would cost every request.
  if (!row.lastUsedAt || at.getTime() - Date.parse(row.lastUsedAt) > LAST_USED_RESOLUTION_MS) {
    await db.update(tokens).set({ lastUsedAt: at.toISOString() }).where(eq(tokens.id, row.id));
  }
  await next();
});
