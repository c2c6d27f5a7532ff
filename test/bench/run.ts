/**
 * `npm run bench`: CPU time per request through the real app over a real libSQL file,
 * measured in-process after warm-up (median), and the Worker bundle's gzip size from
 * `wrangler deploy --dry-run`. Prints a table, then one JSON line (the last line).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createClient } from '@libsql/client';
import { datesOfMonth } from '../../shared/dates';
import { isWorkingDay } from '../../shared/calendar/working-days';
import { createTestApi, littlebigMission } from '../helpers/api';

const WARMUP = 200;
const RUNS = 2000;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** CPU milliseconds (user + system) of one awaited call, for each of `runs` calls. */
async function cpuPerCall(runs: number, call: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    await call(i);
    const d = process.cpuUsage(before);
    out.push((d.user + d.system) / 1000);
  }
  return out;
}

/** The popup's JavaScript (its entry and preloaded chunks), gzip, from the Chrome build. */
function popupGzipBytes(): number {
  const out = '.output/chrome-mv3';
  try {
    readFileSync(join(out, 'popup.html'));
  } catch {
    execFileSync('npx', ['wxt', 'build'], { stdio: 'pipe' });
  }
  const html = readFileSync(join(out, 'popup.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/(chunks\/[^"]+\.js)"/g)].map((m) => m[1]!);
  return scripts.reduce((sum, file) => sum + gzipSync(readFileSync(join(out, file)), { level: 9 }).length, 0);
}

function workerBundleGzipBytes(): number {
  const dir = mkdtempSync(join(tmpdir(), 'relais-bundle-'));
  execFileSync('node_modules/.bin/wrangler', ['deploy', '--dry-run', '--outdir', dir], { stdio: 'pipe', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
  return gzipSync(readFileSync(join(dir, 'index.js')), { level: 9 }).length;
}

async function main() {
  const api = await createTestApi({ start: '2026-05-29T09:00:00Z' });
  const token = await api.signIn('bench@example.fr');
  const mission = await api.request('POST', '/v1/missions', { token, body: littlebigMission });
  const id = mission.json.id as string;
  const days = Object.fromEntries(datesOfMonth('2026-05').filter((d) => isWorkingDay(d)).map((d) => [d, 1]));
  // 22 days: May 2026 has 17 working days; add the weekends' on-call days to reach 22.
  for (const d of ['2026-05-02', '2026-05-03', '2026-05-09', '2026-05-16', '2026-05-23']) days[d] = 1;
  if (Object.keys(days).length !== 22) throw new Error(`expected 22 days, got ${Object.keys(days).length}`);

  let revision = 0;
  const putCra = async (i: number) => {
    const body = { days: { ...days, '2026-05-04': i % 2 ? 0.5 : 1 }, lines: [] };
    const res = await api.request('PUT', `/v1/missions/${id}/cras/2026-05`, { token, body, headers: { 'if-match': `"${revision}"` } });
    if (res.status !== 200) throw new Error(`PUT cra: ${res.status} ${res.text}`);
    revision = res.json.revision;
  };
  await cpuPerCall(WARMUP, putCra);
  const putMs = median(await cpuPerCall(RUNS, putCra));

  const dashboard = async () => {
    const res = await api.request('GET', '/v1/dashboard', { token });
    if (res.status !== 200) throw new Error(`dashboard: ${res.status}`);
  };
  await cpuPerCall(WARMUP, dashboard);
  const dashMs = median(await cpuPerCall(RUNS, dashboard));

  const cursor = (await api.request('GET', '/v1/sync?since=0', { token })).json.cursor as number;
  const syncNoChange = async () => {
    const res = await api.request('GET', `/v1/sync?since=${cursor}`, { token });
    if (res.status !== 200 || res.json.cras.length !== 0) throw new Error('sync should be empty');
  };
  await cpuPerCall(WARMUP, syncNoChange);
  const syncMs = median(await cpuPerCall(RUNS, syncNoChange));

  // Side by side: the CRA write's SQL straight on @libsql/client, same file, same statements.
  const raw = createClient({ url: `file:${join(mkdtempSync(join(tmpdir(), 'relais-raw-')), 'raw.db')}` });
  // Same durability settings as the API's database (worker/node.ts), so the comparison is fair.
  await raw.execute('PRAGMA journal_mode = WAL');
  await raw.execute('PRAGMA synchronous = NORMAL');
  await raw.execute('CREATE TABLE cras (id TEXT PRIMARY KEY, days TEXT, revision INTEGER, seq INTEGER)');
  await raw.execute('CREATE TABLE users (id TEXT PRIMARY KEY, change_seq INTEGER)');
  await raw.execute("INSERT INTO users VALUES ('u', 0)");
  await raw.execute("INSERT INTO cras VALUES ('c', '{}', 0, 0)");
  let rawRev = 0;
  const rawWrite = async () => {
    const r = await raw.execute({ sql: 'SELECT revision FROM cras WHERE id = ?', args: ['c'] });
    void r;
    await raw.batch(
      [
        { sql: 'UPDATE users SET change_seq = change_seq + 1 WHERE id = ?', args: ['u'] },
        { sql: 'UPDATE cras SET days = ?, revision = ?, seq = (SELECT change_seq FROM users WHERE id = ?) WHERE id = ? AND revision = ?', args: [JSON.stringify(days), rawRev + 1, 'u', 'c', rawRev] },
      ],
      'write',
    );
    rawRev++;
    await raw.execute({ sql: 'SELECT * FROM cras WHERE id = ?', args: ['c'] });
  };
  const rps = async (fn: (i: number) => Promise<unknown>) => {
    const n = 1000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await fn(i);
    return n / ((performance.now() - t0) / 1000);
  };
  await rps(rawWrite);
  const rawRps = await rps(rawWrite);
  const apiRps = await rps(putCra);
  api.close();

  const bundle = workerBundleGzipBytes();
  const popup = popupGzipBytes();
  const result = {
    workerBundleGzipBytes: bundle,
    popupGzipBytes: popup,
    apiCpuMsPerRequest: { putCra: round(putMs), dashboard: round(dashMs), syncNoChange: round(syncMs) },
    apiVsRawLibsqlRatio: round(apiRps / rawRps),
  };
  const rows: [string, string, string][] = [
    ['API Worker bundle (gzip)', `${(bundle / 1024).toFixed(1)} KB`, '≤ 100 KB'],
    ['Popup JavaScript (gzip)', `${(popup / 1024).toFixed(1)} KB`, '≤ 30 KB'],
    ['PUT cra, 22 days (CPU ms, median)', result.apiCpuMsPerRequest.putCra.toFixed(3), '≤ 2'],
    ['GET /v1/dashboard (CPU ms, median)', result.apiCpuMsPerRequest.dashboard.toFixed(3), '≤ 2'],
    ['GET /v1/sync, no change (CPU ms, median)', result.apiCpuMsPerRequest.syncNoChange.toFixed(3), '≤ 0.5'],
    ['CRA write: API req/s ÷ raw libSQL req/s', `${apiRps.toFixed(0)} / ${rawRps.toFixed(0)} = ${result.apiVsRawLibsqlRatio}`, '≥ 0.5'],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`${'measure'.padEnd(w)}  value  (budget)`);
  for (const [k, v, b] of rows) console.log(`${k.padEnd(w)}  ${v}  (${b})`);
  console.log(JSON.stringify(result));
}

const round = (n: number) => Math.round(n * 1000) / 1000;

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
