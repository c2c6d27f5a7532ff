import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { expectError } from './support';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ start: '2026-05-20T09:00:00Z' });
});
afterAll(() => api.close());

/** A 6-digit code that is not `code`. */
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function askCode(email: string) {
  const res = await api.request('POST', '/v1/auth/code', { body: { email } });
  expect(res.status, res.text).toBe(202);
  return api.lastCodeFor(email);
}
const exchange = (email: string, code: string) => api.request('POST', '/v1/auth/token', { body: { email, code } });

async function codeRow(email: string) {
  const rs = await api.deps.client.execute({ sql: 'SELECT code_hash, attempts, used_at FROM auth_codes WHERE email = ? ORDER BY created_at DESC, rowid DESC LIMIT 1', args: [email] });
  return rs.rows[0]!;
}

describe('sign-in by emailed code', () => {
  it('answers 202 with the same body whether or not the address has an account (no enumeration)', async () => {
    await api.signIn('known@example.fr');
    const known = await api.request('POST', '/v1/auth/code', { body: { email: 'known@example.fr' } });
    const unknown = await api.request('POST', '/v1/auth/code', { body: { email: 'nobody-yet@example.fr' } });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.text).toBe(known.text);
  });

  it('refuses an address that is not an email with 422 naming the field', async () => {
    const res = await api.request('POST', '/v1/auth/code', { body: { email: 'not-an-email' } });
    expectError(res, 422, 'validation_failed');
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain('email');
  });

  it('exchanges the mailed code for a bearer token that opens the API', async () => {
    const code = await askCode('alice@example.fr');
    const res = await exchange('alice@example.fr', code);
    expect(res.status).toBe(200);
    expect(res.json.token).toMatch(/^rls_/);
    expect((await api.request('GET', '/v1/profile', { token: res.json.token })).status).toBe(200);
  });

  it('answers a wrong code with 401 invalid_code and counts the try', async () => {
    const code = await askCode('bob@example.fr');
    const res = await exchange('bob@example.fr', wrongCode(code));
    expectError(res, 401, 'invalid_code');
    expect(Number((await codeRow('bob@example.fr')).attempts)).toBe(1);
    await exchange('bob@example.fr', wrongCode(code));
    expect(Number((await codeRow('bob@example.fr')).attempts)).toBe(2);
  });

  it('still accepts the right code after 4 wrong tries', async () => {
    const code = await askCode('four@example.fr');
    for (let i = 0; i < 4; i++) expect((await exchange('four@example.fr', wrongCode(code))).status).toBe(401);
    expect((await exchange('four@example.fr', code)).status).toBe(200);
  });

  it('refuses even the right code after 5 wrong tries: the email is locked (429) and the code void', async () => {
    const code = await askCode('five@example.fr');
    for (let i = 0; i < 5; i++) expect((await exchange('five@example.fr', wrongCode(code))).status).toBe(401);
    const locked = await exchange('five@example.fr', code);
    expectError(locked, 429, 'rate_limited');
    expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
    expect((await codeRow('five@example.fr')).used_at).not.toBeNull();
  });

  // PRODUCT BUG (security): worker/routes/auth.ts:57-58 counts a wrong try as a read-modify-
  // write (`attempts = row.attempts + 1` computed in JS from the row read before), so wrong
  // guesses sent at the same time all read the same count and store 1. Parallel guessing is
  // then unlimited and the 5-try limit does not hold. Should be an atomic
  // `SET attempts = attempts + 1 WHERE attempts < 5` (and the claim should check attempts too).
  it('counts every wrong try even when they arrive at the same time', async () => {
    const code = await askCode('parallel@example.fr');
    const guesses = Array.from({ length: 20 }, (_, i) => String((Number(code) + i + 1) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(guesses.map((g) => exchange('parallel@example.fr', g)));
    expect(answers.filter((r) => r.status === 401)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(15);
    expect(Number((await codeRow('parallel@example.fr')).attempts)).toBe(5);
    expect((await exchange('parallel@example.fr', code)).status).toBe(429);
  });

  it('refuses a code after its 10 minutes', async () => {
    api.clock.set('2026-05-20T10:00:00Z');
    const code = await askCode('late@example.fr');
    api.clock.set('2026-05-20T10:11:00Z');
    expectError(await exchange('late@example.fr', code), 401, 'invalid_code');
  });

  it('accepts a code at 9 minutes', async () => {
    api.clock.set('2026-05-20T11:00:00Z');
    const code = await askCode('intime@example.fr');
    api.clock.set('2026-05-20T11:09:00Z');
    expect((await exchange('intime@example.fr', code)).status).toBe(200);
  });

  it('accepts a code once only', async () => {
    const code = await askCode('once@example.fr');
    expect((await exchange('once@example.fr', code)).status).toBe(200);
    expectError(await exchange('once@example.fr', code), 401, 'invalid_code');
  });

  it('keeps an earlier code valid when another is asked for; using one voids the others', async () => {
    const first = await askCode('twice@example.fr');
    const second = await askCode('twice@example.fr');
    expect((await exchange('twice@example.fr', first)).status).toBe(200);
    if (first !== second) expectError(await exchange('twice@example.fr', second), 401, 'invalid_code');
  });

  it('does not store the code in clear', async () => {
    const code = await askCode('hashed@example.fr');
    const rs = await api.deps.client.execute({ sql: 'SELECT * FROM auth_codes WHERE email = ?', args: ['hashed@example.fr'] });
    const row = rs.rows[rs.rows.length - 1]!;
    expect(String(row.code_hash)).not.toContain(code);
    expect(String(row.code_hash)).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rs.rows)).not.toContain(code);
  });

  it('stores bearer tokens hashed, never the token itself', async () => {
    const token = await api.signIn('tokenhash@example.fr');
    const rs = await api.deps.client.execute('SELECT * FROM tokens');
    const dump = JSON.stringify(rs.rows);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(token.slice(4));
  });
});

describe('bearer authentication', () => {
  it('answers 401 unauthorized in the error shape without a token', async () => {
    expectError(await api.request('GET', '/v1/missions'), 401, 'unauthorized');
  });

  it('answers 401 to a garbage bearer, and to another scheme', async () => {
    expectError(await api.request('GET', '/v1/missions', { token: 'rls_not-a-real-token' }), 401, 'unauthorized');
    expectError(await api.request('GET', '/v1/missions', { headers: { authorization: 'Basic YWxpY2U6c2VjcmV0' } }), 401, 'unauthorized');
    expectError(await api.request('GET', '/v1/missions', { headers: { authorization: 'Bearer' } }), 401, 'unauthorized');
  });
});

describe('personal access tokens', () => {
  let session: string;
  beforeAll(async () => {
    session = await api.signIn('scripts@example.fr');
  });

  it('creates a token (201, shown once), lists it without its value, and revoking it shuts it out', async () => {
    const created = await api.request('POST', '/v1/tokens', { token: session, body: { name: 'accounting script' } });
    expect(created.status).toBe(201);
    const pat = created.json.token as string;
    expect(pat).toMatch(/^rls_/);
    expect(created.json.name).toBe('accounting script');
    expect(created.json.kind).toBe('personal');

    // The token works on its own.
    expect((await api.request('GET', '/v1/profile', { token: pat })).status).toBe(200);

    const list = await api.request('GET', '/v1/tokens', { token: session });
    expect(list.status).toBe(200);
    const listed = list.json.tokens.find((t: { id: string }) => t.id === created.json.id);
    expect(listed).toMatchObject({ name: 'accounting script', kind: 'personal' });
    expect(listed).not.toHaveProperty('token');
    expect(list.text).not.toContain(pat);
    expect(list.text).not.toContain(pat.slice(4));

    const revoked = await api.request('DELETE', `/v1/tokens/${created.json.id}`, { token: session });
    expect(revoked.status).toBe(204);
    expectError(await api.request('GET', '/v1/profile', { token: pat }), 401, 'unauthorized');
    const after = await api.request('GET', '/v1/tokens', { token: session });
    expect(after.json.tokens.map((t: { id: string }) => t.id)).not.toContain(created.json.id);
    // The session that revoked it still works.
    expect((await api.request('GET', '/v1/profile', { token: session })).status).toBe(200);
  });

  it('refuses a token without a name with 422', async () => {
    const res = await api.request('POST', '/v1/tokens', { token: session, body: { name: '  ' } });
    expectError(res, 422, 'validation_failed');
    expect(res.json.error.issues[0].path).toBe('name');
  });

  it('answers 404 when revoking an unknown or already revoked token', async () => {
    const created = await api.request('POST', '/v1/tokens', { token: session, body: { name: 'short-lived' } });
    expect((await api.request('DELETE', `/v1/tokens/${created.json.id}`, { token: session })).status).toBe(204);
    expectError(await api.request('DELETE', `/v1/tokens/${created.json.id}`, { token: session }), 404, 'not_found');
    expectError(await api.request('DELETE', '/v1/tokens/00000000-0000-0000-0000-000000000000', { token: session }), 404, 'not_found');
  });
});
