import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { startNodeServer } from '../../worker/node';
import { schedulerThread, type SchedulerThread } from '../../worker/notifications/scheduler-thread';
import { createMission } from '../api/support';
import { createTestApi, type TestApi } from '../helpers/api';

/**
 * The Node scheduler's thread (worker/notifications/scheduler-thread.ts): its own connection
 * to the server's file, the API's clock and public address for each run, one mail per
 * reminder whichever connection asks, and an orderly end.
 */
describe('the scheduler thread', () => {
  let api: TestApi;
  let thread: SchedulerThread | undefined;
  afterEach(async () => {
    await thread?.close();
    thread = undefined;
    api?.close();
  });

  /** A user with October 2026 days on a portal mission, not submitted: reminded on the 28th, 29th and 30th. */
  async function octoberNotSubmitted() {
    api = await createTestApi({ start: '2026-10-26T07:00:00Z' });
    const token = await api.signIn('thread@relais.test');
    const mission = await createMission(api, token, { clientName: 'ACME SA', budgetDays: 25 });
    const days: Record<string, number> = { '2026-10-01': 1, '2026-10-02': 1, '2026-10-05': 1 };
    expect((await api.request('PUT', `/v1/missions/${mission}/cras/2026-10`, { token, body: { days, lines: [] } })).status).toBe(200);
    return { mission };
  }
  const config = () => ({ databaseUrl: `file:${api.dbPath}`, host: '127.0.0.1', port: 0, mailDir: api.mailDir, quiet: true });
  const reminderMails = async () => {
    const mails = [];
    for (const f of readdirSync(api.mailDir).sort()) {
      const mail = await simpleParser(readFileSync(join(api.mailDir, f)));
      if (/CRA octobre 2026 à soumettre/.test(mail.subject ?? '')) mails.push(mail);
    }
    return mails;
  };
  const unsubscribeOf = (mail: ParsedMail) => mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
  const count = async (sql: string) => Number((await api.deps.client.execute(sql)).rows[0]!.n);

  it('runs at the time the API gives, writes what the API then reads, and links mails to the address it is given', async () => {
    await octoberNotSubmitted();
    thread = schedulerThread(config());
    const at = (iso: string) => ({ now: new Date(iso), publicUrl: 'https://relais.example' });

    // The 27th is not one of October's last three working days: nothing is due.
    const quiet = await thread.run({}, at('2026-10-27T07:00:00Z'));
    expect(quiet.reminders).toBe(0);
    expect(await reminderMails()).toHaveLength(0);

    const due = await thread.run({}, at('2026-10-28T07:00:00Z'));
    expect(due).toMatchObject({ reminders: 1, dispatched: 1, emails: 1 });
    // Written by the thread's connection, read by the API's.
    expect(await count("SELECT count(*) AS n FROM outbox_events WHERE type = 'cra.to_submit' AND occurred_at LIKE '2026-10-28%'")).toBe(1);
    const [mail, ...more] = await reminderMails();
    expect(more).toHaveLength(0);
    expect(mail!.text).toContain('https://relais.example/');
    expect(unsubscribeOf(mail!)).toContain('https://relais.example/v1/unsubscribe/');

    // Again the same day, from the thread and from the API's own thread: still one mail.
    expect((await thread.run({}, at('2026-10-28T09:00:00Z'))).reminders).toBe(0);
    const { runScheduler } = await import('../../worker/notifications/scheduler');
    api.clock.set('2026-10-28T10:00:00Z');
    expect((await runScheduler(api.deps)).reminders).toBe(0);
    expect(await reminderMails()).toHaveLength(1);
  });

  it('bounds a run by chunks and resumes the reminders pass it left', async () => {
    await octoberNotSubmitted();
    thread = schedulerThread(config());
    const at = { now: new Date('2026-10-29T07:00:00Z'), publicUrl: 'https://relais.example' };
    const none = await thread.run({ chunks: { reminders: 0, fanOut: 0, emails: 0, webhooks: 0 }, purge: false }, at);
    expect(none).toEqual({ reminders: 0, dispatched: 0, webhooks: 0, emails: 0, purged: 0 });
    const resumed = await thread.run({ reminders: 'resume', purge: false }, at);
    expect(resumed).toMatchObject({ reminders: 1, dispatched: 1, emails: 1 });
  });

  it('reports a run it could not do, with the reason, and stays usable for closing', async () => {
    api = await createTestApi();
    // A database path under a regular file: the thread cannot open it.
    thread = schedulerThread({ ...config(), databaseUrl: `file:${api.dbPath}/nested/relais.db` });
    await expect(thread.run({}, { now: new Date(), publicUrl: 'http://127.0.0.1' })).rejects.toThrow(/ENOTDIR|not a directory|unable to open/i);
    await thread.close();
  });

  it('lets the run in progress finish when closed', async () => {
    await octoberNotSubmitted();
    thread = schedulerThread(config());
    const run = thread.run({}, { now: new Date('2026-10-30T07:00:00Z'), publicUrl: 'https://relais.example' });
    const closed = thread.close();
    await expect(run).resolves.toMatchObject({ reminders: 1, emails: 1 });
    await closed;
    thread = undefined;
  });

  it("is where npm start runs the scheduler: the server's timer, the thread, the server's address in the mail", async () => {
    await octoberNotSubmitted();
    api.clock.set('2026-10-29T07:00:00Z');
    const server = await startNodeServer({ ...config(), now: api.clock.now, schedulerEveryMs: 3_600_000 });
    try {
      let mails: Awaited<ReturnType<typeof reminderMails>> = [];
      for (let i = 0; i < 200 && mails.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        mails = await reminderMails();
      }
      expect(mails).toHaveLength(1);
      expect(unsubscribeOf(mails[0]!)).toContain(`http://127.0.0.1:${server.port}/v1/unsubscribe/`);
    } finally {
      await server.close();
    }
  });
});
