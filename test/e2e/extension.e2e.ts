import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startNodeServer } from '../../worker/node';

/**
 * End to end, in real Chromium with the built extension loaded, against the real API on a
 * scratch database: sign in through the local mailbox, create a mission in the options
 * page, capture days in the popup and find them in the API; then stop the API, edit
 * offline, kill the service worker, restart the API, and find every edit there.
 */

const root = resolve(import.meta.dirname, '../..');
const extensionDir = resolve(root, process.env.RELAIS_EXT_OUT ?? '.output', 'chrome-mv3');
const artifacts = resolve(root, 'test/artifacts');
const EMAIL = 'e2e@relais.test';

const log = (...args: unknown[]) => console.log('[e2e]', ...args);

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  let last: unknown;
  while (Date.now() - start < timeoutMs) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

function newestCode(mailDir: string, email: string): string {
  for (const f of readdirSync(mailDir).sort().reverse()) {
    const eml = readFileSync(join(mailDir, f), 'utf8');
    const m = /(?:code de connexion Relais|Relais sign-in code)[^0-9]*(\d{6})/.exec(eml);
    if (eml.includes(`To: ${email}`) && m) return m[1]!;
  }
  throw new Error('no sign-in code in the mailbox');
}

export async function runExtensionE2e() {
  const work = mkdtempSync(join(tmpdir(), 'relais-e2e-'));
  const mailDir = join(work, 'mail');
  const config = { databaseUrl: `file:${join(work, 'relais.db')}`, host: '127.0.0.1', mailDir, quiet: true };
  let server = await startNodeServer({ ...config, port: 0 });
  const port = server.port;
  const apiUrl = `http://127.0.0.1:${port}`;
  log('API on', apiUrl);
  mkdirSync(artifacts, { recursive: true });

  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${apiUrl}${path}`, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, json: (await res.json().catch(() => undefined)) as any };
  };

  const context: BrowserContext = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // Playwright disables extensions by default.
    ignoreDefaultArgs: ['--disable-extensions'],
    locale: 'fr-FR',
    viewport: { width: 360, height: 620 },
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=fr-FR', `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  try {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const extensionId = new URL(sw.url()).host;
    log('extension', extensionId);
    const url = (page: string) => `chrome-extension://${extensionId}/${page}`;

    // Options: API address, then sign in with the code from the local mailbox.
    const options = await context.newPage();
    await options.goto(url('options.html'));
    await options.fill('input[name=apiUrl]', apiUrl);
    await options.click('form:has(input[name=apiUrl]) button[type=submit]');
    await until('API URL saved', async () => (await options.textContent('.msg')) === '✓');
    await options.fill('input[name=email]', EMAIL);
    await options.click('form:has(input[name=email]) button[type=submit]');
    await options.waitForSelector('input[name=code]');
    await options.fill('input[name=code]', newestCode(mailDir, EMAIL));
    await options.click('form:has(input[name=code]) button[type=submit]');
    await options.waitForSelector('[data-signed-in]');
    log('signed in through the options page');

    // A mission, through the options page.
    await options.fill('input[name=clientName]', 'ACME SA');
    await options.fill('input[name=dailyRate]', '650');
    await options.selectOption('select[name=plan]', 'flash');
    await options.click('form[name=mission] button[type=submit]');
    await until('mission created', async () => (await options.textContent('.msg'))?.includes('Mission'));
    await options.screenshot({ path: join(artifacts, 'options.png'), fullPage: true });

    // The test's own token, to read what reached the API.
    await call('POST', '/v1/auth/code', undefined, { email: EMAIL });
    const token = (await call('POST', '/v1/auth/token', undefined, { email: EMAIL, code: newestCode(mailDir, EMAIL) })).json.token as string;
    const mission = (await call('GET', '/v1/missions', token)).json.missions[0];
    assert.ok(mission, 'the mission exists in the API');
    const serverDays = async (month: string) => (await call('GET', `/v1/missions/${mission.id}/cras/${month}`, token)).json?.days as Record<string, number>;

    // Popup: capture days; they reach the API.
    const openPopup = async () => {
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(url('popup.html'));
      await page.waitForSelector('body[data-ready]');
      const wall = Date.now() - t0;
      const inPage = Number(await page.getAttribute('body', 'data-rendered-ms'));
      const script = Number(await page.getAttribute('body', 'data-script-ms'));
      return { page, wall, inPage, script };
    };
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
    server = await startNodeServer({ ...config, port });
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

    const cra = (await call('GET', `/v1/missions/${mission.id}/cras/${month}`, token)).json;
    const shownDays = await second.page.textContent('[data-total=days]');
    assert.equal(Number(shownDays?.replace(',', '.')), cra.totals.days, 'the popup total matches the API');

    for (const [label, m] of [['first open', first], ['reopen after the worker was killed', second]] as const) {
      console.log(`[e2e] popup (${label}): cached data rendered ${m.inPage} ms after navigation start (script started at ${m.script} ms, so ${m.inPage - m.script} ms from our code to cached data; ${m.wall} ms wall incl. goto)`);
    }
    console.log('[e2e] screenshots in test/artifacts/: options.png popup-cra.png popup-money.png popup-cra-offline.png popup-cra-synced.png popup-conflict.png');
  } finally {
    await context.close().catch(() => undefined);
    await server.close().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}
