import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { app } from '../../worker/app';
import { createTestApi, littlebigMission, type TestApi } from '../helpers/api';
import { createEngine, backoffMs } from '../../extension/sync/engine';
import { craKey, KEYS, type CraRecord } from '../../extension/lib/model';

/**
 * Submit is offline first, like an edit: queued in `storage.local`, sent after the month's
 * pending edits with its own Idempotency-Key and the revision those edits produced. Real app,
 * real libSQL file; WXT's fake browser storage.
 */

let api: TestApi;
let token: string;
let missionId: string;
let online: boolean;
let requests: { method: string; path: string; ifMatch: string | null; key: string | null; status?: number; replayed?: boolean }[];
let clock: number;
let loseNextSubmitAnswer: boolean;
/** A refusal retrying cannot fix, answered instead of the API's (the API has none for a draft on its revision). */
let refuseNextSubmit: boolean;

const month = '2026-05';
const fakeFetch: typeof fetch = async (input, init) => {
  const req = new Request(input as RequestInfo, init);
  if (!online) throw new TypeError('Failed to fetch');
  const entry: (typeof requests)[number] = { method: req.method, path: new URL(req.url).pathname, ifMatch: req.headers.get('if-match'), key: req.headers.get('idempotency-key') };
  requests.push(entry);
  if (refuseNextSubmit && entry.path.endsWith('/submit')) {
    refuseNextSubmit = false;
    entry.status = 409;
    return Response.json({ error: { code: 'mission_closed', message: 'The portal closed this mission' } }, { status: 409 });
  }
  const res = await app.fetch(req, { deps: api.deps });
  entry.status = res.status;
  entry.replayed = res.headers.get('idempotent-replayed') === 'true';
  if (loseNextSubmitAnswer && entry.path.endsWith('/submit')) {
    loseNextSubmitAnswer = false;
    throw new TypeError('network changed: the answer was lost');
  }
  return res;
};

const newEngine = () => createEngine({ storage: fakeBrowser.storage.local as never, fetch: fakeFetch, now: () => clock });
const record = async (): Promise<CraRecord> => (await fakeBrowser.storage.local.get(craKey(missionId, month)))[craKey(missionId, month)] as CraRecord;
const serverCra = async () => (await api.request('GET', `/v1/missions/${missionId}/cras/${month}`, { token })).json;
const writes = () => requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.endsWith('/submit') ? 'submit' : 'cra'}`);
const submits = () => requests.filter((r) => r.path.endsWith('/submit'));

beforeEach(async () => {
  fakeBrowser.reset();
  api = await createTestApi();
  token = await api.signIn('freelance@example.fr');
  missionId = (await api.request('POST', '/v1/missions', { token, body: littlebigMission })).json.id;
  await fakeBrowser.storage.local.set({ [KEYS.token]: token, [KEYS.apiUrl]: 'http://relais.test' });
  online = true;
  requests = [];
  clock = Date.parse('2026-05-20T09:00:00Z');
  loseNextSubmitAnswer = false;
  refuseNextSubmit = false;
});
afterEach(() => api.close());

describe('queued submit', () => {
  it('is stored offline, survives the worker being killed, and goes out after the edits on their revision', async () => {
    online = false;
    const before = newEngine();
    await before.edit(missionId, month, { days: { '2026-05-04': 1, '2026-05-05': 1 }, lines: [] });
    const queued = await before.submit(missionId, month);
    expect(queued.submit?.idempotencyKey).toBeTruthy();
    expect(queued.submit?.content.days).toEqual({ '2026-05-04': 1, '2026-05-05': 1 });
    await before.flush();
    expect((await record()).submit).toBeTruthy(); // still queued after a failed attempt

    // The service worker dies; a new engine over the same storage finds the queue.
    online = true;
    clock += backoffMs(10);
    const report = await newEngine().flush();
    expect(report.pending).toBe(0);
    expect(writes()).toEqual(['PUT cra', 'POST submit']);
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(put.ifMatch).toBe('"0"');
    expect(submits()[0]!.ifMatch).toBe('"1"'); // the revision the PUT produced
    expect(submits()[0]!.key).toBe(queued.submit!.idempotencyKey);
    const server = await serverCra();
    expect(server.state).toBe('submitted');
    expect(server.days).toEqual({ '2026-05-04': 1, '2026-05-05': 1 });
    const r = await record();
    expect(r.submit).toBeNull();
    expect(r.local).toBeNull();
    expect(r.server?.state).toBe('submitted');
  });

  it('retries a submit whose answer was lost with the same key; the API replays it', async () => {
    const engine = newEngine();
    await engine.edit(missionId, month, { days: { '2026-05-06': 1 }, lines: [] });
    await engine.flush();
    loseNextSubmitAnswer = true;
    await engine.submit(missionId, month);
    await engine.flush();
    expect((await record()).submit).toBeTruthy();
    clock += backoffMs(3);
    await engine.flush();
    expect(submits()).toHaveLength(2);
    expect(submits()[1]!.key).toBe(submits()[0]!.key);
    expect(submits()[1]!.replayed).toBe(true);
    expect((await record()).submit).toBeNull();
    expect((await serverCra()).state).toBe('submitted');
  });

  it('refuses edits while queued; cancelling the submit makes the month editable and sends nothing', async () => {
    online = false;
    const engine = newEngine();
    await engine.edit(missionId, month, { days: { '2026-05-07': 1 }, lines: [] });
    await engine.submit(missionId, month);
    await expect(engine.edit(missionId, month, { days: { '2026-05-07': 0.5 }, lines: [] })).rejects.toMatchObject({ code: 'submit_pending' });
    expect((await record()).local?.days).toEqual({ '2026-05-07': 1 }); // the queued content is intact
    await engine.cancelSubmit(missionId, month);
    await engine.edit(missionId, month, { days: { '2026-05-07': 0.5 }, lines: [] });
    online = true;
    clock += backoffMs(10);
    await engine.flush();
    expect(writes()).toEqual(['PUT cra']);
    expect((await serverCra()).state).toBe('draft');
  });

  it('does not submit a month that changed elsewhere after the user pressed Submit, and says so', async () => {
    const engine = newEngine();
    await engine.edit(missionId, month, { days: { '2026-05-04': 1 }, lines: [] });
    await engine.flush();
    online = false;
    await engine.submit(missionId, month);
    // Another device adds a day meanwhile; a refresh brings it in.
    await api.request('PUT', `/v1/missions/${missionId}/cras/${month}`, { token, headers: { 'if-match': '"1"' }, body: { days: { '2026-05-04': 1, '2026-05-12': 1 } } });
    online = true;
    await engine.load(missionId, month);
    clock += backoffMs(10);
    await engine.flush();
    expect(submits()).toHaveLength(0);
    const r = await record();
    expect(r.submit).toBeNull();
    expect(r.submitError?.code).toBe('changed_elsewhere');
    expect((await serverCra()).state).toBe('draft');
  });

  it('on a 412 at send time, keeps the server version and drops the submit instead of overwriting', async () => {
    const engine = newEngine();
    await engine.edit(missionId, month, { days: { '2026-05-04': 1 }, lines: [] });
    await engine.flush();
    online = false;
    await engine.submit(missionId, month);
    await api.request('PUT', `/v1/missions/${missionId}/cras/${month}`, { token, headers: { 'if-match': '"1"' }, body: { days: { '2026-05-13': 1 } } });
    online = true;
    clock += backoffMs(10);
    await engine.flush();
    expect(submits()[0]!.status).toBe(412);
    const r = await record();
    expect(r.submit).toBeNull();
    expect(r.submitError?.code).toBe('changed_elsewhere');
    expect(r.server?.days).toEqual({ '2026-05-13': 1 });
    expect((await serverCra()).state).toBe('draft');
  });

  it('counts a month already submitted elsewhere with the same content as done', async () => {
    const engine = newEngine();
    await engine.edit(missionId, month, { days: { '2026-05-04': 1 }, lines: [] });
    await engine.flush();
    await api.request('POST', `/v1/missions/${missionId}/cras/${month}/submit`, { token, headers: { 'if-match': '"1"' } });
    await engine.submit(missionId, month);
    await engine.flush();
    const r = await record();
    expect(submits().at(-1)!.status).toBe(412);
    expect(r.submit).toBeNull();
    expect(r.submitError).toBeNull();
    expect(r.server?.state).toBe('submitted');
  });

  it('shows a refusal retrying cannot fix (409) and does not retry it', async () => {
    const engine = newEngine();
    await engine.edit(missionId, month, { days: { '2026-05-04': 1 }, lines: [] });
    await engine.flush();
    refuseNextSubmit = true;
    await engine.submit(missionId, month);
    const report = await engine.flush();
    expect(report.errors).toBe(1);
    const r = await record();
    expect(r.submit).toBeNull();
    expect(r.submitError).toMatchObject({ status: 409, code: 'mission_closed' });
    expect(r.local).toBeNull(); // the days are untouched
    const count = submits().length;
    clock += backoffMs(20);
    await engine.flush();
    expect(submits()).toHaveLength(count);
    expect((await serverCra()).state).toBe('draft');
  });

  it('refuses to queue a submit on a month already submitted or in conflict', async () => {
    const engine = newEngine();
    await engine.edit(missionId, month, { days: { '2026-05-04': 1 }, lines: [] });
    await engine.submit(missionId, month);
    await engine.flush();
    await expect(engine.submit(missionId, month)).rejects.toMatchObject({ code: 'cra_locked' });
  });
});
