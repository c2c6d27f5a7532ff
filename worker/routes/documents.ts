import { and, asc, eq, sql } from 'drizzle-orm';
import { Hono } from '../http/hono';
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
/** 700 KB once decoded: its base64 (4/3 larger) stays under the API's 1 MB body limit. */
export const MAX_DOCUMENT_FILE_BYTES = 700 * 1024;
const decodedBytes = (b64: string) => Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
const DocumentFile = v.object({
  name: Text(200),
  contentType: v.picklist(['application/pdf', 'image/png', 'image/jpeg'], 'must be a PDF, PNG or JPEG file'),
  base64: v.pipe(
    v.string(),
    v.regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'must be base64'),
    v.minLength(4, 'must not be empty'),
    v.check((b) => decodedBytes(b) <= MAX_DOCUMENT_FILE_BYTES, 'must be at most 700 KB'),
  ),
});
const DocumentBody = v.object({
  kind: DocumentKind,
  label: Text(200),
  issuedOn: v.optional(v.nullable(IsoDateString)),
  expiresOn: v.optional(v.nullable(IsoDateString)),
  /** Optional: the file itself (renewing = a PATCH with the new expiry date and the new file). */
  file: v.optional(v.nullable(DocumentFile)),
});
const DocumentPatch = v.partial(DocumentBody);
const IdParam = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });
const ListQuery = v.object(pageQuery(2));

/** Every column but the file's content, which only GET /:id/file sends. */
const listed = {
  id: legalDocuments.id, userId: legalDocuments.userId, kind: legalDocuments.kind, label: legalDocuments.label, issuedOn: legalDocuments.issuedOn,
  expiresOn: legalDocuments.expiresOn, fileName: legalDocuments.fileName, fileType: legalDocuments.fileType, fileBytes: legalDocuments.fileBytes,
  createdAt: legalDocuments.createdAt, updatedAt: legalDocuments.updatedAt,
};
type Listed = { id: string; kind: string; label: string; issuedOn: string | null; expiresOn: string | null; fileName: string | null; fileType: string | null; fileBytes: number | null; updatedAt: string };
const view = (d: Listed) => ({
  id: d.id, kind: d.kind, label: d.label, issuedOn: d.issuedOn, expiresOn: d.expiresOn,
  file: d.fileName ? { name: d.fileName, contentType: d.fileType, bytes: d.fileBytes } : null, updatedAt: d.updatedAt,
});
type FileInput = v.InferOutput<typeof DocumentFile> | null | undefined;
/** The file's columns for a write: absent leaves them, null clears them. */
const fileColumns = (f: FileInput) =>
  f === undefined ? {} : f === null ? { fileName: null, fileType: null, fileBytes: null, fileBase64: null } : { fileName: f.name, fileType: f.contentType, fileBytes: decodedBytes(f.base64), fileBase64: f.base64 };

/** Legal documents with expiry dates and their file: create, list, read, see the file, update (renew), delete. */
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
    const rows = await c.env.deps.db.select(listed).from(d).where(and(...conds)).orderBy(asc(d.expiresOn), asc(d.id)).limit(limit + 1).all();
    const { page, nextCursor } = pageOf(rows, limit, (r) => [r.expiresOn, r.id]);
    return c.json({ documents: page.map(view), nextCursor }, 200);
  })
  .post('/', validate('json', DocumentBody), async (c) => {
    const b = c.req.valid('json');
    const at = c.env.deps.now().toISOString();
    const row = { id: newId(), userId: c.var.userId, kind: b.kind, label: b.label, issuedOn: b.issuedOn ?? null, expiresOn: b.expiresOn ?? null, createdAt: at, updatedAt: at };
    const file = { fileName: null, fileType: null, fileBytes: null, fileBase64: null, ...fileColumns(b.file) };
    await c.env.deps.db.insert(legalDocuments).values({ ...row, ...file });
    return c.json(view({ ...row, ...file }), 201);
  })
  .get('/:id', validate('param', IdParam), async (c) => {
    const row = await c.env.deps.db.select(listed).from(legalDocuments).where(and(eq(legalDocuments.id, c.req.valid('param').id), eq(legalDocuments.userId, c.var.userId))).get();
    return row ? c.json(view(row), 200) : notFound(c, 'document');
  })
  .get('/:id/file', validate('param', IdParam), async (c) => {
    const row = await c.env.deps.db.select().from(legalDocuments).where(and(eq(legalDocuments.id, c.req.valid('param').id), eq(legalDocuments.userId, c.var.userId))).get();
    if (!row?.fileBase64) return notFound(c, row ? 'document file' : 'document');
    const bytes = Uint8Array.from(atob(row.fileBase64), (ch) => ch.charCodeAt(0));
    const name = (row.fileName ?? 'document').replace(/["\\\r\n]/g, '_');
    return c.body(bytes, 200, { 'Content-Type': row.fileType ?? 'application/octet-stream', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'private, no-store' });
  })
  .patch('/:id', validate('param', IdParam), validate('json', DocumentPatch), async (c) => {
    const { file, ...b } = c.req.valid('json');
    const done = await c.env.deps.db
      .update(legalDocuments)
      .set({ ...b, ...fileColumns(file), updatedAt: c.env.deps.now().toISOString() })
      .where(and(eq(legalDocuments.id, c.req.valid('param').id), eq(legalDocuments.userId, c.var.userId)))
      .returning(listed);
    return done[0] ? c.json(view(done[0]), 200) : notFound(c, 'document');
  })
  .delete('/:id', validate('param', IdParam), async (c) => {
    const done = await c.env.deps.db
      .delete(legalDocuments)
      .where(and(eq(legalDocuments.id, c.req.valid('param').id), eq(legalDocuments.userId, c.var.userId)))
      .returning({ id: legalDocuments.id });
    return done.length ? c.body(null, 204) : notFound(c, 'document');
  });
