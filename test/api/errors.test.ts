import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, littlebigMission, type TestApi } from '../helpers/api';
import { createMission, expectError, expectNoStack } from './support';

let api: TestApi;
let token: string;
let missionId: string;
/** Every body this file received, checked at the end for stack traces. */
const bodies: string[] = [];

async function call(method: string, path: string, init: Parameters<TestApi['request']>[2] = {}) {
  const res = await api.request(method, path, { token, ...init });
  bodies.push(res.text);
  return res;
}
const pathsOf = (res: { json: any }) => (res.json?.error?.issues ?? []).map((i: { path: string }) => i.path);

const validProfile = {
  legalName: 'Claire Martin',
  legalForm: 'ei',
  // Luhn-valid (INSEE's key); changing the last digit to 5 breaks the key.
  siret: '73282932000074',
  vatRegime: 'franchise',
  address: { line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' },
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'AGRIFRPP',
};

beforeAll(async () => {
  api = await createTestApi({ start: '2026-05-20T09:00:00Z' });
  token = await api.signIn('errors@example.fr');
  missionId = await createMission(api, token);
});
afterAll(() => api.close());

describe('malformed requests', () => {
  it('answers malformed JSON with 400 in the error shape', async () => {
    expectError(await call('POST', '/v1/missions', { rawBody: '{"portal": "littlebig",' }), 400, 'malformed_request');
    expectError(await call('PUT', `/v1/missions/${missionId}/cras/2026-05`, { rawBody: '{days:' }), 400, 'malformed_request');
    expectError(await call('POST', '/v1/auth/code', { token: undefined, rawBody: 'email=a@b.fr' }), 400, 'malformed_request');
    expectError(await call('POST', '/v1/simulate/payout', { token: undefined, rawBody: '{' }), 400, 'malformed_request');
  });

  it('answers an unknown route with 404 not_found', async () => {
    expectError(await call('GET', '/v1/nothing-here'), 404, 'not_found');
    expectError(await call('GET', '/nothing-here', { token: undefined }), 404, 'not_found');
    expectError(await call('DELETE', '/v1/missions'), 404, 'not_found');
  });

  it('answers an unknown mission id with 404 not_found', async () => {
    expectError(await call('GET', '/v1/missions/00000000-0000-0000-0000-000000000000'), 404, 'not_found');
  });

  it('answers a JSON body of the wrong type with 422, never 500', async () => {
    for (const rawBody of ['[]', 'null', '42', '"text"']) {
      const res = await call('POST', '/v1/missions', { rawBody });
      expect(res.status, `${rawBody}: ${res.text}`).toBe(422);
      expectError(res, 422, 'validation_failed');
    }
  });
});

describe('validation failures name the field', () => {
  it('refuses a daily rate in fractional cents', async () => {
    const res = await call('POST', '/v1/missions', { body: { ...littlebigMission, dailyRateCents: 650.5 } });
    expectError(res, 422, 'validation_failed');
    expect(pathsOf(res)).toEqual(['dailyRateCents']);
  });

  it('refuses a negative daily rate and an end before the start', async () => {
    const res = await call('POST', '/v1/missions', { body: { ...littlebigMission, dailyRateCents: -1 } });
    expect(pathsOf(res)).toEqual(['dailyRateCents']);
    const dates = await call('POST', '/v1/missions', { body: { ...littlebigMission, startsOn: '2026-06-01', endsOn: '2026-05-01' } });
    expectError(dates, 422, 'validation_failed');
    expect(pathsOf(dates)).toEqual(['endsOn']);
  });

  it('refuses a mission without any budget', async () => {
    const { budgetDays: _, ...noBudget } = littlebigMission;
    const res = await call('POST', '/v1/missions', { body: noBudget });
    expect(res.status).toBe(422);
    expect(pathsOf(res)).toContain('budgetDays');
  });

  it('accepts a valid profile, and refuses a bad IBAN and a bad SIRET naming each', async () => {
    const ok = await call('PUT', '/v1/profile', { body: validProfile });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json.iban).toBe('FR7630006000011234567890189');

    const iban = await call('PUT', '/v1/profile', { body: { ...validProfile, iban: 'FR76 3000 6000 0112 3456 7890 188' } });
    expectError(iban, 422, 'validation_failed');
    expect(pathsOf(iban)).toEqual(['iban']);

    const siret = await call('PUT', '/v1/profile', { body: { ...validProfile, siret: '73282932000075' } });
    expectError(siret, 422, 'validation_failed');
    expect(pathsOf(siret)).toEqual(['siret']);

    const bic = await call('PUT', '/v1/profile', { body: { ...validProfile, bic: 'AG' } });
    expect(pathsOf(bic)).toEqual(['bic']);

    // Nothing of the refused bodies was saved.
    expect((await call('GET', '/v1/profile')).json.siret).toBe('73282932000074');
  });

  it('refuses a CRA day that is not a calendar date (Feb 30)', async () => {
    const res = await call('PUT', `/v1/missions/${missionId}/cras/2026-02`, { body: { days: { '2026-02-30': 1 }, lines: [] } });
    expectError(res, 422, 'validation_failed');
    expect(pathsOf(res).some((p: string) => p.startsWith('days'))).toBe(true);
    expect(res.text).toContain('2026-02-30');
  });

  it('refuses a CRA day key that is not a date at all, and a quantity that is not a number', async () => {
    const key = await call('PUT', `/v1/missions/${missionId}/cras/2026-02`, { body: { days: { tuesday: 1 } } });
    expectError(key, 422, 'validation_failed');
    expect(pathsOf(key).some((p: string) => p.startsWith('days'))).toBe(true);
    const quantity = await call('PUT', `/v1/missions/${missionId}/cras/2026-02`, { body: { days: { '2026-02-02': 'one' } } });
    expectError(quantity, 422, 'validation_failed');
    expect(pathsOf(quantity)).toContain('days.2026-02-02');
  });

  it('refuses a month that does not exist in the path', async () => {
    const res = await call('GET', `/v1/missions/${missionId}/cras/2026-13`);
    expectError(res, 422, 'validation_failed');
    expect(pathsOf(res)).toContain('month');
  });

  it('refuses a validation date that is not a date', async () => {
    const res = await call('POST', `/v1/missions/${missionId}/cras/2026-05/validate`, { body: { validatedOn: '2026-02-30' } });
    expectError(res, 422, 'validation_failed');
    expect(pathsOf(res)).toEqual(['validatedOn']);
  });

  it('refuses bad query strings with 422', async () => {
    expect(pathsOf(await call('GET', '/v1/sync?since=yesterday'))).toEqual(['since']);
    expect(pathsOf(await call('GET', '/v1/invoices?year=twenty'))).toEqual(['year']);
  });
});

describe('payment plans follow the contract regime', () => {
  it('refuses Flash on a contract signed 2025-04-27 in France (back-to-back regime)', async () => {
    const res = await call('POST', '/v1/missions', { body: { ...littlebigMission, contractSignedOn: '2025-04-27', plan: 'flash' } });
    expectError(res, 422, 'plan_not_available');
    expect(pathsOf(res)).toEqual(['plan']);
  });

  it('refuses immediate payment on a contract signed 2025-04-28 in France (fixed-date regime)', async () => {
    const res = await call('POST', '/v1/missions', { body: { ...littlebigMission, contractSignedOn: '2025-04-28', plan: 'immediate' } });
    expectError(res, 422, 'plan_not_available');
    expect(pathsOf(res)).toEqual(['plan']);
  });

  it('accepts each plan on the regime that offers it', async () => {
    const flash = await call('POST', '/v1/missions', { body: { ...littlebigMission, contractSignedOn: '2025-04-28', plan: 'flash' } });
    expect(flash.status).toBe(201);
    expect(flash.json.regime).toBe('fixed_date');
    const immediate = await call('POST', '/v1/missions', { body: { ...littlebigMission, contractSignedOn: '2025-04-27', plan: 'immediate' } });
    expect(immediate.status).toBe(201);
    expect(immediate.json.regime).toBe('back_to_back');
  });
});

describe('rate and plan change only at renewal once the mission runs', () => {
  it('refuses a rate change on a running mission with 409 mission_running, and changes nothing', async () => {
    const res = await call('PATCH', `/v1/missions/${missionId}`, { body: { dailyRateCents: 70_000 } });
    expectError(res, 409, 'mission_running');
    expect((await call('GET', `/v1/missions/${missionId}`)).json.dailyRateCents).toBe(65_000);
  });

  it('refuses a plan change on a running mission with 409 mission_running', async () => {
    expectError(await call('PATCH', `/v1/missions/${missionId}`, { body: { plan: 'basic' } }), 409, 'mission_running');
  });

  it('lets a mission that has not started change its rate', async () => {
    const future = await createMission(api, token, { startsOn: '2026-09-01', endsOn: '2026-12-31' });
    const res = await call('PATCH', `/v1/missions/${future}`, { body: { dailyRateCents: 70_000 } });
    expect(res.status, res.text).toBe(200);
    expect(res.json.dailyRateCents).toBe(70_000);
  });

  it('lets a renewal change the rate and the plan from its start date', async () => {
    const renewal = await call('POST', `/v1/missions/${missionId}/renewals`, { body: { startsOn: '2026-07-01', endsOn: '2026-12-31', dailyRateCents: 72_000, plan: 'express', budgetDays: 100 } });
    expect(renewal.status, renewal.text).toBe(201);
    expect(renewal.json.orders).toHaveLength(2);
    expect(renewal.json.orders[1]).toMatchObject({ startsOn: '2026-07-01', dailyRateCents: 72_000, plan: 'express' });
    // Months before the renewal keep the old terms; months after it take the new ones.
    const may = await call('GET', `/v1/missions/${missionId}/cras/2026-05`);
    expect(may.json).toMatchObject({ dailyRateCents: 65_000, plan: 'flash' });
    const july = await call('GET', `/v1/missions/${missionId}/cras/2026-07`);
    expect(july.json).toMatchObject({ dailyRateCents: 72_000, plan: 'express' });
  });

  it('refuses a renewal plan the regime does not offer', async () => {
    const res = await call('POST', `/v1/missions/${missionId}/renewals`, { body: { startsOn: '2026-08-01', endsOn: '2026-12-31', plan: 'immediate', budgetDays: 10 } });
    expectError(res, 422, 'plan_not_available');
  });
});

describe('no internals leak', () => {
  // PRODUCT BUG: shared/schemas/common.ts PositiveCents has no upper bound, so a daily rate
  // near Number.MAX_SAFE_INTEGER passes validation; rate × days (or × budget days) then
  // overflows and shared/money.ts roundHalfUp throws RangeError → app.onError → 500.
  // The contract says "never a 500 for bad input": it should be 422 on dailyRateCents.
  describe('a daily rate too large to compute with', () => {
    let other: string;
    beforeAll(async () => {
      other = await api.signIn('huge-rate@example.fr');
    });

    it('is refused by the calculator with 422 on dailyRateCents, not 500', async () => {
      const res = await call('POST', '/v1/simulate/payout', {
        token: undefined,
        body: { portal: 'littlebig', contractSignedOn: '2025-06-02', country: 'FR', plan: 'flash', dailyRateCents: 100_000_000_000_000, days: 100, validatedOn: '2026-05-12' },
      });
      expectError(res, 422, 'validation_failed');
      expect(pathsOf(res)).toEqual(['dailyRateCents']);
    });

    it('is refused on a new mission with 422 on dailyRateCents, not 500', async () => {
      const res = await call('POST', '/v1/missions', { token: other, body: { ...littlebigMission, dailyRateCents: Number.MAX_SAFE_INTEGER } });
      expectError(res, 422, 'validation_failed');
      expect(pathsOf(res)).toEqual(['dailyRateCents']);
    });

    // Worse: the 500 above comes after the mission was written, so the user's mission list
    // answers 500 from then on (worker/routes/missions.ts POST writes, then readMission throws).
    it('leaves the user\'s mission list readable afterwards', async () => {
      const res = await call('GET', '/v1/missions', { token: other });
      expect(res.status, res.text).toBe(200);
    });
  });

  // PRODUCT BUG: same overflow through CRA lines. shared/cra/schemas.ts bounds a line's
  // amountCents only by Number.MAX_SAFE_INTEGER; two such lines sum past it, and
  // shared/invoice/lines.ts computeInvoice → applyBps → assertCents throws RangeError → 500.
  // worker/routes/cras.ts PUT saves first and renders after, so the CRA is stored and its
  // month (and /v1/dashboard) answer 500 for good.
  describe('CRA lines whose sum is too large to compute with', () => {
    let other: string;
    let mission: string;
    beforeAll(async () => {
      other = await api.signIn('huge-lines@example.fr');
      mission = await createMission(api, other);
    });
    const big = Number.MAX_SAFE_INTEGER;

    it('are refused with 422, not 500', async () => {
      const lines = [{ kind: 'expense', label: 'a', amountCents: big }, { kind: 'expense', label: 'b', amountCents: big }];
      const res = await call('PUT', `/v1/missions/${mission}/cras/2026-05`, { token: other, body: { days: {}, lines } });
      expect(res.status, res.text).toBe(422);
    });

    it("leave the month and the dashboard readable", async () => {
      expect((await call('GET', `/v1/missions/${mission}/cras/2026-05`, { token: other })).status).toBe(200);
      expect((await call('GET', '/v1/dashboard', { token: other })).status).toBe(200);
    });
  });

  // PRODUCT BUG: a validation date whose payout falls after 9999-12-31 passes IsoDateString
  // but shared/dates.ts addDays then yields '+010000-…', which a later date check rejects
  // with a RangeError → 500. Should be 422 on validatedOn.
  it('answers a validation date at the end of the calendar without a 500', async () => {
    const res = await call('POST', '/v1/simulate/payout', {
      token: undefined,
      body: { portal: 'littlebig', contractSignedOn: '2025-06-02', country: 'FR', plan: 'basic', dailyRateCents: 50_000, days: 1, validatedOn: '9999-12-31' },
    });
    expect(res.status, res.text).toBeLessThan(500);
  });

  it('answers a body over 1 MB with 413 in the error shape', async () => {
    const res = await call('POST', '/v1/documents', { rawBody: JSON.stringify({ kind: 'other', label: 'x'.repeat(1_100_000) }) });
    expectError(res, 413, 'payload_too_large');
  });

  it('shows no stack trace and no error class in any body this file received', () => {
    expect(bodies.length).toBeGreaterThan(20);
    for (const text of bodies) expectNoStack(text);
  });
});
