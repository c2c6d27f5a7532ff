import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One field problem in a 422 answer. */
export type FieldIssue = { path: string; code?: string; message: string };

/** The one error shape of the API: `{ error: { code, message, issues? } }`. */
export type ErrorBody = { error: { code: string; message: string; issues?: FieldIssue[] } };

export function errorBody(code: string, message: string, issues?: FieldIssue[]): ErrorBody {
  return { error: issues && issues.length ? { code, message, issues } : { code, message } };
}

/** Answers with the API's error shape. */
export function fail<S extends ContentfulStatusCode>(c: Context, status: S, code: string, message: string, issues?: FieldIssue[]) {
  return c.json(errorBody(code, message, issues), status);
}

/** 404 for a missing resource, and for another user's: never reveal it exists. */
export function notFound(c: Context, what = 'resource') {
  return fail(c, 404, 'not_found', `${what} not found`);
}

/** A domain refusal `{ ok:false, code, message }` turned into a 422 on one field. */
export function unprocessable(c: Context, code: string, message: string, path?: string) {
  return fail(c, 422, code, message, path ? [{ path, code, message }] : undefined);
}
