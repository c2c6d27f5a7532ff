import type { Context } from 'hono';
import { fail } from '../http/errors';

/** What a use-case answers: a value, or an expected failure with its HTTP status. */
export type Failure = { ok: false; status: 404 | 409 | 412 | 422 | 503; code: string; message: string; path?: string; issues?: { path: string; message: string }[] };
export type Result<T> = { ok: true; value: T } | Failure;

export const failure = (status: Failure['status'], code: string, message: string, path?: string): Failure => ({ ok: false, status, code, message, path });

/** A 422 listing several fields, each with its reason (e.g. every missing mandatory mention). */
export const failureWithIssues = (code: string, message: string, issues: { path: string; message: string }[]): Failure => ({ ok: false, status: 422, code, message, issues });

/** Answers a failure in the API's error shape. */
export function respondFailure(c: Context, f: Failure) {
  if (f.issues) return fail(c, f.status, f.code, f.message, f.issues.map((i) => ({ ...i, code: f.code })));
  return fail(c, f.status, f.code, f.message, f.path ? [{ path: f.path, code: f.code, message: f.message }] : undefined);
}

/** `If-Match: "3"` (or W/"3", or 3) → 3; absent → undefined; garbage → NaN. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '' || header.trim() === '*') return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  return m ? Number(m[1]) : Number.NaN;
}

export const etag = (revision: number) => `"${revision}"`;
