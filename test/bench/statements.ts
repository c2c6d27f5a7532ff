/**
 * What a statement costs on each Node client: the server's own (worker/db/node-client.ts,
 * each statement prepared once per connection) against `@libsql/client`'s file client (which
 * prepares every statement anew and asks for its columns on each call). The same app, the
 * same data, the same requests: the extension's CRA save and the dashboard, CPU ms per
 * request; and one indexed lookup by primary key, µs per statement. Both APIs live side by
 * side in one process and are measured in alternating rounds.
 */
import { workingDaysOfMonth } from '../../shared/calendar/working-days';
import { createTestApi, littlebigMission, type TestApi } from '../helpers/api';

type Measure = (runs: number, call: (i: number) => Promise<unknown>) => Promise<number[]>;
const LOOKUPS_PER_CALL = 20;
const DRIVERS = ['cached', 'libsql-client'] as const;
type Driver = (typeof DRIVERS)[number];

async function side(driver: Driver) {
  const api = await createTestApi({ start: '2026-05-29T09:00:00Z', driver });
  const token = await api.signIn('statements@example.fr');
  const mission = (await api.request('POST', '/v1/missions', { token, body: littlebigMission })).json.id as string;
  const days = Object.fromEntries(workingDaysOfMonth('2026-05').map((d) => [d, 1]));
  let revision = (await api.request('PUT', `/v1/missions/${mission}/cras/2026-05`, { token, body: { days, lines: [] } })).json.revision as number;
  const calls = {
    putCraWithHeaders: async (i: number) => {
      const body = { days: { ...days, '2026-05-04': i % 2 ? 0.5 : 1 }, lines: [] };
      const headers = { 'idempotency-key': crypto.randomUUID(), 'if-match': `"${revision}"` };
      const res = await api.request('PUT', `/v1/missions/${mission}/cras/2026-05`, { token, body, headers });
      if (res.status !== 200) throw new Error(`PUT cra (${driver}): ${res.status} ${res.text}`);
      revision = res.json.revision;
    },
    dashboard: async () => {
      const res = await api.request('GET', '/v1/dashboard', { token });
      if (res.status !== 200) throw new Error(`dashboard (${driver}): ${res.status}`);
    },
    // process.cpuUsage() counts microseconds: lookups are timed LOOKUPS_PER_CALL at a time.
    lookup: async () => {
      for (let k = 0; k < LOOKUPS_PER_CALL; k++) {
        const rs = await api.deps.client.execute({ sql: 'SELECT id, user_id, client_name, portal FROM missions WHERE id = ?', args: [mission] });
        if (rs.rows.length !== 1) throw new Error('lookup: no mission');
      }
    },
  };
  return { api, calls };
}

export async function statementCostFigures(measure: Measure, median: (v: number[]) => number) {
  const sides = { cached: await side('cached'), 'libsql-client': await side('libsql-client') } as Record<Driver, { api: TestApi; calls: Record<'putCraWithHeaders' | 'dashboard' | 'lookup', (i: number) => Promise<void>> }>;
  const figures = {} as Record<'putCraWithHeaders' | 'dashboard' | 'lookup', Record<Driver, number>>;
  for (const kind of ['putCraWithHeaders', 'dashboard', 'lookup'] as const) {
    const samples: Record<Driver, number[]> = { cached: [], 'libsql-client': [] };
    const perRound = kind === 'lookup' ? 100 : 150;
    for (const d of DRIVERS) await measure(kind === 'lookup' ? 300 : 1500, sides[d].calls[kind]);
    for (let round = 0; round < 10; round++) {
      for (const d of round % 2 ? [...DRIVERS].reverse() : DRIVERS) samples[d].push(...(await measure(perRound, sides[d].calls[kind])));
    }
    const per = kind === 'lookup' ? 1000 / LOOKUPS_PER_CALL : 1; // a lookup in µs, a request in ms
    figures[kind] = { cached: round3(median(samples.cached) * per), 'libsql-client': round3(median(samples['libsql-client']) * per) };
  }
  for (const d of DRIVERS) sides[d].api.close();
  return figures;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
