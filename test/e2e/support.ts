import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startNodeServer } from '../../worker/node';

/** Helpers the end-to-end tests share: polling, the local mailbox, Chromium with the extension. */

/**
 * The real API on Node over a scratch libSQL file and mailbox in a new temporary folder
 * (`work`, which also holds the browser profile). `restart` brings it back on the same port
 * and database after its server was closed.
 */
export async function scratchApi(name: string) {
  const work = mkdtempSync(join(tmpdir(), `relais-${name}-`));
  const mailDir = join(work, 'mail');
  const config = { databaseUrl: `file:${join(work, 'relais.db')}`, host: '127.0.0.1', mailDir, quiet: true };
  const server = await startNodeServer({ ...config, port: 0 });
  const port = server.port;
  return { work, mailDir, port, apiUrl: `http://127.0.0.1:${port}`, server, restart: () => startNodeServer({ ...config, port }) };
}

/** Polls `probe` until it returns something truthy (errors count as "not yet"), or fails naming `what`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false | null>, timeoutMs = 15_000): Promise<T> {
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

/** The newest sign-in code sent to `email`, from the API's local mailbox (`mailDir`, one .eml per message). */
export function newestCode(mailDir: string, email: string): string {
  for (const f of readdirSync(mailDir).sort().reverse()) {
    const eml = readFileSync(join(mailDir, f), 'utf8');
    const m = /(?:code de connexion Relais|Relais sign-in code)[^0-9]*(\d{6})/.exec(eml);
    if (eml.includes(`To: ${email}`) && m) return m[1]!;
  }
  throw new Error('no sign-in code in the mailbox');
}

/**
 * Debian's Chromium (CHROMIUM_PATH for another), headless, French unless `browserLocale` says
 * otherwise (`en-US`: the extension's own language setting must then make it French), with the
 * built extension (`extensionDir`, a `chrome-mv3` folder) loaded in a fresh profile; and the
 * extension's id, once its service worker runs.
 */
export async function launchWithExtension(profileDir: string, extensionDir: string, viewport: { width: number; height: number }, browserLocale = 'fr-FR'): Promise<{ context: BrowserContext; extensionId: string }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // Playwright disables extensions by default.
    ignoreDefaultArgs: ['--disable-extensions'],
    locale: browserLocale,
    viewport,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--lang=${browserLocale}`, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  try {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    return { context, extensionId: new URL(sw.url()).host };
  } catch (err) {
    await context.close().catch(() => undefined);
    throw err;
  }
}

/** A small JSON client of the real API at `apiUrl`, for the tests' own checks (never the extension's way in). */
export function apiCaller(apiUrl: string) {
  return async (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${apiUrl}${path}`, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, json: (await res.json().catch(() => undefined)) as any };
  };
}

/**
 * The extension's options page, and a way to send the background a message as its own pages do. `ext` stays open
 * for the caller (what it reads of extension storage, for instance).
 */
export async function extensionSender(context: BrowserContext, extensionId: string) {
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/options.html`);
  const send = (message: object) => ext.evaluate((m) => (globalThis as any).chrome.runtime.sendMessage(m), message);
  return { ext, send };
}

/** Signs the extension in through its own messages (what the options page sends), with the code from the local mailbox. */
export async function signInExtension(send: (message: object) => Promise<any>, apiUrl: string, mailDir: string, email: string) {
  assert.equal((await send({ type: 'auth.setApiUrl', apiUrl }))?.ok, true, 'API URL saved');
  assert.equal((await send({ type: 'auth.requestCode', email, locale: 'fr' }))?.ok, true, 'code sent');
  assert.equal((await send({ type: 'auth.verifyCode', email, code: newestCode(mailDir, email) }))?.ok, true, 'signed in');
}

/** A session of the test's own for `email` (never the extension's), for seeding and checking through the API. */
export async function testToken(apiUrl: string, mailDir: string, email: string): Promise<string> {
  const call = apiCaller(apiUrl);
  await call('POST', '/v1/auth/code', undefined, { email });
  return (await call('POST', '/v1/auth/token', undefined, { email, code: newestCode(mailDir, email) })).json.token as string;
}

/**
 * How long the popup took to open, as its page records it (extension/entrypoints/popup/main.tsx), in ms after
 * the navigation started: `rendered`, cached data rendered (the last open's snapshot, or storage.local's on a
 * first open; the page sets it only once the popup's content is in it); `script`, our entry started; `storage`, storage.local's answer read. `wall` is the Node side's
 * time for goto and the wait, for comparison.
 */
export type PopupOpen = { page: Page; rendered: number; script: number; storage: number; wall: number };

/** Opens the popup in a new tab (the e2e's stand-in for the toolbar popup) and waits until it has read storage. */
export async function openPopup(context: BrowserContext, extensionId: string): Promise<PopupOpen> {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.waitForSelector('body[data-ready][data-storage-ms]');
  const wall = Date.now() - t0;
  const ms = (name: string) => page.getAttribute('body', `data-${name}-ms`).then(Number);
  return { page, rendered: await ms('rendered'), script: await ms('script'), storage: await ms('storage'), wall };
}

/** One line for a measured open, as the e2e and the bench print it. */
export function describePopupOpen(label: string, m: PopupOpen): string {
  return `popup (${label}): cached data rendered ${m.rendered} ms after navigation start (script started at ${m.script} ms, storage read by ${m.storage} ms, so ${m.rendered - m.script} ms from our code to cached data; ${m.wall} ms wall incl. goto)`;
}

/** Runs an end-to-end suite as a script: `<label> PASS` and exit 0, or `<label> FAIL` with the error and exit 1. */
export function runAsScript(label: string, run: () => Promise<unknown>): void {
  run().then(
    () => {
      console.log(`${label} PASS`);
      process.exit(0);
    },
    (err: unknown) => {
      console.error(`${label} FAIL`, err);
      process.exit(1);
    },
  );
}
