import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { createMission, expectError } from './support';

/**
 * /v1/portals: breakage reports and observations from the portal overlays, through the real
 * app on a real libSQL file.
 */
let api: TestApi;
let token: string;
beforeEach(async () => {
  api = await createTestApi();
  token = await api.signIn('freelance@example.fr');
});
afterEach(() => api.close());

const report = { portal: 'littlebig', page: 'cra', selectorKey: 'dayInput', extensionVersion: '0.1.0' };

describe('POST/GET /v1/portals/reports', () => {
  it('stores a breakage report and lists it back, newest first', async () => {
    const first = await api.request('POST', '/v1/portals/reports', { token, body: report });
    expect(first.status, first.text).toBe(201);
    expect(first.json).toEqual({ id: expect.any(String), ...report, createdAt: '2026-05-20T09:00:00.000Z' });
    api.clock.advanceDays(1);
    await api.request('POST', '/v1/portals/reports', { token, body: { ...report, portal: 'smart', page: 'quote-form', selectorKey: 'amount' } });
    const list = await api.request('GET', '/v1/portals/reports', { token });
    expect(list.status).toBe(200);
    expect(list.json.reports.map((r: { selectorKey: string }) => r.selectorKey)).toEqual(['amount', 'dayInput']);
  });

  it("never shows another user's reports", async () => {
    await api.request('POST', '/v1/portals/reports', { token, body: report });
    const other = await api.signIn('other@example.fr');
    const list = await api.request('GET', '/v1/portals/reports', { token: other });
    expect(list.json).toEqual({ reports: [] });
  });

  it('answers 422 naming the field and the reason', async () => {
    const bad = await api.request('POST', '/v1/portals/reports', { token, body: { ...report, page: 'quote-form' } });
    expectError(bad, 422, 'validation_failed');
    expect(bad.json.error.issues).toEqual([expect.objectContaining({ path: 'page', message: 'is not a page of this portal' })]);
    const worse = await api.request('POST', '/v1/portals/reports', { token, body: { portal: 'malt', page: 'cra', selectorKey: '<script>', extensionVersion: 'latest' } });
    expectError(worse, 422, 'validation_failed');
    expect(worse.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['extensionVersion', 'portal', 'selectorKey']);
  });

  it('needs a signed-in user', async () => {
    expectError(await api.request('POST', '/v1/portals/reports', { body: report }), 401, 'unauthorized');
    expectError(await api.request('GET', '/v1/portals/reports'), 401, 'unauthorized');
  });
});

describe('POST /v1/portals/observations', () => {
  const budget = { missions: [{ missionRef: 'M-48213', title: 'ACME SA — Refonte du SI', status: 'running', consumedDays: 151.5, budgetDays: 200 }] };

  it('stores what a page showed, for one of the user’s missions', async () => {
    const missionId = await createMission(api, token, { portalRef: 'M-48213' });
    const res = await api.request('POST', '/v1/portals/observations', { token, body: { portal: 'littlebig', page: 'missions', missionId, data: budget } });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ portal: 'littlebig', page: 'missions', missionId });
    const rows = await api.deps.client.execute({ sql: 'SELECT data, mission_id FROM portal_observations WHERE id = ?', args: [res.json.id] });
    expect(JSON.parse(String(rows.rows[0]!.data))).toEqual(budget);
  });

  it('checks the data against the page model', async () => {
    const res = await api.request('POST', '/v1/portals/observations', { token, body: { portal: 'littlebig', page: 'cra', data: { missionRef: 'M-1', month: '2026-13', state: 'done', days: {}, lockedDays: [], expenses: [] } } });
    expectError(res, 422, 'validation_failed');
    expect(res.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['data.month', 'data.state']);
  });

  it("refuses another user's mission as not found", async () => {
    const other = await api.signIn('other@example.fr');
    const theirs = await createMission(api, other);
    expectError(await api.request('POST', '/v1/portals/observations', { token, body: { portal: 'littlebig', page: 'missions', missionId: theirs, data: budget } }), 404, 'not_found');
  });
});
