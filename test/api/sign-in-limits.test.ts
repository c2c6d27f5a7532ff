import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_SPACE, maxEventsWithin, maxLiveCodes, SIGN_IN_TIERS, takeoverProbability } from '../../shared/auth/sign-in-limits';
import { createTestApi, type TestApi } from '../helpers/api';
import { expectError } from './support';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ start: '2026-06-01T00:00:00Z' });
});
afterAll(() => api.close());

const DAY = 86_400_000;
const askCode = (email: string, clientAddress?: string) => api.request('POST', '/v1/auth/code', { body: { email }, clientAddress });
const exchange = (email: string, code: string, clientAddress?: string) => api.request('POST', '/v1/auth/token', { body: { email, code }, clientAddress });
const liveCodes = async (email: string, at: string) =>
  Number((await api.deps.client.execute({ sql: 'SELECT count(*) AS n FROM auth_codes WHERE email = ? AND used_at IS NULL AND expires_at > ?', args: [email, at] })).rows[0]!.n);

describe('sign-in limits against a brute-force attacker', () => {
  it('admit at most 20 guesses a day on a chosen account, whatever the rate and addresses: P < 1 in 10 000', async () => {
    const victim = 'victim@example.fr';
    let tries = 0;
    let refused = 0;
    let mostLive = 0;
    let retryAfterSeen = false;
    const start = Date.parse('2026-06-01T00:00:00Z');
    // Every minute for a day, from a new address each time: ask for a code, then guess until refused.
    for (let minute = 0; minute < 1440; minute++) {
      api.clock.set(new Date(start + minute * 60_000).toISOString());
      const from = `198.51.100.${minute % 250}`;
      await askCode(victim, from);
      mostLive = Math.max(mostLive, await liveCodes(victim, api.clock.now().toISOString()));
      for (;;) {
        // 000000 is never mailed in this run (checked below), so each guess is a failed try.
        const res = await exchange(victim, '000000', from);
        if (res.status === 429) {
          refused++;
          retryAfterSeen ||= Number(res.headers.get('retry-after')) > 0;
          break;
        }
        expect(res.status, res.text).toBe(401);
        tries++;
      }
    }
    const probability = (tries * mostLive) / CODE_SPACE;
    console.log(`sign-in brute force over one day: ${tries} guesses admitted, ${refused} refused, ≤ ${mostLive} live codes → P ≤ ${probability}`);
    expect(tries).toBe(maxEventsWithin(SIGN_IN_TIERS.failure.email, DAY));
    expect(mostLive).toBeLessThanOrEqual(maxLiveCodes());
    expect(probability).toBeLessThanOrEqual(takeoverProbability(DAY));
    expect(probability).toBeLessThan(1e-4);
    expect(retryAfterSeen).toBe(true);
    expect(api.lastCodeFor(victim)).not.toBe('000000');
  }, 120_000);

  it('limits code requests per email: the 4th within 10 minutes is 429 with Retry-After, in the error shape', async () => {
    api.clock.set('2026-06-05T09:00:00Z');
    for (let i = 0; i < 3; i++) expect((await askCode('mailbomb@example.fr')).status).toBe(202);
    const refused = await askCode('mailbomb@example.fr');
    expectError(refused, 429, 'rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBe(600);
    api.clock.set('2026-06-05T09:10:01Z');
    expect((await askCode('mailbomb@example.fr')).status).toBe(202);
  });

  it('counts concurrent code requests atomically: 10 at once for one email → 3 sent', async () => {
    api.clock.set('2026-06-06T09:00:00Z');
    const answers = await Promise.all(Array.from({ length: 10 }, () => askCode('burst@example.fr')));
    expect(answers.filter((r) => r.status === 202)).toHaveLength(3);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(7);
  });

  it('limits failed tries per client address across accounts', async () => {
    api.clock.set('2026-06-07T09:00:00Z');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await exchange(`spray${i}@example.fr`, '123456', '203.0.113.9')).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another address is not held back, and an IPv6 client counts by its /64.
    expect((await exchange('spray11@example.fr', '123456', '203.0.113.10')).status).toBe(401);
    for (let i = 0; i < 10; i++) await exchange(`v6spray${i}@example.fr`, '123456', `2001:db8:5:6::${i + 1}`);
    expect((await exchange('v6spray-last@example.fr', '123456', '2001:db8:5:6:ffff::1')).status).toBe(429);
  });

  it('a right code is not a failed try: signing in does not use up the limits', async () => {
    api.clock.set('2026-06-08T09:00:00Z');
    for (let i = 0; i < 3; i++) {
      api.clock.set(`2026-06-08T${String(9 + i).padStart(2, '0')}:00:00Z`);
      await api.signIn('regular@example.fr');
    }
    const rs = await api.deps.client.execute({ sql: "SELECT count(*) AS n FROM sign_in_events WHERE scope = 'email:regular@example.fr' AND kind = 'failure'" });
    expect(Number(rs.rows[0]!.n)).toBe(0);
  });

  it('does not tell whether a live code exists: the same answer with a code pending or none', async () => {
    api.clock.set('2026-06-09T09:00:00Z');
    await askCode('pending@example.fr');
    const withCode = await exchange('pending@example.fr', '000001');
    const without = await exchange('never-asked@example.fr', '000001');
    expect(withCode.status).toBe(401);
    expect(without.status).toBe(401);
    expect(withCode.text).toBe(without.text);
    // Nor whether a code expired or was used: same status, body and headers in every state.
    await askCode('spent@example.fr');
    api.clock.set('2026-06-09T09:30:00Z');
    const expired = await exchange('spent@example.fr', '000001');
    const headers = (r: typeof expired) => JSON.stringify([...r.headers.entries()].filter(([k]) => k !== 'date').sort());
    for (const r of [without, expired]) {
      expect(r.status).toBe(401);
      expect(r.text).toBe(withCode.text);
      expect(headers(r)).toBe(headers(withCode));
    }
  });

  it('purges expired codes and events past every window', async () => {
    api.clock.set('2026-06-10T09:00:00Z');
    await askCode('old@example.fr');
    api.clock.set('2026-06-12T09:00:00Z');
    await askCode('new@example.fr');
    const old = await api.deps.client.execute({ sql: 'SELECT count(*) AS n FROM auth_codes WHERE expires_at <= ?', args: ['2026-06-12T09:00:00.000Z'] });
    expect(Number(old.rows[0]!.n)).toBe(0);
    const stale = await api.deps.client.execute({ sql: 'SELECT count(*) AS n FROM sign_in_events WHERE at <= ?', args: ['2026-06-11T09:00:00.000Z'] });
    expect(Number(stale.rows[0]!.n)).toBe(0);
  });
});
