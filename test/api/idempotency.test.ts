import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { expectError } from './support';

let api: TestApi;
let session: string;
beforeAll(async () => {
  api = await createTestApi({ start: '2026-05-20T09:00:00Z' });
  session = await api.signIn('once@example.fr');
});
afterAll(() => api.close());

const post = (path: string, key: string, body?: unknown) =>
  api.request('POST', path, { token: session, body, headers: { 'idempotency-key': key } });
const count = async (sql: string, args: unknown[] = []) => Number((await api.deps.client.execute({ sql, args: args as never })).rows[0]!.n);
const personalTokens = () => count("SELECT count(*) AS n FROM tokens WHERE kind = 'personal' AND revoked_at IS NULL");

describe('Idempotency-Key as one atomic reservation', () => {
  it('20 concurrent identical POST /v1/tokens with one key create one token; the others wait (409) or replay', async () => {
    const before = await personalTokens();
    const answers = await Promise.all(Array.from({ length: 20 }, () => post('/v1/tokens', 'k-tokens', { name: 'ci' })));
    expect(await personalTokens()).toBe(before + 1);
    const created = answers.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') !== 'true');
    expect(created).toHaveLength(1);
    for (const r of answers) {
      if (r.status === 409) expectError(r, 409, 'idempotency_in_progress');
      else expect(r.status).toBe(201);
    }
    // Once done, the key replays, without the secret.
    const replay = await post('/v1/tokens', 'k-tokens', { name: 'ci' });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toMatchObject({ id: created[0]!.json.id, token: null, tokenShown: 'once' });
    expect(replay.text).not.toContain(created[0]!.json.token.slice(4));
    const stored = await api.deps.client.execute('SELECT response_body FROM idempotency_keys');
    expect(JSON.stringify(stored.rows)).not.toContain(created[0]!.json.token.slice(4));
  });

  it('20 concurrent POST /v1/exports/calendar with one key issue one feed URL; the replay hides it', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => post('/v1/exports/calendar', 'k-cal')));
    const fresh = answers.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') !== 'true');
    expect(fresh).toHaveLength(1);
    expect(answers.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const url = fresh[0]!.json.url as string;
    const feed = await api.request('GET', new URL(url).pathname);
    expect(feed.status).toBe(200);
    const replay = await post('/v1/exports/calendar', 'k-cal');
    expect(replay.json).toEqual({ url: null, urlShown: 'once' });
    expect(JSON.stringify((await api.deps.client.execute('SELECT response_body FROM idempotency_keys')).rows)).not.toContain(url.split('/').pop()!.slice(0, 20));
  });

  it('writes the token and its key answer together: a failure between them leaves neither, and the retry works once', async () => {
    const before = await personalTokens();
    await api.deps.client.execute(`CREATE TRIGGER crash_on_answer BEFORE UPDATE OF status ON idempotency_keys
      BEGIN SELECT RAISE(ABORT, 'crash between write and answer'); END`);
    const crashed = await post('/v1/tokens', 'k-crash', { name: 'crash' });
    expect(crashed.status).toBe(500);
    expect(await personalTokens()).toBe(before);
    await api.deps.client.execute('DROP TRIGGER crash_on_answer');
    const retried = await post('/v1/tokens', 'k-crash', { name: 'crash' });
    expect(retried.status).toBe(201);
    const again = await post('/v1/tokens', 'k-crash', { name: 'crash' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.id).toBe(retried.json.id);
    expect(await personalTokens()).toBe(before + 1);
  });

  it('resumes a reservation whose holder died (lease over) instead of answering 409 for ever', async () => {
    const body = { name: 'resumed' };
    const first = await post('/v1/tokens', 'k-lease', body);
    // What a process killed mid-request leaves: the key reserved, no answer stored.
    await api.deps.client.execute({ sql: "UPDATE idempotency_keys SET status = 0, response_body = '', leased_until = ? WHERE key = 'k-lease'", args: [new Date(api.clock.now().getTime() + 30_000).toISOString()] });
    await api.deps.client.execute({ sql: 'UPDATE tokens SET revoked_at = ? WHERE id = ?', args: [api.clock.now().toISOString(), first.json.id] });
    expectError(await post('/v1/tokens', 'k-lease', body), 409, 'idempotency_in_progress');
    api.clock.set(new Date(api.clock.now().getTime() + 31_000).toISOString());
    const resumed = await post('/v1/tokens', 'k-lease', body);
    expect(resumed.status).toBe(201);
    expect(resumed.headers.get('idempotent-replayed')).toBeNull();
  });

  it('treats a key older than 24 h as absent', async () => {
    const one = await post('/v1/tokens', 'k-day', { name: 'day' });
    expect((await post('/v1/tokens', 'k-day', { name: 'other' })).status).toBe(422);
    api.clock.set(new Date(api.clock.now().getTime() + 24 * 3_600_000 + 1000).toISOString());
    const later = await post('/v1/tokens', 'k-day', { name: 'other' });
    expect(later.status).toBe(201);
    expect(later.json.id).not.toBe(one.json.id);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
  });

  it('gives the key back when the attempt failed with a 5xx', async () => {
    await api.deps.client.execute("CREATE TRIGGER fail_tokens BEFORE INSERT ON tokens BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect((await post('/v1/tokens', 'k-5xx', { name: 'x' })).status).toBe(500);
    await api.deps.client.execute('DROP TRIGGER fail_tokens');
    expect(await count("SELECT count(*) AS n FROM idempotency_keys WHERE key = 'k-5xx'")).toBe(0);
    expect((await post('/v1/tokens', 'k-5xx', { name: 'x' })).status).toBe(201);
  });
});
