import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookDeliveries, webhookEndpoints } from '../../worker/db/schema';
import type { Deps } from '../../worker/deps';
import { newMessageId } from '../../worker/notifications/webhook-secret';
import { webhookFetch } from '../../worker/notifications/node-egress';
import { attemptWebhook } from '../../worker/notifications/webhook-sender';
import { SPECIAL_FORMS } from '../helpers/special-forms';
import { createTestApi, type TestApi } from '../helpers/api';
import { startWebhookReceiver } from './support';

/**
 * Webhook egress against the real app: every special-purpose form is refused at registration
 * (422 on `url`) and at delivery (no request leaves, the attempt logs why); a name that resolves,
 * or rebinds at connection time, to a special address is refused; the local default still
 * delivers to loopback receivers; test pings are rate-limited per endpoint and per user.
 */
describe('webhook egress', () => {
  let api: TestApi;
  let token: string;
  beforeEach(async () => {
    api = await createTestApi({ start: new Date().toISOString() });
    token = await api.signIn('egress@relais.test');
  });
  afterEach(() => api.close());

  /** A delivery of a ping to `url`, written as the scheduler would find it (the URL bypasses registration). */
  async function deliveryTo(url: string): Promise<string> {
    const created = await api.request('POST', '/v1/webhooks', { token, body: { url: 'http://127.0.0.1:9/x', events: ['*'] } });
    const endpointId = created.json.id as string;
    await api.deps.db.update(webhookEndpoints).set({ url }).where(eq(webhookEndpoints.id, endpointId));
    const id = newMessageId();
    const at = api.deps.now().toISOString();
    await api.deps.db.insert(webhookDeliveries).values({
      id, endpointId, userId: created.json.userId ?? (await userIdOf(endpointId)), eventId: `ping:${id}`, eventType: 'ping', payload: '{}', status: 'pending', nextAttemptAt: at, createdAt: at,
    });
    return id;
  }
  const userIdOf = async (endpointId: string) => (await api.deps.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId)).get())!.userId;
  const lastError = async (id: string) => (await api.deps.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).get())!.lastError;

  it('refuses every special-purpose form at registration, on the Workers policy and on the local default', async () => {
    const strict = api.deps.webhookPolicy;
    for (const policy of ['public-https', 'allow-loopback'] as const) {
      api.deps.webhookPolicy = policy;
      for (const host of [...SPECIAL_FORMS, 'localhost.', 'intranet.']) {
        if (policy === 'allow-loopback' && /^(127\.|2130706433|0x7f|0177|017700000001|\[::1\]|\[0:0:0:0:0:0:0:1\]|localhost)/.test(host)) continue;
        const res = await api.request('POST', '/v1/webhooks', { token, body: { url: `https://${host}/x`, events: ['*'] } });
        expect(res.status, `${policy} ${host}`).toBe(422);
        expect(res.json.error.issues[0]).toMatchObject({ path: 'url', message: expect.stringMatching(/^must point to a public host/) });
      }
    }
    api.deps.webhookPolicy = strict;
  });

  it('refuses at registration a name that resolves to a special address', async () => {
    api.deps.resolveHost = async (host) => (host === 'hooks.relais-example.com' ? ['93.184.216.34', '10.0.0.7'] : ['93.184.216.34']);
    const res = await api.request('POST', '/v1/webhooks', { token, body: { url: 'https://hooks.relais-example.com/x', events: ['*'] } });
    expect(res.status).toBe(422);
    expect(res.json.error.issues[0].message).toBe('must point to a public host (hooks.relais-example.com resolves to 10.0.0.7)');
    const ok = await api.request('POST', '/v1/webhooks', { token, body: { url: 'https://other.relais-example.com/x', events: ['*'] } });
    expect(ok.status).toBe(201);
  });

  it('refuses every special-purpose form at delivery: no request leaves, the log says why', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const strict: Deps = { ...api.deps, webhookPolicy: 'public-https', fetch: webhookFetch('public-https') };
      for (const host of [...SPECIAL_FORMS, 'localhost.']) {
        const id = await deliveryTo(`https://${host}/x`);
        const result = await attemptWebhook(strict, id);
        expect(result, host).toEqual({ delivered: false, status: null });
        expect(await lastError(id), host).toMatch(/^refused: url must point to a public host/);
      }
      // The same forms pointed at the receiver's port on the local default: http only to loopback names.
      const port = new URL(receiver.url).port;
      const id = await deliveryTo(`http://10.0.0.1:${port}/hook`);
      expect((await attemptWebhook(api.deps, id)).delivered).toBe(false);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('checks the addresses the connection uses: a name rebinding to loopback after the check is refused', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const port = new URL(receiver.url).port;
      // Registration and the pre-delivery check see a public address; the connection's lookup gets 127.0.0.1.
      const rebinding: Deps = {
        ...api.deps, webhookPolicy: 'public-https', resolveHost: async () => ['93.184.216.34'],
        fetch: webhookFetch('public-https', async () => ['127.0.0.1']),
      };
      const id = await deliveryTo(`https://rebind.relais-example.com:${port}/hook`);
      expect(await attemptWebhook(rebinding, id)).toEqual({ delivered: false, status: null });
      expect(await lastError(id)).toBe('refused: url must point to a public host (rebind.relais-example.com resolves to 127.0.0.1)');
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('still delivers to loopback receivers on the local default (127.0.0.1 and localhost, resolved for real)', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const port = new URL(receiver.url).port;
      for (const url of [receiver.url, `http://localhost:${port}/hook`]) {
        const created = await api.request('POST', '/v1/webhooks', { token, body: { url, events: ['*'] } });
        expect(created.status, url).toBe(201);
        const ping = await api.request('POST', `/v1/webhooks/${created.json.id}/test`, { token });
        expect(ping.json, url).toMatchObject({ delivered: true, status: 200 });
      }
      expect(receiver.received).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  });

  it('limits test pings per endpoint and per user (429 with Retry-After)', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const make = async () => (await api.request('POST', '/v1/webhooks', { token, body: { url: receiver.url, events: ['*'] } })).json.id as string;
      const first = await make();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await api.request('POST', `/v1/webhooks/${first}/test`, { token })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const refused = await api.request('POST', `/v1/webhooks/${first}/test`, { token });
      expect(refused.json.error.code).toBe('rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another endpoint of the same user: its own 5, until the user's 10 per minute are used.
      const second = await make();
      const more: number[] = [];
      for (let i = 0; i < 6; i++) more.push((await api.request('POST', `/v1/webhooks/${second}/test`, { token })).status);
      expect(more).toEqual([200, 200, 200, 200, 200, 429]);
      const third = await make();
      expect((await api.request('POST', `/v1/webhooks/${third}/test`, { token })).status).toBe(429);
      expect(receiver.received).toHaveLength(10);
      // Another user is not affected.
      const other = await api.signIn('other@relais.test');
      const theirs = (await api.request('POST', '/v1/webhooks', { token: other, body: { url: receiver.url, events: ['*'] } })).json.id as string;
      expect((await api.request('POST', `/v1/webhooks/${theirs}/test`, { token: other })).status).toBe(200);
    } finally {
      await receiver.close();
    }
  });
});
