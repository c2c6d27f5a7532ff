import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { createMission, expectError, issueInvoice, submitCra, userIdOf } from './support';
import { CSV_PAGE_ROWS } from '../../worker/use-cases/export-invoices-csv';

/** Every list answers a bounded page and a cursor; following the cursors gives every row once, in order. */

let api: TestApi;
let token: string;
let userId: string;
let missionA: string;
let missionB: string;

/** Follows `nextCursor` from the first page; returns the pages' rows in order. */
async function walk(path: string, key: string, limit: number): Promise<{ rows: any[]; pages: number }> {
  const rows: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await api.request('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    expect(res.status, res.text).toBe(200);
    expect(res.json[key].length).toBeLessThanOrEqual(limit);
    rows.push(...res.json[key]);
    cursor = res.json.nextCursor;
    pages += 1;
    expect(pages).toBeLessThan(100);
  } while (cursor !== null);
  return { rows, pages };
}

beforeAll(async () => {
  api = await createTestApi({ start: '2026-06-20T09:00:00Z' });
  token = await api.signIn('pages@example.fr');
  userId = await userIdOf(api, 'pages@example.fr');
  missionA = await createMission(api, token, { portal: 'direct', plan: undefined, clientName: 'Alpha' });
  missionB = await createMission(api, token, { portal: 'direct', plan: undefined, clientName: 'Bravo' });
  // Two invoices on the same day several times over, so the cursor's tie-breaks are exercised.
  const plan: [string, string, string][] = [
    [missionA, '2026-01', '2026-02-02'], [missionB, '2026-01', '2026-02-02'],
    [missionA, '2026-02', '2026-03-02'], [missionB, '2026-02', '2026-03-03'],
    [missionA, '2026-03', '2026-04-01'], [missionB, '2026-03', '2026-04-01'],
    [missionA, '2026-04', '2026-05-04'], [missionB, '2026-04', '2026-05-04'],
  ];
  for (const [m, month, on] of plan) await issueInvoice(api, token, m, month, { [`${month}-12`]: 1 }, on);
  const list = (await api.request('GET', '/v1/invoices?limit=200', { token })).json.invoices as { id: string; serviceMonth: string; missionId: string }[];
  const march = list.find((i) => i.serviceMonth === '2026-03' && i.missionId === missionA)!;
  expect((await api.request('POST', `/v1/invoices/${march.id}/cancel`, { token })).status).toBe(201);
});

afterAll(() => api?.close());

describe('GET /v1/invoices', () => {
  it('answers { invoices, nextCursor } with 50 by default, and the pages add up to the whole list in order', async () => {
    const first = await api.request('GET', '/v1/invoices', { token });
    expect(Object.keys(first.json).sort()).toEqual(['invoices', 'nextCursor']);
    expect(first.json.nextCursor).toBeNull();
    const all = first.json.invoices as { id: string; issuedOn: string; number: string }[];
    expect(all).toHaveLength(9);
    for (const limit of [1, 2, 4]) {
      const { rows, pages } = await walk('/v1/invoices', 'invoices', limit);
      expect(rows.map((r) => r.id)).toEqual(all.map((r) => r.id));
      expect(pages).toBe(Math.ceil(9 / limit));
    }
    // Newest first.
    expect([...all.map((r) => r.issuedOn)]).toEqual([...all.map((r) => r.issuedOn)].sort().reverse());
  });

  it('pages within a filter', async () => {
    const issued = (await api.request('GET', '/v1/invoices?status=issued&year=2026', { token })).json.invoices as { id: string }[];
    const { rows } = await walk('/v1/invoices?status=issued&year=2026', 'invoices', 3);
    expect(rows.map((r) => r.id)).toEqual(issued.map((r) => r.id));
    expect(rows.every((r) => r.status === 'issued')).toBe(true);
  });

  it('refuses a limit over 200 or under 1, and a cursor it did not write, naming the field', async () => {
    expectError(await api.request('GET', '/v1/invoices?limit=201', { token }), 422, 'validation_failed');
    expectError(await api.request('GET', '/v1/invoices?limit=0', { token }), 422, 'validation_failed');
    const bad = await api.request('GET', '/v1/invoices?cursor=nope', { token });
    expectError(bad, 422, 'validation_failed');
    expect(bad.json.error.issues.map((i: { path: string }) => i.path)).toEqual(['cursor']);
    expect((await api.request('GET', '/v1/invoices?limit=200', { token })).status).toBe(200);
  });
});

describe('GET /v1/documents', () => {
  it('pages by expiry (no expiry first), every document once', async () => {
    const expiries = [null, '2027-03-01', '2026-12-31', null, '2026-12-31', '2028-01-01', '2026-07-15'];
    for (const [i, expiresOn] of expiries.entries()) {
      const res = await api.request('POST', '/v1/documents', { token, body: { kind: 'other', label: `Doc ${i}`, expiresOn } });
      expect(res.status, res.text).toBe(201);
    }
    const all = (await api.request('GET', '/v1/documents', { token })).json;
    expect(all.nextCursor).toBeNull();
    expect(all.documents.map((d: { expiresOn: string | null }) => d.expiresOn)).toEqual([null, null, '2026-07-15', '2026-12-31', '2026-12-31', '2027-03-01', '2028-01-01']);
    for (const limit of [1, 2, 3]) {
      const { rows } = await walk('/v1/documents', 'documents', limit);
      expect(rows.map((r) => r.id)).toEqual(all.documents.map((d: { id: string }) => d.id));
    }
  });
});

describe('GET /v1/webhooks/:id/deliveries', () => {
  it('pages the delivery log newest first', async () => {
    const hook = await api.request('POST', '/v1/webhooks', { token, body: { url: 'http://127.0.0.1:9/hook', events: ['*'] } });
    expect(hook.status, hook.text).toBe(201);
    for (let i = 0; i < 5; i++) {
      api.clock.set(`2026-06-20T09:00:0${i}Z`);
      await api.request('POST', `/v1/webhooks/${hook.json.id}/test`, { token });
    }
    const path = `/v1/webhooks/${hook.json.id}/deliveries`;
    const all = (await api.request('GET', path, { token })).json;
    expect(all.deliveries).toHaveLength(5);
    expect(all.nextCursor).toBeNull();
    const { rows, pages } = await walk(path, 'deliveries', 2);
    expect(pages).toBe(3);
    expect(rows.map((r) => r.id)).toEqual(all.deliveries.map((d: { id: string }) => d.id));
    expect(rows.map((r) => r.createdAt)).toEqual([...rows.map((r) => r.createdAt)].sort().reverse());
  });
});

describe('GET /v1/exports/invoices.csv', () => {
  it('streams more rows than one read holds, each once, in date order, credit notes naming what they cancel', async () => {
    // Copies of an issued invoice in 2027 (the export only reads them), more than one page of the stream.
    const n = CSV_PAGE_ROWS * 2 + 7;
    await api.deps.client.execute({
      sql: `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
        INSERT INTO invoices (id, user_id, mission_id, cra_id, kind, year, sequence, issued_on, service_month, due_on, status, lines, vat_breakdown,
          vat_mention, net_cents, vat_cents, total_cents, penalty_rate_bps, regime, plan, fee_cents, payout_cents, payout_earliest, payout_latest,
          client_due_on, client_paid_on, paid_on, cancels_invoice_id, cancelled_by_id, seller, buyer, seq, created_at)
        SELECT id || '-' || i, user_id, mission_id, NULL, kind, 2027, i, printf('2027-%02d-%02d', 1 + (i % 12), 1 + (i % 28)),
          service_month, due_on, status, lines, vat_breakdown, vat_mention, net_cents, vat_cents, total_cents, penalty_rate_bps, regime, plan,
          fee_cents, payout_cents, payout_earliest, payout_latest, client_due_on, client_paid_on, paid_on, NULL, NULL, seller, buyer, seq, created_at
        FROM invoices, k WHERE user_id = ? AND kind = 'invoice' AND status = 'issued' AND year = 2026 AND service_month = '2026-01' AND mission_id = ?`,
      args: [n, userId, missionA],
    });
    const res = await api.request('GET', '/v1/exports/invoices.csv?year=2027', { token });
    expect(res.status).toBe(200);
    const lines = res.text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).slice(1);
    expect(lines).toHaveLength(n);
    const numbers = lines.map((l) => l.split(',')[0]);
    expect(new Set(numbers).size).toBe(n);
    const dates = lines.map((l) => l.split(',')[2]!);
    expect(dates).toEqual([...dates].sort());
    const csv2026 = (await api.request('GET', '/v1/exports/invoices.csv?year=2026', { token })).text;
    expect(csv2026).toMatch(/AV-2026-0001,Avoir,[^\r]*,2026-0005\r\n/);
  });
});

describe('GET /v1/sync?since=&limit=', () => {
  it('hands out every change once over pages, never splitting one write, with more until the last', async () => {
    const syncToken = await api.signIn('sync-pages@example.fr');
    const m1 = await createMission(api, syncToken, { portal: 'direct', plan: undefined, clientName: 'One' });
    const m2 = await createMission(api, syncToken, { portal: 'direct', plan: undefined, clientName: 'Two' });
    for (const [m, month, on] of [[m1, '2026-01', '2026-02-02'], [m2, '2026-01', '2026-02-03'], [m1, '2026-02', '2026-03-02'], [m2, '2026-02', '2026-03-03']]) {
      await issueInvoice(api, syncToken, m!, month!, { [`${month}-12`]: 1 }, on!);
    }
    await submitCra(api, syncToken, m1, '2026-05', { '2026-05-12': 1 });
    await api.request('PUT', `/v1/missions/${m2}/cras/2026-06`, { token: syncToken, body: { days: { '2026-06-02': 1 } } });
    const get = async (q: string) => (await api.request('GET', `/v1/sync${q}`, { token: syncToken })).json;
    const whole = await get('?since=0&limit=200');
    expect(whole.more).toBe(false);
    const keysOf = (page: any): string[] => [
      ...page.missions.map((r: any) => `mission:${r.id}`), ...page.cras.map((r: any) => `cra:${r.missionId}/${r.month}`),
      ...page.invoices.map((r: any) => `invoice:${r.missionId}/${r.serviceMonth}`),
    ];
    const everything = keysOf(whole).sort();
    expect(everything).toHaveLength(2 + 6 + 4);
    for (const limit of [1, 2, 3, 5]) {
      let since = 0;
      const pageOf = new Map<string, number>();
      let pages = 0;
      for (let more = true; more; pages++) {
        const page = await get(`?since=${since}&limit=${limit}`);
        for (const k of keysOf(page)) {
          expect(pageOf.has(k), k).toBe(false);
          pageOf.set(k, pages);
        }
        expect(page.cursor).toBeGreaterThan(since);
        since = page.cursor;
        more = page.more;
        expect(pages).toBeLessThan(100);
      }
      expect([...pageOf.keys()].sort()).toEqual(everything);
      expect(since).toBe(whole.cursor);
      expect(pages).toBeGreaterThan(1);
      // A validation stamps the CRA and its invoice in one write: they always travel on the same page.
      for (const inv of whole.invoices) expect(pageOf.get(`cra:${inv.missionId}/${inv.serviceMonth}`)).toBe(pageOf.get(`invoice:${inv.missionId}/${inv.serviceMonth}`));
    }
    expect(await get(`?since=${whole.cursor}`)).toMatchObject({ more: false, cras: [], invoices: [], missions: [] });
    expectError(await api.request('GET', '/v1/sync?limit=201', { token }), 422, 'validation_failed');
    expectError(await api.request('GET', '/v1/sync?limit=0', { token }), 422, 'validation_failed');
  });
});
