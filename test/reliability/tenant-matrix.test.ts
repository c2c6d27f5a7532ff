import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { expectErrorAnswer, isPublic, routeTable, rowsOf, seedUser, send, type Owned, type Route } from './support';

/**
 * Every route × another user's ids: always 404 not_found in the error shape, never 403
 * (B must not learn that the id exists), and nothing of A's changes. The matrix is built
 * from the app's own route table, so a new route with an id cannot be forgotten: a
 * parameter this file cannot fill fails the test.
 */

let api: TestApi;
let a: Owned;
let b: Owned;
let rowsBefore: Record<string, unknown[]>;
const routes = routeTable();
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Which of a user's ids fill a path parameter, by the resource the path names. */
const ID_RESOURCES: { prefix: string; ids: (o: Owned) => string[] }[] = [
  { prefix: '/v1/missions/:id', ids: (o) => [o.missionId, o.otherMissionId] },
  { prefix: '/v1/invoices/:id', ids: (o) => [o.invoiceId, o.cancelledInvoiceId, o.creditNoteId] },
  { prefix: '/v1/documents/:id', ids: (o) => [o.documentId] },
  { prefix: '/v1/tokens/:id', ids: (o) => [o.tokenId] },
  { prefix: '/v1/webhooks/:id', ids: (o) => [o.webhookId] },
  { prefix: '/v1/ledger/conflicts/:id', ids: (o) => [o.conflictId] },
];
/** Months tried with a mission id: validated, submitted (other mission), and one with no CRA yet. */
const MONTHS = (o: Owned) => [o.validatedMonth, o.submittedMonth, '2026-03', '2026-06'];
/**
 * Parameters that are not a user's resource id but a secret capability URL opened without
 * a bearer token (one-click unsubscribe, the ICS feed): tenant isolation does not apply; the
 * fuzz suite checks them with garbage tokens.
 */
const CAPABILITY_PARAMS = new Set(['token', 'file']);

/** A valid body per writing route, so that only ownership can refuse B's request. */
const VALID_BODY: Record<string, unknown> = {
  'DELETE /v1/tokens/:id': undefined,
  'PATCH /v1/documents/:id': { label: 'Hijacked' },
  'DELETE /v1/documents/:id': undefined,
  'PATCH /v1/missions/:id': { clientName: 'Hijacked' },
  'POST /v1/missions/:id/renewals': { startsOn: '2027-01-01', endsOn: '2027-06-30', budgetDays: 100 },
  'PUT /v1/missions/:id/cras/:month': { days: { '2026-06-01': 1 }, lines: [] },
  'POST /v1/missions/:id/cras/:month/submit': undefined,
  'POST /v1/missions/:id/cras/:month/refuse': { reason: 'not yours' },
  'POST /v1/missions/:id/cras/:month/validate': { validatedOn: '2026-05-20', acknowledgeVatThreshold: true },
  'POST /v1/invoices/:id/paid': { paidOn: '2026-05-20' },
  'POST /v1/invoices/:id/client-paid': { paidOn: '2026-05-20' },
  'POST /v1/invoices/:id/upload-validated': { validatedOn: '2026-05-20' },
  'POST /v1/invoices/:id/cancel': undefined,
  'POST /v1/invoices/:id/send': { to: 'ap@alpha.test', kind: 'invoice', confirmed: true },
  'POST /v1/invoices/:id/upload': { uploadedOn: '2026-05-20', pdfBytes: 120_000 },
  'POST /v1/invoices/:id/portal-invoice': { number: 'F-2026-000123', issuedOn: '2026-05-20', totalCents: 130_000 },
  'POST /v1/ledger/conflicts/:id/settle': { keep: 'user' },
  'PATCH /v1/webhooks/:id': { description: 'Hijacked', enabled: false },
  'DELETE /v1/webhooks/:id': undefined,
  'POST /v1/webhooks/:id/test': undefined,
};

/** Fills a route's parameters with one owner's values: every combination. */
function instances(route: Route, o: Owned): string[] {
  const resource = ID_RESOURCES.find((r) => route.path === r.prefix || route.path.startsWith(`${r.prefix}/`));
  if (!resource) throw new Error(`${route.key}: no resource mapping for its parameters (${route.params.join(', ')}); add it to ID_RESOURCES`);
  let paths = resource.ids(o).map((id) => route.path.replace(':id', encodeURIComponent(id)));
  for (const p of route.params.filter((x) => x !== 'id')) {
    if (p !== 'month') throw new Error(`${route.key}: no values for :${p}`);
    paths = paths.flatMap((path) => MONTHS(o).map((m) => path.replace(':month', m)));
  }
  return paths;
}

const idRoutes = routes.filter((r) => r.params.length > 0 && !r.params.some((p) => CAPABILITY_PARAMS.has(p)));
const listRoutes = routes.filter((r) => r.method === 'GET' && r.params.length === 0 && !isPublic(r.path));
const LIST_QUERY: Record<string, string> = { '/v1/exports/invoices.csv': '?year=2026', '/v1/sync': '?since=0' };

const call = (o: Owned, method: string, path: string, body?: unknown) =>
  send(api, method, path, { headers: { authorization: `Bearer ${o.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });

beforeAll(async () => {
  api = await createTestApi({ start: '2026-05-20T09:00:00Z' });
  a = await seedUser(api, 'alice@matrix.test', 'Alpha Industries');
  b = await seedUser(api, 'bob@matrix.test', 'Bravo Partners');
  rowsBefore = await rowsOf(api, a.userId);
});
afterAll(() => api.close());

describe('the route table', () => {
  it('is read from the app and covers each resource with an id', () => {
    expect(routes.length).toBeGreaterThan(40);
    for (const prefix of ID_RESOURCES.map((r) => r.prefix)) expect(idRoutes.some((r) => r.path.startsWith(prefix)), prefix).toBe(true);
    // Every parameter of every route is either mapped to a resource or a documented capability.
    for (const r of routes.filter((x) => x.params.length)) {
      if (r.params.some((p) => CAPABILITY_PARAMS.has(p))) {
        expect(isPublic(r.path), `${r.key} carries a capability token, so it must be public`).toBe(true);
        continue;
      }
      expect(() => instances(r, a), r.key).not.toThrow();
    }
  });

  it('has a valid body for every writing route with an id', () => {
    const missing = idRoutes.filter((r) => r.method !== 'GET' && !(r.key in VALID_BODY)).map((r) => r.key);
    expect(missing).toEqual([]);
  });
});

describe("user B with user A's ids", () => {
  for (const route of idRoutes) {
    it(`${route.key} → 404 for every id of A's`, async () => {
      for (const path of instances(route, a)) {
        const res = await call(b, route.method, path, VALID_BODY[route.key]);
        expectErrorAnswer(res, 404, 'not_found');
        expect(res.text).not.toContain('Alpha');
      }
    });
  }

  it('every method on every id-bearing path → 404, including methods the path does not serve', async () => {
    const templates = [...new Set(idRoutes.map((r) => r.path))];
    let calls = 0;
    for (const template of templates) {
      const paths = instances(idRoutes.find((r) => r.path === template)!, a);
      for (const method of METHODS) {
        const body = VALID_BODY[`${method} ${template}`] ?? (method === 'GET' || method === 'DELETE' ? undefined : {});
        for (const path of paths) {
          expectErrorAnswer(await call(b, method, path, body), 404, 'not_found');
          calls++;
        }
      }
    }
    expect(calls).toBeGreaterThan(templates.length * METHODS.length);
  });

  it("an id of A's inside a body (portal observation's missionId) → 404", async () => {
    const res = await call(b, 'POST', '/v1/portals/observations', { portal: 'littlebig', page: 'missions', missionId: a.missionId, data: { missions: [] } });
    expectErrorAnswer(res, 404, 'not_found');
  });

  it("A's personal token is A's: B cannot revoke it", async () => {
    expectErrorAnswer(await call(b, 'DELETE', `/v1/tokens/${a.tokenId}`), 404, 'not_found');
    // (That it still authenticates A is checked last: using it writes its last_used_at.)
  });
});

describe("B's lists", () => {
  const aMarks = () => [a.missionId, a.otherMissionId, a.invoiceId, a.cancelledInvoiceId, a.creditNoteId, a.documentId, a.webhookId, a.tokenId, a.portalReportId, 'Alpha'];

  it('are every list route of the table', () => {
    expect(listRoutes.map((r) => r.path).sort()).toEqual(expect.arrayContaining(['/v1/missions', '/v1/invoices', '/v1/documents', '/v1/tokens', '/v1/webhooks', '/v1/portals/reports', '/v1/sync', '/v1/dashboard']));
  });

  for (const route of listRoutes) {
    it(`GET ${route.path} shows none of A's data, and B's own`, async () => {
      const res = await call(b, 'GET', `${route.path}${LIST_QUERY[route.path] ?? ''}`);
      expect(res.status, res.text).toBe(200);
      expect(aMarks().filter((m) => res.text.includes(m))).toEqual([]);
      // Not vacuous: lists of resources B owns do show B's.
      const own: Record<string, string> = { '/v1/missions': b.missionId, '/v1/invoices': b.invoiceId, '/v1/documents': b.documentId, '/v1/tokens': b.tokenId, '/v1/webhooks': b.webhookId, '/v1/portals/reports': b.portalReportId, '/v1/sync': b.missionId, '/v1/dashboard': 'Bravo', '/v1/exports/invoices.csv': 'Bravo' };
      if (own[route.path]) expect(res.text).toContain(own[route.path]);
    });
  }
});

describe('controls', () => {
  it("B's own ids on the same routes and bodies are not 404 (the 404s above come from ownership)", async () => {
    // Run last and on B's ids: some of these calls revoke, delete or cancel B's things.
    const ordered = [...idRoutes].sort((x, y) => Number(x.method === 'DELETE') - Number(y.method === 'DELETE'));
    for (const route of ordered) {
      const res = await call(b, route.method, instances(route, b)[0]!, VALID_BODY[route.key]);
      expect(res.status, `${route.key}: ${res.text}`).not.toBe(404);
      expect(res.status, `${route.key}: ${res.text}`).toBeLessThan(500);
    }
  });

  it("nothing of A's changed, row by row in every table with a user_id", async () => {
    expect(Object.values(rowsBefore).flat().length).toBeGreaterThan(15);
    expect(await rowsOf(api, a.userId)).toEqual(rowsBefore);
    const res = await send(api, 'GET', '/v1/profile', { headers: { authorization: `Bearer ${a.personalToken}` } });
    expect(res.status, "A's personal token still works").toBe(200);
  });
});
