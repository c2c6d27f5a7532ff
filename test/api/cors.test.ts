import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { createMission } from './support';

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
let api: TestApi;
let token: string;
let missionId: string;

beforeAll(async () => {
  api = await createTestApi({ start: '2026-05-20T09:00:00Z' });
  token = await api.signIn('cors@example.fr');
  missionId = await createMission(api, token);
});
afterAll(() => api.close());

function expectCors(headers: Headers, origin = ORIGIN) {
  expect(headers.get('access-control-allow-origin')).toBe(origin);
  expect(headers.get('access-control-expose-headers')).toBe('ETag,Idempotent-Replayed');
  expect(headers.get('vary')).toBe('Origin');
  expect(headers.get('access-control-allow-credentials')).toBeNull();
}

describe('CORS', () => {
  it('answers a preflight with 204, the methods and the headers the extension sends', async () => {
    const res = await api.request('OPTIONS', `/v1/missions/${missionId}/cras/2026-05`, { headers: { origin: ORIGIN, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization,content-type,if-match' } });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expectCors(res.headers);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,HEAD,PUT,POST,DELETE,PATCH');
    expect(res.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type,If-Match,Idempotency-Key');
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });

  it('reflects the origin on answers, errors included, with the ETag readable', async () => {
    const put = await api.request('PUT', `/v1/missions/${missionId}/cras/2026-05`, { token, body: { days: { '2026-05-04': 1 } }, headers: { origin: ORIGIN } });
    expect(put.status).toBe(200);
    expectCors(put.headers);
    expect(put.headers.get('etag')).toBe('"1"');
    expect(put.headers.get('content-type')).toMatch(/^application\/json/);
    for (const res of [
      await api.request('GET', '/v1/missions/nope', { token, headers: { origin: ORIGIN } }),
      await api.request('GET', '/v1/dashboard', { headers: { origin: ORIGIN } }),
      await api.request('PUT', `/v1/missions/${missionId}/cras/2026-05`, { token, body: { days: { '2026-05-04': 7 } }, headers: { origin: ORIGIN } }),
      await api.request('GET', '/v1/no-such-route', { headers: { origin: ORIGIN } }),
    ]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expectCors(res.headers);
    }
  });

  it('adds the headers to an answer a handler built itself (an idempotent replay)', async () => {
    const init = { token, body: { days: { '2026-05-05': 1 } }, headers: { origin: ORIGIN, 'idempotency-key': 'cors-replay', 'if-match': '"1"' } };
    const first = await api.request('PUT', `/v1/missions/${missionId}/cras/2026-05`, init);
    const again = await api.request('PUT', `/v1/missions/${missionId}/cras/2026-05`, init);
    expect(first.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expectCors(again.headers);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    // The replayed answer does not carry the first caller's CORS headers from storage.
    const other = await api.request('PUT', `/v1/missions/${missionId}/cras/2026-05`, { ...init, headers: { ...init.headers, origin: 'https://example.org' } });
    expect(other.headers.get('access-control-allow-origin')).toBe('https://example.org');
  });

  it('sends no allow-origin to a caller without an Origin (no browser), only Vary', async () => {
    const res = await api.request('GET', '/health');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('vary')).toBe('Origin');
  });
});

describe('CORS on an answer with immutable headers (as from fetch or a service binding)', () => {
  it('copies the answer once and adds the headers', async () => {
    const { Hono } = await import('hono');
    const { cors } = await import('../../worker/http/cors');
    const app = new Hono().use('*', cors).get('/moved', () => Response.redirect('https://example.org/elsewhere', 302));
    expect(() => Response.redirect('https://example.org/', 302).headers.set('x', 'y')).toThrow();
    const res = await app.fetch(new Request('http://relais.test/moved', { headers: { origin: ORIGIN } }));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://example.org/elsewhere');
    expectCors(res.headers);
  });
});
