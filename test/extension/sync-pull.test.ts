import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { createTestApi, type TestApi } from '../helpers/api';
import { createApi } from '../../extension/sync/api';
import { pullChanges, type SyncPage } from '../../extension/sync/pull';
import { createMission, issueInvoice } from '../api/support';

/** The extension's pull of `/v1/sync`: it follows `more` page by page, against the real API. */

let api: TestApi;
let token: string;
let asked: string[];
let failAfter: number;

const fetchApp: typeof fetch = async (input, init) => {
  const req = new Request(input as RequestInfo, init);
  asked.push(new URL(req.url).search);
  if (asked.length > failAfter) throw new TypeError('Failed to fetch');
  return app.fetch(req, { deps: api.deps });
};
const client = () => createApi({ baseUrl: 'http://relais.test', token, fetch: fetchApp });

beforeEach(async () => {
  api = await createTestApi({ start: '2026-05-20T09:00:00Z' });
  token = await api.signIn('pull@example.fr');
  const m = await createMission(api, token);
  await issueInvoice(api, token, m, '2026-02', { '2026-02-10': 1 }, '2026-03-02');
  await issueInvoice(api, token, m, '2026-03', { '2026-03-10': 1 }, '2026-04-01');
  await api.request('PUT', `/v1/missions/${m}/cras/2026-04`, { token, body: { days: { '2026-04-07': 1 } } });
  asked = [];
  failAfter = Infinity;
});
afterEach(() => api.close());

const rows = (pages: SyncPage[]) => pages.flatMap((p) => [...p.missions.map((x) => x.id), ...p.cras.map((c) => c.month), ...p.invoices.map((i) => i.number)]);

describe('pullChanges', () => {
  it('loops while more and ends at the same cursor, with the same changes, as one big page', async () => {
    const whole: SyncPage[] = [];
    const one = await pullChanges(client(), 0, (p) => { whole.push(p); }, { limit: 200 });
    expect(one).toMatchObject({ ok: true, pages: 1 });
    asked = [];
    const paged: SyncPage[] = [];
    const res = await pullChanges(client(), 0, (p) => { paged.push(p); }, { limit: 2 });
    expect(res.ok && res.cursor).toBe(one.cursor);
    expect(res.ok && res.pages).toBeGreaterThan(2);
    expect(asked).toHaveLength(paged.length);
    expect(paged.slice(0, -1).every((p) => p.more)).toBe(true);
    expect(paged.at(-1)!.more).toBe(false);
    expect(rows(paged).sort()).toEqual(rows(whole).sort());
    // Each request asks from the previous page's cursor.
    for (let i = 1; i < paged.length; i++) expect(asked[i]).toContain(`since=${paged[i - 1]!.cursor}`);
  });

  it('stops on a failure with the cursor of the last page it stored, and resumes from there', async () => {
    failAfter = 2;
    const stored: SyncPage[] = [];
    const cut = await pullChanges(client(), 0, (p) => { stored.push(p); }, { limit: 2 });
    expect(cut.ok).toBe(false);
    expect(cut.pages).toBe(2);
    expect(cut.cursor).toBe(stored.at(-1)!.cursor);
    failAfter = Infinity;
    const rest = await pullChanges(client(), cut.cursor, (p) => { stored.push(p); }, { limit: 2 });
    expect(rest.ok).toBe(true);
    const all: SyncPage[] = [];
    await pullChanges(client(), 0, (p) => { all.push(p); }, { limit: 200 });
    expect(rows(stored).sort()).toEqual(rows(all).sort());
  });

  it('refuses to loop on a server whose cursor does not move', async () => {
    const stuck = { sync: async () => ({ ok: true as const, status: 200, etag: null, value: { cursor: 5, more: true, missions: [], cras: [], invoices: [], profile: null } as unknown as SyncPage }) };
    const res = await pullChanges(stuck, 5, () => undefined);
    expect(res).toMatchObject({ ok: false, pages: 1, error: { code: 'sync_cursor_stuck' } });
  });
});
