import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { createMission, expectError, issueInvoice } from './support';

/** A CRA's life through the API: revisions, states, day rules, idempotent writes, sync, dashboard. */

let api: TestApi;
let token: string;
beforeAll(async () => {
  api = await createTestApi({ start: '2026-05-20T09:00:00Z' });
  token = await api.signIn('cra@example.fr');
});
afterAll(() => api.close());

const craPath = (missionId: string, month: string) => `/v1/missions/${missionId}/cras/${month}`;
const put = (missionId: string, month: string, body: unknown, headers: Record<string, string> = {}) => api.request('PUT', craPath(missionId, month), { token, body, headers });
const post = (missionId: string, month: string, action: string, body?: unknown, headers: Record<string, string> = {}) =>
  api.request('POST', `${craPath(missionId, month)}/${action}`, { token, body, headers });
const get = (missionId: string, month: string) => api.request('GET', craPath(missionId, month), { token });
const issuePaths = (res: { json: any }) => (res.json?.error?.issues ?? []).map((i: { path: string }) => i.path);

describe('revisions (ETag / If-Match)', () => {
  let id: string;
  beforeAll(async () => {
    id = await createMission(api, token);
  });

  it('reads a never-saved month as an empty draft at ETag "0"', async () => {
    const res = await get(id, '2026-03');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"0"');
    expect(res.json).toMatchObject({ state: 'draft', revision: 0, days: {}, lines: [], totals: { days: 0, netCents: 0 } });
  });

  it('increments the revision on each PUT and refuses a stale If-Match with 412, keeping the newer days', async () => {
    const first = await put(id, '2026-03', { days: { '2026-03-02': 1 } }, { 'if-match': '"0"' });
    expect(first.headers.get('etag')).toBe('"1"');
    const second = await put(id, '2026-03', { days: { '2026-03-02': 1, '2026-03-03': 1 } }, { 'if-match': '"1"' });
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).toBe('"2"');
    expect(second.json.revision).toBe(2);

    const stale = await put(id, '2026-03', { days: { '2026-03-02': 0.5 } }, { 'if-match': '"1"' });
    expectError(stale, 412, 'stale_revision');
    const now = await get(id, '2026-03');
    expect(now.headers.get('etag')).toBe('"2"');
    expect(now.json.days).toEqual({ '2026-03-02': 1, '2026-03-03': 1 });
  });

  it('refuses a stale If-Match on submit too', async () => {
    expectError(await post(id, '2026-03', 'submit', undefined, { 'if-match': '"1"' }), 412, 'stale_revision');
    expect((await get(id, '2026-03')).json.state).toBe('draft');
  });
});

describe('states: draft → submitted → refused / validated', () => {
  let id: string;
  beforeAll(async () => {
    id = await createMission(api, token);
  });

  it('refuses to submit an empty CRA (never saved, or only days off) with 422 cra_empty', async () => {
    expectError(await post(id, '2026-02', 'submit'), 422, 'cra_empty');
    await put(id, '2026-02', { days: { '2026-02-02': 0, '2026-02-03': 0 } });
    expectError(await post(id, '2026-02', 'submit'), 422, 'cra_empty');
    expect((await get(id, '2026-02')).json.state).toBe('draft');
  });

  it('refuses to refuse or validate a draft (409 cra_not_submitted)', async () => {
    await put(id, '2026-04', { days: { '2026-04-06': 1 } });
    expectError(await post(id, '2026-04', 'refuse', { reason: 'why not' }), 409, 'cra_not_submitted');
    expectError(await post(id, '2026-04', 'validate', { validatedOn: '2026-05-04' }), 409, 'cra_not_submitted');
  });

  it('locks a submitted CRA against edits (409 cra_submitted) and a second submit', async () => {
    expect((await post(id, '2026-04', 'submit')).json.state).toBe('submitted');
    expectError(await put(id, '2026-04', { days: { '2026-04-06': 0.5 } }), 409, 'cra_submitted');
    expectError(await post(id, '2026-04', 'submit'), 409, 'cra_already_submitted');
    expect((await get(id, '2026-04')).json.days).toEqual({ '2026-04-06': 1 });
  });

  it('needs a reason to refuse', async () => {
    const res = await post(id, '2026-04', 'refuse', { reason: '   ' });
    expectError(res, 422, 'validation_failed');
    expect(issuePaths(res)).toEqual(['reason']);
  });

  it('refused with a reason: editable again, and can be submitted again', async () => {
    const refused = await post(id, '2026-04', 'refuse', { reason: 'Le 6 avril est férié (lundi de Pâques)' });
    expect(refused.status).toBe(200);
    expect(refused.json).toMatchObject({ state: 'refused', refusalReason: 'Le 6 avril est férié (lundi de Pâques)' });
    const edited = await put(id, '2026-04', { days: { '2026-04-06': 0, '2026-04-07': 1 } });
    expect(edited.status).toBe(200);
    expect(edited.json.state).toBe('refused');
    expect((await post(id, '2026-04', 'submit')).json.state).toBe('submitted');
  });

  it('validated is locked for ever', async () => {
    expect((await post(id, '2026-04', 'validate', { validatedOn: '2026-05-04' })).status).toBe(201);
    expectError(await put(id, '2026-04', { days: { '2026-04-07': 0.5 } }), 409, 'cra_locked');
    expectError(await post(id, '2026-04', 'refuse', { reason: 'too late' }), 409, 'cra_locked');
  });
});

describe('day and line rules', () => {
  let id: string;
  beforeAll(async () => {
    // The mission runs from Monday 5 January to Thursday 30 April 2026.
    id = await createMission(api, token, { startsOn: '2026-01-05', endsOn: '2026-04-30' });
  });

  it('refuses a day worked before the mission starts, naming the day; a 0 there is harmless', async () => {
    const res = await put(id, '2026-01', { days: { '2026-01-02': 1, '2026-01-05': 1 } });
    expectError(res, 422, 'day_outside_mission');
    expect(issuePaths(res)).toEqual(['days.2026-01-02']);
    expect((await put(id, '2026-01', { days: { '2026-01-02': 0, '2026-01-05': 1 } })).status).toBe(200);
  });

  it('refuses a day worked after the mission ends', async () => {
    // The CRA for May is readable, but 4 May is past the end of the purchase order.
    const res = await put(id, '2026-05', { days: { '2026-05-04': 1 } });
    expectError(res, 422, 'day_outside_mission');
  });

  it("refuses a day of another month in a month's CRA", async () => {
    const res = await put(id, '2026-02', { days: { '2026-03-02': 1 } });
    expectError(res, 422, 'day_outside_month');
    expect(issuePaths(res)).toEqual(['days.2026-03-02']);
  });

  it('refuses quarter days (and 1.5 days) unless the mission allows quarter days', async () => {
    const quarter = await put(id, '2026-02', { days: { '2026-02-02': 0.25 } });
    expectError(quarter, 422, 'quantity_not_allowed');
    expect(issuePaths(quarter)).toEqual(['days.2026-02-02']);
    expectError(await put(id, '2026-02', { days: { '2026-02-02': 1.5 } }), 422, 'quantity_not_allowed');

    const withQuarters = await createMission(api, token, { quarterDays: true });
    const ok = await put(withQuarters, '2026-02', { days: { '2026-02-02': 0.75, '2026-02-03': 0.25, '2026-02-04': 0.5 } });
    expect(ok.status, ok.text).toBe(200);
    // 1.5 days × 650 € = 975 €.
    expect(ok.json.totals).toMatchObject({ days: 1.5, netCents: 97_500 });
    expectError(await put(withQuarters, '2026-02', { days: { '2026-02-02': 0.1 } }), 422, 'quantity_not_allowed');
  });

  it('accepts a correction line only for an earlier month, and counts it in the total', async () => {
    const line = (correctsMonth: string) => ({ kind: 'correction', label: 'Demi-journée comptée en trop', amountCents: -32_500, correctsMonth });
    const same = await put(id, '2026-03', { days: { '2026-03-02': 1 }, lines: [line('2026-03')] });
    expectError(same, 422, 'correction_month_invalid');
    expect(issuePaths(same)).toEqual(['lines.0.correctsMonth']);
    expectError(await put(id, '2026-03', { days: { '2026-03-02': 1 }, lines: [line('2026-04')] }), 422, 'correction_month_invalid');

    const ok = await put(id, '2026-03', { days: { '2026-03-02': 1 }, lines: [line('2026-02')] });
    expect(ok.status).toBe(200);
    // 650 € − 325 € = 325 €.
    expect(ok.json.totals.netCents).toBe(32_500);
  });
});

describe('Idempotency-Key', () => {
  let id: string;
  beforeAll(async () => {
    id = await createMission(api, token);
  });

  it('replays the first answer for the same key and body, changing nothing more', async () => {
    const body = { days: { '2026-05-04': 1, '2026-05-05': 1 } };
    const first = await put(id, '2026-05', body, { 'idempotency-key': 'put-may-1' });
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await put(id, '2026-05', body, { 'idempotency-key': 'put-may-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.text).toBe(first.text);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    // Without the key the second PUT would have made revision 2.
    expect((await get(id, '2026-05')).json.revision).toBe(1);
  });

  it('makes one change when the same key and body arrive twice at the same time', async () => {
    const other = await createMission(api, token, { clientName: 'Twice at once' });
    const body = { days: { '2026-05-04': 1 } };
    const both = await Promise.all([1, 2].map(() => put(other, '2026-05', body, { 'idempotency-key': 'put-parallel-1' })));
    // One does the work; the other is either its answer replayed or told to retry while it runs.
    const first = both.find((r) => r.status === 200 && !r.headers.get('idempotent-replayed'))!;
    const second = both.find((r) => r !== first)!;
    expect(first).toBeDefined();
    if (second.status === 409) {
      expectError(second, 409, 'idempotency_in_progress');
      expect(second.headers.get('retry-after')).toBe('1');
    } else {
      expect(second.status).toBe(200);
      expect(second.text).toBe(first.text);
    }
    // The retry the extension makes gets the first answer.
    const retry = await put(other, '2026-05', body, { 'idempotency-key': 'put-parallel-1' });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.text).toBe(first.text);
    expect((await get(other, '2026-05')).json.revision).toBe(1);
  });

  it('refuses the same key with another body (422 idempotency_key_reused), changing nothing', async () => {
    const res = await put(id, '2026-05', { days: { '2026-05-04': 0.5 } }, { 'idempotency-key': 'put-may-1' });
    expectError(res, 422, 'idempotency_key_reused');
    expect((await get(id, '2026-05')).json).toMatchObject({ revision: 1, days: { '2026-05-04': 1, '2026-05-05': 1 } });
  });

  it('makes a retried submit answer like the first one instead of 409', async () => {
    const first = await post(id, '2026-05', 'submit', undefined, { 'idempotency-key': 'submit-may-1' });
    expect(first.status).toBe(200);
    const retry = await post(id, '2026-05', 'submit', undefined, { 'idempotency-key': 'submit-may-1' });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json.state).toBe('submitted');
    expect((await get(id, '2026-05')).json.revision).toBe(2);
  });
});

describe('/v1/sync', () => {
  it('advances the cursor on each write and returns only what changed since a cursor', async () => {
    const syncToken = await api.signIn('sync@example.fr');
    const sync = (since?: number) => api.request('GET', since === undefined ? '/v1/sync' : `/v1/sync?since=${since}`, { token: syncToken });
    const id = await createMission(api, syncToken);

    const start = await sync();
    expect(start.json.missions.map((m: { id: string }) => m.id)).toEqual([id]);
    const c0 = start.json.cursor as number;

    const nothing = await sync(c0);
    expect(nothing.json).toEqual({ cursor: c0, more: false, missions: [], cras: [], invoices: [], profile: null });

    await api.request('PUT', craPath(id, '2026-05'), { token: syncToken, body: { days: { '2026-05-04': 1 } } });
    const afterMay = await sync(c0);
    const c1 = afterMay.json.cursor as number;
    expect(c1).toBeGreaterThan(c0);
    expect(afterMay.json.cras.map((c: { month: string }) => c.month)).toEqual(['2026-05']);
    // The mission comes along: its order's consumption counts the new day.
    expect(afterMay.json.missions.map((m: { id: string; consumption: { consumedDays: number } }) => [m.id, m.consumption.consumedDays])).toEqual([[id, 1]]);

    expect((await sync(c1)).json).toMatchObject({ cursor: c1, missions: [], cras: [], invoices: [] });

    await api.request('PUT', craPath(id, '2026-04'), { token: syncToken, body: { days: { '2026-04-07': 1 } } });
    const afterApril = await sync(c1);
    expect(afterApril.json.cursor).toBeGreaterThan(c1);
    expect(afterApril.json.cras).toHaveLength(1);
    expect(afterApril.json.cras[0]).toMatchObject({ missionId: id, month: '2026-04', days: { '2026-04-07': 1 } });
    expect(afterApril.json.missions.map((m: { id: string; consumption: { consumedDays: number } }) => [m.id, m.consumption.consumedDays])).toEqual([[id, 2]]);
    expect(afterApril.json.invoices).toEqual([]);
  });

  it('returns the validated CRA and its invoice after a validation', async () => {
    const syncToken = await api.signIn('sync-validate@example.fr');
    // Manual upload: the freelancer's own invoice, numbered in their series.
    const id = await createMission(api, syncToken, { invoiceMode: 'manual' });
    await api.request('PUT', craPath(id, '2026-04'), { token: syncToken, body: { days: { '2026-04-07': 1 } } });
    await api.request('POST', `${craPath(id, '2026-04')}/submit`, { token: syncToken });
    const c0 = (await api.request('GET', '/v1/sync', { token: syncToken })).json.cursor;
    const v = await api.request('POST', `${craPath(id, '2026-04')}/validate`, { token: syncToken, body: { validatedOn: '2026-05-04' } });
    expect(v.status).toBe(201);
    const res = await api.request('GET', `/v1/sync?since=${c0}`, { token: syncToken });
    expect(res.json.cras).toMatchObject([{ month: '2026-04', state: 'validated' }]);
    expect(res.json.invoices).toMatchObject([{ id: v.json.invoice.id, number: '2026-0001' }]);
  });

  it('does not advance the cursor on a refused write', async () => {
    const syncToken = await api.signIn('sync-refused@example.fr');
    const id = await createMission(api, syncToken);
    const c0 = (await api.request('GET', '/v1/sync', { token: syncToken })).json.cursor;
    const refused = await api.request('PUT', craPath(id, '2026-05'), { token: syncToken, body: { days: { '2026-05-04': 0.25 } } });
    expect(refused.status).toBe(422);
    expect((await api.request('GET', `/v1/sync?since=${c0}`, { token: syncToken })).json.cursor).toBe(c0);
  });
});

describe('/v1/dashboard', () => {
  it("shows the mission's current month, its missing working days, upcoming payouts and the VAT position", async () => {
    api.clock.set('2026-05-20T09:00:00Z');
    const dashToken = await api.signIn('dashboard@example.fr');
    const id = await createMission(api, dashToken, { plan: 'basic' });
    // April: 2 days × 650 € = 1 300 €, validated Monday 4 May; Basic: +60 days = Friday 3 July.
    const invoice = await issueInvoice(api, dashToken, id, '2026-04', { '2026-04-06': 1, '2026-04-07': 1 }, '2026-05-04');
    await api.request('PUT', craPath(id, '2026-05'), { token: dashToken, body: { days: { '2026-05-04': 1, '2026-05-05': 1, '2026-05-06': 1 } } });

    const res = await api.request('GET', '/v1/dashboard', { token: dashToken });
    expect(res.status).toBe(200);
    expect(res.json.missions).toHaveLength(1);
    const card = res.json.missions[0];
    expect(card).toMatchObject({ missionId: id, month: '2026-05', cra: { state: 'draft', days: 3, netCents: 195_000 } });
    // Working days of May 2026 up to Wednesday 20: 4–7 (1 and 8 May are holidays), 11–13 and 15
    // (14 is Ascension), 18–20. Captured: 4, 5, 6.
    expect(card.missingDays).toEqual(['2026-05-07', '2026-05-11', '2026-05-12', '2026-05-13', '2026-05-15', '2026-05-18', '2026-05-19', '2026-05-20']);

    // LittleBIG auto: the portal's expected invoice, its payout to come.
    expect(res.json.upcomingPayouts.map((p: { id: string; payoutEarliest: string; issuer: string }) => [p.id, p.payoutEarliest, p.issuer])).toEqual([[invoice.id, '2026-07-03', 'portal_mandate']]);
    // 2026 franchise thresholds (the 2025–2026 row): 37 500 € base, 41 250 € higher.
    expect(res.json.vat.position).toMatchObject({ year: 2026, revenueCents: 130_000, baseCents: 3_750_000, higherCents: 4_125_000, status: 'under', remainingToBaseCents: 3_620_000 });
  });

  it('projects the VAT thresholds from captured and planned days of every mission, day by day', async () => {
    api.clock.set('2026-05-20T09:00:00Z');
    const vatToken = await api.signIn('vat-projection@example.fr');
    // Full-time rhythm (5 days a week): every working day not captured is planned.
    const first = await createMission(api, vatToken, { dailyRateCents: 65_000, startsOn: '2026-01-05', budgetDays: 300, daysPerWeek: 5 });
    await createMission(api, vatToken, { dailyRateCents: 48_000, startsOn: '2026-06-01', budgetDays: 300, daysPerWeek: 5 });
    expect((await api.request('PUT', craPath(first, '2026-05'), { token: vatToken, body: { days: { '2026-05-04': 1, '2026-05-05': 0.5 } } })).status).toBe(200);
    const { projection } = (await api.request('GET', '/v1/dashboard', { token: vatToken })).json.vat;
    // Captured 975 € (counted today), then 650 € a working day from 21 May (6 days to 29 May,
    // Whit Monday off: 4 875 €), then 1 130 € a day with the second mission from 1 June
    // (22 days: 29 735 € by 30 June). 37 500 € is passed on July's 7th working day (9 July),
    // 41 250 € on its 11th (16 July; 14 July is off).
    expect(projection.base).toEqual({ thresholdCents: 3_750_000, already: false, on: '2026-07-09' });
    expect(projection.higher).toEqual({ thresholdCents: 4_125_000, already: false, on: '2026-07-16' });
    // Through 31 December: 975 € captured, then 650 € × 157 working days (6 in May, then June to
    // December: 22 + 22 + 21 + 22 + 22 + 20 + 22 = 151) and 480 € × 151.
    expect(projection.projectedCents).toBe(97_500 + 65_000 * 157 + 48_000 * 151);
  });
});
