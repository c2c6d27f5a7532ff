import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { readFileSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { workingDaysOfMonth } from '../../shared/calendar/working-days';
import { littlebigMission, sellerProfile } from '../helpers/api';
import { overlayOf } from './closed-overlay';
import { apiCaller, extensionSender, launchWithExtension, scratchApi, signInExtension, runAsScript, testToken, until } from './support';

/**
 * Portal overlays end to end, in real Chromium with the portal test build loaded
 * (`.output-portals`, built with RELAIS_PORTAL_TEST=1 so the content scripts also match the
 * fixture server: LittleBIG on 127.0.0.1, SMart on localhost), against the real API on a
 * scratch database. Fill a CRA from the API's days after the preview, check every input,
 * submit only after both confirmations; a validation seen on the portal reaches the API; the
 * renamed page shows the breakage, fills nothing and reports it (its redacted snapshot, a bundle
 * of its own, loaded on the click). Each kind of page gets its own overlay bundle, and only the
 * pages Relais knows (a portal screen without an adapter loads none); single-page navigation
 * away, to another kind of page and back keeps one overlay at most and injects a bundle once.
 *
 * `node --import tsx test/e2e/portals.e2e.ts` runs it alone (SKIP_BUILD=1 reuses the build).
 */

const root = resolve(import.meta.dirname, '../..');
const outDir = '.output-portals';
const extensionDir = resolve(root, outDir, 'chrome-mv3');
const artifacts = resolve(root, 'test/artifacts');
const fixturesDir = resolve(root, 'test/fixtures/portals');
const EMAIL = 'portals-e2e@relais.test';
const log = (...args: unknown[]) => console.log('[e2e:portals]', ...args);

const OTHER_PAGE = '/tableau-de-bord';
/** In the extension world: the bundles (extension/portals/bundles.ts) that have run in the page. */
const LOADED_BUNDLES = `Object.keys(globalThis).filter((k) => k.startsWith('relais:') && k.endsWith('-overlay')).map((k) => k.slice(7)).sort()`;

/**
 * Evaluates `expression` in the page's extension world (where the content script and the
 * overlay bundle it has injected run, apart from the page's own scripts); undefined while the
 * page has none.
 */
async function inExtensionWorld(page: Page, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const worlds: { id: number; origin: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => void worlds.push(context));
    await cdp.send('Runtime.enable');
    const world = worlds.find((w) => w.auxData?.type === 'isolated' && w.origin.startsWith('chrome-extension://'));
    if (!world) return undefined;
    return (await cdp.send('Runtime.evaluate', { expression, contextId: world.id, returnByValue: true })).result.value;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Serves each fixture at its real URL's path (fixtures.json), on any host name. */
export function serveFixtures(port = 0): Promise<{ server: Server; port: number }> {
  const list = JSON.parse(readFileSync(join(fixturesDir, 'fixtures.json'), 'utf8')).fixtures as { file: string; url: string }[];
  const byPath = new Map(list.map((f) => [new URL(f.url).pathname, f.file]));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    // A screen of the portal Relais has no adapter for.
    if (path === OTHER_PAGE) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="fr"><title>Tableau de bord</title><body><main><h1>Tableau de bord</h1></main></body></html>');
      return;
    }
    const file = byPath.get(path);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    let html = readFileSync(join(fixturesDir, file), 'utf8');
    // The breakage case: the redesigned page (which still reads: its days keep their roles and
    // dates) served with its day cells' dates gone, so no day can be told from another.
    if (file === 'littlebig/cra-renamed.html') html = html.replace(/(role="gridcell"[^>]*?) aria-label="[^"]*"/g, '$1');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok({ server, port: (server.address() as { port: number }).port })));
}

export function buildPortalTestExtension() {
  execSync('npx wxt build', { cwd: root, stdio: 'inherit', env: { ...process.env, RELAIS_EXT_OUT: outDir, RELAIS_PORTAL_TEST: '1' } });
}

export async function runPortalsE2e() {
  const { work, mailDir, apiUrl, server: api } = await scratchApi('portals-e2e');
  const fixtures = await serveFixtures();
  const portal = `http://127.0.0.1:${fixtures.port}`;
  log('API on', apiUrl, '· fixtures on', portal);
  mkdirSync(artifacts, { recursive: true });

  const call = apiCaller(apiUrl);

  const { context, extensionId } = await launchWithExtension(join(work, 'profile'), extensionDir, { width: 1280, height: 900 });
  try {
    const { ext, send } = await extensionSender(context, extensionId);
    await signInExtension(send, apiUrl, mailDir, EMAIL);
    log('extension signed in');

    // The test's own token; a mission known on the portal as M-48213, and its days.
    const token = await testToken(apiUrl, mailDir, EMAIL);
    // A complete seller profile: an invoice is issued only with every mandatory mention.
    assert.equal((await call('PUT', '/v1/profile', token, sellerProfile)).status, 200);
    const created = await call('POST', '/v1/missions', token, { ...littlebigMission, portalRef: 'M-48213' });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const missionId = created.json.id as string;
    const october: Record<string, number> = Object.fromEntries(workingDaysOfMonth('2026-10').map((d) => [d, 1]));
    october['2026-10-16'] = 0.5;
    october['2026-10-30'] = 0;
    assert.equal((await call('PUT', `/v1/missions/${missionId}/cras/2026-10`, token, { days: october })).status, 200);
    // August as the portal shows it validated (14/08 off), so the validation can be recorded.
    const august: Record<string, number> = Object.fromEntries(workingDaysOfMonth('2026-08').map((d) => [d, 1]));
    august['2026-08-14'] = 0;
    assert.equal((await call('PUT', `/v1/missions/${missionId}/cras/2026-08`, token, { days: august })).status, 200);

    // ---- A portal page Relais does not know: the content script runs, the overlay bundle is never loaded.
    const other = await context.newPage();
    await other.goto(`${portal}${OTHER_PAGE}`);
    await until('the content script on the other page', async () => (await inExtensionWorld(other, 'typeof littlebig')) === 'object');
    await other.waitForTimeout(1_000);
    assert.deepEqual(await inExtensionWorld(other, LOADED_BUNDLES), [], 'no overlay bundle off the pages Relais knows');
    assert.equal(await overlayOf(other).hosts(), 0);
    await other.close();

    // ---- The CRA to fill.
    const page: Page = await context.newPage();
    await page.goto(`${portal}/missions/M-48213/cra/2026-10`);
    // The overlay's shadow root is read and clicked through CDP (closed-overlay.ts): no CSS piercing, trusted clicks.
    const ov = overlayOf(page);
    await ov.wait('[data-relais="fill"]', 20_000);
    const inputs = () => page.$$eval('[data-testid="cra-calendar"] [role="gridcell"] input', (els) => els.map((e) => (e as HTMLInputElement).value));
    assert.equal(await ov.count('.d.x'), 21, 'the 21 working days Relais has (a 0 on a blank day is no change) differ before filling');
    await page.screenshot({ path: join(artifacts, 'portal-cra-overlay.png') });

    await ov.click('[data-relais="fill"]');
    await ov.wait('[data-relais="preview"]');
    assert.equal(await ov.count('[data-relais="preview"] li'), 21, 'the preview lists every change');
    assert.ok((await inputs()).every((v) => v === ''), 'nothing is filled before the confirmation');
    await page.screenshot({ path: join(artifacts, 'portal-cra-preview.png') });

    await ov.click('[data-relais="confirm-fill"]');
    await ov.wait('[data-relais="verified"]');
    const expected = Array.from({ length: 31 }, (_, i) => {
      const q = october[`2026-10-${String(i + 1).padStart(2, '0')}`];
      // A 0 in Relais on a blank portal day stays blank: there is nothing to change.
      return q === undefined || q === 0 ? '' : String(q).replace('.', ',');
    });
    assert.deepEqual(await inputs(), expected, 'every input shows Relais’ day');
    assert.equal(await page.textContent('[data-testid="cra-total"] strong'), '20,5', 'the portal app received the input events (20 days, a half day, a day off)');
    log('filled and verified', expected.filter(Boolean).length, 'days');
    await page.screenshot({ path: join(artifacts, 'portal-cra-filled.png') });

    // ---- Submit: two explicit confirmations, nothing before the second.
    const submittedDays = () => page.getAttribute('[data-testid="cra-page"]', 'data-submitted-days');
    await ov.click('[data-relais="submit"]');
    await ov.wait('[data-relais="confirm1"]');
    assert.equal(await submittedDays(), null, 'not submitted after opening the confirmation');
    await ov.click('[data-relais="confirm-submit-1"]');
    await ov.wait('[data-relais="confirm2"]');
    assert.equal(await submittedDays(), null, 'not submitted after the first confirmation');
    await page.screenshot({ path: join(artifacts, 'portal-cra-confirm2.png') });
    await ov.click('[data-relais="confirm-submit-2"]');
    await ov.wait('[data-relais="submitted"]');
    const appState = JSON.parse((await submittedDays()) ?? '{}') as Record<string, string>;
    assert.equal(appState['16'], '0,5', 'the portal submitted the filled values');
    assert.equal(await page.textContent('[data-testid="cra-status"] .MuiChip-label'), 'En attente de validation');
    // Read back: the portal now says submitted, and Relais follows.
    await until('Relais CRA submitted too', async () => (await call('GET', `/v1/missions/${missionId}/cras/2026-10`, token)).json?.state === 'submitted');
    log('submitted after two confirmations; Relais CRA submitted');

    // Single-page navigation: one overlay, never two.
    await page.evaluate(() => history.pushState(null, '', `${location.pathname}?tab=1`));
    await page.waitForTimeout(1_500);
    await ov.wait('[data-relais="cra"]');
    assert.equal(await ov.hosts(), 1, 'no duplicate overlay after SPA navigation');
    assert.deepEqual(await inExtensionWorld(page, LOADED_BUNDLES), ['littlebig-cra-overlay'], 'only the CRA overlay bundle was injected for the CRA page');
    // Off to a screen Relais does not know, then back: the overlay goes, then comes back once.
    await page.evaluate((path) => history.pushState(null, '', path), OTHER_PAGE);
    await until('no overlay on the other screen', async () => (await ov.hosts()) === 0);
    await page.evaluate(() => history.back());
    await ov.wait('[data-relais="cra"]');
    assert.equal(await ov.hosts(), 1, 'one overlay after coming back');

    // Single-page navigation to another kind of page (the app renders the missions screen): its
    // own bundle is injected and shows its overlay, the CRA's goes; back on the CRA, the CRA's
    // bundle (not injected again) shows it once more.
    await inExtensionWorld(page, `globalThis.craStart = globalThis['relais:littlebig-cra-overlay']`);
    const missionsHtml = await (await fetch(`${portal}/missions`)).text();
    await page.evaluate((html) => {
      const app = document.body.cloneNode(true) as HTMLElement;
      for (const el of Array.from(app.querySelectorAll('relais-overlay'))) el.remove();
      (window as unknown as { craBody: HTMLElement }).craBody = app;
      document.body.replaceWith(new DOMParser().parseFromString(html, 'text/html').body);
      history.pushState(null, '', '/missions');
    }, missionsHtml);
    await ov.wait('[data-relais="read"]', 20_000);
    assert.equal(await ov.hosts(), 1, 'one overlay on the missions screen');
    assert.deepEqual(await inExtensionWorld(page, LOADED_BUNDLES), ['littlebig-cra-overlay', 'littlebig-read-overlay'], 'the reading overlay injected for the missions screen');
    await page.evaluate(() => {
      document.body.replaceWith((window as unknown as { craBody: HTMLElement }).craBody);
      history.back();
    });
    await ov.wait('[data-relais="cra"]');
    await page.waitForTimeout(500);
    assert.equal(await ov.hosts(), 1, 'one overlay back on the CRA');
    assert.equal(await inExtensionWorld(page, `globalThis.craStart === globalThis['relais:littlebig-cra-overlay']`), true, 'the CRA bundle was not injected twice');
    log('SPA navigation CRA → missions → CRA: one overlay each time, each bundle injected once');

    // ---- A validated month seen on the portal: the validation reaches the API (invoice, payout forecast).
    const validated = await context.newPage();
    await validated.goto(`${portal}/missions/M-48213/cra/2026-08`);
    const validatedOv = overlayOf(validated);
    await validatedOv.wait('[data-relais-outcome]', 20_000).catch(() => undefined);
    await validated.screenshot({ path: join(artifacts, 'portal-cra-validated.png') });
    log('validated page says:', await validatedOv.text('[data-relais="overlay"]'));
    await validatedOv.wait('[data-relais-outcome="validated"]', 5_000);
    const aug = (await call('GET', `/v1/missions/${missionId}/cras/2026-08`, token)).json;
    assert.equal(aug.state, 'validated');
    const invoices = (await call('GET', '/v1/invoices', token)).json.invoices as { serviceMonth: string; issuedOn: string; payoutEarliest: string }[];
    const inv = invoices.find((i) => i.serviceMonth === '2026-08');
    assert.ok(inv && inv.issuedOn === '2026-09-03' && inv.payoutEarliest, 'the invoice is dated the validation day and has its payout date');
    await validated.screenshot({ path: join(artifacts, 'portal-cra-validated.png') });
    log('validation of 03/09/2026 recorded; payout', inv.payoutEarliest);

    // ---- A page whose days carry no date any more: breakage shown, nothing filled, a report received by the API.
    const broken = await context.newPage();
    await broken.goto(`${portal}/missions/M-48213/cra/2026-11`);
    const brokenOv = overlayOf(broken);
    await brokenOv.wait('[data-relais="broken"]', 20_000);
    assert.equal(await brokenOv.count('[data-relais="fill"]'), 0, 'no fill button');
    assert.doesNotMatch(await brokenOv.text('[data-relais="broken"]'), /dayCell|dayInput|selector|cra\b/, 'the notice names what changed in words, not by its selector key');
    assert.ok((await broken.$$eval('input', (els) => els.map((e) => (e as HTMLInputElement).value))).every((v) => v === ''), 'nothing filled');
    const reports = await until('breakage report in the API', async () => {
      const r = (await call('GET', '/v1/portals/reports', token)).json?.reports as { selectorKey: string; page: string }[] | undefined;
      return r?.length ? r : undefined;
    });
    assert.deepEqual(reports.map((r) => [r.page, r.selectorKey]), [['cra', 'dayCell']]);
    const stored = await send({ type: 'auth.status' }).then(() => ext.evaluate(() => (globalThis as any).chrome.storage.local.get('portalBreakage')));
    assert.equal(stored.portalBreakage?.littlebig?.selectorKey, 'dayCell', 'the popup can show the breakage');
    await broken.screenshot({ path: join(artifacts, 'portal-cra-broken.png') });
    const snapshotLoaded = () => inExtensionWorld(broken, `typeof globalThis['relais:portal-snapshot']`);
    assert.equal(await snapshotLoaded(), 'undefined', 'the redaction is not loaded before the click');
    const download = broken.waitForEvent('download');
    await brokenOv.click('[data-relais="snapshot"]');
    const snapshot = readFileSync((await (await download).path())!, 'utf8');
    assert.ok(!snapshot.includes('Camille Dupont') && !snapshot.includes('<script') && snapshot.includes('data-testid="cra-calendar"'), 'the snapshot is redacted');
    assert.equal(await brokenOv.count('[data-relais="broken"]'), 1, 'the notice stays after the download');
    assert.equal(await snapshotLoaded(), 'function', 'the redaction bundle injected on the click');
    log('renamed page: breakage shown, nothing filled, report', reports[0]);

    // ---- SMart quote form: the minimum gross warning with its two ways out.
    const smart = await context.newPage();
    await smart.goto(`http://localhost:${fixtures.port}/activites/A-20931/devis/nouveau`);
    const smartOv = overlayOf(smart);
    await smartOv.wait('[data-relais="below-minimum"]', 20_000);
    assert.equal(await smartOv.count('[data-relais="below-minimum"] button'), 2, 'raise the amount, or part time');
    await smart.screenshot({ path: join(artifacts, 'portal-smart-quote.png') });
    log('SMart quote: minimum gross warning shown');
    assert.deepEqual(await inExtensionWorld(smart, LOADED_BUNDLES), ['smart-quote-overlay'], 'only the quote form overlay on the quote form');

    // ---- SMart quote list: its own overlay reads the quotes.
    const quotes = await context.newPage();
    await quotes.goto(`http://localhost:${fixtures.port}/activites/A-20931/devis`);
    await overlayOf(quotes).wait('[data-relais="read"]', 20_000);
    assert.deepEqual(await inExtensionWorld(quotes, LOADED_BUNDLES), ['smart-list-overlay'], 'only the quote list overlay on the quote list');
    log('SMart quote list: read by its own overlay');

    // ---- The overlay speaks the language chosen in the options (the browser here is French).
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await Promise.all([options.waitForEvent('load'), options.selectOption('select[name="language"]', 'en')]);
    await options.close();
    const english = await context.newPage();
    await english.goto(`${portal}/missions/M-48213/cra/2026-10`);
    const englishOv = overlayOf(english);
    await englishOv.wait('[data-relais="fill"]', 20_000);
    const said = await englishOv.text();
    assert.match(said, /October 2026/, `the month in English: ${said}`);
    assert.doesNotMatch(said, /Soumettre|Remplir|octobre/, 'no French left in the overlay');
    await english.screenshot({ path: join(artifacts, 'portal-cra-english.png') });
    log('overlay in English after choosing English in the options');

    console.log('[e2e:portals] screenshots in test/artifacts/: portal-cra-overlay.png portal-cra-preview.png portal-cra-filled.png portal-cra-confirm2.png portal-cra-validated.png portal-cra-broken.png portal-smart-quote.png');
  } finally {
    await context.close().catch(() => undefined);
    await api.close().catch(() => undefined);
    await new Promise((r) => fixtures.server.close(r));
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!process.env.SKIP_BUILD) buildPortalTestExtension();
  runAsScript('[e2e:portals]', runPortalsE2e);
}
