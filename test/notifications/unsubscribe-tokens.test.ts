import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { base64url, newToken, sha256Hex } from '../../worker/http/crypto';
import { addServerKey, hmac, KEY_REFRESH_MS, newServerKeyCache } from '../../worker/http/server-keys';
import { runScheduler } from '../../worker/notifications/scheduler';
import { unsubscribeToken } from '../../worker/notifications/unsubscribe-links';
import { createMission, submitCra, userIdOf } from '../api/support';
import { createTestApi, type TestApi } from '../helpers/api';
import { startSmtpSink } from './support';

/**
 * Unsubscribe links carry a signed `rlk_<key id>.<user id>.<MAC>` token (not the bearer tokens'
 * `rls_`): HMAC-SHA-256 under the server's `unsubscribe` key, so sending a mail stores nothing.
 * The token names a user; the link's `?type=` names what stops. Anything but a token the server
 * signed gets the same "no longer valid" page and changes nothing; links of older mails (an `rlu_`
 * row in unsubscribe_tokens, a clear `rls_` token in notification_settings) keep working.
 */
describe('unsubscribe tokens', () => {
  let api: TestApi;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeEach(async () => {
    smtp = await startSmtpSink();
    api = await createTestApi({ start: '2026-11-02T08:00:00Z', smtpUrl: smtp.url, readCode: smtp.code });
  });
  afterEach(async () => {
    api.close();
    await smtp.close();
  });

  const post = (path: string) => api.request('POST', path, { rawBody: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const count = async (table: string) => Number((await api.deps.client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
  const optOuts = async () => (await api.deps.client.execute('SELECT user_id, email_opt_out FROM notification_settings ORDER BY user_id')).rows.map((r) => [String(r.user_id), String(r.email_opt_out)]);
  const linkOf = (mail: (typeof smtp.messages)[number]) => new URL((mail.headers.get('list') as { unsubscribe: { url: string } }).unsubscribe.url);
  const tokenOf = (link: URL) => decodeURIComponent(link.pathname.split('/').pop()!);

  /** A user whose CRA is refused `times` times, each refusal one mail sent by the scheduler. */
  async function refusedUser(email: string, times: number) {
    const token = await api.signIn(email);
    const missionId = await createMission(api, token);
    for (let i = 0; i < times; i++) {
      await submitCra(api, token, missionId, '2026-10', { '2026-10-05': 1 });
      await api.request('POST', `/v1/missions/${missionId}/cras/2026-10/refuse`, { token, body: { reason: `Non ${i}` } });
    }
    return { token, missionId, userId: await userIdOf(api, email) };
  }

  it('mails a signed link that unsubscribes its user from its type, and stores nothing per mail', async () => {
    const camille = await refusedUser('camille@relais.test', 3);
    const dominique = await refusedUser('dominique@relais.test', 2);
    const rowsBefore = await count('unsubscribe_tokens');
    await runScheduler(api.deps);
    const camilleMails = smtp.find('camille@relais.test', /refusé/);
    const dominiqueMails = smtp.find('dominique@relais.test', /refusé/);
    expect(camilleMails).toHaveLength(3);
    expect(dominiqueMails).toHaveLength(2);

    // Five mails: no unsubscribe row, one server key, created on first need.
    expect(await count('unsubscribe_tokens')).toBe(rowsBefore);
    expect(rowsBefore).toBe(0);
    expect((await api.deps.client.execute("SELECT purpose, key_id FROM server_keys")).rows.map((r) => [r.purpose, r.key_id])).toEqual([['unsubscribe', 1]]);

    const links = camilleMails.map(linkOf);
    for (const link of links) {
      expect(tokenOf(link)).toMatch(/^rlk_1\.[\w-]+\.[\w-]{22}$/);
      expect(link.pathname).toBe(`/v1/unsubscribe/${tokenOf(link)}`); // URL-safe as it is: nothing to escape
      expect(link.searchParams.get('type')).toBe('cra.refused');
    }
    // The token names the user (not the mail): every mail of a user carries the same one, users differ.
    expect(new Set(links.map(tokenOf)).size).toBe(1);
    const dominiqueToken = tokenOf(linkOf(dominiqueMails[0]!));
    expect(dominiqueToken).not.toBe(tokenOf(links[0]!));

    // RFC 8058 one-click: Camille's link stops cra.refused for Camille only.
    expect((await post(`${links[1]!.pathname}${links[1]!.search}`)).status).toBe(200);
    expect((await api.request('GET', '/v1/notifications/settings', { token: camille.token })).json.emailOptOut).toEqual(['cra.refused']);
    expect((await api.request('GET', '/v1/notifications/settings', { token: dominique.token })).json.emailOptOut).toEqual([]);
    // Dominique's link without a type stops every notification email, for Dominique only.
    expect((await post(`/v1/unsubscribe/${dominiqueToken}`)).status).toBe(200);
    expect((await api.request('GET', '/v1/notifications/settings', { token: dominique.token })).json.emailOptOut).toContain('invoice.issued');
    expect((await api.request('GET', '/v1/notifications/settings', { token: camille.token })).json.emailOptOut).toEqual(['cra.refused']);
    expect(await count('unsubscribe_tokens')).toBe(0);
  });

  it('refuses a tampered, truncated, foreign or unknown-key token with the same page, changing nothing', async () => {
    await refusedUser('camille@relais.test', 1);
    const other = await refusedUser('dominique@relais.test', 1);
    await runScheduler(api.deps);
    const link = linkOf(smtp.find('camille@relais.test', /refusé/)[0]!);
    const good = tokenOf(link);
    const [head, payload, mac] = good.split('.') as [string, string, string];
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);

    // The same user id signed with a key the server does not hold, under its own key id.
    const stranger = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const forged = `${head}.${payload}.${await hmac(stranger, `${head}.${payload}`, 16)}`;
    const otherPayload = base64url(new TextEncoder().encode(other.userId));
    const refused = [
      `rlk_2.${payload}.${mac}`, // a key id with no key
      `rlk_0.${payload}.${mac}`,
      `rlk_01.${payload}.${mac}`,
      `${head}.${flip(payload, 0)}.${mac}`,
      `${head}.${flip(payload, payload.length - 1)}.${mac}`,
      `${head}.${payload}.${flip(mac, 0)}`,
      `${head}.${payload}.${flip(mac, 10)}`,
      `${head}.${payload}.${flip(mac, mac.length - 1)}`, // the last character's spare bits count too
      `${head}.${otherPayload}.${mac}`, // another user's id under this user's MAC
      `${head}.${payload}.${mac.slice(0, -1)}`,
      `${head}.${payload}.${mac}A`,
      `${head}.${payload}`,
      `${head}.${payload}.`,
      head,
      'rlk_',
      forged,
      good.replace('rlk_', 'rlu_'),
      good.replace('rlk_', 'rls_'),
      good.toUpperCase(),
      `rlk_1.${payload}.${mac}`.replace('.', '%2E'),
      'garbage',
    ];
    const before = await optOuts();
    const keys = (await api.deps.client.execute('SELECT * FROM server_keys')).rows;
    const unknown = await post('/v1/unsubscribe/rlk_nope?type=cra.refused');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('no longer valid');
    for (const t of refused) {
      const res = await post(`/v1/unsubscribe/${encodeURIComponent(t)}?type=cra.refused`);
      expect([res.status, res.text], t).toEqual([404, unknown.text]);
    }
    expect(await optOuts()).toEqual(before);
    expect((await api.deps.client.execute('SELECT * FROM server_keys')).rows).toEqual(keys);

    // A key added later does not make the old MAC pass under its id.
    await addServerKey(api.deps, 'unsubscribe');
    expect((await post(`/v1/unsubscribe/rlk_2.${payload}.${mac}?type=cra.refused`)).status).toBe(404);
    expect(await optOuts()).toEqual(before);
    // The genuine link still works.
    expect((await post(`${link.pathname}${link.search}`)).status).toBe(200);
  });

  it("keeps older mails' rlu_ rows and clear rls_ links working", async () => {
    const camille = await api.signIn('camille@relais.test');
    const dominique = await api.signIn('dominique@relais.test');
    for (const token of [camille, dominique]) await api.request('GET', '/v1/notifications/settings', { token });
    // Camille's mail from before signed links: its rlu_ token is stored hashed.
    const rlu = newToken('rlu_');
    await api.deps.client.execute({ sql: 'INSERT INTO unsubscribe_tokens (token_hash, user_id, created_at) VALUES (?, ?, ?)', args: [await sha256Hex(rlu), await userIdOf(api, 'camille@relais.test'), '2026-06-01T08:00:00Z'] });
    // Dominique's mail from before unsubscribe_tokens: a clear rls_ token in notification_settings.
    const rls = 'rls_legacyLegacyLegacyLegacyLegacyLegacyLeg';
    await api.deps.client.execute({ sql: 'UPDATE notification_settings SET unsubscribe_token = ? WHERE user_id = ?', args: [rls, await userIdOf(api, 'dominique@relais.test')] });

    // The hash of an rlu_ token is no link, nor a forged one.
    expect((await post(`/v1/unsubscribe/${await sha256Hex(rlu)}?type=cra.refused`)).status).toBe(404);
    expect((await post(`/v1/unsubscribe/rlu_${'A'.repeat(43)}?type=cra.refused`)).status).toBe(404);
    expect((await post(`/v1/unsubscribe/${rlu}?type=cra.refused`)).status).toBe(200);
    expect((await post(`/v1/unsubscribe/${rls}?type=invoice.issued`)).status).toBe(200);
    expect((await api.request('GET', '/v1/notifications/settings', { token: camille })).json.emailOptOut).toEqual(['cra.refused']);
    expect((await api.request('GET', '/v1/notifications/settings', { token: dominique })).json.emailOptOut).toEqual(['invoice.issued']);
  });

  it('rotates: a new key signs new mails, links signed with the old one keep working until it is deleted', async () => {
    const camille = await refusedUser('camille@relais.test', 1);
    await runScheduler(api.deps);
    const oldLink = linkOf(smtp.find('camille@relais.test', /refusé/)[0]!);
    expect(tokenOf(oldLink)).toMatch(/^rlk_1\./);

    expect(await addServerKey(api.deps, 'unsubscribe')).toBe(2);
    await submitCra(api, camille.token, camille.missionId, '2026-10', { '2026-10-05': 1 });
    await api.request('POST', `/v1/missions/${camille.missionId}/cras/2026-10/refuse`, { token: camille.token, body: { reason: 'Encore non' } });
    await runScheduler(api.deps);
    const mails = smtp.find('camille@relais.test', /refusé/);
    expect(mails).toHaveLength(2);
    const newLink = linkOf(mails[1]!);
    expect(tokenOf(newLink)).toMatch(/^rlk_2\./);
    expect(tokenOf(newLink)).not.toBe(tokenOf(oldLink));

    expect((await post(`${oldLink.pathname}${oldLink.search}`)).status).toBe(200);
    expect((await api.request('GET', '/v1/notifications/settings', { token: camille.token })).json.emailOptOut).toEqual(['cra.refused']);
    expect((await post(`${newLink.pathname}?type=invoice.issued`)).status).toBe(200);
    expect((await api.request('GET', '/v1/notifications/settings', { token: camille.token })).json.emailOptOut).toEqual(['cra.refused', 'invoice.issued']);

    // Keys added by another process (npm run keys:rotate). This one, whose cache is fresh, still
    // signs with key 2; a link signed with key 3 verifies at once (an id above the newest it knows
    // makes it read the keys again, and from then it signs with 3).
    const elsewhere = { ...api.deps, serverKeys: newServerKeyCache() };
    expect(await addServerKey(elsewhere, 'unsubscribe')).toBe(3);
    const third = await unsubscribeToken(elsewhere, camille.userId);
    expect(third).toMatch(/^rlk_3\./);
    expect(await unsubscribeToken(api.deps, camille.userId)).toMatch(/^rlk_2\./);
    expect((await post(`/v1/unsubscribe/${third}?type=cra.validated`)).status).toBe(200);
    expect((await api.request('GET', '/v1/notifications/settings', { token: camille.token })).json.emailOptOut).toContain('cra.validated');
    expect(await unsubscribeToken(api.deps, camille.userId)).toBe(third);
    // Key 4 signs here once the cached keys are KEY_REFRESH_MS old.
    expect(await addServerKey(elsewhere, 'unsubscribe')).toBe(4);
    api.clock.set(new Date(api.deps.now().getTime() + KEY_REFRESH_MS - 1000).toISOString());
    expect(await unsubscribeToken(api.deps, camille.userId)).toBe(third);
    api.clock.set(new Date(api.deps.now().getTime() + 1000).toISOString());
    expect(await unsubscribeToken(api.deps, camille.userId)).toMatch(/^rlk_4\./);

    // Retiring key 1 (deleting its row) ends its links, within KEY_REFRESH_MS.
    await api.deps.client.execute("DELETE FROM server_keys WHERE purpose = 'unsubscribe' AND key_id = 1");
    api.clock.set(new Date(api.deps.now().getTime() + KEY_REFRESH_MS).toISOString());
    expect((await post(`${oldLink.pathname}${oldLink.search}`)).status).toBe(404);
    expect((await post(`${newLink.pathname}${newLink.search}`)).status).toBe(200);
  });

  it('creates the first key once when processes race for it', async () => {
    await api.signIn('camille@relais.test');
    const id = await userIdOf(api, 'camille@relais.test');
    const tokens = await Promise.all(Array.from({ length: 4 }, () => unsubscribeToken({ ...api.deps, serverKeys: newServerKeyCache() }, id)));
    expect(new Set(tokens).size).toBe(1);
    expect(await count('server_keys')).toBe(1);
  });
});
