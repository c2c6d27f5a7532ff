import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { littlebigMission } from '../helpers/api';

const MAX_IN_FLIGHT = 8;
/** The API in its own process, as `npm start` runs it: the load generator must not share its CPU time. */
let server: ChildProcess;
let port: number;
let base: string;
let token: string;
let missionId: string;
const work = mkdtempSync(join(tmpdir(), 'relais-shed-'));

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
};

beforeAll(async () => {
  const mailDir = join(work, 'mail');
  server = spawn(process.execPath, ['--import', 'tsx', 'worker/node.ts'], {
    env: { ...process.env, PORT: '0', DATABASE_URL: `file:${join(work, 'relais.db')}`, MAIL_DIR: mailDir, SCHEDULER_EVERY_MS: '0', MAX_IN_FLIGHT: String(MAX_IN_FLIGHT) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  port = await new Promise<number>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d) => {
      out += d.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    server.on('exit', (code) => reject(new Error(`the API exited (${code}): ${out}`)));
  });
  base = `http://127.0.0.1:${port}`;
  await call('POST', '/v1/auth/code', { email: 'load@example.fr' });
  const eml = readFileSync(join(mailDir, readdirSync(mailDir)[0]!), 'utf8');
  token = JSON.parse((await call('POST', '/v1/auth/token', { email: 'load@example.fr', code: /(?:code de connexion Relais|Relais sign-in code)[^0-9]*(\d{6})/.exec(eml)![1] })).text).token;
  expect(token).toMatch(/^rls_/);
  missionId = JSON.parse((await call('POST', '/v1/missions', littlebigMission)).text).id;
}, 30_000);
afterAll(async () => {
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

/** `n` requests at once, mixed writes and reads; each answer with its latency. */
async function burst(n: number) {
  const months = ['2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07'];
  return Promise.all(Array.from({ length: n }, async (_, i) => {
    const started = performance.now();
    const month = months[i % months.length]!;
    const res = i % 3 === 0
      ? await call('GET', '/v1/dashboard')
      : await call('PUT', `/v1/missions/${missionId}/cras/${month}`, { days: { [`${month}-1${i % 9}`]: 1 }, lines: [] });
    return { ...res, ms: performance.now() - started };
  }));
}
const p99 = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))]!;

describe('load shedding on Node', () => {
  it(`past ${MAX_IN_FLIGHT} requests in flight answers 503 + Retry-After in the error shape; the admitted ones all succeed`, async () => {
    const answers = await burst(300);
    const admitted = answers.filter((a) => a.status !== 503);
    const shed = answers.filter((a) => a.status === 503);
    console.log(`load shedding: 300 at once, ${MAX_IN_FLIGHT} in flight max → ${admitted.length} admitted (p99 ${p99(admitted.map((a) => a.ms)).toFixed(0)} ms), ` +
      `${shed.length} shed (p99 ${shed.length ? p99(shed.map((a) => a.ms)).toFixed(0) : '-'} ms)`);
    expect(shed.length).toBeGreaterThan(0);
    expect(admitted.length).toBeGreaterThanOrEqual(MAX_IN_FLIGHT);
    expect(admitted.every((a) => a.status === 200)).toBe(true);
    for (const s of shed) {
      expect(s.headers.get('retry-after')).toBe('1');
      expect(JSON.parse(s.text)).toEqual({ error: { code: 'overloaded', message: expect.any(String) } });
    }
  }, 60_000);

  it('sheds nothing under a load within the bound', async () => {
    for (let round = 0; round < 5; round++) {
      const answers = await burst(MAX_IN_FLIGHT);
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    }
  });

  it("answers Node's own 400 and 431 in the JSON error shape", async () => {
    const raw = (payload: string) => new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(payload));
      let out = '';
      socket.on('data', (d) => (out += d.toString()));
      socket.on('end', () => resolve(out));
      socket.on('error', reject);
    });
    const bad = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(bad).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(bad.split('\r\n\r\n')[1]!)).toEqual({ error: { code: 'malformed_request', message: expect.any(String) } });
    const big = await raw(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(big).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(big.split('\r\n\r\n')[1]!).error.code).toBe('headers_too_large');
  });
});
