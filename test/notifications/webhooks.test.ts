import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScheduler } from '../../worker/notifications/scheduler';
import { createMission, issueInvoice } from '../api/support';
import { createTestApi, type TestApi } from '../helpers/api';
import { startSmtpSink, startWebhookReceiver } from './support';

/**
 * Webhooks end to end: a real HTTP receiver on loopback verifies every delivery with the
 * `standardwebhooks` package. The test clock starts at the real time so that the
 * receiver's timestamp tolerance (5 minutes) holds.
 */
describe('webhooks', () => {
  let api: TestApi;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let token: string;
  const today = new Date().toISOString().slice(0, 10);
  const month = today.slice(0, 7);
  const days = { [`${month}-02`]: 1, [`${month}-03`]: 1 };

  beforeEach(async () => {
    smtp = await startSmtpSink();
    api = await createTestApi({ start: new Date().toISOString(), smtpUrl: smtp.url, readCode: smtp.code });
    token = await api.signIn('hooks@relais.test');
  });
  afterEach(async () => {
    api.close();
    await smtp.close();
  });

  it('signs each delivery, retries a 500 after 5 s with the same webhook-id, and logs both attempts', async () => {
    const receiver = await startWebhookReceiver([500]);
    try {
      const created = await api.request('POST', '/v1/webhooks', { token, body: { url: receiver.url, events: ['cra.validated'] } });
      expect(created.status, created.text).toBe(201);
      const secret = created.json.secret as string;
      expect(secret).toMatch(/^whsec_/);
      const listed = await api.request('GET', '/v1/webhooks', { token });
      expect(listed.json.webhooks[0].secret).toBeUndefined();

      const missionId = await createMission(api, token, { portal: 'direct', plan: undefined, startsOn: `${month}-01` });
      const invoice = await issueInvoice(api, token, missionId, month, days, today);

      await runScheduler(api.deps);
      expect(receiver.received.map((r) => r.answered)).toEqual([500]);
      await runScheduler(api.deps); // not due yet: nothing more
      expect(receiver.received).toHaveLength(1);

      api.clock.set(new Date(api.clock.now().getTime() + 5_000).toISOString());
      await runScheduler(api.deps);
      expect(receiver.received.map((r) => r.answered)).toEqual([500, 200]);

      const [first, retry] = receiver.received as [typeof receiver.received[0], typeof receiver.received[0]];
      expect(retry.headers['webhook-id']).toBe(first.headers['webhook-id']);
      const wh = new Webhook(secret);
      for (const r of [first, retry]) {
        const payload = wh.verify(r.body, r.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
        expect(payload.type).toBe('cra.validated');
        expect(payload.data).toMatchObject({ missionId, month, validatedOn: today, payoutCents: invoice.payoutCents, payoutLatest: invoice.payoutLatest, invoiceNumber: invoice.number });
      }
      // A tampered body fails verification: the signature covers it.
      expect(() => wh.verify(retry.body.replace('cra.validated', 'cra.refused'), retry.headers as Record<string, string>)).toThrow();

      const log = await api.request('GET', `/v1/webhooks/${created.json.id}/deliveries`, { token });
      expect(log.status).toBe(200);
      expect(log.json.deliveries[0]).toMatchObject({ eventType: 'cra.validated', status: 'delivered', attempts: 2 });
      expect(log.json.deliveries[0].log.map((a: { status: number }) => a.status)).toEqual([500, 200]);
    } finally {
      await receiver.close();
    }
  });

  it('follows the whole retry schedule, then fails the message; an endpoint failing for 5 days is disabled and its owner emailed', async () => {
    const receiver = await startWebhookReceiver(Array(100).fill(500));
    try {
      const created = await api.request('POST', '/v1/webhooks', { token, body: { url: receiver.url, events: ['*'] } });
      const start = api.clock.now().getTime();
      const missionId = await createMission(api, token, { portal: 'direct', plan: undefined, startsOn: `${month}-01` });
      await issueInvoice(api, token, missionId, month, days, today);
      // Walk the clock in 1-minute steps for the first hour, then hourly: attempts happen when due.
      const attemptsAt: number[] = [];
      for (let t = 0; t <= 30 * 3600; t += t < 3600 ? 5 : 600) {
        api.clock.set(new Date(start + t * 1000).toISOString());
        const before = receiver.received.length;
        await runScheduler(api.deps);
        for (let k = before; k < receiver.received.length; k++) attemptsAt.push(t);
      }
      const firstMessage = receiver.received.filter((r) => r.headers['webhook-id'] === receiver.received[0]!.headers['webhook-id']);
      expect(firstMessage).toHaveLength(8); // 1 + 7 retries, all with the same webhook-id
      const log = await api.request('GET', `/v1/webhooks/${created.json.id}/deliveries`, { token });
      const failed = log.json.deliveries.find((d: { id: string }) => d.id === receiver.received[0]!.headers['webhook-id']);
      expect(failed).toMatchObject({ status: 'failed', attempts: 8, lastStatusCode: 500, nextAttemptAt: null });
      // The gaps between attempts follow 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (to the walk's step).
      const times = failed.log.map((a: { at: string }) => Date.parse(a.at) / 1000);
      const gaps = times.slice(1).map((t: number, i: number) => t - times[i]);
      const expected = [5, 300, 1800, 7200, 18000, 36000, 36000];
      gaps.forEach((g: number, i: number) => expect(g - expected[i]!).toBeGreaterThanOrEqual(0));
      gaps.forEach((g: number, i: number) => expect(g - expected[i]!).toBeLessThan(600));
      expect((await api.request('GET', `/v1/webhooks/${created.json.id}`, { token })).json.enabled).toBe(true);

      // Still failing 5 days after the first failure: the next failed attempt disables it.
      api.clock.set(new Date(start + 5 * 86_400_000 + 60_000).toISOString());
      await api.request('POST', `/v1/webhooks/${created.json.id}/test`, { token });
      const after = await api.request('GET', `/v1/webhooks/${created.json.id}`, { token });
      expect(after.json.enabled).toBe(false);
      expect(after.json.disabledReason).toMatch(/^failing since /);
      await runScheduler(api.deps);
      expect(smtp.find('hooks@relais.test', /Webhook désactivé/)).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it('sends a test ping at once', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const created = await api.request('POST', '/v1/webhooks', { token, body: { url: receiver.url, events: ['*'] } });
      const ping = await api.request('POST', `/v1/webhooks/${created.json.id}/test`, { token });
      expect(ping.json).toMatchObject({ delivered: true, status: 200 });
      expect(receiver.received).toHaveLength(1);
      const body = new Webhook(created.json.secret).verify(receiver.received[0]!.body, receiver.received[0]!.headers as Record<string, string>) as { type: string };
      expect(body.type).toBe('ping');
    } finally {
      await receiver.close();
    }
  });

  it('disables an endpoint that answers 410 and emails its owner', async () => {
    const receiver = await startWebhookReceiver([410]);
    try {
      const created = await api.request('POST', '/v1/webhooks', { token, body: { url: receiver.url, events: ['invoice.issued', 'cra.validated'] } });
      const missionId = await createMission(api, token, { portal: 'direct', plan: undefined, startsOn: `${month}-01` });
      await issueInvoice(api, token, missionId, month, days, today);
      await runScheduler(api.deps);
      expect(receiver.received).toHaveLength(1);
      const after = await api.request('GET', `/v1/webhooks/${created.json.id}`, { token });
      expect(after.json).toMatchObject({ enabled: false, disabledReason: 'the receiver answered 410 Gone' });
      await runScheduler(api.deps);
      expect(receiver.received).toHaveLength(1);
      expect(smtp.find('hooks@relais.test', /Webhook désactivé/)).toHaveLength(1);
      // Enabling again works.
      const enabled = await api.request('PATCH', `/v1/webhooks/${created.json.id}`, { token, body: { enabled: true } });
      expect(enabled.json).toMatchObject({ enabled: true, disabledReason: null });
    } finally {
      await receiver.close();
    }
  });

  it('delivers once when the scheduler runs twice at once', async () => {
    const receiver = await startWebhookReceiver();
    try {
      await api.request('POST', '/v1/webhooks', { token, body: { url: receiver.url, events: ['cra.validated', 'invoice.issued'] } });
      const missionId = await createMission(api, token, { portal: 'direct', plan: undefined, startsOn: `${month}-01` });
      await issueInvoice(api, token, missionId, month, days, today);
      await Promise.all([runScheduler(api.deps), runScheduler(api.deps), runScheduler(api.deps)]);
      await runScheduler(api.deps);
      const ids = receiver.received.map((r) => r.headers['webhook-id']);
      expect(ids).toHaveLength(2);
      expect(new Set(ids).size).toBe(2);
      expect(smtp.find('hooks@relais.test', /validé/)).toHaveLength(1);
      expect(smtp.find('hooks@relais.test', /^Facture .* émis/)).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('refuses URLs outside the policy with 422 on the url field', async () => {
    for (const url of ['http://hooks.example.com/x', 'http://192.168.1.20/x', 'ftp://example.com', 'nope']) {
      const res = await api.request('POST', '/v1/webhooks', { token, body: { url, events: ['cra.validated'] } });
      expect(res.status, url).toBe(422);
      expect(res.json.error.issues[0].path).toBe('url');
    }
    const badEvent = await api.request('POST', '/v1/webhooks', { token, body: { url: 'https://hooks.example.com/x', events: ['cra.exploded'] } });
    expect(badEvent.status).toBe(422);
    expect(badEvent.json.error.issues[0].path).toMatch(/^events/);
    expect((await api.request('POST', '/v1/webhooks', { token, body: { url: 'https://hooks.example.com/x', events: [] } })).status).toBe(422);
  });

  it("never shows another user's endpoints", async () => {
    const created = await api.request('POST', '/v1/webhooks', { token, body: { url: 'https://hooks.example.com/x', events: ['cra.validated'] } });
    const other = await api.signIn('other@relais.test');
    const id = created.json.id as string;
    expect((await api.request('GET', '/v1/webhooks', { token: other })).json.webhooks).toEqual([]);
    for (const [method, path, body] of [
      ['GET', `/v1/webhooks/${id}`],
      ['PATCH', `/v1/webhooks/${id}`, { enabled: false }],
      ['DELETE', `/v1/webhooks/${id}`],
      ['POST', `/v1/webhooks/${id}/test`],
      ['GET', `/v1/webhooks/${id}/deliveries`],
    ] as const) {
      expect((await api.request(method, path, { token: other, body })).status, `${method} ${path}`).toBe(404);
    }
    expect((await api.request('GET', `/v1/webhooks/${id}`, { token })).status).toBe(200);
  });
});
