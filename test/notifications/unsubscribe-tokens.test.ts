import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../worker/http/crypto';
import { runScheduler } from '../../worker/notifications/scheduler';
import { createMission, submitCra } from '../api/support';
import { createTestApi, type TestApi } from '../helpers/api';
import { startSmtpSink } from './support';

/**
 * Unsubscribe links carry an `rlu_` token (not the bearer tokens' `rls_`), one per mail, stored
 * only as its SHA-256: no table holds the clear value; the link works, a forged or hashed value
 * does not; links of older mails (a clear `rls_` token in notification_settings) keep working.
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

  it('stores each link only hashed, with its own prefix', async () => {
    const token = await api.signIn('hash@relais.test');
    const missionId = await createMission(api, token);
    await submitCra(api, token, missionId, '2026-10', { '2026-10-05': 1 });
    await api.request('POST', `/v1/missions/${missionId}/cras/2026-10/refuse`, { token, body: { reason: 'Non' } });
    await runScheduler(api.deps);
    const [mail] = smtp.find('hash@relais.test', /refusé/);
    const link = new URL((mail!.headers.get('list') as { unsubscribe: { url: string } }).unsubscribe.url);
    const clear = decodeURIComponent(link.pathname.split('/').pop()!);
    expect(clear).toMatch(/^rlu_[\w-]{43}$/);

    // No column of any table holds the clear value; its hash is in unsubscribe_tokens.
    const tables = (await api.deps.client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).rows.map((r) => String(r.name));
    for (const t of tables) {
      const rows = (await api.deps.client.execute(`SELECT * FROM "${t}"`)).rows;
      expect(JSON.stringify(rows), t).not.toContain(clear.slice(4));
    }
    const hashed = await api.deps.client.execute({ sql: 'SELECT count(*) AS n FROM unsubscribe_tokens WHERE token_hash = ?', args: [await sha256Hex(clear)] });
    expect(Number(hashed.rows[0]!.n)).toBe(1);
    const settings = await api.deps.client.execute('SELECT unsubscribe_token FROM notification_settings');
    expect(String(settings.rows[0]!.unsubscribe_token)).toMatch(/^void:[0-9a-f]{64}$/);

    // The hash, the legacy column's value and a forged token are refused; the link works.
    expect((await post(`/v1/unsubscribe/${await sha256Hex(clear)}?type=cra.refused`)).status).toBe(404);
    expect((await post(`/v1/unsubscribe/${encodeURIComponent(String(settings.rows[0]!.unsubscribe_token))}`)).status).toBe(404);
    expect((await post(`/v1/unsubscribe/rlu_${'A'.repeat(43)}`)).status).toBe(404);
    expect((await post(`${link.pathname}${link.search}`)).status).toBe(200);
    expect((await api.request('GET', '/v1/notifications/settings', { token })).json.emailOptOut).toEqual(['cra.refused']);
  });

  it("keeps older mails' clear rls_ links working", async () => {
    const token = await api.signIn('legacy@relais.test');
    await api.request('GET', '/v1/notifications/settings', { token });
    const old = 'rls_legacyLegacyLegacyLegacyLegacyLegacyLeg';
    await api.deps.client.execute({ sql: 'UPDATE notification_settings SET unsubscribe_token = ?', args: [old] });
    expect((await post(`/v1/unsubscribe/${old}?type=invoice.issued`)).status).toBe(200);
    expect((await api.request('GET', '/v1/notifications/settings', { token })).json.emailOptOut).toEqual(['invoice.issued']);
  });
});
