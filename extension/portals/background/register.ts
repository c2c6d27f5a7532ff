import { browser } from 'wxt/browser';
import type { Engine, StorageArea } from '../../sync/engine';
import { isOverlayBundle } from '../bundles';
import type { LoadOverlay, LoadOverlayReply } from '../messages';
import { createPortalHandlers, portalPatterns, portalSenderAllowed } from './handlers';

/**
 * Adds the portal overlays' message listener to the background (one call from
 * entrypoints/background.ts). It answers only portal message types from tabs on a portal
 * host; the popup's listener keeps ignoring every http(s) tab.
 */
export function registerPortalMessages(engine: Engine, storage: StorageArea = browser.storage.local): void {
  const { handle } = createPortalHandlers({ storage, engine, fetch: (i, init) => fetch(i, init), version: browser.runtime.getManifest().version });
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!sender.tab?.url?.startsWith('http')) return undefined;
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !type.startsWith('portal.')) return undefined;
    return portalPatterns(browser.runtime.getManifest() as never, storage).then((patterns) => {
      if (!portalSenderAllowed(sender, browser.runtime.id, patterns)) return { ok: false as const, code: 'forbidden', message: 'Not a portal page' };
      if (type === 'portal.overlay') return injectBundle((message as LoadOverlay).bundle, sender.tab!.id!, sender.frameId ?? 0);
      return handle(message, new URL(sender.tab!.url!).host) ?? { ok: false as const, code: 'unknown_message', message: String(type) };
    });
  });
}

/**
 * Runs one of the bundles of bundles.ts (`/<name>.js`, nothing else) in the tab's frame, in
 * the extension's isolated world (the content script's, never the page's). The tab is a portal
 * host's, so the extension holds its host permission (the manifest's, or the one the user
 * granted for a custom host).
 */
async function injectBundle(bundle: unknown, tabId: number, frameId: number): Promise<LoadOverlayReply> {
  if (!isOverlayBundle(bundle)) return { ok: false, code: 'unknown_bundle', message: String(bundle) };
  try {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [`/${bundle}.js`] });
    return { ok: true };
  } catch (err) {
    return { ok: false, code: 'inject_failed', message: err instanceof Error ? err.message : String(err) };
  }
}
