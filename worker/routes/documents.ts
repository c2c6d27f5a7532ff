import { and, asc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { legalDocuments } from '../db/schema';
import type { AppEnv } from '../deps';
import { newId } from '../http/crypto';
import { notFound } from '../http/errors';
import { validate } from '../http/validate';
import { decodeCursor, pageOf, pageQuery } from '../http/page';
import { IsoDateString, Text } from '../../shared/schemas/common';

/** Kinds a portal asks for (LittleBIG FAQ: certificate or Sirene proof, tax and social certificates, insurance, sworn statement). */
export const DocumentKind = v.picklist(['incorporation', 'sirene_registration', 'tax_certificate', 'social_security_certificate', 'liability_insurance', 'sworn_statement', 'other']);
const DocumentBody = v.object({ kind: DocumentKind, label: Text(200), issuedOn: v.optional(v.nullable(IsoDateString)), expiresOn: v.optional(v.nullable(IsoDateString)) });
const DocumentPatch = v.partial(DocumentBody);
const IdParam = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });
const ListQuery = v.object(pageQuery(2));

const view = (d: typeof legalDocuments.$inferSelect) => ({ id: d.id, kind: d.kind, label: d.label, issuedOn: d.issuedOn, expiresOn: d.expiresOn, updatedAt: d.updatedAt });

/** Legal documents with expiry dates: create, list, read, update, delete. */
export const documentRoutes = new Hono<AppEnv>()
  .get('/', validate('query', ListQuery), async (c) => {
    // Soonest expiry first (no expiry first of all, as SQLite sorts NULL), then id; a page at a time along legal_documents_user.
    const q = c.req.valid('query');
    const limit = Number(q.limit);
    const d = legalDocuments;
    const after = q.cursor === undefined ? null : decodeCursor(q.cursor, 2)!;
    const conds = [eq(d.userId, c.var.userId)];
    if (after) {
      const [expiresOn, id] = after;
      conds.push(expiresOn === null
        ? sql`(${d.expiresOn} IS NOT NULL OR ${d.id} > ${id})`
        : sql`${d.expiresOn} >= ${expiresOn} AND (${d.expiresOn} > ${expiresOn} OR ${d.id} > ${id})`);
    }
    const rows = await c.env.deps.db.select().from(d).where(and(...conds)).orderBy(asc(d.expiresOn), asc(d.id)).limit(limit + 1).all();
    const { page, nextCursor } = pageOf(rows, limit, (r) => [r.expiresOn, r.id]);
    return c.json({ documents: page.map(view), nextCursor }, 200);
  })
  .post('/', validate('json', DocumentBody), async (c) => {
    const b = c.req.valid('json');
    const at = c.env.deps.now().toISOString();
    const row = { id: newId(), userId: c.var.userId, kind: b.kind, label: b.label, issuedOn: b.issuedOn ?? null, expiresOn: b.expiresOn ?? null, createdAt: at, updatedAt: at };
    await c.env.deps.db.insert(legalDocuments).values(row);
    return c.json(view(row), 201);
  })
  .get('/:id', validate('param', IdParam), async (c) => {
    const row = await c.env.deps.db.select().from(legalDocuments).where(and(eq(legalDocuments.id, c.req.valid('param').id), eq(legalDocuments.userId, c.var.userId))).get();
    return row ? c.json(view(row), 200) : notFound(c, 'document');
  })
  .patch('/:id', validate('param', IdParam), validate('json', DocumentPatch), async (c) => {
    const b = c.req.valid('json');
    const done = await c.env.deps.db
      .update(legalDocuments)
      .set({ ...b, updatedAt: c.env.deps.now().toISOString() })
      .where(and(eq(legalDocuments.id, c.req.valid('param').id), eq(legalDocuments.userId, c.var.userId)))
      .returning();
    return done[0] ? c.json(view(done[0]), 200) : notFound(c, 'document');
  })
  .delete('/:id', validate('param', IdParam), async (c) => {
    const done = await c.env.deps.db
      .delete(legalDocuments)
      .where(and(eq(legalDocuments.id, c.req.valid('param').id), eq(legalDocuments.userId, c.var.userId)))
      .returning({ id: legalDocuments.id });
    return done.length ? c.body(null, 204) : notFound(c, 'document');
  });
