import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { Window } from 'happy-dom';
import type { Page } from 'playwright-core';
import { workingDaysOfMonth } from '../../shared/calendar/working-days';
import { littlebigMission, sellerProfile } from '../helpers/api';
import { variants, type Variant } from '../portals/mutations/variants';
import { craAdapter } from '../../extension/portals/littlebig/cra';
import { overlayOf, type Overlay } from './closed-overlay';
import { apiCaller, extensionSender, launchWithExtension, scratchApi, signInExtension, testToken, until } from './support';

/**
 * The mutation suite, in Chromium with the built portal test extension (`.output-portals`)
 * against the real API: every variant of test/portals/mutations/variants.ts served at its
 * fixture's URL and driven as a user would, with trusted clicks through the closed overlay
 * (closed-overlay.ts). A benign variant is filled, verified, submitted on its one true submit
 * button, and the portal's own record of what it received equals Relais' days. A breaking one
 * ends with the overlay's refusal for its reason, the page's inputs as they were (or, for a
 * value the portal changed after the fill, not submitted), and no button of the page pressed.
 * Plus the portal's own month arrows on the www page: the plan made for October dies with its
 * page, and November (no days in Relais) plans nothing.
 *
 * `SKIP_BUILD=1 node --import tsx test/e2e/portals-mutations.e2e.ts` runs it alone.
 */

const root = resolve(import.meta.dirname, '../..');
const extensionDir = resolve(root, '.output-portals', 'chrome-mv3');
const fixturesDir = resolve(root, 'test/fixtures/portals');
const artifacts = resolve(root, 'test/artifacts/mutations');
const EMAIL = 'mutations-e2e@relais.test';
const log = (...args: unknown[]) => console.log('[e2e:mutations]', ...args);
const FIXTURES = JSON.parse(readFileSync(join(fixturesDir, 'fixtures.json'), 'utf8')).fixtures as { name: string; file: string; url: string }[];

/** The variant's page: the saved fixture, transformed, with its running-page behaviour appended. */
function variantHtml(v: Variant): string {
  const f = FIXTURES.find((x) => x.name === v.fixture)!;
  const window = new Window({ url: f.url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  window.document.write(readFileSync(join(fixturesDir, f.file), 'utf8'));
  const doc = window.document as unknown as Document;
  v.mutate?.(doc);
  if (v.script) {
    const s = doc.createElement('script');
    s.textContent = v.script;
    doc.body.appendChild(s);
  }
  return `<!doctype html>${doc.documentElement.outerHTML}`;
}

/** Serves `?v=<variant>` at any path (the fixture's own path keeps the URL the overlay reads). */
function serveVariants(all: readonly Variant[], extra: Readonly<Record<string, string>> = {}): Promise<{ server: Server; port: number }> {
  const pages = new Map([...all.map((v) => [v.name, variantHtml(v)] as const), ...Object.entries(extra)]);
  const server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').searchParams.get('v') ?? '';
    const html = pages.get(name);
    if (!html) return void res.writeHead(404).end('no such variant');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, port: (server.address() as { port: number }).port })));
}

/**
 * SMart's quote form in its two renderings: the Razor form as saved (date and number inputs, the
 * client picked with buttons, the form's own option codes), and the Vue form whose contract type
 * offers only codes Relais does not know.
 */
function SMART_PAGES(): Record<string, string> {
  const load = (name: string, mutate?: (doc: Document) => void) => {
    const f = FIXTURES.find((x) => x.name === name)!;
    const window = new Window({ url: f.url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
    window.document.write(readFileSync(join(fixturesDir, f.file), 'utf8'));
    mutate?.(window.document as unknown as Document);
    return `<!doctype html>${window.document.documentElement.outerHTML}`;
  };
  return {
    'smart:razor': load('smart/razor-quote-form'),
    'smart:unknown-codes': load('smart/quote-form', (doc) => {
      doc.querySelector('select')!.innerHTML = '<option value="">Choisir</option><option value="T1">Type 1</option><option value="T2">Type 2</option>';
    }),
  };
}

/** The variant's URL on the fixture server: the fixture's path and hash, the variant in the query. */
const urlOf = (port: number, v: Variant) => {
  const u = new URL(FIXTURES.find((x) => x.name === v.fixture)!.url);
  return `http://127.0.0.1:${port}${u.pathname}?v=${encodeURIComponent(v.name)}${u.hash}`;
};

/** Every day input's value by its date (data-date, or the cell's label), as the page holds it now. */
const pageDays = (page: Page) =>
  page.evaluate(() => {
    const out: Record<string, string> = {};
    const months = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
    for (const cell of Array.from(document.querySelectorAll('[role="gridcell"], td[data-date]'))) {
      const input = cell.querySelector('input');
      if (!input) continue;
      let date = cell.getAttribute('data-date');
      const m = /(\d{1,2}) ([a-zéû]+) (\d{4})/.exec(cell.getAttribute('aria-label') ?? '');
      if (!date && m) date = `${m[3]}-${String(months.indexOf(m[2]!) + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
      out[`${date}#${Object.keys(out).filter((k) => k.startsWith(`${date}#`)).length}`] = input.value;
    }
    return out;
  });

/** The page-world record of every button press, and what the portal's app says it received on submit. */
const CLICKS = `window.__pressed=[];document.addEventListener('click',function(e){var b=e.target&&e.target.closest&&e.target.closest('button,[role=button],input[type=submit]');if(b)window.__pressed.push((b.textContent||b.value||'').trim());},true);`;
const pressed = (page: Page) => page.evaluate(() => (window as unknown as { __pressed: string[] }).__pressed);
const received = (page: Page) => page.evaluate(() => document.querySelector('[data-submitted-days]')?.getAttribute('data-submitted-days') ?? null);

async function drive(page: Page, ov: Overlay, v: Variant, expected: Record<string, number>) {
  const e = v.expect;
  const before = await pageDays(page);
  const refused = async (reason: string) => {
    await ov.wait(`[data-relais="refused"][data-relais-reason="${reason}"]`, 20_000);
    // One screenshot per fixture and reason, to read what the user is told.
    await page.screenshot({ path: join(artifacts, `refused-${v.fixture.split('/')[1]}-${reason}.png`) });
    return ov.text(`[data-relais="refused"][data-relais-reason="${reason}"]`);
  };
  if (e.outcome === 'refuses' && (e.reason === 'identity' || e.reason === 'inconsistent')) {
    const said = await refused(e.reason);
    assert.equal(await ov.count('[data-relais="fill"]'), 0, 'no fill offered');
    assert.doesNotMatch(said, /dayInput|cra-|quote-form|undefined/, 'no internal names on screen');
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(await pageDays(page), before, 'nothing written');
    return said;
  }
  await ov.wait('[data-relais="fill"]', 25_000);
  await ov.click('[data-relais="fill"]');
  await ov.wait('[data-relais="preview"]');
  await ov.click('[data-relais="confirm-fill"]');
  if (e.outcome === 'refuses' && e.reason === 'field') {
    const said = await refused('field');
    assert.deepEqual(await pageDays(page), before, 'nothing written when one value does not fit');
    return said;
  }
  if (e.outcome === 'refuses' && e.reason === 'drift') {
    const said = await refused('drift');
    assert.equal(await ov.count('[data-relais="submit"]'), 0, 'no submit offered after the portal changed a value');
    return said;
  }
  await ov.wait('[data-relais="verified"]', 15_000);
  const days = await pageDays(page);
  for (const [date, q] of Object.entries(expected)) assert.equal((days[`${date}#0`] ?? '').replace(',', '.') || '0', String(q), `${date} filled`);
  if (e.outcome === 'refuses' && e.reason === 'submit') {
    const said = await refused('submit');
    assert.equal(await ov.count('[data-relais="submit"]'), 0, 'no submit offered');
    return said;
  }
  await ov.click('[data-relais="submit"]');
  await ov.click('[data-relais="confirm-submit-1"]');
  await ov.click('[data-relais="confirm-submit-2"]');
  await ov.wait('[data-relais="submitted"]', 15_000);
  const got = JSON.parse((await received(page)) ?? '{}') as Record<string, string>;
  // The portal's app record: by date on www, by cell position (in DOM order) on the MUI page.
  const order = Object.keys(await pageDays(page)).map((k) => k.split('#')[0]!);
  const byDate = Object.fromEntries(Object.entries(got).map(([k, q]) => [/^\d+$/.test(k) ? order[+k - 1]! : k, Number(String(q).replace(',', '.') || 0)]));
  for (const [date, q] of Object.entries(expected)) assert.equal(byDate[date] ?? 0, q, `${date} received by the portal`);
  return 'submitted';
}

export async function runPortalMutationsE2e() {
  // VARIANTS=<regex> runs only the variants whose name matches (while working on one).
  const only = process.env.VARIANTS ? new RegExp(process.env.VARIANTS) : null;
  const all = variants().filter((v) => !only || only.test(v.name) || v.name === 'www-cra-to-fill:class-hashes');
  const { work, mailDir, apiUrl, server: api } = await scratchApi('mutations-e2e');
  const fixtures = await serveVariants(all, SMART_PAGES());
  mkdirSync(artifacts, { recursive: true });
  const call = apiCaller(apiUrl);
  const { context, extensionId } = await launchWithExtension(join(work, 'profile'), extensionDir, { width: 1280, height: 900 });
  const results: { variant: string; kind: string; expected: string; got: string; ok: boolean; said?: string }[] = [];
  try {
    const { ext, send } = await extensionSender(context, extensionId);
    await signInExtension(send, apiUrl, mailDir, EMAIL);
    const token = await testToken(apiUrl, mailDir, EMAIL);
    assert.equal((await call('PUT', '/v1/profile', token, sellerProfile)).status, 200);
    const missionId = (await call('POST', '/v1/missions', token, { ...littlebigMission, portalRef: 'M-48213' })).json.id as string;
    const october: Record<string, number> = Object.fromEntries(workingDaysOfMonth('2026-10').map((d) => [d, 1]));
    october['2026-10-16'] = 0.5;
    assert.equal((await call('PUT', `/v1/missions/${missionId}/cras/2026-10`, token, { days: october })).status, 200);
    // August as the validated page shows it: were a contradictory validated page taken at its word, Relais would
    // record the validation and issue the invoice (checked absent at the end).
    const validated = FIXTURES.find((x) => x.name === 'littlebig/cra-validated')!;
    const vw = new Window({ url: validated.url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
    vw.document.write(readFileSync(join(fixturesDir, validated.file), 'utf8'));
    const august = craAdapter.read(vw.document as unknown as Document, validated.url);
    assert.ok(august.ok, 'the validated fixture reads');
    assert.equal((await call('PUT', `/v1/missions/${missionId}/cras/2026-08`, token, { days: august.model.days })).status, 200);
    await ext.close();

    for (const v of all) {
      // A fresh page per variant: each one's submit changes the state the next must not see.
      const page = await context.newPage();
      await page.addInitScript(CLICKS);
      const ov = overlayOf(page);
      const expected = v.expect.outcome === 'refuses' ? v.expect.reason : v.expect.outcome;
      try {
        await page.goto(urlOf(fixtures.port, v));
        const said = await drive(page, ov, v, october);
        const presses = await pressed(page);
        // Nothing but the true submit is ever pressed, and only when the variant fills.
        assert.deepEqual(presses.filter((p) => p !== 'Soumettre le CRA'), [], `pressed ${JSON.stringify(presses)}`);
        if (v.expect.outcome !== 'fills') assert.deepEqual(presses, [], 'no button of the page pressed');
        results.push({ variant: v.name, kind: v.kind, expected, got: v.expect.outcome === 'fills' ? 'submitted' : expected, ok: true, said });
        log('ok  ', v.name, '→', expected);
      } catch (err) {
        await page.screenshot({ path: join(artifacts, `${v.name.replace(/[:/]/g, '_')}.png`) }).catch(() => undefined);
        const text = await ov.text(undefined, 1_000).catch(() => '(no overlay)');
        results.push({ variant: v.name, kind: v.kind, expected, got: String((err as Error).message).slice(0, 300), ok: false, said: text });
        log('FAIL', v.name, '→', expected, ':', (err as Error).message, '| overlay:', text);
      } finally {
        await ov.close();
        await page.close();
      }
    }

    // The portal's own "next month" arrow (www, a hash route): October's preview dies with its page.
    {
      const v = all.find((x) => x.name === 'www-cra-to-fill:class-hashes')!;
      const page = await context.newPage();
      await page.addInitScript(CLICKS);
      const ov = overlayOf(page);
      await page.goto(urlOf(fixtures.port, v));
      await ov.wait('[data-relais="fill"]', 25_000);
      await ov.click('[data-relais="fill"]');
      await ov.wait('[data-relais="preview"]');
      await page.click('a[aria-label="Mois suivant"], [aria-label="Mois suivant"]');
      await until('the overlay on November', async () => /novembre 2026/i.test(await ov.text('[data-relais="cra"]', 1_000).catch(() => '')), 20_000);
      assert.equal(await ov.count('[data-relais="preview"]'), 0, "October's preview is gone");
      await ov.wait('[data-relais="refused"][data-relais-reason="empty"]', 10_000);
      assert.equal(await ov.count('[data-relais="fill"]'), 0, 'nothing to fill in November');
      assert.ok(Object.values(await pageDays(page)).every((q) => q === ''), 'no October day typed into November');
      results.push({ variant: 'www-cra-to-fill:spa-next-month', kind: 'benign', expected: 'empty', got: 'empty', ok: true });
      log('ok  ', 'www-cra-to-fill:spa-next-month → November plans nothing');
      await ov.close();
      await page.close();
    }

    // No variant is a changed page: not one breakage report reached the API (a slow page is not a broken one),
    // and no page that contradicts itself (a validated chip over editable days) recorded a validation or an invoice.
    const reports = (await call('GET', '/v1/portals/reports', token)).json.reports as unknown[];
    assert.deepEqual(reports, [], 'no false breakage report');
    const invoices = (await call('GET', '/v1/invoices', token)).json.invoices as unknown[];
    assert.deepEqual(invoices, [], 'no invoice issued from a contradictory page');
    assert.notEqual((await call('GET', `/v1/missions/${missionId}/cras/2026-10`, token)).json.state, 'validated', 'no validation recorded');
    log('ok  ', 'no breakage report, no validation, no invoice from any variant');

    // ---- SMart's quote form: typed writes on the Razor form, a full stop on unknown option codes.
    {
      const smart = (await call('POST', '/v1/missions', token, { portal: 'smart', clientName: 'Festival des Arts ASBL', clientCountry: 'BE', dailyRateCents: 45_000, contractSignedOn: '2026-01-05', country: 'BE', startsOn: '2026-01-05', endsOn: '2027-06-30', smartContractType: 'salaried', clientTermsDays: 10, vatRateBps: 2100, budgetDays: 60 })).json;
      assert.ok(smart.id, JSON.stringify(smart));
      // The overlay proposes the current month's days (the browser's clock).
      const month = new Date().toISOString().slice(0, 7);
      const days = { [`${month}-14`]: 1, [`${month}-15`]: 1, [`${month}-16`]: 1 };
      assert.equal((await call('PUT', `/v1/missions/${smart.id}/cras/${month}`, token, { days })).status, 200);
      // The Vue form already holds a start date in October: the overlay proposes that month.
      assert.equal((await call('PUT', `/v1/missions/${smart.id}/cras/2026-10`, token, { days: { '2026-10-12': 1, '2026-10-13': 1 } })).status, 200);
      const smartUrl = (name: string, path: string) => `http://localhost:${fixtures.port}${path}?v=${encodeURIComponent(name)}`;

      const page = await context.newPage();
      await page.addInitScript(CLICKS);
      const ov = overlayOf(page);
      await page.goto(smartUrl('smart:razor', '/Activities/20931/Quotes/Create'));
      await ov.wait('[data-relais="fill"]', 25_000);
      await ov.click('[data-relais="fill"]');
      await ov.wait('[data-relais="preview"]');
      await ov.click('[data-relais="confirm-fill"]');
      await ov.wait('[data-relais="verified"]', 15_000);
      // A string, not a function: the test runner's transpiler would wrap inner functions in a helper the page lacks.
      const form = await page.evaluate(`(() => {
        const v = (id) => document.getElementById(id).value;
        return { start: v('StartDate'), end: v('EndDate'), days: v('Days'), amount: v('Amount'), type: v('ContractType'), clientId: v('ClientId'), pressed: Array.from(document.querySelectorAll('[aria-pressed="true"]'), (b) => b.textContent) };
      })()`);
      assert.deepEqual(form, { start: `${month}-14`, end: `${month}-16`, days: '3', amount: '1350', type: 'SAL', clientId: 'c3', pressed: ['Festival des Arts ASBL'] }, 'ISO dates, dot decimals, the form\'s own code, the client by its button');
      assert.deepEqual((await pressed(page)).filter((p) => p !== 'Festival des Arts ASBL'), [], 'nothing pressed but the client button (never "Finaliser")');
      await page.screenshot({ path: join(artifacts, 'smart-razor-filled.png') });
      results.push({ variant: 'smart:razor', kind: 'benign', expected: 'fills', got: 'fills', ok: true });
      log('ok  ', 'smart:razor → fills (ISO dates, dot decimals, option code, client button)');
      await ov.close();
      await page.close();

      const vue = await context.newPage();
      const vov = overlayOf(vue);
      await vue.goto(smartUrl('smart:unknown-codes', '/activites/A-20931/devis/nouveau'));
      await vov.wait('[data-relais="fill"]', 25_000).catch(async (err) => {
        await vue.screenshot({ path: join(artifacts, 'smart-unknown-codes-nofill.png') });
        throw new Error(`${(err as Error).message}; overlay: ${await vov.text(undefined, 1_000).catch(() => '(none)')}`);
      });
      const before = await vue.evaluate(() => Array.from(document.querySelectorAll('form input, form select'), (el) => (el as HTMLInputElement).value));
      await vov.click('[data-relais="fill"]');
      await vov.wait('[data-relais="preview"]');
      await vov.click('[data-relais="confirm-fill"]');
      await vov.wait('[data-relais="refused"][data-relais-reason="field"]', 10_000);
      assert.match(await vov.text('[data-relais="refused"]'), /Type de contrat/, 'the field is named');
      assert.deepEqual(await vue.evaluate(() => Array.from(document.querySelectorAll('form input, form select'), (el) => (el as HTMLInputElement).value)), before, 'nothing written, the dates and amount kept');
      await vue.screenshot({ path: join(artifacts, 'refused-smart-field.png') });
      results.push({ variant: 'smart:unknown-codes', kind: 'breaking', expected: 'field', got: 'field', ok: true });
      log('ok  ', 'smart:unknown-codes → field (nothing written)');
      await vov.close();
      await vue.close();
    }
  } finally {
    writeFileSync(join(artifacts, 'results.json'), JSON.stringify(results, null, 2));
    await context.close();
    fixtures.server.close();
    api.close();
  }
  const failed = results.filter((r) => !r.ok);
  log(`${results.length - failed.length}/${results.length} variants as expected`);
  assert.equal(failed.length, 0, `variants not as expected: ${failed.map((f) => f.variant).join(', ')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runPortalMutationsE2e().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
