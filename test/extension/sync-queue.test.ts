import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { app } from '../../worker/app';
import { createTestApi, littlebigMission, type TestApi } from '../helpers/api';
import { createEngine, backoffMs } from '../../extension/sync/engine';
import { craKey, KEYS, type CraRecord } from '../../extension/lib/model';

/**
 * The extension's offline-first queue against the real API (real app, real libSQL file),
 * with WXT's fake browser storage standing in for `browser.storage.local`.
 */

let api: TestApi;
let token: string;
let missionId: string;
let online: boolean;
let requests: { method: string; url: string; ifMatch: string | null; key: string | null }[];
let clock: number;
let loseNextAnswer: boolean;

const month = '2026-05';
const storage = () => fakeBrowser.storage.local as unknown as Parameters<typeof createEngine>[0]['storage'];

const fakeFetch: typeof fetch = async (input, init) => {
  const req = new Request(input as RequestInfo, init);
  if (!online) throw new TypeError('Failed to fetch');
  requests.push({ method: req.method, url: req.url, ifMatch: req.headers.get('if-match'), key: req.headers.get('idempotency-key') });
  const res = await app.fetch(req, { deps: api.deps });
  if (loseNextAnswer && req.method === 'PUT') {
    loseNextAnswer = false;
    throw new TypeError('network changed: the answer was lost');
  }
  return res;
};

const newEngine = () => createEngine({ storage: storage(), fetch: fakeFetch, now: () => clock });
const record = async (): Promise<CraRecord> => (await fakeBrowser.storage.local.get(craKey(missionId, month)))[craKey(missionId, month)] as CraRecord;
const serverCra = async () => (await api.request('GET', `/v1/missions/${missionId}/cras/${month}`, { token })).json;
const puts = () => requests.filter((r) => r.method === 'PUT');

beforeEach(async () => {
  fakeBrowser.reset();
  api = await createTestApi();
  token = await api.signIn('freelance@example.fr');
  missionId = (await api.request('POST', '/v1/missions', { token, body: littlebigMission })).json.id;
  await fakeBrowser.storage.local.set({ [KEYS.token]: token, [KEYS.apiUrl]: 'http://relais.test' });
  online = true;
  requests = [];
  clock = Date.parse('2026-05-20T09:00:00Z');
  loseNextAnswer = false;
});
afterEach(() => api.close());

describe('sync queue', () => {
  it('stores an edit at once, offline, and shows it', async () => {
    online = false;
    const engine = newEngine();
    await engine.edit(missionId, month, { days: { '2026-05-04': 1 }, lines: [] });
    expect((await record()).local?.days).toEqual({ '2026-05-04': 1 });
    expect(await engine.view(missionId, month)).toEqual({ days: { '2026-05-04': 1 }, lines: [] });
  });

  it('coalesces edits of a month into one PUT carrying the latest days', async () => {
    online = false;
    const engine = newEngine();
    await engine.edit(missionId, month, { days: { '2026-05-04': 1 }, lines: [] });
    await engine.edit(missionId, month, { days: { '2026-05-04': 0.5 }, lines: [] });
    await engine.edit(missionId, month, { days: { '2026-05-04': 0.5, '2026-05-05': 1 }, lines: [] });
    await engine.flush();
    online = true;
    clock += backoffMs(5);
    const report = await engine.flush();
    expect(report).toMatchObject({ pushed: 1, pending: 0, conflicts: 0 });
    expect(puts()).toHaveLength(1);
    expect(puts()[0]!.ifMatch).toBe('"0"');
    expect(puts()[0]!.key).toBeTruthy();
    expect((await serverCra()).days).toEqual({ '2026-05-04': 0.5, '2026-05-05': 1 });
    const r = await record();
    expect(r.local).toBeNull();
    expect(r.revision).toBe(1);
  });

  it('says when a flush pushed something (the background then reads the missions and dashboard again), and only then', async () => {
    let told = 0;
    const engine = createEngine({ storage: storage(), fetch: fakeFetch, now: () => clock, onPushed: () => { told += 1; } });
    await engine.flush();
    expect(told).toBe(0);
    online = false;
    await engine.edit(missionId, month, { days: { '2026-05-07': 1 }, lines: [] });
    await engine.flush();
    expect(told).toBe(0);
    online = true;
    clock += backoffMs(5);
    expect((await engine.flush()).pushed).toBe(1);
    expect(told).toBe(1);
    // The API's mission list now counts the day against the order.
    const mission = (await api.request('GET', '/v1/missions', { token })).json.missions[0];
    expect(mission.consumption.consumedDays).toBe(1);
  });

  it('survives the service worker being killed: a new engine over the same storage pushes the queue', async () => {
    online = false;
    const killed = newEngine();
    await killed.edit(missionId, month, { days: { '2026-05-06': 1 }, lines: [] });
    // The push the edit started fails offline; then the worker is gone, the queue only in storage.
    await killed.flush();
    online = true;
    clock += backoffMs(10);
    const report = await newEngine().flush();
    expect(report.pushed).toBe(1);
    expect((await serverCra()).days).toEqual({ '2026-05-06': 1 });
  });

  it('waits with exponential backoff after a network failure', async () => {
    online = false;
    const engine = newEngine();
    await engine.edit(missionId, month, { days: { '2026-05-07': 1 }, lines: [] });
    await engine.flush();
    const first = await record();
    expect(first.attempts).toBeGreaterThanOrEqual(1);
    expect(first.nextAttemptAt).toBe(clock + backoffMs(first.attempts));
    online = true;
    await engine.flush(); // not due yet: no request
    expect(puts()).toHaveLength(0);
    clock = first.nextAttemptAt;
    await engine.flush();
    expect(puts()).toHaveLength(1);
    expect(backoffMs(1)).toBeLessThan(backoffMs(2));
    expect(backoffMs(50)).toBe(5 * 60_000);
  });

  it('retries a PUT whose answer was lost with the same Idempotency-Key, and the API replays it', async () => {
    const engine = newEngine();
    loseNextAnswer = true;
    await engine.edit(missionId, month, { days: { '2026-05-11': 1 }, lines: [] });
    await engine.flush();
    expect((await record()).local).not.toBeNull();
    clock += backoffMs(3);
    await engine.flush();
    expect(puts()).toHaveLength(2);
    expect(puts()[0]!.key).toBe(puts()[1]!.key);
    const r = await record();
    expect(r.local).toBeNull();
    expect(r.conflict).toBeNull();
    expect((await serverCra()).revision).toBe(1);
  });

  it('keeps both versions on a 412 and lets the user keep theirs', async () => {
    const engine = newEngine();
    await engine.edit(missionId, month, { days: { '2026-05-04': 1 }, lines: [] });
    await engine.flush();
    // Someone else (another device) changes the month meanwhile.
    const other = await api.request('PUT', `/v1/missions/${missionId}/cras/${month}`, { token, headers: { 'if-match': '"1"' }, body: { days: { '2026-05-04': 1, '2026-05-12': 1 } } });
    expect(other.status).toBe(200);
    online = false;
    await engine.edit(missionId, month, { days: { '2026-05-04': 0.5 }, lines: [] });
    online = true;
    clock += backoffMs(5);
    const report = await engine.flush();
    expect(report.conflicts).toBe(1);
    const r = await record();
    expect(r.local?.days).toEqual({ '2026-05-04': 0.5 });
    expect(r.conflict?.days).toEqual({ '2026-05-04': 1, '2026-05-12': 1 });
    expect((await serverCra()).days).toEqual({ '2026-05-04': 1, '2026-05-12': 1 }); // nothing overwritten

    await engine.resolve(missionId, month, 'mine');
    expect((await serverCra()).days).toEqual({ '2026-05-04': 0.5 });
    expect(puts().at(-1)!.ifMatch).toBe('"2"');
    const after = await record();
    expect(after.conflict).toBeNull();
    expect(after.local).toBeNull();
  });

  it('on a 412, taking theirs drops the local edits and keeps the server untouched', async () => {
    const engine = newEngine();
    await api.request('PUT', `/v1/missions/${missionId}/cras/${month}`, { token, body: { days: { '2026-05-13': 1 } } });
    await engine.edit(missionId, month, { days: { '2026-05-04': 1 }, lines: [] }); // based on revision 0: stale
    await engine.flush();
    expect((await record()).conflict?.days).toEqual({ '2026-05-13': 1 });
    const before = puts().length;
    const r = await engine.resolve(missionId, month, 'theirs');
    expect(r.local).toBeNull();
    expect(r.server?.days).toEqual({ '2026-05-13': 1 });
    expect(puts()).toHaveLength(before);
    expect((await engine.view(missionId, month)).days).toEqual({ '2026-05-13': 1 });
  });

  it('does not lose a click made while a PUT is in flight', async () => {
    const engine = newEngine();
    const first = engine.edit(missionId, month, { days: { '2026-05-04': 1 }, lines: [] });
    const second = engine.edit(missionId, month, { days: { '2026-05-04': 1, '2026-05-05': 1 }, lines: [] });
    await Promise.all([first, second]);
    await engine.flush();
    expect((await serverCra()).days).toEqual({ '2026-05-04': 1, '2026-05-05': 1 });
    expect((await record()).local).toBeNull();
  });

  it('does not retry a refusal that retrying cannot fix, and says why', async () => {
    const engine = newEngine();
    await engine.edit(missionId, month, { days: { '2026-05-04': 0.3 }, lines: [] });
    await engine.flush();
    const r = await record();
    expect(r.error?.status).toBe(422);
    const count = puts().length;
    clock += backoffMs(20);
    await engine.flush();
    expect(puts()).toHaveLength(count);
  });
});
