import * as v from 'valibot';

/**
 * Cursor pagination shared by every list: `?limit=&cursor=`, answered with the page and
 * `nextCursor` (null on the last page). A cursor is the last row's sort key, opaque to
 * clients (base64url JSON), so a page is one indexed range read however deep it is.
 */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** Encodes a row's sort key as a cursor. */
export function encodeCursor(key: readonly (string | number | null)[]): string {
  return btoa(JSON.stringify(key)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The sort key in a cursor, or null when it is not one this API wrote with `arity` values. */
export function decodeCursor(cursor: string, arity: number): (string | number | null)[] | null {
  try {
    const key = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))) as unknown;
    if (!Array.isArray(key) || key.length !== arity) return null;
    return key.every((k) => k === null || typeof k === 'string' || typeof k === 'number') ? key : null;
  } catch {
    return null;
  }
}

/** `limit` and `cursor` query fields for a list whose sort key has `arity` values. */
export function pageQuery(arity: number, max = MAX_LIMIT, byDefault = DEFAULT_LIMIT) {
  return {
    limit: v.optional(
      v.pipe(v.string(), v.regex(/^\d{1,4}$/, `must be a number from 1 to ${max}`), v.transform(Number), v.minValue(1, 'must be at least 1'), v.maxValue(max, `must be at most ${max}`)),
      String(byDefault),
    ),
    cursor: v.optional(v.pipe(v.string(), v.maxLength(500, 'is not a cursor from this list'), v.check((c) => decodeCursor(c, arity) !== null, 'is not a cursor from this list'))),
  };
}

/** Splits `limit + 1` rows read into the page and the cursor after it. */
export function pageOf<R>(rows: R[], limit: number, keyOf: (row: R) => readonly (string | number | null)[]) {
  const page = rows.length > limit ? rows.slice(0, limit) : rows;
  return { page, nextCursor: rows.length > limit ? encodeCursor(keyOf(page[page.length - 1]!)) : null };
}
