import type { Api, ApiResult } from './api';

/** One page of changes, as `GET /v1/sync` answers it. */
export type SyncPage = Extract<Awaited<ReturnType<Api['sync']>>, { ok: true }>['value'];

export type PullResult =
  | { ok: true; cursor: number; pages: number }
  | { ok: false; cursor: number; pages: number; error: Extract<ApiResult<unknown>, { ok: false }>['error'] };

/**
 * Pulls every change since `since`, a page at a time while the API says `more`. Each page
 * is handed to `onPage` (which stores it) before the next is asked for, so an interrupted
 * pull resumes from the last stored page's cursor instead of starting over. A server that
 * says `more` without moving its cursor ends the pull with an error instead of looping.
 */
export async function pullChanges(
  api: Pick<Api, 'sync'>,
  since: number,
  onPage: (page: SyncPage) => void | Promise<void>,
  options: { limit?: number; maxPages?: number } = {},
): Promise<PullResult> {
  let cursor = since;
  const maxPages = options.maxPages ?? 10_000;
  for (let pages = 0; pages < maxPages; ) {
    const res = await api.sync(cursor, options.limit);
    if (!res.ok) return { ok: false, cursor, pages, error: res.error };
    await onPage(res.value);
    pages += 1;
    const next = res.value.cursor;
    if (!res.value.more) return { ok: true, cursor: next, pages };
    if (!(next > cursor)) return { ok: false, cursor, pages, error: { status: 200, code: 'sync_cursor_stuck', message: 'the sync cursor did not advance' } };
    cursor = next;
  }
  return { ok: false, cursor, pages: maxPages, error: { status: 200, code: 'sync_too_many_pages', message: `more than ${maxPages} pages` } };
}
