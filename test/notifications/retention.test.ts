import type { Client } from '@libsql/client';
import { afterEach, describe, expect, it } from 'vitest';
import { LONGEST_WINDOW_MS } from '../../shared/auth/sign-in-limits';
import { EVENT_TYPES } from '../../shared/notifications/events';
import { SYSTEM_EVENT_TYPES } from '../../worker/notifications/dispatch';
import { attemptEmail } from '../../worker/notifications/email-sender';
import { attemptWebhook } from '../../worker/notifications/webhook-sender';
import { KEY_REPRODUCIBLE_FOR_DAYS, purgeExpired, RETENTION_DAYS, type PurgeReport } from '../../worker/notifications/purge';
import { runScheduler } from '../../worker/notifications/scheduler';
import { captureSql, type CapturedStatement } from '../helpers/sql-capture';
import { createMission, issueInvoice, userIdOf } from '../api/support';
import { createTestApi, littlebigMission, sellerProfile, type TestApi } from '../helpers/api';
import { startWebhookReceiver } from './support';

/**
 * The retention purge (worker/notifications/purge.ts) on the real app over a real libSQL
 * file: idempotency keys after 24 h, finished deliveries and outbox events after 90 days
 * (tombstones where a key could come back), expired sign-in state; bounded per run; exactly
 * the rows the rule names, whoever owns them. The walk across the retention period, with its
 * mails, is retention-walk.test.ts.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string, plusMs: number) => new Date(Date.parse(iso) + plusMs).toISOString();

let api: TestApi;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
afterEach(async () => {
  api?.close();
  await receiver?.close();
  receiver = undefined;
});

type Dump = Map<string, Map<number, Record<string, unknown>>>;

/** Every row of every table of ours, by rowid. */
async function dump(client: Client): Promise<Dump> {
  const listed = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  const tables = listed.rows.map((r) => String(r.name));
  const out: Dump = new Map();
  for (const t of tables) {
    const rows = (await client.execute(`SELECT rowid AS "__rowid", * FROM "${t}"`)).rows;
    out.set(t, new Map(rows.map((r) => [Number(r.__rowid), { ...r }])));
  }
  return out;
}

const count = async (client: Client, sql: string, args: (string | number)[] = []) => Number((await client.execute({ sql, args })).rows[0]![0]);

/** A legal document expiring on `expiresOn`: the reminders record `document.expiring` in the 30 days before. */
async function addDocument(token: string, label: string, expiresOn: string, key?: string) {
  const headers: Record<string, string> = key ? { 'idempotency-key': key } : {};
  const res = await api.request('POST', '/v1/documents', { token, headers, body: { kind: 'liability_insurance', label, expiresOn } });
  expect(res.status, res.text).toBe(201);
}

/** A user with a webhook endpoint, a direct mission and a document expiring soon, so the scheduler has something to say. */
async function activeUser(email: string, hookUrl: string) {
  const token = await api.signIn(email);
  const hook = await api.request('POST', '/v1/webhooks', { token, body: { url: hookUrl, events: ['*'] } });
  expect(hook.status, hook.text).toBe(201);
  return { token, userId: await userIdOf(api, email), webhookId: hook.json.id as string };
}

describe('idempotency keys', () => {
  it('are deleted 24 h after they were taken; a fresh one still replays, an expired one runs again', async () => {
    api = await createTestApi({ start: '2026-06-01T08:00:00Z' });
    const token = await api.signIn('keys@retention.test');
    const body = { ...littlebigMission, clientName: 'Keys SA' };
    const create = (key: string) => api.request('POST', '/v1/missions', { token, headers: { 'idempotency-key': key }, body });
    expect((await create('k-old')).status).toBe(201);
    api.clock.set('2026-06-01T08:00:01Z');
    const fresh = await create('k-fresh');
    expect(fresh.status).toBe(201);
    expect(await count(api.deps.client, 'SELECT count(*) FROM idempotency_keys')).toBe(2);

    api.clock.set('2026-06-02T08:00:00Z'); // exactly 24 h after k-old: it has expired, k-fresh has 1 s left
    const report = await purgeExpired(api.deps);
    expect(report.rows.idempotency_keys).toBe(1);
    expect((await api.deps.client.execute('SELECT key FROM idempotency_keys')).rows.map((r) => r.key)).toEqual(['k-fresh']);

    const replay = await create('k-fresh');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toEqual(fresh.json);
    // The expired key counts as absent, as before the purge: the request runs again.
    const again = await create('k-old');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect((await api.request('GET', '/v1/missions', { token })).json.missions).toHaveLength(3);
  });
});

describe('deliveries and outbox events past 90 days', () => {
  it('the delivery log shows each delivery whole for 90 days, then not; events become tombstones or go, by whether their key can recur', async () => {
    receiver = await startWebhookReceiver([500, 500, 500]);
    const day0 = '2026-03-02T08:00:00Z';
    api = await createTestApi({ start: day0 });
    const u = await activeUser('log@retention.test', receiver.url);
    const missionId = await createMission(api, u.token, { portal: 'direct', plan: undefined, startsOn: '2026-02-01' });
    await issueInvoice(api, u.token, missionId, '2026-02', { '2026-02-02': 1, '2026-02-03': 1 }, '2026-03-02');
    // A document expiring in 20 days: today's reminders record `document.expiring` (a dated key).
    await addDocument(u.token, 'RC Pro', '2026-03-22');
    await runScheduler(api.deps); // the receiver answers 500 first
    api.clock.set(at(day0, 5_000));
    await runScheduler(api.deps); // the retry is delivered

    type Shown = { id: string; eventType: string; attempts: number; log: unknown[] };
    const log = async () => (await api.request('GET', `/v1/webhooks/${u.webhookId}/deliveries`, { token: u.token })).json.deliveries as Shown[];
    const shown = await log();
    expect(shown.map((d) => d.eventType).sort()).toEqual(['cra.validated', 'document.expiring', 'invoice.issued']);
    expect(shown.every((d) => d.attempts === 2 && d.log.length === 2)).toBe(true);

    // 60 days later a newer event: a ping.
    api.clock.set(at(day0, 60 * DAY));
    expect((await api.request('POST', `/v1/webhooks/${u.webhookId}/test`, { token: u.token })).json.delivered).toBe(true);
    const pingLog = (await log()).filter((d) => d.eventType === 'ping');

    // Just before 90 days: the log still shows the older deliveries exactly as it did.
    api.clock.set(at(day0, RETENTION_DAYS * DAY - 60_000));
    await runScheduler(api.deps);
    expect((await log()).filter((d) => d.eventType !== 'ping')).toEqual(shown);

    // Past 90 days they are gone from the log; the ping, 30 days old, is shown whole.
    api.clock.set(at(day0, RETENTION_DAYS * DAY + 10_000));
    const before = await dump(api.deps.client);
    await runScheduler(api.deps);
    expect(await log()).toEqual(pingLog);
    expect(await count(api.deps.client, 'SELECT count(*) FROM email_deliveries')).toBe(0);

    const events = (await api.deps.client.execute('SELECT type, key, payload, occurred_at FROM outbox_events ORDER BY key')).rows;
    // The validation's and the issue's keys can never come back, but nothing proves that of
    // every key without a date: they stay, without their payload. The document's went.
    expect(events.map((e) => [e.type, e.payload])).toEqual([['cra.validated', ''], ['invoice.issued', '']]);
    const beforeEvents = [...before.get('outbox_events')!.values()].filter((e) => e.type !== 'document.expiring');
    expect(events.map((e) => [e.key, e.occurred_at])).toEqual(beforeEvents.map((e) => [e.key, e.occurred_at]).sort());
    // A tombstone still holds its key: recording the event again adds nothing.
    const again = await api.deps.client.execute({
      sql: "INSERT OR IGNORE INTO outbox_events (id, user_id, type, key, payload, occurred_at) VALUES ('again', ?, 'cra.validated', ?, '{}', ?)",
      args: [u.userId, String(events[0]!.key), api.clock.now().toISOString()],
    });
    expect(again.rowsAffected).toBe(0);
  });

  it('an event whose email still waits to be sent keeps its payload until the mail is out', async () => {
    const day0 = '2026-03-02T08:00:00Z';
    api = await createTestApi({ start: day0 });
    const token = await api.signIn('waiting@retention.test');
    await addDocument(token, 'RC Pro', '2026-03-22');
    await runScheduler(api.deps, { send: false }); // recorded and fanned out, not sent (an outage)

    api.clock.set(at(day0, 100 * DAY));
    const report = await purgeExpired(api.deps);
    expect(report.rows.outbox_events).toBe(0);
    expect(report.rows.email_deliveries).toBe(0);
    const payload = String((await api.deps.client.execute('SELECT payload FROM outbox_events')).rows[0]!.payload);
    expect(JSON.parse(payload)).toMatchObject({ label: 'RC Pro', expiresOn: '2026-03-22' });

    await runScheduler(api.deps, { purge: false }); // the mail goes out, built from the payload
    expect((await api.deps.client.execute('SELECT status FROM email_deliveries')).rows.map((r) => r.status)).toEqual(['sent']);
    // Now both go: a delivery's 90 days count from its creation, 100 days ago.
    expect((await purgeExpired(api.deps)).rows).toMatchObject({ outbox_events: 1, email_deliveries: 1 });
    expect(await count(api.deps.client, 'SELECT count(*) FROM outbox_events')).toBe(0);
  });
});

describe('the purge job', () => {
  it('deletes at most its bound per table per run, in chunks that yield, and finishes over several runs', async () => {
    receiver = await startWebhookReceiver();
    const day0 = '2026-03-02T08:00:00Z';
    api = await createTestApi({ start: day0 });
    const u = await activeUser('bulk@retention.test', receiver.url);
    // 300 writes with their own key, 300 documents expiring within the month: 300 events, 600 deliveries.
    for (let i = 0; i < 300; i++) {
      await addDocument(u.token, `Doc ${i}`, '2026-03-30', `doc-${i}`);
    }
    await runScheduler(api.deps, { purge: false });
    expect(await count(api.deps.client, "SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'")).toBe(300);
    expect(await count(api.deps.client, "SELECT count(*) FROM email_deliveries WHERE status = 'sent'")).toBe(300);

    api.clock.set(at(day0, RETENTION_DAYS * DAY + HOUR));
    const runs: PurgeReport[] = [];
    let stall = 0;
    for (let run = 0; run < 10; run++) {
      // The event loop's longest wait during the run: a timer that measures how late it fires.
      let last = performance.now();
      let probing = true;
      const probe = () => {
        const t = performance.now();
        stall = Math.max(stall, t - last);
        last = t;
        if (probing) setTimeout(probe, 0);
      };
      setTimeout(probe, 0);
      const r = await purgeExpired(api.deps, { chunkRows: 40, maxRowsPerTable: 100 });
      probing = false;
      runs.push(r);
      if (r.done) break;
    }
    const per = (t: keyof PurgeReport['rows']) => runs.map((r) => r.rows[t]);
    expect(per('idempotency_keys')).toEqual([100, 100, 100, 0]);
    expect(per('webhook_deliveries')).toEqual([100, 100, 100, 0]);
    expect(per('email_deliveries')).toEqual([100, 100, 100, 0]);
    expect(per('outbox_events')).toEqual([100, 100, 100, 0]);
    expect(runs.map((r) => r.done)).toEqual([false, false, false, true]);
    // 100 rows in chunks of 40: 3 chunks per table and run.
    expect(runs[0]!.chunks).toBeGreaterThanOrEqual(4 * 3);
    for (const t of ['idempotency_keys', 'webhook_deliveries', 'email_deliveries', 'outbox_events']) {
      expect(await count(api.deps.client, `SELECT count(*) FROM ${t}`), t).toBe(0);
    }
    // Nothing held the thread for long: the longest chunk and the longest wait of a timer.
    const longest = Math.max(...runs.map((r) => r.longestChunkMs));
    expect(longest).toBeLessThan(50);
    expect(stall).toBeLessThan(50);
  });

  it('changes exactly the rows the rule names, whoever owns them, and nothing of a user whose rows are recent', async () => {
    receiver = await startWebhookReceiver();
    const day0 = '2026-03-02T08:00:00Z';
    const T = at(day0, (RETENTION_DAYS + 1) * DAY); // when the purge runs
    api = await createTestApi({ start: day0 });
    const a = await activeUser('old@retention.test', receiver.url);
    const m = await createMission(api, a.token, { portal: 'direct', plan: undefined, startsOn: '2026-02-01' });
    await issueInvoice(api, a.token, m, '2026-02', { '2026-02-02': 1 }, '2026-03-02');
    await addDocument(a.token, 'RC Pro', '2026-03-22', 'a-day0');
    await runScheduler(api.deps, { purge: false });
    // One of A's events whose email never went out (its delivery still pending at T).
    await addDocument(a.token, 'Kbis', '2026-03-25');
    api.clock.set(at(day0, 2 * HOUR));
    await runScheduler(api.deps, { send: false, purge: false });

    // A day before T, and an hour before: A's keys (one expired by T, one not), then B.
    api.clock.set(at(T, -25 * HOUR));
    const profile = (key: string) => api.request('PUT', '/v1/profile', { token: a.token, headers: { 'idempotency-key': key }, body: sellerProfile });
    expect((await profile('a-25h')).status).toBe(200);
    api.clock.set(at(T, -HOUR));
    expect((await profile('a-1h')).status).toBe(200);
    const b = await activeUser('new@retention.test', receiver.url);
    const mb = await createMission(api, b.token, { portal: 'direct', plan: undefined, startsOn: '2026-05-01' });
    await issueInvoice(api, b.token, mb, '2026-05', { '2026-05-04': 1 }, '2026-06-01');
    await addDocument(b.token, 'RC Pro', '2026-06-20', 'b-1h');
    // B's own deliveries go out; A's pending one is left pending (sent only for B's events).
    await runScheduler(api.deps, { send: false, purge: false });
    const pendingOf = async (table: string) => {
      const rs = await api.deps.client.execute({ sql: `SELECT id FROM ${table} WHERE user_id = ? AND status = 'pending'`, args: [b.userId] });
      return rs.rows.map((r) => String(r.id));
    };
    for (const id of await pendingOf('webhook_deliveries')) await attemptWebhook(api.deps, id);
    for (const id of await pendingOf('email_deliveries')) await attemptEmail(api.deps, id);

    api.clock.set(T);
    const now = api.clock.now();
    const before = await dump(api.deps.client);
    const statements: CapturedStatement[] = [];
    const stop = captureSql(api.deps.client, statements);
    const report = await purgeExpired(api.deps);
    stop();
    expect(report.done).toBe(true);
    const after = await dump(api.deps.client);

    // The rule, restated row by row over the table as it was.
    const before90 = new Date(now.getTime() - RETENTION_DAYS * DAY).toISOString();
    const pendingEmail = new Set([...before.get('email_deliveries')!.values()].filter((d) => d.status === 'pending').map((d) => d.event_id));
    const expected = (table: string, row: Record<string, unknown>): Record<string, unknown> | null => {
      switch (table) {
        case 'idempotency_keys': return String(row.created_at) <= new Date(now.getTime() - DAY).toISOString() ? null : row;
        case 'webhook_deliveries':
        case 'email_deliveries': return row.status !== 'pending' && String(row.created_at) <= before90 ? null : row;
        case 'auth_codes': return String(row.expires_at) <= now.toISOString() ? null : row;
        case 'sign_in_events': return String(row.at) <= new Date(now.getTime() - LONGEST_WINDOW_MS).toISOString() ? null : row;
        case 'outbox_events':
          if (row.payload === '' || String(row.occurred_at) > before90 || row.dispatched_at === null || pendingEmail.has(row.id)) return row;
          return String(row.type) in KEY_REPRODUCIBLE_FOR_DAYS ? null : { ...row, payload: '' };
        default: return row;
      }
    };
    let changed = 0;
    for (const [table, rows] of before) {
      const want = new Map<number, Record<string, unknown>>();
      for (const [id, row] of rows) {
        const w = expected(table, row);
        if (w) want.set(id, w);
        if (w !== row) changed += 1;
      }
      expect(after.get(table), table).toEqual(want);
    }
    expect(changed).toBe(Object.values(report.rows).reduce((x, y) => x + y, 0));
    // Each kind of change happened at least once (the data exercises every branch of the rule).
    expect(report.rows.idempotency_keys).toBe(2);
    expect(report.rows.auth_codes).toBeGreaterThan(0);
    expect(report.rows.webhook_deliveries).toBeGreaterThan(0);
    expect(report.rows.email_deliveries).toBeGreaterThan(0);
    const outboxAfter = [...after.get('outbox_events')!.values()];
    expect(outboxAfter.some((e) => e.payload === '' && e.user_id === a.userId)).toBe(true);
    expect(outboxAfter.some((e) => e.payload !== '' && e.user_id === a.userId && pendingEmail.has(e.id))).toBe(true);
    expect(outboxAfter.length).toBeLessThan(before.get('outbox_events')!.size);

    // B's rows (all recent) are untouched, in every table with a user_id.
    for (const [table, rows] of before) {
      const mine = (d: Map<number, Record<string, unknown>>) => [...d.values()].filter((r) => r.user_id === b.userId);
      expect(mine(after.get(table)!), table).toEqual(mine(rows));
    }

    // Every statement of the purge reads along an index.
    for (const s of statements) {
      const plan = (await api.deps.client.execute({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: s.args ?? [] })).rows.map((r) => String(r.detail));
      expect(plan.filter((p) => /^SCAN |TEMP B-TREE/.test(p)), s.sql).toEqual([]);
    }
  });

  it('keeps every event for longer than its key can come back', () => {
    for (const [type, days] of Object.entries(KEY_REPRODUCIBLE_FOR_DAYS)) {
      expect([...EVENT_TYPES, ...SYSTEM_EVENT_TYPES] as string[], type).toContain(type);
      expect(days, type).toBeLessThan(RETENTION_DAYS);
    }
  });
});
