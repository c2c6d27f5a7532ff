import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, littlebigMission, type TestApi } from '../test/helpers/api';

let api: TestApi;
let token: string;
beforeAll(async () => {
  api = await createTestApi({ start: '2026-05-20T09:00:00Z' });
  token = await api.signIn('claire@example.fr');
});
afterAll(() => api.close());

describe('a month from capture to invoice', () => {
  it('captures days, submits, validates, and records the portal\'s expected invoice (no number of the freelancer\'s series) with the Flash payout date', async () => {
    const m = await api.request('POST', '/v1/missions', { token, body: littlebigMission });
    expect(m.status).toBe(201);
    expect(m.json.regime).toBe('fixed_date');
    const id = m.json.id as string;
    const days = { '2026-05-04': 1, '2026-05-05': 1, '2026-05-06': 0.5 };
    const put = await api.request('PUT', `/v1/missions/${id}/cras/2026-05`, { token, body: { days, lines: [] }, headers: { 'if-match': '"0"' } });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe('"1"');
    expect(put.json.totals.days).toBe(2.5);
    expect(put.json.totals.netCents).toBe(162_500);
    const stale = await api.request('PUT', `/v1/missions/${id}/cras/2026-05`, { token, body: { days, lines: [] }, headers: { 'if-match': '"0"' } });
    expect(stale.status).toBe(412);
    expect(stale.json.error.code).toBe('stale_revision');
    expect((await api.request('POST', `/v1/missions/${id}/cras/2026-05/submit`, { token })).status).toBe(200);
    const v = await api.request('POST', `/v1/missions/${id}/cras/2026-05/validate`, { token, body: { validatedOn: '2026-05-12' } });
    expect(v.status).toBe(201);
    // LittleBIG Connection issues the invoice under its billing mandate: Relais expects it, numbers nothing.
    expect(v.json.invoice.number).toBeNull();
    expect(v.json.invoice.issuer).toBe('portal_mandate');
    expect(v.json.invoice.status).toBe('expected');
    expect(v.json.invoice.payoutEarliest).toBe('2026-05-18');
    // Flash fee: 5 % of 650 € × 2.5 days = 81.25 €
    expect(v.json.invoice.feeCents).toBe(8125);
    expect(v.json.invoice.payoutCents).toBe(162_500 - 8125);
    const locked = await api.request('PUT', `/v1/missions/${id}/cras/2026-05`, { token, body: { days, lines: [] } });
    expect(locked.status).toBe(409);
    expect(locked.json.error.code).toBe('cra_locked');
  });
});

describe('the reference', () => {
  it('serves an OpenAPI document generated from the schemas, and a readable page', async () => {
    const doc = await api.request('GET', '/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toBe('3.1.0');
    const put = doc.json.paths['/v1/missions/{id}/cras/{month}'].put;
    expect(put.requestBody.content['application/json'].schema.properties.days).toBeDefined();
    expect(doc.json.paths['/v1/simulate/payout'].post.security).toEqual([]);
    const page = await api.request('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/v1/openapi.json');
  });
});
