import { browser } from 'wxt/browser';
import type { Engine } from '../../sync/engine';
import { createPortalHandlers, portalPatterns, portalSenderAllowed } from './handlers';

/**
 * Adds the portal overlays' message listener to the background (one call from
 * entrypoints/background.ts). It answers only portal message types from tabs on a portal
 * host; the popup's listener keeps ignoring every http(s) tab.
 */
export function registerPortalMessages(engine: Engine): void {
  const storage = browser.storage.local;
  const { handle } = createPortalHandlers({ storage, engine, fetch: (i, init) => fetch(i, init), version: browser.runtime.getManifest().version });
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!sender.tab?.url?.startsWith('http')) return undefined;
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !type.startsWith('portal.')) return undefined;
    return portalPatterns(browser.runtime.getManifest() as never, storage).then((patterns) => {
      if (!portalSenderAllowed(sender, browser.runtime.id, patterns)) return { ok: false as const, code: 'forbidden', message: 'Not a portal page' };
      return handle(message, new URL(sender.tab!.url!).host) ?? { ok: false as const, code: 'unknown_message', message: String(type) };
    });
  });
}
