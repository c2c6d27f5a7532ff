import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWranglerDev } from './wrangler-dev';

let worker: Awaited<ReturnType<typeof startWranglerDev>>;
let base: string;

beforeAll(async () => {
  // No Turso server is reachable here: the URL points at a closed local port. /health and the
  // calculator do not touch the database; routes that do would answer 500 in the error shape.
  worker = await startWranglerDev({ vars: { TURSO_DATABASE_URL: 'http://127.0.0.1:9' }, probe: async (b) => (await fetch(`${b}/health`)).ok });
  base = worker.base;
}, 120_000);

afterAll(() => worker?.stop());

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
});
