import { and, eq, isNull } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { tokens, users } from '../db/schema';
import type { AppEnv } from '../deps';
import { fail } from './errors';
import { sha256Hex } from './crypto';

const LAST_USED_RESOLUTION_MS = 3_600_000;

/** Bearer authentication: the token's SHA-256 is looked up; revoked tokens are refused. */
export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return fail(c, 401, 'unauthorized', 'A bearer token is required (Authorization: Bearer …)');
  const { db, now } = c.env.deps;
  const hash = await sha256Hex(match[1]!);
  const row = await db
    .select({ id: tokens.id, userId: tokens.userId, lastUsedAt: tokens.lastUsedAt, changeSeq: users.changeSeq })
    .from(tokens)
    .innerJoin(users, eq(users.id, tokens.userId))
    .where(and(eq(tokens.tokenHash, hash), isNull(tokens.revokedAt)))
    .get();
  if (!row) return fail(c, 401, 'unauthorized', 'The token is unknown or revoked');
  c.set('userId', row.userId);
  c.set('tokenId', row.id);
  c.set('changeSeq', row.changeSeq);
  // Record use at most hourly: a write on every read would cost every request.
  const at = now();
  if (!row.lastUsedAt || at.getTime() - Date.parse(row.lastUsedAt) > LAST_USED_RESOLUTION_MS) {
    await db.update(tokens).set({ lastUsedAt: at.toISOString() }).where(eq(tokens.id, row.id));
  }
  await next();
});
