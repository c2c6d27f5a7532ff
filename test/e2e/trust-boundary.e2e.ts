import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { extensionSender, launchWithExtension, scratchApi, signInExtension, until } from './support';

/**
 * The extension's trust boundary, in real Chromium with the portal test build (its content
 * scripts also run on 127.0.0.1): code evaluated in the content script's isolated world of a
 * portal page reads `chrome.storage.local` and `chrome.storage.session` and finds neither the
 * token nor the API URL nor the email; its request to change the API URL (or any other message
 * of the extension pages) is refused and changes nothing. The sign-in survives a browser
 * restart (the persisted copy in the extension origin's IndexedDB).
 *
 * `node --import tsx test/e2e/trust-boundary.e2e.ts` runs it alone (needs `.output-portals`).
 */
const root = resolve(import.meta.dirname, '../..');
const extensionDir = resolve(root, '.output-portals', 'chrome-mv3');
const EMAIL = 'boundary-e2e@relais.test';
const log = (...args: unknown[]) => console.log('[e2e:boundary]', ...args);

/** What a hostile content script tries, in the extension's isolated world of the page. */
const PROBE = `(async () => {
  const tryIt = async (f) => { try { return await f(); } catch (e) { return 'error: ' + (e && e.message); } };
  return JSON.stringify({
    local: await tryIt(() => chrome.storage.local.get(null)),
    session: await tryIt(() => chrome.storage.session.get(null)),
    setApiUrl: await tryIt(() => chrome.runtime.sendMessage({ type: 'auth.setApiUrl', apiUrl: 'https://attacker.example' })),
    status: await tryIt(() => chrome.runtime.sendMessage({ type: 'auth.status' })),
    signOut: await tryIt(() => chrome.runtime.sendMessage({ type: 'auth.signOut' })),
  });
})()`;

async function inIsolatedWorld(page: Page, expression: string): Promise<string | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const worlds: { id: number; origin: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => void worlds.push(context));
    await cdp.send('Runtime.enable');
    const world = worlds.find((w) => w.auxData?.type === 'isolated' && w.origin.startsWith('chrome-extension://'));
    if (!world) return undefined;
    const out = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, returnByValue: true, awaitPromise: true });
    return out.result.value as string;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

function servePage(): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="fr"><title>Tableau de bord</title><body><main><h1>Tableau de bord</h1></main></body></html>');
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, port: (server.address() as { port: number }).port })));
}

const extensionPage = async (context: BrowserContext, extensionId: string) => (await extensionSender(context, extensionId)).send;

export async function runTrustBoundaryE2e() {
  const { work, mailDir, apiUrl, server: api } = await scratchApi('boundary-e2e');
  const site = await servePage();
  const profile = join(work, 'profile');
  let { context, extensionId } = await launchWithExtension(profile, extensionDir, { width: 1024, height: 768 });
  try {
    const send = await extensionPage(context, extensionId);
    await signInExtension(send, apiUrl, mailDir, EMAIL);

    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${site.port}/tableau-de-bord`);
    const raw = await until('the content script world', () => inIsolatedWorld(page, PROBE));
    const seen = JSON.parse(raw) as Record<string, any>;
    log('content script saw', raw.slice(0, 300));
    assert.ok(typeof seen.local === 'object', `storage.local is readable there (the test reaches the world): ${raw}`);
    for (const secret of ['rls_', apiUrl, `:${new URL(apiUrl).port}`, EMAIL]) assert.ok(!raw.includes(secret), `the content script must not see ${secret}: ${raw}`);
    assert.ok(!('token' in seen.local) && !('apiUrl' in seen.local) && !('email' in seen.local), 'no credential key in storage.local');
    assert.ok(typeof seen.session === 'string' || !Object.keys(seen.session).length, `storage.session is closed to content scripts: ${raw}`);
    for (const k of ['setApiUrl', 'status', 'signOut']) assert.notEqual(seen[k]?.ok, true, `${k} from a content script is refused: ${raw}`);
    assert.equal(seen.setApiUrl?.code, 'forbidden', 'the background says so');

    const status = await send({ type: 'auth.status' });
    assert.deepEqual({ signedIn: status.value.signedIn, apiUrl: status.value.apiUrl }, { signedIn: true, apiUrl }, 'still signed in, same API URL');
    log('content script: no token, no API URL, no email; its API URL change refused');

    // A browser restart: the session copy is gone, the persisted one signs the extension back in.
    await context.close();
    ({ context, extensionId } = await launchWithExtension(profile, extensionDir, { width: 1024, height: 768 }));
    const again = await extensionPage(context, extensionId);
    const after = await until('the status after a restart', async () => (await again({ type: 'auth.status' }))?.value);
    assert.deepEqual({ signedIn: after.signedIn, apiUrl: after.apiUrl, email: after.email }, { signedIn: true, apiUrl, email: EMAIL }, 'kept across a restart');
    const page2 = await context.newPage();
    await page2.goto(`http://127.0.0.1:${site.port}/tableau-de-bord`);
    const raw2 = await until('the content script world after a restart', () => inIsolatedWorld(page2, PROBE));
    for (const secret of ['rls_', apiUrl, EMAIL]) assert.ok(!raw2.includes(secret), `after a restart, the content script must not see ${secret}: ${raw2}`);
    log('restart: still signed in, still nothing readable from the page');
  } finally {
    await context.close().catch(() => undefined);
    site.server.close();
    await api.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runTrustBoundaryE2e().then(() => (console.log('[e2e:boundary] PASS'), process.exit(0)), (e: unknown) => (console.error('[e2e:boundary] FAIL', e), process.exit(1)));
}
