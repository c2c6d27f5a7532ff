import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { expectError } from './support';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ start: '2026-01-05T09:00:00Z' });
});
afterAll(() => api.close());

const profile = (token: string) => api.request('GET', '/v1/profile', { token });
const createToken = (session: string, body: Record<string, unknown>) => api.request('POST', '/v1/tokens', { token: session, body });

describe('sessions that end', () => {
  it('POST /v1/auth/logout revokes the token it is sent with, and only that one', async () => {
    const one = await api.signIn('logout@example.fr');
    const other = await api.signIn('logout@example.fr');
    expect((await api.request('POST', '/v1/auth/logout', { token: one })).status).toBe(204);
    expectError(await profile(one), 401, 'unauthorized');
    expect((await profile(other)).status).toBe(200);
    expectError(await api.request('POST', '/v1/auth/logout'), 401, 'unauthorized');
  });

  it('a session ends after 90 days without use, and each use moves the limit (sliding)', async () => {
    api.clock.set('2026-01-05T09:00:00Z');
    const idle = await api.signIn('idle@example.fr');
    const used = await api.signIn('used@example.fr');
    api.clock.set('2026-03-20T09:00:00Z'); // 74 days
    expect((await profile(used)).status).toBe(200);
    api.clock.set('2026-04-06T09:00:00Z'); // 91 days after sign-in, 17 after the last use
    expectError(await profile(idle), 401, 'unauthorized');
    expect((await profile(used)).status).toBe(200);
    api.clock.set('2026-07-06T09:00:00Z'); // 91 days after the last use
    expectError(await profile(used), 401, 'unauthorized');
  });
});

describe('personal tokens: scope and expiry', () => {
  let session: string;
  beforeAll(async () => {
    api.clock.set('2026-08-01T09:00:00Z');
    session = await api.signIn('scopes@example.fr');
  });

  it('a read token reads and cannot write (403 insufficient_scope)', async () => {
    const created = await createToken(session, { name: 'reader', scope: 'read' });
    expect(created.status).toBe(201);
    expect(created.json.scope).toBe('read');
    const reader = created.json.token as string;
    expect((await profile(reader)).status).toBe(200);
    expectError(await api.request('PUT', '/v1/profile', { token: reader, body: {} }), 403, 'insufficient_scope');
    expectError(await api.request('POST', '/v1/missions', { token: reader, body: {} }), 403, 'insufficient_scope');
  });

  it('a personal token cannot create tokens nor revoke the session that made it', async () => {
    const writer = (await createToken(session, { name: 'writer' })).json;
    expect(writer.scope).toBe('write');
    expectError(await createToken(writer.token, { name: 'child' }), 403, 'forbidden');
    const sessions = (await api.request('GET', '/v1/tokens', { token: session })).json.tokens.filter((t: { kind: string }) => t.kind === 'session');
    expectError(await api.request('DELETE', `/v1/tokens/${sessions[0].id}`, { token: writer.token }), 403, 'forbidden');
    expect((await profile(session)).status).toBe(200);
  });

  it('a token with an expiry stops working on that date; a past date is refused', async () => {
    const expiring = (await createToken(session, { name: 'month', expiresOn: '2026-09-01' })).json;
    expect(expiring.expiresAt).toBe('2026-09-01T00:00:00.000Z');
    expect((await profile(expiring.token)).status).toBe(200);
    api.clock.set('2026-09-01T00:00:00Z');
    expectError(await profile(expiring.token), 401, 'unauthorized');
    const past = await createToken(session, { name: 'past', expiresOn: '2026-08-31' });
    expectError(past, 422, 'validation_failed');
    expect(past.json.error.issues[0].path).toBe('expiresOn');
  });
});
