import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, littlebigMission, type TestApi } from '../helpers/api';

/**
 * GET /v1/missions reads only the months of each mission's current purchase order
 * (worker/routes/missions.ts): what it shows must be what the mission's own page shows,
 * whatever the history around that order.
 */
describe('GET /v1/missions', () => {
  let api: TestApi;
  let token: string;
  const ids: string[] = [];
  beforeAll(async () => {
    api = await createTestApi({ start: '2026-07-15T09:00:00Z' });
    token = await api.signIn('list@relais.test');
    const put = async (id: string, month: string, days: Record<string, number>) =>
      expect((await api.request('PUT', `/v1/missions/${id}/cras/${month}`, { token, body: { days, lines: [] } })).status).toBe(200);
    // Renewed on 1 July: the days before are the old order's, the July days from the 1st the new one's.
    const renewed = (await api.request('POST', '/v1/missions', { token, body: { ...littlebigMission, clientName: 'Renewed', startsOn: '2026-01-05', endsOn: '2026-06-30', budgetDays: 120 } })).json.id as string;
    await put(renewed, '2026-05', { '2026-05-04': 1, '2026-05-05': 1 });
    await put(renewed, '2026-06', { '2026-06-29': 1, '2026-06-30': 0.5 });
    expect((await api.request('POST', `/v1/missions/${renewed}/renewals`, { token, body: { startsOn: '2026-07-01', endsOn: '2026-12-31', budgetDays: 100 } })).status).toBe(201);
    await put(renewed, '2026-07', { '2026-07-01': 1, '2026-07-02': 0.5, '2026-07-03': 1 });
    // A running one, and one whose order has not begun (its current order is its first, in the future).
    const running = (await api.request('POST', '/v1/missions', { token, body: { ...littlebigMission, clientName: 'Running', budgetDays: 50 } })).json.id as string;
    await put(running, '2026-03', { '2026-03-02': 1 });
    await put(running, '2026-07', { '2026-07-06': 1, '2026-07-07': 1 });
    const future = (await api.request('POST', '/v1/missions', { token, body: { ...littlebigMission, clientName: 'Future', startsOn: '2026-09-01', endsOn: '2026-12-31', budgetDays: 20 } })).json.id as string;
    await put(future, '2026-09', { '2026-09-01': 1 });
    ids.push(renewed, running, future);
  });
  afterAll(() => api.close());

  it('counts each mission\'s days within its current order only, as the mission itself does', async () => {
    const list = (await api.request('GET', '/v1/missions', { token })).json.missions as { id: string; clientName: string; consumption: { consumedDays: number } }[];
    expect(list.map((m) => m.clientName)).toEqual(['Renewed', 'Running', 'Future']);
    expect(list.map((m) => m.consumption.consumedDays)).toEqual([2.5, 3, 1]);
    for (const id of ids) {
      const one = (await api.request('GET', `/v1/missions/${id}`, { token })).json;
      expect(list.find((m) => m.id === id)).toEqual(one);
    }
  });

  it('hands the extension a mission\'s new consumption in the next sync after a save of its current order\'s months, and not otherwise', async () => {
    const [renewed] = ids;
    const cursor = (await api.request('GET', '/v1/sync?since=0', { token })).json.cursor as number;
    const put = (month: string, days: Record<string, number>) => api.request('PUT', `/v1/missions/${renewed}/cras/${month}`, { token, body: { days, lines: [] } });
    // May is the old order's: the mission's figure does not move, the mission is not sent again.
    expect((await put('2026-05', { '2026-05-04': 1, '2026-05-05': 1, '2026-05-06': 1 })).status).toBe(200);
    const quiet = (await api.request('GET', `/v1/sync?since=${cursor}`, { token })).json;
    expect(quiet.missions).toEqual([]);
    expect(quiet.cras.map((c: { month: string }) => c.month)).toEqual(['2026-05']);
    // July is the current order's: the mission comes with it, counting the new day.
    expect((await put('2026-07', { '2026-07-01': 1, '2026-07-02': 0.5, '2026-07-03': 1, '2026-07-06': 1 })).status).toBe(200);
    const next = (await api.request('GET', `/v1/sync?since=${quiet.cursor}`, { token })).json;
    expect(next.missions.map((m: { id: string; consumption: { consumedDays: number } }) => [m.id, m.consumption.consumedDays])).toEqual([[renewed, 3.5]]);
  });

  it('shows nobody else\'s missions', async () => {
    const other = await api.signIn('other@relais.test');
    expect((await api.request('GET', '/v1/missions', { token: other })).json.missions).toEqual([]);
  });
});
