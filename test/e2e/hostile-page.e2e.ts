import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { workingDaysOfMonth } from '../../shared/calendar/working-days';
import { littlebigMission, sellerProfile } from '../helpers/api';
import { overlayOf } from './closed-overlay';
import { serveFixtures } from './portals.e2e';
import { apiCaller, extensionSender, launchWithExtension, scratchApi, signInExtension, testToken } from './support';

/**
 * The overlay against a hostile portal page (OVERLAY-CONTRACT.md: `<relais-overlay>` has a closed
 * shadow root and ignores synthetic events).
 *
 * First the test helper itself (closed-overlay.ts), on a page of its own with a closed root that
 * re-renders and records `isTrusted`, then an open one: it finds, reads and clicks through both, and
 * its clicks are trusted. Then the portal test build on the CRA fixture, signed in with a month to
 * fill: the page's own scripts (the page world) try to reach the overlay (`host.shadowRoot`, a
 * patched `attachShadow` installed before anything ran) and to click its buttons with `.click()`
 * and `dispatchEvent(new MouseEvent('click'))`: fill, confirm-fill, then submit and both
 * confirmations; then the same synthetic clicks on the buttons themselves, as a script holding a
 * reference would make (through CDP: the `isTrusted` check, whatever the root's mode). Strict:
 * any synthetic click that opens the preview, writes an input, opens a submit confirmation or
 * submits fails the test; while the build still has an open root that is logged ("open root:
 * lead has not switched yet"), and once closed, `shadowRoot` must be null and no button found.
 *
 * `node --import tsx test/e2e/hostile-page.e2e.ts` runs it alone (needs `.output-portals`).
 */
const root = resolve(import.meta.dirname, '../..');
const extensionDir = resolve(root, '.output-portals', 'chrome-mv3');
const EMAIL = 'hostile-e2e@relais.test';
const log = (...args: unknown[]) => console.log('[e2e:hostile]', ...args);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A stand-in overlay: `mode` shadow root, buttons that act only on trusted clicks, a checkbox, a churning part. */
const STAND_IN = (mode: 'open' | 'closed') => `<!doctype html><html><body style="margin:0">
<div style="height:2400px">tall page: the overlay is below the fold</div>
<relais-overlay></relais-overlay>
<div id="cover" style="position:fixed;left:0;top:0;width:100%;height:60px;background:#eee;z-index:9">page banner</div>
<script>(() => {
  window.seen = [];
  const host = document.querySelector('relais-overlay');
  const shadow = host.attachShadow({ mode: '${mode}' });
  shadow.innerHTML = '<style>.x{color:red}</style><div data-relais="overlay"><p>Relais</p><div id="body"></div><div id="churn"></div></div>';
  const body = shadow.getElementById('body');
  const idle = () => { body.innerHTML = '<button data-relais="fill">Remplir</button><button class="other">Autre</button>'; };
  idle();
  shadow.addEventListener('click', (e) => {
    const t = e.target.closest && e.target.closest('[data-relais]');
    const name = t && t.getAttribute('data-relais');
    window.seen.push(name + ':' + e.isTrusted);
    if (!e.isTrusted) return;
    if (name === 'fill') body.innerHTML = '<div data-relais="preview" data-n="3"><p>Trois écritures</p><ul><li>1</li><li>2</li><li data-relais-clear>3 <input type="checkbox" data-relais="clear"></li></ul><button data-relais="confirm-fill">OK</button></div>';
    if (name === 'churn-btn') window.churned = (window.churned || 0) + 1;
  });
  shadow.addEventListener('change', (e) => window.seen.push('change:' + e.target.checked + ':' + e.isTrusted));
  // Re-rendered every 20 ms: new nodes each time, the ids the helper fetched go stale (but not
  // while a button is held down, or a real click would fall between two buttons).
  let n = 0;
  let held = false;
  shadow.addEventListener('mousedown', () => { held = true; }, true);
  document.addEventListener('mouseup', () => setTimeout(() => { held = false; }), true);
  const churn = () => { if (!held) shadow.getElementById('churn').innerHTML = '<span data-relais="churn">tour ' + (++n) + '</span> <button data-relais="churn-btn">b</button>'; };
  churn();
  setInterval(churn, 20);
  // Under the page banner (fixed at the top, z-index 9): hidden from real clicks.
  const under = document.createElement('button'); under.setAttribute('data-relais', 'covered'); under.textContent = 'sous la bannière';
  under.style.cssText = 'position:fixed;left:10px;top:10px;z-index:1';
  shadow.append(under);
})();</script></body></html>`;

/** The helper on stand-in overlays, closed and open: reading, waiting, trusted clicks, re-renders, strictness. */
export async function helperSelfTest(page: Page) {
  for (const mode of ['closed', 'open'] as const) {
    await page.goto('about:blank');
    await page.setContent(STAND_IN(mode));
    const ov = overlayOf(page);
    assert.equal(await page.evaluate(() => document.querySelector('relais-overlay')!.shadowRoot === null), mode === 'closed', `${mode}: what the page sees of the root`);
    assert.equal(await ov.hosts(), 1);
    assert.equal(await ov.exists('[data-relais="fill"]'), true);
    assert.equal(await ov.count('button'), 4, 'fill, other, churn-btn, covered');
    assert.equal(await ov.exists('[data-relais="preview"]'), false);
    const all = await ov.text();
    assert.ok(all.startsWith('Relais') && !all.includes('color:red'), `text() is the overlay without its style: ${all}`);

    await ov.untrustedClick('[data-relais="fill"]'); // seen, but isTrusted false: ignored
    assert.equal(await ov.exists('[data-relais="preview"]'), false);
    await ov.click('[data-relais="fill"]'); // below the fold: scrolled into view first
    await ov.wait('[data-relais="preview"]', 2_000);
    assert.equal(await ov.count('[data-relais="preview"] li'), 3);
    assert.equal(await ov.text('[data-relais="preview"] p'), 'Trois écritures');
    assert.equal(await ov.attr('[data-relais="preview"]', 'data-n'), '3');
    assert.equal(await ov.attr('[data-relais="preview"]', 'data-absent'), null);
    await ov.check('input[data-relais="clear"]');
    await ov.check('input[data-relais="clear"]'); // already checked: no second click
    await ov.click('[data-relais="confirm-fill"]');

    // Through the re-renders: every read and click starts over on stale nodes.
    for (let i = 0; i < 10; i++) {
      assert.match(await ov.text('[data-relais="churn"]'), /^tour \d+$/);
      await ov.click('[data-relais="churn-btn"]');
    }
    assert.equal(await page.evaluate(() => (window as any).churned), 10, 'ten trusted clicks through the churn');

    await assert.rejects(ov.click('button'), /needs exactly one match, 3 elements match/, 'several matches: refused at once');
    await assert.rejects(ov.click('[data-relais="covered"]', 800), /something else is at/, 'a click that would land on the page banner is not made');
    await assert.rejects(ov.wait('[data-relais="never"]', 300), /timed out/);

    const seen = (await page.evaluate(() => (window as any).seen)) as string[];
    assert.deepEqual(seen.filter((s) => !s.startsWith('churn')), ['fill:false', 'fill:false', 'fill:true', 'clear:true', 'change:true:true', 'confirm-fill:true'], `${mode}: the helper's clicks trusted, one event each (the untrusted click's two aside): ${seen}`);
    await ov.close();
    log(`helper on a ${mode} root: found, read, waited, ten clicks through re-renders, all trusted`);
  }
}

/**
 * In the page world: finds `selector` inside the overlay the way a page script can (its
 * `shadowRoot` when open, the light DOM otherwise) and clicks every match both ways, and the
 * host too. What it saw: the root open or not, how many it found, whether a patched
 * `attachShadow` captured Relais' root.
 */
const synthClick = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const host = document.querySelector('relais-overlay');
    const root = host?.shadowRoot ?? null;
    const found = Array.from((root ?? document).querySelectorAll<HTMLElement>(sel));
    for (const el of found) {
      el.click();
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, view: window }));
    }
    if (host instanceof HTMLElement) {
      host.click();
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, view: window }));
    }
    const captured = ((window as any).capturedRoots as ShadowRoot[]).filter((r) => r.host.localName === 'relais-overlay').length;
    return { host: !!host, rootOpen: root !== null, found: found.length, captured };
  }, selector);

/** The hostile page on the CRA fixture, with the portal test build signed in and October to fill. */
async function hostileCra() {
  const { work, mailDir, apiUrl, server: api } = await scratchApi('hostile-e2e');
  const fixtures = await serveFixtures();
  const portal = `http://127.0.0.1:${fixtures.port}`;
  const call = apiCaller(apiUrl);
  const { context, extensionId } = await launchWithExtension(join(work, 'profile'), extensionDir, { width: 1280, height: 900 });
  const failures: string[] = [];
  const expect = (ok: boolean, what: string) => (ok ? log('ok:', what) : (failures.push(what), log('FAIL:', what)));
  try {
    const { send } = await extensionSender(context, extensionId);
    await signInExtension(send, apiUrl, mailDir, EMAIL);
    const token = await testToken(apiUrl, mailDir, EMAIL);
    assert.equal((await call('PUT', '/v1/profile', token, sellerProfile)).status, 200);
    const created = await call('POST', '/v1/missions', token, { ...littlebigMission, portalRef: 'M-48213' });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const october = Object.fromEntries(workingDaysOfMonth('2026-10').map((d) => [d, 1]));
    assert.equal((await call('PUT', `/v1/missions/${created.json.id}/cras/2026-10`, token, { days: october })).status, 200);

    const page = await context.newPage();
    // The page's own script, before anything else: keeps every shadow root attached through its attachShadow.
    await page.addInitScript(() => {
      const roots: ShadowRoot[] = ((window as any).capturedRoots = []);
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init: ShadowRootInit) {
        const r = attach.call(this, init);
        roots.push(r);
        return r;
      };
    });
    await page.goto(`${portal}/missions/M-48213/cra/2026-10`);
    const ov = overlayOf(page);
    await ov.wait('[data-relais="fill"]', 20_000);
    const inputs = () => page.$$eval('[data-testid="cra-calendar"] [role="gridcell"] input', (els) => els.map((e) => (e as HTMLInputElement).value));
    const submitted = () => page.getAttribute('[data-testid="cra-page"]', 'data-submitted-days');

    // Each step twice: the page's own script (what it can find), then a synthetic click on the
    // element itself, as a script that got hold of it would make (through CDP here: the
    // isTrusted check, whatever the root's mode). Once one got through, the second is moot.
    // ---- Fill: synthetic clicks must not open the preview.
    const fill = await synthClick(page, '[data-relais="fill"]');
    log('page world saw', JSON.stringify(fill));
    assert.ok(fill.host, 'the page sees the host element');
    if (fill.rootOpen) log('open root: lead has not switched yet');
    else {
      expect(true, 'closed root: host.shadowRoot is null in the page world');
      expect(fill.found === 0, 'closed root: the page finds no overlay button');
    }
    expect(fill.captured === 0, 'the page’s patched attachShadow never got Relais’ root (attached in the extension world)');
    await pause(600);
    const previewed = await ov.exists('[data-relais="preview"]');
    expect(!previewed, 'the page’s synthetic click on fill does not open the preview');
    if (!previewed) {
      await ov.untrustedClick('[data-relais="fill"]');
      await pause(600);
      expect(!(await ov.exists('[data-relais="preview"]')), 'a synthetic click on the fill button itself (isTrusted false) does not open the preview');
    }
    if (!(await ov.exists('[data-relais="preview"]'))) await ov.click('[data-relais="fill"]');
    await ov.wait('[data-relais="preview"]', 5_000);

    // ---- Confirm the fill: synthetic clicks must write nothing.
    const untouched = async () => (await inputs()).every((v) => v === '') && !(await ov.exists('[data-relais="verified"]'));
    await synthClick(page, '[data-relais="confirm-fill"]');
    await pause(800);
    const notFilled = await untouched();
    expect(notFilled, 'the page’s synthetic click on confirm-fill writes no input');
    if (notFilled) {
      await ov.untrustedClick('[data-relais="confirm-fill"]');
      await pause(800);
      expect(await untouched(), 'a synthetic click on the confirm-fill button itself (isTrusted false) writes no input');
    }
    if (await ov.exists('[data-relais="confirm-fill"]')) await ov.click('[data-relais="confirm-fill"]');
    await ov.wait('[data-relais="verified"]', 5_000);
    expect((await inputs()).some((v) => v !== ''), 'trusted clicks (the helper’s) do fill: control');

    // ---- Submit and both confirmations: synthetic clicks must submit nothing.
    const reached = async () => {
      const seen = [];
      for (const s of ['confirm1', 'confirm2', 'submitted']) if (await ov.exists(`[data-relais="${s}"]`)) seen.push(s);
      if ((await submitted()) !== null) seen.push('the portal says submitted');
      return seen;
    };
    const steps = ['submit', 'confirm-submit-1', 'confirm-submit-2'];
    for (const step of steps) {
      await synthClick(page, `[data-relais="${step}"]`);
      await pause(400);
    }
    await pause(600);
    const byPage = await reached();
    expect(byPage.length === 0, `the page’s synthetic clicks on submit and its confirmations reach no confirmation and do not submit (reached: ${byPage.join(', ') || 'nothing'})`);
    if (!byPage.length) {
      for (const step of steps) {
        if (await ov.exists(`[data-relais="${step}"]`)) await ov.untrustedClick(`[data-relais="${step}"]`);
        await pause(400);
      }
      await pause(600);
      const byRef = await reached();
      expect(byRef.length === 0, `synthetic clicks on the submit buttons themselves (isTrusted false) reach no confirmation and do not submit (reached: ${byRef.join(', ') || 'nothing'})`);
      if (!byRef.length) expect(await ov.exists('[data-relais="submit"]'), 'the submit button is still there for a real click: control');
    }
  } finally {
    await context.close().catch(() => undefined);
    await api.close().catch(() => undefined);
    await new Promise((r) => fixtures.server.close(r));
  }
  assert.equal(failures.length, 0, `the hostile page got through: ${failures.join('; ')}`);
}

export async function runHostilePageE2e() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    await helperSelfTest(await browser.newPage({ viewport: { width: 800, height: 600 } }));
  } finally {
    await browser.close();
  }
  await hostileCra();
  log('the page world reached nothing of the overlay and its synthetic clicks did nothing');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runHostilePageE2e().then(
    () => (console.log('[e2e:hostile] PASS'), process.exit(0)),
    (e: unknown) => (console.error('[e2e:hostile] FAIL', e), process.exit(1)),
  );
}
