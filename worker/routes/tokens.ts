import { and, desc, eq, isNull } from 'drizzle-orm';
import { Hono } from '../http/hono';
import * as v from 'valibot';
import { tokens } from '../db/schema';
import type { AppEnv } from '../deps';
import { newId, newToken, sha256Hex } from '../http/crypto';
import { fail, notFound, unprocessable } from '../http/errors';
import { idempotentAnswer } from '../http/idempotency';
import { validate } from '../http/validate';
import { IsoDateString, Text } from '../../shared/schemas/common';

const TokenCreate = v.object({
  name: Text(100),
  /** `read`: GET only; `write` (default): every route except the tokens' own writes. */
  scope: v.optional(v.picklist(['read', 'write'], 'must be read or write'), 'write'),
  /** Optional: the token stops working at 00:00 UTC on this date. */
  expiresOn: v.optional(IsoDateString),
});
const IdParam = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });

const view = (t: typeof tokens.$inferSelect) => ({
  id: t.id, kind: t.kind, name: t.name, scope: t.kind === 'session' ? 'session' : (t.scope ?? 'write'),
  createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, expiresAt: t.expiresAt,
});

/**
 * Personal access tokens, for scripts and other clients: created (shown once), listed, revoked.
 * Only a sign-in session manages them: a personal token cannot mint tokens nor revoke any.
 */
export const tokenRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const rows = await c.env.deps.db.select().from(tokens).where(and(eq(tokens.userId, c.var.userId), isNull(tokens.revokedAt))).orderBy(desc(tokens.createdAt)).all();
    return c.json({ tokens: rows.map(view) }, 200);
  })
  .post('/', validate('json', TokenCreate), async (c) => {
    if (c.var.tokenKind !== 'session') return fail(c, 403, 'forbidden', 'Only a signed-in session can create tokens, not a personal token');
    const { name, scope, expiresOn } = c.req.valid('json');
    const at = c.env.deps.now().toISOString();
    if (expiresOn && expiresOn <= at.slice(0, 10)) return unprocessable(c, 'validation_failed', 'must be a date after today', 'expiresOn');
    const token = newToken();
    const row = {
      id: newId(), userId: c.var.userId, kind: 'personal' as const, name, scope, tokenHash: await sha256Hex(token), createdAt: at,
      expiresAt: expiresOn ? `${expiresOn}T00:00:00.000Z` : null, lastUsedAt: null, revokedAt: null,
    };
    const answer = view(row);
    // The token and its Idempotency-Key answer are written together; a replay carries everything but the secret.
    const answered = idempotentAnswer(c, 201, { ...answer, token: null, tokenShown: 'once' });
    const insert = c.env.deps.db.insert(tokens).values(row).toSQL();
    await c.env.deps.client.batch([{ sql: insert.sql, args: insert.params as never }, ...(answered ? [answered] : [])], 'write');
    return c.json({ ...answer, token }, 201);
  })
  .delete('/:id', validate('param', IdParam), async (c) => {
    if (c.var.tokenKind !== 'session') return fail(c, 403, 'forbidden', 'Only a signed-in session can revoke tokens, not a personal token');
    const { id } = c.req.valid('param');
    const done = await c.env.deps.db
      .update(tokens)
      .set({ revokedAt: c.env.deps.now().toISOString() })
      .where(and(eq(tokens.id, id), eq(tokens.userId, c.var.userId), isNull(tokens.revokedAt)))
      .returning({ id: tokens.id });
    if (done.length === 0) return notFound(c, 'token');
    return c.body(null, 204);
  });
