import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, newestCode, until, apiCaller, scratchApi } from './support';

/**
 * The extension soak, in real Chromium with the built extension, against the real API on a
 * scratch database: sign in through the local mailbox, stop the API, make 100 edits offline
 * across six mission-months while the service worker is killed five times, restart the API,
 * and check that nothing was lost (every edit's effect is in the API and equals the last local
 * state) and nothing duplicated (one applied write per month, each with its own
 * Idempotency-Key, no line twice, and a second sync after another kill changes nothing).
 *
 * How the edits are made: 40 are clicks on days in the popup's calendar (two mission-months,
 * the month the popup shows); 60 go through `chrome.runtime.sendMessage({ type: 'cra.edit' })`
 * from the popup page, the very message the popup sends on a click, so that lines and other
 * months can be edited without driving the line form 60 times. 10 of those 60 land on the
 * month the popup is showing, on top of its clicks.
 *
 * `npm run test:e2e` runs it on the `.output` build; alone, in its own folder:
 *   RELAIS_EXT_OUT=.output-soak npx wxt build
 *   RELAIS_EXT_OUT=.output-soak node --import tsx -e "import('./test/e2e/soak.e2e.ts').then(m => m.runSoakE2e())"
 */

const root = resolve(import.meta.dirname, '../..');
const extensionDir = resolve(root, process.env.RELAIS_EXT_OUT ?? '.output', 'chrome-mv3');
const EMAIL = 'soak@relais.test';
const ROUNDS = 5;
const CLICKS_PER_ROUND = 8;
const MESSAGES_PER_ROUND = 12;

const log = (...args: unknown[]) => console.log('[soak]', ...args);

type Line = { kind: 'expense'; label: string; amountCents: number };
type Content = { days: Record<string, number>; lines: Line[] };
type Slot = { missionId: string; month: string; content: Content; ui: boolean };

const monthOf = (d: Date, delta: number) => {
  const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + delta, 1));
  return `${x.getUTCFullYear()}-${String(x.getUTCMonth() + 1).padStart(2, '0')}`;
};
/** Monday to Friday of a month (holidays included: they may be worked, the API accepts them). */
const weekdaysOf = (month: string) =>
  Array.from({ length: 28 }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`).filter((d) => {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    return wd !== 0 && wd !== 6;
  });
/** What a click does to a day: empty or 0 → 1 → ½ → 0 (shared/cra/quantities.ts nextQuantity). */
const clicked = (q: number | undefined) => (q === undefined || q <= 0 ? 1 : q === 1 ? 0.5 : 0);
const mark = (q: number) => (q === 1 ? '1' : q === 0.5 ? '½' : '0');
const canonical = (c: { days: Record<string, number>; lines?: { kind: string; label: string; amountCents: number }[] }) =>
  JSON.stringify([Object.entries(c.days).sort(([x], [y]) => (x < y ? -1 : 1)), (c.lines ?? []).map((l) => [l.kind, l.label, l.amountCents])]);

export async function runSoakE2e() {
  const scratch = await scratchApi('soak');
  const { work, mailDir, port, apiUrl } = scratch;
  let server = scratch.server;
  log('API on', apiUrl);

  const call = apiCaller(apiUrl);
  const sql = async (query: string, args: (string | number)[] = []) => (await server.deps.client.execute({ sql: query, args })).rows;

  // The test's own token, and two missions covering the last months.
  await call('POST', '/v1/auth/code', undefined, { email: EMAIL });
  const token = (await call('POST', '/v1/auth/token', undefined, { email: EMAIL, code: newestCode(mailDir, EMAIL) })).json.token as string;
  const now = new Date();
  const months = [monthOf(now, 0), monthOf(now, -1), monthOf(now, -2)];
  const mission = async (clientName: string) => {
    const res = await call('POST', '/v1/missions', token, { portal: 'littlebig', clientName, dailyRateCents: 65_000, contractSignedOn: '2025-06-02', country: 'FR', plan: 'flash', startsOn: `${monthOf(now, -4)}-01`, endsOn: `${monthOf(now, 2)}-28`, budgetDays: 200 });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    return res.json.id as string;
  };
  const m1 = await mission('Soak One');
  const m2 = await mission('Soak Two');
  const slots: Slot[] = [
    { missionId: m1, month: months[0]!, content: { days: {}, lines: [] }, ui: true },
    { missionId: m2, month: months[0]!, content: { days: {}, lines: [] }, ui: true },
    { missionId: m1, month: months[1]!, content: { days: {}, lines: [] }, ui: false },
    { missionId: m1, month: months[2]!, content: { days: {}, lines: [] }, ui: false },
    { missionId: m2, month: months[1]!, content: { days: {}, lines: [] }, ui: false },
    { missionId: m2, month: months[2]!, content: { days: {}, lines: [] }, ui: false },
  ];
  const userId = String((await sql('SELECT id FROM users WHERE email = ?', [EMAIL]))[0]!.id);

  const { context, extensionId } = await launchWithExtension(join(work, 'profile'), extensionDir, { width: 360, height: 620 });
  try {
    const url = (page: string) => `chrome-extension://${extensionId}/${page}`;
    /** Sends a typed message to the background from an extension page, as the popup does. */
    const ask = async (page: Page, message: Record<string, unknown>) => {
      const reply = (await page.evaluate((m) => (globalThis as any).chrome.runtime.sendMessage(m), message)) as { ok: boolean; value?: any; code?: string; message?: string } | undefined;
      assert.ok(reply?.ok, `${String(message.type)}: ${JSON.stringify(reply)}`);
      return reply!.value;
    };
    const stored = (page: Page, slot: Slot) => page.evaluate((key) => (globalThis as any).chrome.storage.local.get(key).then((s: Record<string, unknown>) => s[key]), `cra:${slot.missionId}:${slot.month}`) as Promise<any>;
    const effective = (r: any): Content => r?.local ?? (r?.server ? { days: r.server.days, lines: r.server.lines } : { days: {}, lines: [] });

    // Sign in through the background with the code from the local mailbox (what the options page does).
    const signIn = await context.newPage();
    await signIn.goto(url('options.html'));
    await ask(signIn, { type: 'auth.setApiUrl', apiUrl });
    await ask(signIn, { type: 'auth.requestCode', email: EMAIL, locale: 'fr' });
    await ask(signIn, { type: 'auth.verifyCode', email: EMAIL, code: newestCode(mailDir, EMAIL) });
    assert.equal((await ask(signIn, { type: 'auth.status' })).signedIn, true);
    const missions = await ask(signIn, { type: 'missions.list' });
    assert.equal(missions.length, 2, 'both missions reached the extension');
    await signIn.close();
    log('signed in through the mailbox code; 2 missions');

    const openPopup = async (slot: Slot) => {
      const page = await context.newPage();
      await page.goto(url('popup.html'));
      await page.evaluate((ui) => (globalThis as any).chrome.storage.local.set({ ui }), { tab: 'cra', missionId: slot.missionId, month: slot.month });
      await page.reload();
      await page.waitForSelector('body[data-ready]');
      await page.waitForSelector(`.cal button[data-date^="${slot.month}-"]`);
      return page;
    };
    const killWorker = async (page: Page) => {
      const cdp = await context.newCDPSession(page);
      const targets = async () => ((await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] }).targetInfos;
      const worker = (await targets()).find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
      assert.ok(worker, 'the service worker is running before the kill');
      await cdp.send('Target.closeTarget', { targetId: worker.targetId });
      await until('service worker gone', async () => !(await targets()).some((t) => t.targetId === worker.targetId));
      await cdp.detach();
    };

    // Offline from here.
    await server.close();
    log('API stopped');

    let edits = 0;
    let clicks = 0;
    let messages = 0;
    const uiSlots = slots.filter((s) => s.ui);
    const otherSlots = slots.filter((s) => !s.ui);
    for (let round = 0; round < ROUNDS; round++) {
      const shown = uiSlots[round % uiSlots.length]!;
      const popup = await openPopup(shown);
      // The popup shows what the queue holds for this month, offline, after the worker died.
      await until(`round ${round}: popup shows the stored edits`, async () => {
        for (const [d, q] of Object.entries(shown.content.days)) if ((await popup.textContent(`button[data-date="${d}"] .q`))?.trim() !== mark(q)) return false;
        return true;
      });
      const workdays = await popup.$$eval('.cal button.day:not(.we):not(.hol):not(.out)', (els) => els.map((e) => (e as HTMLElement).dataset.date!));
      assert.ok(workdays.length >= 10, `working days shown in ${shown.month}`);

      for (let i = 0; i < CLICKS_PER_ROUND + MESSAGES_PER_ROUND; i++) {
        edits++;
        if (i % 5 < 2 && clicks < ROUNDS * CLICKS_PER_ROUND) {
          // A click in the popup's calendar.
          const date = workdays[(edits * 7) % workdays.length]!;
          const next = clicked(shown.content.days[date]);
          shown.content = { ...shown.content, days: { ...shown.content.days, [date]: next } };
          await popup.click(`button[data-date="${date}"]`);
          await until(`click ${edits} shown`, async () => (await popup.textContent(`button[data-date="${date}"] .q`))?.trim() === mark(next));
          await until(`click ${edits} stored`, async () => (await stored(popup, shown))?.local?.days?.[date] === next);
          clicks++;
        } else {
          // The popup's own message: a line and a day, on another month, or on the month shown.
          const slot = messages % 6 === 5 ? shown : otherSlots[messages % otherSlots.length]!;
          const days = weekdaysOf(slot.month);
          const date = days[(edits * 3) % days.length]!;
          const base = slot === shown ? effective(await stored(popup, slot)) : slot.content;
          assert.equal(canonical(base), canonical(slot.content), `edit ${edits}: the stored month is what was edited so far`);
          const content: Content = { days: { ...base.days, [date]: [1, 0.5, 0][edits % 3]! }, lines: [...base.lines, { kind: 'expense', label: `soak edit ${edits}`, amountCents: 1_000 + edits }] };
          const record = await ask(popup, { type: 'cra.edit', missionId: slot.missionId, month: slot.month, content });
          assert.equal(canonical(record.local), canonical(content), `edit ${edits} stored as sent`);
          slot.content = content;
          messages++;
          if (slot === shown) {
            // The open popup takes the change from storage before the next click builds on it.
            await until(`edit ${edits} shown in the popup`, async () => (await popup.textContent(`button[data-date="${date}"] .q`))?.trim() === mark(content.days[date]!) && !!(await popup.textContent('body'))?.includes(`soak edit ${edits}`));
          }
        }
      }
      // Everything of this round is in storage.local; the worker dies with the queue unsent.
      for (const slot of slots) assert.equal(canonical(effective(await stored(popup, slot))), canonical(slot.content), `round ${round}: ${slot.month} stored`);
      const status = await popup.evaluate(() => (globalThis as any).chrome.storage.local.get('status').then((s: any) => s.status));
      assert.equal(status?.online, false, 'the queue has met the API down');
      await killWorker(popup);
      await popup.close();
      log(`round ${round + 1}: ${edits} edits so far (${clicks} clicks, ${messages} messages), service worker killed`);
    }
    assert.equal(edits, 100);
    assert.equal(clicks, 40);
    assert.equal(messages, 60);
    assert.equal(await fetch(`${apiUrl}/health`).then(() => 'up', () => 'down'), 'down', 'the API was down throughout');

    // Reconnect: the API comes back on the same port and database; a sync pushes the queue.
    server = await scratch.restart();
    log('API restarted on', port);
    const changeSeqBefore = Number((await sql('SELECT change_seq FROM users WHERE id = ?', [userId]))[0]!.change_seq);
    const popup = await openPopup(uiSlots[0]!);
    await ask(popup, { type: 'sync.now' });
    const serverCra = async (slot: Slot) => (await call('GET', `/v1/missions/${slot.missionId}/cras/${slot.month}`, token)).json;
    await until('every month in the API', async () => {
      for (const slot of slots) if (canonical(await serverCra(slot)) !== canonical(slot.content)) return false;
      return true;
    }, 30_000);
    await until('the queue empty', async () => {
      for (const slot of slots) if ((await stored(popup, slot))?.local) return false;
      return true;
    });

    // Nothing lost: the API holds exactly the last local state of each month, every edit's line included.
    const labels: string[] = [];
    for (const slot of slots) {
      const cra = await serverCra(slot);
      assert.equal(canonical(cra), canonical(slot.content), `${slot.month} of ${slot.missionId}`);
      const record = await stored(popup, slot);
      assert.equal(record.local, null);
      assert.equal(record.conflict, null);
      assert.equal(record.error, null);
      assert.equal(record.server.revision, cra.revision, 'the extension knows the revision the API holds');
      assert.equal(canonical(effective(record)), canonical(cra), 'the extension shows what the API holds');
      labels.push(...cra.lines.map((l: Line) => l.label));
    }
    assert.equal(labels.length, messages, 'one line per message edit');
    assert.equal(new Set(labels).size, labels.length, 'no line twice');
    assert.deepEqual([...labels].sort(), Array.from({ length: 100 }, (_, i) => `soak edit ${i + 1}`).filter((l) => labels.includes(l)).sort());

    // Nothing duplicated: each month was written once (its 100 edits coalesced offline), with an
    // Idempotency-Key each time; the sync clock moved once per write.
    const revisions = await Promise.all(slots.map(async (s) => (await serverCra(s)).revision as number));
    const keys = await sql("SELECT key, status FROM idempotency_keys WHERE user_id = ? AND request_hash IS NOT NULL", [userId]);
    const writes = revisions.reduce((a, b) => a + b, 0);
    assert.deepEqual(revisions, slots.map(() => 1), 'one applied PUT per month');
    assert.equal(keys.filter((k) => Number(k.status) === 200).length, writes, 'every applied write carried its own Idempotency-Key');
    assert.equal(Number((await sql('SELECT change_seq FROM users WHERE id = ?', [userId]))[0]!.change_seq), changeSeqBefore + writes);
    const cursor = (await call('GET', '/v1/sync?since=0', token)).json;
    assert.equal(cursor.cras.length, slots.length, 'sync lists each month once');

    // Another kill and another sync change nothing: nothing is pushed twice.
    await killWorker(popup);
    const report = await ask(popup, { type: 'sync.now' });
    assert.deepEqual(report, { pending: 0, conflicts: 0 });
    assert.deepEqual(await Promise.all(slots.map(async (s) => (await serverCra(s)).revision)), revisions);
    assert.equal(Number((await sql('SELECT change_seq FROM users WHERE id = ?', [userId]))[0]!.change_seq), changeSeqBefore + writes);
    assert.equal((await call('GET', `/v1/sync?since=${cursor.cursor}`, token)).json.cras.length, 0, 'no change since the sync');
    log(`PASS: ${edits} offline edits (${clicks} popup clicks, ${messages} cra.edit messages) over ${slots.length} months and ${ROUNDS} service-worker kills; ${writes} writes, nothing lost, nothing duplicated`);
  } finally {
    await context.close().catch(() => undefined);
    await server.close().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}
