import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { launchWithExtension, newestCode, until, apiCaller, scratchApi, openPopup as openPopupTimed, describePopupOpen, runAsScript } from './support';

/**
 * End to end, in real Chromium with the built extension loaded, against the real API on a
 * scratch database: sign in through the local mailbox, create a mission in the options
 * page, capture days in the popup and find them in the API; then stop the API, edit
 * offline, kill the service worker, restart the API, and find every edit there.
 * `node --import tsx test/e2e/extension.e2e.ts` runs it alone (after `npx wxt build`, which
 * SKIP_BUILD=1 skips).
 */

const root = resolve(import.meta.dirname, '../..');
const extensionDir = resolve(root, process.env.RELAIS_EXT_OUT ?? '.output', 'chrome-mv3');
const artifacts = resolve(root, 'test/artifacts');
const EMAIL = 'e2e@relais.test';

const log = (...args: unknown[]) => console.log('[e2e]', ...args);

export async function runExtensionE2e() {
  const scratch = await scratchApi('e2e');
  const { work, mailDir, port, apiUrl } = scratch;
  let server = scratch.server;
  log('API on', apiUrl);
  mkdirSync(artifacts, { recursive: true });

  const call = apiCaller(apiUrl);

  const { context, extensionId } = await launchWithExtension(join(work, 'profile'), extensionDir, { width: 360, height: 620 });
  try {
    log('extension', extensionId);
    const url = (page: string) => `chrome-extension://${extensionId}/${page}`;

    // Options: API address, then sign in with the code from the local mailbox.
    const options = await context.newPage();
    await options.goto(url('options.html'));
    await options.fill('input[name=apiUrl]', apiUrl);
    await options.click('form:has(input[name=apiUrl]) button[type=submit]');
    await until('API URL saved', async () => (await options.$$eval('.msg:not([data-api-hint])', (els) => els.map((e) => e.textContent))).includes('✓'));
    await options.fill('input[name=email]', EMAIL);
    await options.click('form:has(input[name=email]) button[type=submit]');
    await options.waitForSelector('input[name=code]');
    await options.fill('input[name=code]', newestCode(mailDir, EMAIL));
    await options.click('form:has(input[name=code]) button[type=submit]');
    await options.waitForSelector('[data-signed-in]');
    log('signed in through the options page');

    // The test's own token, to read what reached the API.
    await call('POST', '/v1/auth/code', undefined, { email: EMAIL });
    const token = (await call('POST', '/v1/auth/token', undefined, { email: EMAIL, code: newestCode(mailDir, EMAIL) })).json.token as string;

    // Profile: a wrong IBAN is refused by the API and said next to the IBAN field; what
    // was typed stays; fixed, it saves.
    const profile = options.locator('form[name=profile]');
    await profile.locator('input[name=legalName]').fill('Camille Martin EI');
    await profile.locator('input[name=siret]').fill('732 829 320 00074');
    await profile.locator('input[name="address.line1"]').fill('3 rue des Lilas');
    await profile.locator('input[name="address.postalCode"]').fill('67000');
    await profile.locator('input[name="address.city"]').fill('Strasbourg');
    await profile.locator('input[name=iban]').fill('FR76 3000 6000 0112 3456 7890 188');
    await profile.locator('input[name=alsaceMoselle]').check();
    await profile.locator('button[type=submit]').click();
    const ibanError = profile.locator('label:has(input[name=iban]) .field-err');
    await ibanError.waitFor();
    assert.match((await ibanError.textContent())!, /IBAN/);
    assert.equal(await profile.locator('input[name=iban]').inputValue(), 'FR76 3000 6000 0112 3456 7890 188', 'the typed IBAN is kept');
    assert.equal(await profile.locator('input[name=legalName]').inputValue(), 'Camille Martin EI');
    await options.screenshot({ path: join(artifacts, 'options-profile-error.png'), fullPage: true });
    await profile.locator('input[name=iban]').fill('FR76 3000 6000 0112 3456 7890 189');
    await profile.locator('button[type=submit]').click();
    await until('profile saved', async () => (await profile.locator('.msg.ok').count()) > 0);
    const savedProfile = (await call('GET', '/v1/profile', token)).json;
    assert.equal(savedProfile.iban, 'FR7630006000011234567890189');
    assert.equal(savedProfile.siret, '73282932000074');
    assert.equal(savedProfile.alsaceMoselle, true);
    assert.equal(savedProfile.address.city, 'Strasbourg');
    log('profile saved through the options page, IBAN error shown by its field');

    // A mission, through the options page; a bad rate is caught before the API, and kept.
    const create = options.locator('form[name=mission]');
    await create.locator('input[name=clientName]').fill('ACME SA');
    await create.locator('input[name=dailyRate]').fill('650,123');
    await create.locator('select[name=plan]').selectOption('flash');
    await create.locator('button[type=submit]').click();
    await create.locator('label:has(input[name=dailyRate]) .field-err').waitFor();
    await create.locator('input[name=dailyRate]').fill('650');
    await create.locator('button[type=submit]').click();
    await until('mission created', async () => (await create.locator('.msg.ok').textContent())?.includes('Mission'));
    const mission = (await call('GET', '/v1/missions', token)).json.missions[0];
    assert.ok(mission, 'the mission exists in the API');
    assert.equal(mission.dailyRateCents, 65_000);

    // Edit it (portal reference), renew it, archive and bring it back.
    const item = options.locator(`li[data-mission="${mission.id}"]`);
    await item.locator('button[data-action=edit]').click();
    await item.locator('form[name=mission-edit] input[name=portalRef]').fill('LBC-2026-0042');
    await item.locator('form[name=mission-edit] button[type=submit]').click();
    await until('portal reference saved', async () => (await call('GET', `/v1/missions/${mission.id}`, token)).json.portalRef === 'LBC-2026-0042');
    await item.locator('.tag.ref').waitFor();
    await item.locator('button[data-action=renew]').click();
    const renewal = item.locator('form[name=mission-renew]');
    await renewal.locator('input[name=budgetDays]').fill('120');
    await renewal.locator('input[name=reference]').fill('BDC-2');
    await options.screenshot({ path: join(artifacts, 'options-renewal.png'), fullPage: true });
    await renewal.locator('button[type=submit]').click();
    await until('renewal saved', async () => (await call('GET', `/v1/missions/${mission.id}`, token)).json.orders.length === 2);
    await item.locator('button[data-action=archive]').click();
    await until('archived', async () => (await call('GET', `/v1/missions/${mission.id}`, token)).json.archived === true);
    await item.locator('.tag', { hasText: /archiv/ }).waitFor();
    await item.locator('button[data-action=archive]').click();
    await until('unarchived', async () => (await call('GET', `/v1/missions/${mission.id}`, token)).json.archived === false);
    log('mission edited (portalRef), renewed, archived and unarchived through the options page');

    // Notification settings (GET/PUT /v1/notifications/settings), when this API has them.
    const notifications = options.locator('form[name=notifications]');
    await until('notification settings loaded', async () => ['ready', 'unavailable'].includes((await notifications.getAttribute('data-state')) ?? ''));
    if ((await notifications.getAttribute('data-state')) === 'ready') {
      await notifications.locator('input[name="payout.late"]').uncheck();
      await notifications.locator('button[type=submit]').click();
      await until('notification settings saved', async () => (await call('GET', '/v1/notifications/settings', token)).json?.emailOptOut?.includes('payout.late'));
      log('notification settings saved: payout.late opted out of email');
    } else log('notification settings: the API has no /v1/notifications/settings yet; the page says so');
    await options.screenshot({ path: join(artifacts, 'options.png'), fullPage: true });
    const serverDays = async (month: string) => (await call('GET', `/v1/missions/${mission.id}/cras/${month}`, token)).json?.days as Record<string, number>;

    // Popup: capture days; they reach the API.
    const openPopup = () => openPopupTimed(context, extensionId);
    const first = await openPopup();
    const popup: Page = first.page;
    await popup.waitForSelector('.cal button[data-date]');
    const month = (await popup.getAttribute('.cal button[data-date]', 'data-date'))!.slice(0, 7);
    const workdays = await popup.$$eval('.cal button.day:not(.we):not(.hol):not(.out)', (els) => els.map((e) => (e as HTMLElement).dataset.date!));
    assert.ok(workdays.length >= 12, `enough working days in ${month}`);
    const [d1, d2, d3, d4, d5, d6] = workdays as [string, string, string, string, string, string];
    await popup.click(`button[data-date="${d1}"]`); // 1
    await popup.click(`button[data-date="${d2}"]`); // 1
    await popup.click(`button[data-date="${d2}"]`); // ½
    await popup.click(`button[data-date="${d3}"]`); // 1
    const online = { [d1]: 1, [d2]: 0.5, [d3]: 1 };
    await until('online edits in the API', async () => JSON.stringify(await serverDays(month)) === JSON.stringify(online));
    log('online edits reached the API', online);
    await until('synced mark', async () => popup.$('.sync.ok'));
    await popup.screenshot({ path: join(artifacts, 'popup-cra.png') });
    await popup.click('[role=tab]:nth-child(2)');
    await popup.waitForSelector('.money .bar');
    await popup.screenshot({ path: join(artifacts, 'popup-money.png') });
    await popup.click('[role=tab]:nth-child(1)');

    // Offline: stop the API, edit, the popup still shows the edits.
    await server.close();
    log('API stopped');
    await popup.click(`button[data-date="${d4}"]`);
    await popup.click(`button[data-date="${d5}"]`);
    await popup.click(`button[data-date="${d1}"]`); // 1 → ½
    await popup.click(`button[data-date="${d6}"]`);
    await popup.click(`button[data-date="${d6}"]`);
    await popup.click(`button[data-date="${d6}"]`); // 1 → ½ → 0
    const expected = { [d1]: 0.5, [d2]: 0.5, [d3]: 1, [d4]: 1, [d5]: 1, [d6]: 0 };
    const shown = async (p: Page) => Object.fromEntries(await p.$$eval('.cal button[data-date]', (els) => els.map((e) => [(e as HTMLElement).dataset.date!, e.querySelector('.q')!.textContent]).filter(([, q]) => q)));
    const asMarks = Object.fromEntries(Object.entries(expected).map(([d, q]) => [d, q === 1 ? '1' : q === 0.5 ? '½' : '0']));
    await until('offline edits shown', async () => JSON.stringify(await shown(popup)) === JSON.stringify(asMarks));
    await until('pending mark', async () => popup.$('.sync.pending'));
    await popup.screenshot({ path: join(artifacts, 'popup-cra-offline.png') });

    // Kill the service worker: the queue must survive in storage.local.
    const cdp = await context.newCDPSession(popup);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    assert.ok(worker, 'the service worker target is visible');
    await cdp.send('Target.closeTarget', { targetId: worker.targetId });
    await until('service worker gone', async () => {
      const { targetInfos: now } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string }[] };
      return !now.some((t) => t.targetId === worker.targetId);
    });
    log('service worker killed');
    await popup.close();

    // Reopen the popup: cached data, with the offline edits, shows at once.
    const second = await openPopup();
    await until('offline edits shown after the worker died', async () => JSON.stringify(await shown(second.page)) === JSON.stringify(asMarks));

    // The API comes back on the same port and database; a sync pushes every edit.
    server = await scratch.restart();
    log('API restarted on', port);
    await second.page.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'sync.now' }));
    await until('every offline edit in the API', async () => JSON.stringify(await serverDays(month)) === JSON.stringify(expected), 20_000);
    log('offline edits reached the API', expected);
    await until('synced mark after restart', async () => second.page.$('.sync.ok'));
    await second.page.screenshot({ path: join(artifacts, 'popup-cra-synced.png') });

    // A conflict: another device changes the month; the popup's next edit meets a 412,
    // shows both versions, and "keep mine" re-sends it on the server's revision.
    const before = (await call('GET', `/v1/missions/${mission.id}/cras/${month}`, token)).json;
    const theirs = { ...expected, [d6]: 1 };
    const put = await fetch(`${apiUrl}/v1/missions/${mission.id}/cras/${month}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': `"${before.revision}"` }, body: JSON.stringify({ days: theirs }) });
    assert.equal(put.status, 200, 'the other device saved');
    await second.page.click(`button[data-date="${d5}"]`); // 1 → ½, on the stale revision
    await second.page.waitForSelector('.conflict', { timeout: 10_000 });
    await second.page.screenshot({ path: join(artifacts, 'popup-conflict.png') });
    assert.deepEqual(await serverDays(month), theirs, 'nothing was overwritten');
    await second.page.click('.conflict button.primary');
    const mine = { ...expected, [d5]: 0.5 };
    await until('kept version in the API', async () => JSON.stringify(await serverDays(month)) === JSON.stringify(mine));
    await second.page.waitForSelector('.conflict', { state: 'detached' });
    log('conflict resolved by keeping mine', mine);

    // The badge counts the month's working days up to today with no entry, as the API's dashboard does.
    const missing = (await call('GET', '/v1/dashboard', token)).json.missions[0].missingDays.length as number;
    await until('badge', async () => (await second.page.evaluate(() => (globalThis as any).chrome.action.getBadgeText({}))) === (missing ? String(missing) : ''));
    log('badge', missing);

    const page = second.page;
    const sameDays = (a: Record<string, number> | undefined, b: Record<string, number>) => JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b).sort());

    // Keyboard only: Tab into the grid, arrows move by day and week, space cycles 1 → ½ → 0,
    // 1 / 5 / 0 set a value.
    const [k1, k2, k3] = workdays.slice(6, 9) as [string, string, string];
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset?.date ?? null);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    for (let i = 0; i < 20 && !(await focused()); i++) await page.keyboard.press('Tab');
    assert.ok(await focused(), 'Tab reaches the calendar');
    const moveTo = async (date: string) => {
      for (let i = 0; i < 40; i++) {
        const at = await focused();
        if (at === date) return;
        const gap = Math.round((Date.parse(date) - Date.parse(at!)) / 86_400_000);
        await page.keyboard.press(Math.abs(gap) >= 7 ? (gap > 0 ? 'ArrowDown' : 'ArrowUp') : gap > 0 ? 'ArrowRight' : 'ArrowLeft');
      }
      throw new Error(`could not reach ${date} with the arrows`);
    };
    await moveTo(k1);
    await page.keyboard.press('ArrowDown');
    const weekLater = new Date(Date.parse(k1) + 7 * 86_400_000).toISOString().slice(0, 10);
    if (weekLater.slice(0, 7) === month) assert.equal(await focused(), weekLater, 'ArrowDown moves a week');
    await moveTo(k1);
    await page.keyboard.press('1'); // 1
    await moveTo(k2);
    await page.keyboard.press('Space'); // 1
    await page.keyboard.press('Space'); // ½
    await moveTo(k3);
    await page.keyboard.press('5'); // ½
    await page.keyboard.press('0'); // 0
    const withKeys = { ...mine, [k1]: 1, [k2]: 0.5, [k3]: 0 };
    await until('keyboard edits shown', async () => (await page.textContent(`button[data-date="${k1}"] .q`)) === '1' && (await page.textContent(`button[data-date="${k2}"] .q`)) === '½' && (await page.textContent(`button[data-date="${k3}"] .q`)) === '0');
    await until('keyboard edits in the API', async () => sameDays(await serverDays(month), withKeys));
    log('keyboard edits reached the API', { [k1]: 1, [k2]: 0.5, [k3]: 0 });

    // Lines: a bad amount is said and kept; fixed, the line counts in the totals and reaches the API.
    await page.click('[data-action=add-line]');
    await page.selectOption('.line-form select[name=kind]', 'expense');
    await page.fill('.line-form input[name=label]', 'Train Paris–Lyon');
    await page.fill('.line-form input[name=amount]', '42,505');
    await page.click('.line-form button[type=submit]');
    await page.waitForSelector('.line-form .field-err');
    assert.equal(await page.inputValue('.line-form input[name=amount]'), '42,505', 'the typed amount is kept');
    await page.screenshot({ path: join(artifacts, 'popup-line-error.png') });
    await page.fill('.line-form input[name=amount]', '42,50');
    await page.click('.line-form button[type=submit]');
    await page.waitForSelector('.line-list li[data-line="0"]');
    await page.click('.line-list li[data-line="0"] button[title]'); // edit
    await page.fill('.line-form input[name=amount]', '1 042,5');
    await page.click('.line-form button[type=submit]');
    await page.click('[data-action=add-line]');
    await page.selectOption('.line-form select[name=kind]', 'on_call');
    await page.fill('.line-form input[name=label]', 'Astreinte week-end');
    await page.fill('.line-form input[name=amount]', '150');
    await page.click('.line-form button[type=submit]');
    const linesOf = async () => (await call('GET', `/v1/missions/${mission.id}/cras/${month}`, token)).json?.lines as { kind: string; amountCents: number; label: string }[];
    await until('lines in the API', async () => JSON.stringify((await linesOf()).map((l) => [l.kind, l.label, l.amountCents])) === JSON.stringify([['expense', 'Train Paris–Lyon', 104_250], ['on_call', 'Astreinte week-end', 15_000]]));
    await until('lines counted in the totals', async () => (await page.textContent('[data-total=lines]'))?.replace(/\s/g, '').includes('1192,50'));
    await until('synced after lines', async () => page.$('.sync.ok'));
    await page.screenshot({ path: join(artifacts, 'popup-lines.png') });
    log('lines edited in the popup reached the API');

    const cra = (await call('GET', `/v1/missions/${mission.id}/cras/${month}`, token)).json;
    const shownDays = await page.textContent('[data-total=days]');
    assert.equal(Number(shownDays?.replace(',', '.')), cra.totals.days, 'the popup total matches the API');
    const shownNet = (await page.textContent('[data-total=net]'))!.replace(/\D/g, '');
    assert.equal(Number(shownNet), cra.totals.netCents, 'the popup amount (days and lines) matches the API');

    // A portal overlay reports a breakage: the popup says so; cleared, it says nothing.
    await page.evaluate(() => (globalThis as any).chrome.storage.local.set({ portalBreakage: { littlebig: { page: 'timesheet', selectorKey: 'dayCell', at: '2026-05-12T08:00:00Z' } } }));
    await page.waitForSelector('[data-breakage]');
    assert.match((await page.textContent('[data-breakage]'))!, /LittleBIG Connection/);
    await page.screenshot({ path: join(artifacts, 'popup-breakage.png') });
    await page.evaluate(() => (globalThis as any).chrome.storage.local.remove('portalBreakage'));
    await page.waitForSelector('[data-breakage]', { state: 'detached' });

    // Submit offline: queued, shown as pending, survives the worker being killed, sent when the API is back.
    await server.close();
    log('API stopped for an offline submit');
    await page.click('[data-action=submit]');
    await page.waitForSelector('[data-state=submit-pending]');
    assert.ok(await page.$eval(`button[data-date="${k1}"]`, (b) => (b as HTMLButtonElement).disabled), 'a month being submitted is frozen');
    await page.screenshot({ path: join(artifacts, 'popup-submit-pending.png') });
    const cdp2 = await context.newCDPSession(page);
    const sw2 = ((await cdp2.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] }).targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    if (sw2) await cdp2.send('Target.closeTarget', { targetId: sw2.targetId });
    await page.close();
    const third = await openPopup();
    await third.page.waitForSelector('[data-state=submit-pending]');
    server = await scratch.restart();
    log('API restarted on', port);
    await third.page.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'sync.now' }));
    await until('submitted in the API', async () => (await call('GET', `/v1/missions/${mission.id}/cras/${month}`, token)).json?.state === 'submitted', 20_000);
    await third.page.waitForSelector('[data-state=submitted]');
    assert.ok(sameDays(await serverDays(month), withKeys), 'submitted with the days the user saw');
    await third.page.screenshot({ path: join(artifacts, 'popup-submitted.png') });
    log('offline submit reached the API after the worker was killed');

    // The client validates: the money tab lists the invoice, and its number downloads the Factur-X PDF.
    // Manual upload: the freelancer issues this invoice (to LittleBIG Connection); in mode auto the portal would issue it
    // and Relais would only expect it. The client's structured address is set too (the form above does not ask for it).
    const address = await call('PATCH', `/v1/missions/${mission.id}`, token, {
      invoiceMode: 'manual', clientAddressLine: '12 avenue de l\'Europe', clientPostcode: '92400', clientCity: 'Courbevoie',
    });
    assert.equal(address.status, 200, JSON.stringify(address.json));
    const today = new Date().toISOString().slice(0, 10);
    const validated = await call('POST', `/v1/missions/${mission.id}/cras/${month}/validate`, token, { validatedOn: today < `${month}-01` ? `${month}-01` : today });
    assert.equal(validated.status, 201, JSON.stringify(validated.json));
    const invoiceNumber = validated.json.invoice.number as string;
    assert.match(invoiceNumber, /^\d{4}-\d{4}$/, 'a number of the freelancer\'s own series');
    await third.page.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'data.refresh' }));
    await third.page.click('[role=tab]:nth-child(2)');
    const link = third.page.locator('.money a.pdf', { hasText: invoiceNumber }).first();
    await link.waitFor({ timeout: 15_000 });
    await third.page.screenshot({ path: join(artifacts, 'popup-money-invoice.png') });
    const [download] = await Promise.all([third.page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), new RegExp(invoiceNumber));
    const pdfPath = await download.path();
    assert.equal(readFileSync(pdfPath!).subarray(0, 5).toString(), '%PDF-', 'a PDF was downloaded');
    log('invoice', invoiceNumber, 'listed in the money tab; its PDF downloaded as', download.suggestedFilename());

    for (const [label, m] of [['first open', first], ['reopen after the worker was killed', second], ['reopen with a submit pending', third]] as const) log(describePopupOpen(label, m));
    console.log('[e2e] screenshots in test/artifacts/: options.png options-profile-error.png options-renewal.png popup-cra.png popup-money.png popup-cra-offline.png popup-cra-synced.png popup-conflict.png popup-line-error.png popup-lines.png popup-breakage.png popup-submit-pending.png popup-submitted.png popup-money-invoice.png');
  } finally {
    await context.close().catch(() => undefined);
    await server.close().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!process.env.SKIP_BUILD) execSync('npx wxt build', { cwd: root, stdio: 'inherit', env: process.env });
  runAsScript('[e2e]', runExtensionE2e);
}
