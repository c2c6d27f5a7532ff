import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { createMission, expectError, issueInvoice, submitCra } from './support';

/**
 * User B must get 404 not_found for every id of user A (never 403: B must not learn the id
 * exists), see none of A's data in any list, and change nothing of A's.
 */

let api: TestApi;
let tokenA: string;
let tokenB: string;
const a = { missionId: '', invoiceId: '', documentId: '', tokenId: '', pat: '' };
/** A's data as A sees it before B tries anything. */
let before: Record<string, unknown>;

async function snapshotOfA() {
  const get = async (path: string) => (await api.request('GET', path, { token: tokenA })).json;
  return {
    mission: await get(`/v1/missions/${a.missionId}`),
    validatedCra: await get(`/v1/missions/${a.missionId}/cras/2026-04`),
    submittedCra: await get(`/v1/missions/${a.missionId}/cras/2026-05`),
    invoice: await get(`/v1/invoices/${a.invoiceId}`),
    invoices: await get('/v1/invoices'),
    document: await get(`/v1/documents/${a.documentId}`),
    tokens: await get('/v1/tokens'),
  };
}

beforeAll(async () => {
  api = await createTestApi({ start: '2026-05-20T09:00:00Z' });
  tokenA = await api.signIn('alice@example.fr');
  tokenB = await api.signIn('bob@example.fr');

  a.missionId = await createMission(api, tokenA, { invoiceMode: 'manual' });
  // April: saved, submitted, validated → invoice. May: submitted, waiting for the client.
  const invoice = await issueInvoice(api, tokenA, a.missionId, '2026-04', { '2026-04-06': 1, '2026-04-07': 1 }, '2026-05-04');
  a.invoiceId = invoice.id;
  await submitCra(api, tokenA, a.missionId, '2026-05', { '2026-05-04': 1 });

  const doc = await api.request('POST', '/v1/documents', { token: tokenA, body: { kind: 'liability_insurance', label: 'RC Pro 2026', expiresOn: '2026-12-31' } });
  expect(doc.status).toBe(201);
  a.documentId = doc.json.id;

  const pat = await api.request('POST', '/v1/tokens', { token: tokenA, body: { name: 'alice script' } });
  expect(pat.status).toBe(201);
  a.tokenId = pat.json.id;
  a.pat = pat.json.token;

  // B has data of their own, so an empty answer is not just an empty database.
  const own = await createMission(api, tokenB, { clientName: 'Bob Corp' });
  await submitCra(api, tokenB, own, '2026-05', { '2026-05-05': 1 });

  before = await snapshotOfA();
});
afterAll(() => api.close());

describe("user B gets 404 for each of user A's ids", () => {
  /** [method, path with A's ids, body]: the body is valid, so only ownership can refuse it. */
  const routes: [string, () => string, unknown?][] = [
    ['GET', () => `/v1/missions/${a.missionId}`],
    ['PATCH', () => `/v1/missions/${a.missionId}`, { clientName: 'Hijacked' }],
    ['POST', () => `/v1/missions/${a.missionId}/renewals`, { startsOn: '2027-01-01', endsOn: '2027-06-30', budgetDays: 100 }],
    ['GET', () => `/v1/missions/${a.missionId}/cras/2026-05`],
    ['GET', () => `/v1/missions/${a.missionId}/cras/2026-06`],
    ['PUT', () => `/v1/missions/${a.missionId}/cras/2026-06`, { days: { '2026-06-01': 1 }, lines: [] }],
    ['POST', () => `/v1/missions/${a.missionId}/cras/2026-06/submit`],
    ['POST', () => `/v1/missions/${a.missionId}/cras/2026-05/refuse`, { reason: 'not yours' }],
    ['POST', () => `/v1/missions/${a.missionId}/cras/2026-05/validate`, { validatedOn: '2026-05-20' }],
    ['GET', () => `/v1/invoices/${a.invoiceId}`],
    ['POST', () => `/v1/invoices/${a.invoiceId}/paid`, { paidOn: '2026-05-20' }],
    ['POST', () => `/v1/invoices/${a.invoiceId}/client-paid`, { paidOn: '2026-05-20' }],
    ['POST', () => `/v1/invoices/${a.invoiceId}/upload-validated`, { validatedOn: '2026-05-20' }],
    ['POST', () => `/v1/invoices/${a.invoiceId}/cancel`],
    ['GET', () => `/v1/documents/${a.documentId}`],
    ['PATCH', () => `/v1/documents/${a.documentId}`, { label: 'Hijacked' }],
    ['DELETE', () => `/v1/documents/${a.documentId}`],
    ['DELETE', () => `/v1/tokens/${a.tokenId}`],
  ];
  /** The route's template, for the test name: ids shown as :id. */
  const template = (path: string) => path.replace(/\/(missions|invoices|documents|tokens)\/[^/]*/, '/$1/:id');

  for (const [method, path, body] of routes) {
    it(`${method} ${template(path())}`, async () => {
      const res = await api.request(method, path(), { token: tokenB, body });
      expectError(res, 404, 'not_found');
      expect(res.text).not.toContain('ACME');
    });
  }
});

describe("B's lists show none of A's data", () => {
  const leaks = (text: string) => [a.missionId, a.invoiceId, a.documentId, a.tokenId, 'ACME SA', '2026-0001'].filter((s) => text.includes(s));

  it('GET /v1/missions lists only B\'s mission', async () => {
    const res = await api.request('GET', '/v1/missions', { token: tokenB });
    expect(res.json.missions.map((m: { clientName: string }) => m.clientName)).toEqual(['Bob Corp']);
    expect(leaks(res.text)).toEqual([]);
  });

  it('GET /v1/invoices is empty for B', async () => {
    const res = await api.request('GET', '/v1/invoices', { token: tokenB });
    expect(res.json.invoices).toEqual([]);
  });

  it('GET /v1/documents is empty for B', async () => {
    const res = await api.request('GET', '/v1/documents', { token: tokenB });
    expect(res.json.documents).toEqual([]);
  });

  it("GET /v1/tokens shows only B's own sign-in", async () => {
    const res = await api.request('GET', '/v1/tokens', { token: tokenB });
    expect(res.json.tokens.map((t: { name: string }) => t.name)).toEqual(['sign-in']);
    expect(leaks(res.text)).toEqual([]);
  });

  it("GET /v1/dashboard shows B's mission only, and no revenue of A's", async () => {
    const res = await api.request('GET', '/v1/dashboard', { token: tokenB });
    expect(res.json.missions.map((m: { clientName: string }) => m.clientName)).toEqual(['Bob Corp']);
    expect(res.json.upcomingPayouts).toEqual([]);
    expect(res.json.overdueInvoices).toEqual([]);
    expect(res.json.vat.position.revenueCents).toBe(0);
    expect(leaks(res.text)).toEqual([]);
  });

  it("GET /v1/sync from the start shows B's changes only", async () => {
    const res = await api.request('GET', '/v1/sync?since=0', { token: tokenB });
    expect(res.json.missions.map((m: { clientName: string }) => m.clientName)).toEqual(['Bob Corp']);
    expect(res.json.cras).toHaveLength(1);
    expect(res.json.invoices).toEqual([]);
    expect(leaks(res.text)).toEqual([]);
  });
});

describe('idempotency keys are per user', () => {
  it("replays nothing of A's to B sending the same key and body", async () => {
    const init = { body: { kind: 'other', label: 'Same key' }, headers: { 'idempotency-key': 'shared-key-1' } };
    const first = await api.request('POST', '/v1/documents', { token: tokenA, ...init });
    expect(first.status).toBe(201);
    const other = await api.request('POST', '/v1/documents', { token: tokenB, ...init });
    expect(other.status).toBe(201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(other.json.id).not.toBe(first.json.id);
    await api.request('DELETE', `/v1/documents/${first.json.id}`, { token: tokenA });
  });
});

describe("A's data after B's attempts", () => {
  it('is unchanged, and A\'s personal token still works', async () => {
    expect(await snapshotOfA()).toEqual(before);
    expect((await api.request('GET', '/v1/profile', { token: a.pat })).status).toBe(200);
    expect(before).toMatchObject({
      mission: { clientName: 'ACME SA', orders: [expect.anything()] },
      validatedCra: { state: 'validated' },
      submittedCra: { state: 'submitted' },
      invoice: { status: 'issued', paidOn: null, clientPaidOn: null },
      document: { label: 'RC Pro 2026' },
    });
  });
});
