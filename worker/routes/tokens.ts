import { and, desc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { tokens } from '../db/schema';
import type { AppEnv } from '../deps';
import { newId, newToken, sha256Hex } from '../http/crypto';
import { notFound } from '../http/errors';
import { validate } from '../http/validate';
import { Text } from '../../shared/schemas/common';

const TokenCreate = v.object({ name: Text(100) });
const IdParam = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });

const view = (t: typeof tokens.$inferSelect) => ({ id: t.id, kind: t.kind, name: t.name, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt });

/** Personal access tokens, for scripts and other clients: created (shown once), listed, revoked. */
export const tokenRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const rows = await c.env.deps.db.select().from(tokens).where(and(eq(tokens.userId, c.var.userId), isNull(tokens.revokedAt))).orderBy(desc(tokens.createdAt)).all();
    return c.json({ tokens: rows.map(view) }, 200);
  })
  .post('/', validate('json', TokenCreate), async (c) => {
    const { name } = c.req.valid('json');
    const token = newToken();
    const row = { id: newId(), userId: c.var.userId, kind: 'personal' as const, name, tokenHash: await sha256Hex(token), createdAt: c.env.deps.now().toISOString() };
    await c.env.deps.db.insert(tokens).values(row);
    return c.json({ ...view({ ...row, lastUsedAt: null, revokedAt: null }), token }, 201);
  })
  .delete('/:id', validate('param', IdParam), async (c) => {
    const { id } = c.req.valid('param');
    const done = await c.env.deps.db
      .update(tokens)
      .set({ revokedAt: c.env.deps.now().toISOString() })
      .where(and(eq(tokens.id, id), eq(tokens.userId, c.var.userId), isNull(tokens.revokedAt)))
      .returning({ id: tokens.id });
    if (done.length === 0) return notFound(c, 'token');
    return c.body(null, 204);
  });
