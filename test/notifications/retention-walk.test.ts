import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates';
import { RETENTION_DAYS } from '../../worker/notifications/purge';
import { runScheduler } from '../../worker/notifications/scheduler';
import { createMission, issueInvoice } from '../api/support';
import { createTestApi, type TestApi } from '../helpers/api';
import { startSmtpSink, startWebhookReceiver } from './support';

type Delivery = { id: string; eventType: string; createdAt: string };

/**
 * Walks six months day by day (30 September 2026 to 31 March 2027) with the scheduler, and
 * so the purge, every morning: every event's row goes or becomes a tombstone 90 days after it
 * happened, while the reminders keep re-deriving the same keys — the dunning's third step
 * every day until D+45, the late payout until 31 days after its date, the purchase order at
 * 80 % on each month's last working days and at every CRA save. Each is mailed once, and the
 * webhook delivery log shows every delivery, unchanged, for exactly 90 days.
 */
describe('a walk across the retention period', () => {
  let api: TestApi;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let token: string;
  let webhookId: string;
  const sent: { day: string; mail: ParsedMail }[] = [];
  /** The delivery log as read at the end of each day: day → delivery id → the entry shown. */
  const logs = new Map<string, Map<string, string>>();
  const firstSeen = new Map<string, Delivery>();
  let lb: string;
  let directNumber: string;
  let lbPayoutLatest: string;
  let resaved: number;

  async function readLog(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const after = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await api.request('GET', `/v1/webhooks/${webhookId}/deliveries?limit=200${after}`, { token });
      expect(page.status).toBe(200);
      for (const d of page.json.deliveries as Delivery[]) {
        out.set(d.id, JSON.stringify(d));
        if (!firstSeen.has(d.id)) firstSeen.set(d.id, d);
      }
      cursor = page.json.nextCursor;
    }
    return out;
  }

  beforeAll(async () => {
    smtp = await startSmtpSink();
    receiver = await startWebhookReceiver();
    api = await createTestApi({ start: '2026-09-30T07:00:00Z', smtpUrl: smtp.url, readCode: smtp.code });
    token = await api.signIn('walker@retention.test');
    const hook = await api.request('POST', '/v1/webhooks', { token, body: { url: receiver.url, events: ['*'] } });
    expect(hook.status).toBe(201);
    webhookId = hook.json.id;
    lb = await createMission(api, token, { clientName: 'ACME SA', budgetDays: 25 });
    const direct = await createMission(api, token, {
      portal: 'direct', plan: 'direct', clientName: 'Boulangerie Dupont', clientTermsDays: 30, budgetDays: 1000,
    });
    // September for the direct client, validated 1 October: due 31 October, never paid.
    const d = await issueInvoice(api, token, direct, '2026-09', { '2026-09-28': 1, '2026-09-29': 1, '2026-09-30': 1 }, '2026-10-01');
    directNumber = d.number;
    expect(d.dueOn).toBe('2026-10-31');
    // 21 of the 25 days of the order (84 %): `purchase_order.nearly_consumed:<order>`, a key without a date.
    const october: Record<string, number> = {};
    for (let day = 1; day <= 31 && Object.keys(october).length < 21; day++) {
      const date = `2026-10-${String(day).padStart(2, '0')}`;
      const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (wd !== 0 && wd !== 6) october[date] = 1;
    }
    expect((await api.request('PUT', `/v1/missions/${lb}/cras/2026-10`, { token, body: { days: october, lines: [] } })).status).toBe(200);
    smtp.messages.length = 0;

    for (let t = Date.parse('2026-10-01T07:00:00Z'); t <= Date.parse('2027-03-31T07:00:00Z'); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      api.clock.set(new Date(t).toISOString());
      if (day === '2026-11-02') {
        expect((await api.request('POST', `/v1/missions/${lb}/cras/2026-10/submit`, { token })).status).toBe(200);
        const validated = await api.request('POST', `/v1/missions/${lb}/cras/2026-10/validate`, { token, body: { validatedOn: day } });
        expect(validated.status, validated.text).toBe(201);
        lbPayoutLatest = validated.json.invoice.payoutLatest;
      }
      if (day === '2027-01-04') {
        // Long after the 80 % event became a tombstone: a December day on the same order (88 %).
        const saved = await api.request('PUT', `/v1/missions/${lb}/cras/2026-12`, { token, body: { days: { '2026-12-01': 1 }, lines: [] } });
        expect(saved.status, saved.text).toBe(200);
        resaved = (await api.request('GET', `/v1/missions/${lb}`, { token })).json.consumption?.ratioBps;
      }
      const before = smtp.messages.length;
      await runScheduler(api.deps);
      for (const mail of smtp.messages.slice(before)) sent.push({ day, mail });
      logs.set(day, await readLog());
    }
  }, 240_000);
  afterAll(async () => {
    api.close();
    await smtp.close();
    await receiver.close();
  });

  const daysOf = (subject: RegExp) => sent.filter((s) => subject.test(s.mail.subject ?? '')).map((s) => s.day);

  it('dunns at D+1, D+8 and D+15 once, though step 3 is derived again every day until D+45 and purged at D+105', () => {
    expect(daysOf(new RegExp(`Relance 1 : facture ${directNumber}`))).toEqual(['2026-11-01']);
    expect(daysOf(new RegExp(`Relance 2 : facture ${directNumber}`))).toEqual(['2026-11-08']);
    expect(daysOf(new RegExp(`Mise en demeure à envoyer : facture ${directNumber}`))).toEqual(['2026-11-15']);
  });

  it('tells about the late payout once, though it is derived again for 31 days', () => {
    expect(lbPayoutLatest < '2027-01-01').toBe(true);
    const late = sent.filter((s) => /^Versement en retard/.test(s.mail.subject ?? '') && (s.mail.text ?? '').includes('ACME SA')).map((s) => s.day);
    expect(late).toEqual([addDays(lbPayoutLatest as never, 1)]);
  });

  it('announces the purchase order at 80 % once: its tombstone outlives the reminder days of December and a save in January', () => {
    expect(resaved).toBeGreaterThanOrEqual(8000);
    expect(daysOf(/^Bon de commande consommé/)).toEqual(['2026-10-01']);
  });

  it('sends nothing twice over six months', () => {
    const keys = sent.map((s) => `${s.day} ${s.mail.subject}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Every mail that is not a daily reminder (the CRA's last 3 working days) has a subject of its own.
    const once = sent.filter((s) => !/à soumettre/.test(s.mail.subject ?? '')).map((s) => s.mail.subject);
    expect(new Set(once).size).toBe(once.length);
  });

  it('the delivery log shows each delivery, unchanged once finished, from its day to its 89th, then no more', () => {
    const days = [...logs.keys()];
    expect(firstSeen.size).toBeGreaterThan(20);
    let checked = 0;
    for (const [id, d] of firstSeen) {
      const created = d.createdAt.slice(0, 10);
      // The README's promise: 90 days of the log, whole.
      const lastShown = addDays(created as never, 90 - 1);
      const shownOn = days.filter((day) => logs.get(day)!.has(id));
      expect(shownOn[0], id).toBe(created);
      expect(shownOn[shownOn.length - 1], id).toBe(lastShown <= days[days.length - 1]! ? lastShown : days[days.length - 1]);
      expect(shownOn.length, id).toBe(days.indexOf(shownOn[shownOn.length - 1]!) - days.indexOf(created) + 1);
      // Delivered at its first attempt (the receiver answers 200): the same entry every day.
      expect(new Set(shownOn.map((day) => logs.get(day)!.get(id))).size, id).toBe(1);
      if (lastShown < days[days.length - 1]!) checked += 1;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('ends with tombstones for the keys without a date and nothing older than 90 days otherwise', async () => {
    const cutoff = new Date(api.clock.now().getTime() - RETENTION_DAYS * 86_400_000).toISOString();
    const old = (await api.deps.client.execute({ sql: 'SELECT type, payload FROM outbox_events WHERE occurred_at <= ?', args: [cutoff] })).rows;
    expect(old.length).toBeGreaterThan(0);
    expect(old.every((r) => r.payload === '')).toBe(true);
    expect([...new Set(old.map((r) => String(r.type)))].sort()).toEqual(['cra.validated', 'invoice.issued', 'purchase_order.nearly_consumed']);
    for (const t of ['webhook_deliveries', 'email_deliveries']) {
      const n = (await api.deps.client.execute({ sql: `SELECT count(*) AS n FROM ${t} WHERE created_at <= ?`, args: [cutoff] })).rows[0]!.n;
      expect(Number(n), t).toBe(0);
    }
  });
});
