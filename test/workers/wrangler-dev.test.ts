import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { hranaServer } from '../helpers/hrana-server';
import { createMission } from '../api/support';
import { startWranglerDev } from './wrangler-dev';

/**
 * The API Worker in local workerd (`wrangler dev`), on a real database reached as Turso is:
 * Hrana over HTTP (test/helpers/hrana-server.ts serves the migrated file the Node app also
 * opens). The user signs in through the Node app (the Worker mails through the notifier,
 * absent here); everything after that goes through the Worker and is read back on Node.
 */
let worker: Awaited<ReturnType<typeof startWranglerDev>>;
let base: string;
let api: TestApi;
let hrana: ReturnType<typeof hranaServer>;
let served: Awaited<ReturnType<ReturnType<typeof hranaServer>['listen']>>;
let token: string;
const TURSO_TOKEN = 'workers-test-token';

beforeAll(async () => {
  // The Worker runs on the real clock: so does the Node app here, or the session would look 90 days old.
  api = await createTestApi({ start: new Date().toISOString() });
  token = await api.signIn('worker@relais.test');
  hrana = hranaServer(api.dbPath);
  served = await hrana.listen();
  worker = await startWranglerDev({ vars: { TURSO_DATABASE_URL: served.url, TURSO_AUTH_TOKEN: TURSO_TOKEN }, probe: async (b) => (await fetch(`${b}/health`)).ok });
  base = worker.base;
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await served?.close();
  hrana?.db.close();
  api?.close();
});

const call = async (method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
};

describe('the API Worker in local workerd (wrangler dev)', () => {
  it('answers GET /health', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('runs the payout calculator: Flash validated 2026-05-12 is paid 2026-05-18', async () => {
    const res = await fetch(`${base}/v1/simulate/payout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ portal: 'littlebig', contractSignedOn: '2025-06-01', country: 'FR', plan: 'flash', dailyRateCents: 60_000, days: 20, validatedOn: '2026-05-12' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.payoutEarliest).toBe('2026-05-18');
    expect(body.feeCents).toBe(60_000);
  });

  it('refuses an unauthenticated call in the error shape', async () => {
    const res = await fetch(`${base}/v1/missions`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('serves the OpenAPI document the Node app serves', async () => {
    const res = await fetch(`${base}/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe((await api.request('GET', '/v1/openapi.json')).text);
  });
});

describe('the API Worker on Turso over HTTP (a Hrana server over the Node app\'s file)', () => {
  it('reads what Node wrote, with the Turso token, in one pipeline request per statement or batch', async () => {
    const missionId = await createMission(api, token, { clientName: 'Written on Node' });
    const before = hrana.log.length;
    const res = await call('GET', `/v1/missions/${missionId}`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.clientName).toBe('Written on Node');
    const sent = hrana.log.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    for (const r of sent) {
      expect(new URL(r.url).pathname).toBe('/v2/pipeline');
      expect(r.authorization).toBe(`Bearer ${TURSO_TOKEN}`);
      expect(r.body.requests.at(-1)).toEqual({ type: 'close' });
    }
  });

  it('creates a mission, saves a CRA with If-Match, refuses a stale one, validates it into an invoice; Node reads the same', async () => {
    const created = await call('POST', '/v1/missions', { body: { portal: 'direct', clientName: 'Written on Workers', clientSiren: '552100554', clientAddressLine: '1 avenue de la République', clientPostcode: '75011', clientCity: 'Paris', dailyRateCents: 65_000, clientTermsDays: 30, startsOn: '2026-01-05', endsOn: '2026-12-31', budgetDays: 200 } });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    const days = { '2026-05-04': 1, '2026-05-05': 1, '2026-05-06': 0.5 };
    const saved = await call('PUT', `/v1/missions/${id}/cras/2026-05`, { body: { days, lines: [] }, headers: { 'idempotency-key': 'workers-e2e-1' } });
    expect(saved.status, saved.text).toBe(200);
    const replay = await call('PUT', `/v1/missions/${id}/cras/2026-05`, { body: { days, lines: [] }, headers: { 'idempotency-key': 'workers-e2e-1' } });
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual(saved.json);
    const revision = saved.json.revision as number;
    const stale = await call('PUT', `/v1/missions/${id}/cras/2026-05`, { body: { days: { '2026-05-04': 1 }, lines: [] }, headers: { 'if-match': String(revision - 1) } });
    expect(stale.status, stale.text).toBe(412);
    expect((await call('POST', `/v1/missions/${id}/cras/2026-05/submit`)).status).toBe(200);
    const validated = await call('POST', `/v1/missions/${id}/cras/2026-05/validate`, { body: { validatedOn: '2026-06-02' } });
    expect(validated.status, validated.text).toBe(201);

    const onNode = await api.request('GET', `/v1/missions/${id}/cras/2026-05`, { token });
    expect(onNode.json).toMatchObject({ state: 'validated', days, revision: revision + 2 });
    const onWorker = await call('GET', `/v1/missions/${id}/cras/2026-05`);
    expect(onWorker.json.days).toEqual(onNode.json.days);
    expect(onWorker.json.revision).toBe(onNode.json.revision);
    const invoices = (await api.request('GET', '/v1/invoices', { token })).json.invoices as { id: string; number: string; totalCents: number }[];
    const issued = invoices.find((i) => i.id === validated.json.invoice.id);
    expect(issued).toMatchObject({ number: validated.json.invoice.number, totalCents: 2.5 * 65_000 });
  });
});
