/**
 * Throughput on the load's mix: many users, each request one user's, 80 % reads (the
 * dashboard, the mission list, a month's CRA, a sync) and 20 % CRA saves as the extension
 * sends them (a new `Idempotency-Key`, `If-Match` the revision it edits). The API serves the
 * mix in process through `app.fetch`; exactly the statements it sent, recorded request by
 * request, are then replayed raw on copies of the same file: once with `@libsql/client`'s
 * file client (the issue's "raw libSQL"), once with the client the Node server runs on
 * (worker/db/node-client.ts), which isolates what our code costs above its SQL. Alternating
 * rounds after warm-up, as the CRA-write ratio in run.ts; the replays must end in the same
 * CRAs and idempotency keys as the API, or the bench fails.
 */
import type { Client } from '@libsql/client';
import { workingDaysOfMonth } from '../../shared/calendar/working-days';
import { app } from '../../worker/app';
import { createTestApi, littlebigMission } from '../helpers/api';
import { rawCopy, recordCalls, replay, statementsIn } from './replay';

const USERS = 40;
const WARMUP = 3000;
const ROUNDS = 60;
const PER_ROUND = 50;
/** One cycle of the mix: 8 reads, 2 saves. */
const MIX = ['dashboard', 'missions', 'cra', 'sync', 'dashboard', 'put', 'missions', 'cra', 'sync', 'put'] as const;

type User = { token: string; mission: string; revision: number; cursor: number };

export async function mixedLoadFigures() {
  const api = await createTestApi({ start: '2026-05-29T09:00:00Z' });
  const may = workingDaysOfMonth('2026-05');
  const users: User[] = [];
  for (let u = 0; u < USERS; u++) {
    const token = await api.signIn(`mix-${u}@example.fr`);
    const mission = (await api.request('POST', '/v1/missions', { token, body: { ...littlebigMission, clientName: `Client ${u}` } })).json.id as string;
    // Two months of history, the current one being saved.
    for (const month of ['2026-03', '2026-04']) {
      const days = Object.fromEntries(workingDaysOfMonth(month).map((d) => [d, 1]));
      const put = await api.request('PUT', `/v1/missions/${mission}/cras/${month}`, { token, body: { days, lines: [] } });
      if (put.status !== 200) throw new Error(`mixed load: ${put.status} ${put.text}`);
    }
    const put = await api.request('PUT', `/v1/missions/${mission}/cras/2026-05`, { token, body: { days: Object.fromEntries(may.map((d) => [d, 1])), lines: [] } });
    const cursor = (await api.request('GET', '/v1/sync?since=0', { token })).json.cursor as number;
    users.push({ token, mission, revision: put.json.revision as number, cursor });
  }

  let i = 0;
  /** The next request of the mix, with the revision its user's CRA will have when it is served. */
  const next = (): Request => {
    const kind = MIX[i % MIX.length]!;
    const user = users[Math.floor(i / MIX.length) % USERS]!;
    i += 1;
    const auth = { authorization: `Bearer ${user.token}` };
    const base = 'http://relais.test';
    if (kind === 'dashboard') return new Request(`${base}/v1/dashboard`, { headers: auth });
    if (kind === 'missions') return new Request(`${base}/v1/missions`, { headers: auth });
    if (kind === 'cra') return new Request(`${base}/v1/missions/${user.mission}/cras/2026-05`, { headers: auth });
    if (kind === 'sync') return new Request(`${base}/v1/sync?since=${user.cursor}`, { headers: auth });
    const days = Object.fromEntries(may.map((d, k) => [d, k === i % may.length ? 0.5 : 1]));
    const body = JSON.stringify({ days, lines: [] });
    const headers = {
      ...auth, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)),
      'idempotency-key': crypto.randomUUID(), 'if-match': `"${user.revision}"`,
    };
    user.revision += 1;
    return new Request(`${base}/v1/missions/${user.mission}/cras/2026-05`, { method: 'PUT', headers, body });
  };
  const serve = async (request: Request) => {
    const res = await app.fetch(request, { deps: api.deps });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`mixed load: ${request.method} ${new URL(request.url).pathname}: ${res.status} ${text}`);
  };
  for (let k = 0; k < WARMUP; k++) await serve(next());

  const recorder = recordCalls(api.deps.client);
  const raws = { libsqlClient: await rawCopy(api, 'libsql-client'), cached: await rawCopy(api, 'cached') };
  const ms = { api: 0, libsqlClient: 0, cached: 0 };
  let served = 0;
  // Round 0 is not timed: it warms the raw sides' fresh connections and page caches.
  for (let round = 0; round <= ROUNDS; round++) {
    const from = recorder.log.length;
    const requests = Array.from({ length: PER_ROUND }, next);
    const t0 = performance.now();
    for (const request of requests) {
      recorder.begin();
      await serve(request);
      recorder.end();
    }
    const apiMs = performance.now() - t0;
    const calls = recorder.log.slice(from);
    const timeReplay = async (raw: Client) => {
      const t = performance.now();
      for (const c of calls) await replay(raw, c);
      return performance.now() - t;
    };
    // The two raw sides take turns going first, so neither always runs on the other's warm caches.
    const sides = round % 2 ? (['cached', 'libsqlClient'] as const) : (['libsqlClient', 'cached'] as const);
    const rawMs = { libsqlClient: 0, cached: 0 };
    for (const side of sides) rawMs[side] = await timeReplay(raws[side]);
    if (round === 0) continue;
    ms.api += apiMs;
    ms.libsqlClient += rawMs.libsqlClient;
    ms.cached += rawMs.cached;
    served += PER_ROUND;
  }
  const statements = recorder.log.reduce((n, c) => n + statementsIn(c), 0) / recorder.log.length;
  // The replays reproduced the API's writes exactly.
  const state = async (c: Client) => JSON.stringify((await c.execute(
    "SELECT (SELECT group_concat(id || ':' || revision || ':' || days, '|') FROM (SELECT * FROM cras ORDER BY id)) AS cras, (SELECT count(*) FROM idempotency_keys) AS keys",
  )).rows[0]);
  const expected = await state(api.deps.client);
  for (const [name, raw] of Object.entries(raws)) {
    if ((await state(raw)) !== expected) throw new Error(`mixed load: the ${name} replay diverged from the API`);
    raw.close();
  }
  api.close();
  const rps = (t: number) => served / (t / 1000);
  return {
    users: USERS,
    requests: served,
    statementsPerRequest: Math.round(statements * 100) / 100,
    apiRps: Math.round(rps(ms.api)),
    rawLibsqlClientRps: Math.round(rps(ms.libsqlClient)),
    rawCachedRps: Math.round(rps(ms.cached)),
    ratioVsLibsqlClient: Math.round((ms.libsqlClient / ms.api) * 1000) / 1000,
    ratioVsSameDriver: Math.round((ms.cached / ms.api) * 1000) / 1000,
  };
}
