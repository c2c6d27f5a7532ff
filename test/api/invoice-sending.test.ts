import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { startSmtpSink } from '../notifications/support';
import { createMission, expectError, issueInvoice } from './support';

/** Invoices and reminders emailed to the client: through the real app and a real SMTP server on loopback. */
describe('sending an invoice to the client', () => {
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

  async function directInvoice(email: string, clientEmail: string | null = 'compta@acme.test') {
    const token = await api.signIn(email);
    const missionId = await createMission(api, token, { portal: 'direct', plan: undefined, clientTermsDays: 30, ...(clientEmail ? { clientEmail } : {}) });
    const invoice = await issueInvoice(api, token, missionId, '2026-10', { '2026-10-05': 1, '2026-10-06': 1 }, '2026-11-02');
    return { token, missionId, invoice };
  }

  it('mails the invoice with its PDF to the client, the freelancer in copy and as reply address, and records it', async () => {
    const { token, invoice } = await directInvoice('camille@relais.test', 'Compta@ACME.test');
    const send = await api.request('POST', `/v1/invoices/${invoice.id}/send`, { token, body: { to: 'compta@acme.test', kind: 'invoice', confirmed: true } });
    expect(send.status, send.text).toBe(201);
    expect(send.json.sending).toMatchObject({ kind: 'invoice', step: null, to: 'compta@acme.test', cc: 'camille@relais.test', status: 'sent' });
    const [mail] = smtp.find('compta@acme.test', new RegExp(`^Facture ${invoice.number}`));
    expect(mail, 'mail received').toBeDefined();
    expect(mail!.cc && !Array.isArray(mail!.cc) ? mail!.cc.text : '').toContain('camille@relais.test');
    expect(mail!.replyTo?.text).toContain('camille@relais.test');
    expect(mail!.text).toContain('1\u202f300,00');
    expect(mail!.attachments).toHaveLength(1);
    const pdf = mail!.attachments[0]!;
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.filename).toBe(`facture-${invoice.number}.pdf`);
    expect(pdf.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const list = await api.request('GET', `/v1/invoices/${invoice.id}/sendings`, { token });
    expect(list.status).toBe(200);
    expect(list.json.sendings).toEqual([send.json.sending]);
  });

  it('sends the reminder of the step reached, never one not due yet, and only to direct clients', async () => {
    const { token, invoice } = await directInvoice('late@relais.test');
    const remind = (body: Record<string, unknown>) => api.request('POST', `/v1/invoices/${invoice.id}/send`, { token, body: { to: 'compta@acme.test', kind: 'reminder', confirmed: true, ...body } });
    expectError(await remind({}), 409, 'not_overdue');
    // Due 2 December (30 days after 2 November); on 11 December it is 9 days late: step 2.
    api.clock.set('2026-12-11T09:00:00Z');
    expectError(await remind({ step: 3 }), 409, 'reminder_not_due');
    const second = await remind({});
    expect(second.status, second.text).toBe(201);
    expect(second.json.sending).toMatchObject({ kind: 'reminder', step: 2 });
    const [mail] = smtp.find('compta@acme.test', /^Deuxième relance : facture/);
    expect(mail!.text).toContain('pénalités de retard');
    expect(mail!.text).toContain('40,00');
    const first = await remind({ step: 1, locale: 'en' });
    expect(first.json.sending).toMatchObject({ step: 1, locale: 'en', subject: `Reminder: invoice ${invoice.number}` });
    expect((await api.request('GET', `/v1/invoices/${invoice.id}/sendings`, { token })).json.sendings.map((s: any) => s.step)).toEqual([1, 2]);

    const lb = await createMission(api, token, { clientEmail: 'ap@bigco.test' });
    const lbInvoice = await issueInvoice(api, token, lb, '2026-11', { '2026-11-02': 1 }, '2026-12-01');
    api.clock.set('2027-02-01T09:00:00Z');
    expectError(
      await api.request('POST', `/v1/invoices/${lbInvoice.id}/send`, { token, body: { to: 'ap@bigco.test', kind: 'reminder', confirmed: true } }),
      // LittleBIG Connection issues and chases this month's invoice (billing mandate): Relais sends nothing for it.
      409, 'not_freelancer_invoice',
    );
    await api.request('POST', `/v1/invoices/${invoice.id}/paid`, { token, body: { paidOn: '2027-01-15' } });
    expectError(await remind({}), 409, 'not_payable');
  });

  it('refuses with the field named: no client email, another address, no confirmation, a bad kind', async () => {
    const { token, missionId, invoice } = await directInvoice('fields@relais.test', null);
    const send = (body: Record<string, unknown>) => api.request('POST', `/v1/invoices/${invoice.id}/send`, { token, body });
    const missing = await send({ to: 'compta@acme.test', kind: 'invoice', confirmed: true });
    expectError(missing, 422, 'client_email_missing');
    expect(missing.json.error.issues[0].path).toBe('clientEmail');
    const patched = await api.request('PATCH', `/v1/missions/${missionId}`, { token, body: { clientEmail: 'compta@acme.test' } });
    expect(patched.json.clientEmail).toBe('compta@acme.test');
    const other = await send({ to: 'someone@else.test', kind: 'invoice', confirmed: true });
    expectError(other, 422, 'recipient_mismatch');
    expect(other.json.error.issues[0].path).toBe('to');
    const unconfirmed = await send({ to: 'compta@acme.test', kind: 'invoice' });
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.json.error.issues.map((i: any) => i.path)).toEqual(['confirmed']);
    const bad = await send({ to: 'not an address', kind: 'letter', step: 4, confirmed: true });
    expect(bad.status).toBe(422);
    expect(bad.json.error.issues.map((i: any) => i.path).sort()).toEqual(['kind', 'step', 'to']);
    const badMission = await api.request('PATCH', `/v1/missions/${missionId}`, { token, body: { clientEmail: 'nope' } });
    expect(badMission.status).toBe(422);
    expect(badMission.json.error.issues[0].path).toBe('clientEmail');
    expect(smtp.messages.filter((m) => m.attachments.length > 0)).toHaveLength(0);
    expect((await api.request('GET', `/v1/invoices/${invoice.id}/sendings`, { token })).json.sendings).toEqual([]);
  });

  it("another user's invoice is not found, to send or to list", async () => {
    const { invoice } = await directInvoice('owner@relais.test');
    const intruder = await api.signIn('intruder@relais.test');
    expectError(await api.request('POST', `/v1/invoices/${invoice.id}/send`, { token: intruder, body: { to: 'compta@acme.test', kind: 'invoice', confirmed: true } }), 404, 'not_found');
    expectError(await api.request('GET', `/v1/invoices/${invoice.id}/sendings`, { token: intruder }), 404, 'not_found');
    expect(smtp.find('compta@acme.test', /Facture/)).toHaveLength(0);
  });

  it('records a sending the mail server refused, and says so with 502', async () => {
    const { token, invoice } = await directInvoice('refused@relais.test');
    await smtp.close();
    const res = await api.request('POST', `/v1/invoices/${invoice.id}/send`, { token, body: { to: 'compta@acme.test', kind: 'invoice', confirmed: true } });
    expectError(res, 502, 'mail_failed');
    const [row] = (await api.request('GET', `/v1/invoices/${invoice.id}/sendings`, { token })).json.sendings;
    expect(row).toMatchObject({ status: 'failed', kind: 'invoice' });
    smtp = await startSmtpSink(); // afterEach closes it
  });
});
