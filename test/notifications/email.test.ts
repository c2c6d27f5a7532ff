import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScheduler } from '../../worker/notifications/scheduler';
import { createMission, issueInvoice, submitCra } from '../api/support';
import { createTestApi, type TestApi } from '../helpers/api';
import { startSmtpSink } from './support';

/** Email over a real SMTP server on loopback, parsed with mailparser. */
describe('email notifications', () => {
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

  it('sends the sign-in code over SMTP, in French or English, text and HTML', async () => {
    await api.request('POST', '/v1/auth/code', { body: { email: 'fr@relais.test' } });
    await api.request('POST', '/v1/auth/code', { body: { email: 'en@relais.test', locale: 'en' } });
    const [fr] = smtp.find('fr@relais.test', /code de connexion Relais/);
    const [en] = smtp.find('en@relais.test', /Relais sign-in code/);
    const frCode = /(\d{6})/.exec(fr!.subject!)![1]!;
    expect(fr!.text).toContain(frCode);
    expect(fr!.html).toContain(frCode);
    expect(en!.text).toContain('valid for 10 minutes');
    // The code works.
    const token = await api.request('POST', '/v1/auth/token', { body: { email: 'fr@relais.test', code: frCode } });
    expect(token.status).toBe(200);
  });

  it('tells of a refusal with its reason, and one click on the unsubscribe link stops that type only', async () => {
    const token = await api.signIn('camille@relais.test');
    const missionId = await createMission(api, token);
    await submitCra(api, token, missionId, '2026-10', { '2026-10-05': 1, '2026-10-06': 0.5 });
    const refused = await api.request('POST', `/v1/missions/${missionId}/cras/2026-10/refuse`, { token, body: { reason: 'Le 6 était férié chez nous' } });
    expect(refused.status).toBe(200);
    await runScheduler(api.deps);
    const [mail] = smtp.find('camille@relais.test', /^CRA octobre 2026 refusé — ACME SA$/);
    expect(mail!.text).toContain('« Le 6 était férié chez nous »');
    expect(mail!.html).toContain('Le 6 était férié chez nous');

    // RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` to the link, no sign-in.
    const link = new URL((mail!.headers.get('list') as { unsubscribe: { url: string } }).unsubscribe.url);
    expect(link.searchParams.get('type')).toBe('cra.refused');
    const page = await api.request('GET', `${link.pathname}${link.search}`);
    expect(page.status).toBe(200); // a GET only shows the button
    expect((await api.request('GET', '/v1/notifications/settings', { token })).json.emailOptOut).toEqual([]);
    const done = await api.request('POST', `${link.pathname}${link.search}`, { rawBody: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(done.status).toBe(200);
    expect((await api.request('GET', '/v1/notifications/settings', { token })).json.emailOptOut).toEqual(['cra.refused']);

    // Refused again: no mail this time; a validation still mails.
    await submitCra(api, token, missionId, '2026-10', { '2026-10-05': 1 });
    await api.request('POST', `/v1/missions/${missionId}/cras/2026-10/refuse`, { token, body: { reason: 'Encore non' } });
    await submitCra(api, token, missionId, '2026-10', { '2026-10-05': 1 });
    await api.request('POST', `/v1/missions/${missionId}/cras/2026-10/validate`, { token, body: { validatedOn: '2026-11-02' } });
    await runScheduler(api.deps);
    expect(smtp.find('camille@relais.test', /refusé/)).toHaveLength(1);
    expect(smtp.find('camille@relais.test', /validé/)).toHaveLength(1);
  });

  it('records the purchase-order warning in the same write as the CRA save that reaches 80 %, once', async () => {
    const token = await api.signIn('budget@relais.test');
    const missionId = await createMission(api, token, { budgetDays: 5 });
    const outbox = async () => (await api.deps.client.execute("SELECT key FROM outbox_events WHERE type = 'purchase_order.nearly_consumed'")).rows.map((r) => r.key);
    await api.request('PUT', `/v1/missions/${missionId}/cras/2026-10`, { token, body: { days: { '2026-10-05': 1, '2026-10-06': 1, '2026-10-07': 1 } } });
    expect(await outbox()).toEqual([]); // 60 %
    await api.request('PUT', `/v1/missions/${missionId}/cras/2026-11`, { token, body: { days: { '2026-11-02': 1 } } });
    expect(await outbox()).toHaveLength(1); // 80 % across two months
    await api.request('PUT', `/v1/missions/${missionId}/cras/2026-11`, { token, body: { days: { '2026-11-02': 1, '2026-11-03': 1 } } });
    expect(await outbox()).toHaveLength(1);
    await runScheduler(api.deps);
    expect(smtp.find('budget@relais.test', /^Bon de commande consommé à 80 % — ACME SA$/)).toHaveLength(1);
  });

  it('edits the opt-outs through the API, with 422 on an unknown type', async () => {
    const token = await api.signIn('settings@relais.test');
    const bad = await api.request('PUT', '/v1/notifications/settings', { token, body: { emailOptOut: ['cra.exploded'] } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.issues[0].path).toBe('emailOptOut.0');
    const ok = await api.request('PUT', '/v1/notifications/settings', { token, body: { emailOptOut: ['invoice.issued'] } });
    expect(ok.json).toMatchObject({ emailOptOut: ['invoice.issued'] });
    const missionId = await createMission(api, token);
    await issueInvoice(api, token, missionId, '2026-10', { '2026-10-05': 1 }, '2026-11-02');
    await runScheduler(api.deps);
    expect(smtp.find('settings@relais.test', /^Facture/)).toHaveLength(0);
    expect(smtp.find('settings@relais.test', /validé/)).toHaveLength(1);
    // A wrong unsubscribe token changes nothing and says so.
    expect((await api.request('POST', '/v1/unsubscribe/rls_nope?type=cra.validated')).status).toBe(404);
  });
});
