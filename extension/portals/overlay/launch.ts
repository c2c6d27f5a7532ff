import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { OverlayPortal } from '../../../shared/portals/reports';
import { pathOf } from '../adapter';
import type { LoadOverlay, LoadOverlayReply } from '../messages';

/**
 * The content script's whole job: watch the URL (first load and single-page navigation) and,
 * once a page Relais knows is open, have the background inject the portal's overlay bundle
 * (`<portal>-overlay.js`: Preact, the adapters, the panels; wxt.config.ts builds it). The
 * portal's other pages never load it. Kept tiny for the 12 KB budget of a content script
 * that runs on every page of the portal.
 */

/** What the overlay bundle leaves in the extension's isolated world (never the page's): a way to start it. */
export type StartOverlay = (ctx: ContentScriptContext) => (url: string) => void;
/** One name per portal: a custom host granted to both portals gets both content scripts. */
export const overlayGlobal = (portal: OverlayPortal) => `relaisOverlay_${portal}`;

/** Whether a URL is one of the portal's pages (the adapters' own path patterns). */
export const recognises = (paths: Readonly<Record<string, RegExp>>, url: string | URL) => Object.values(paths).some((re) => re.test(pathOf(url)));

/** Removes overlays left on the page, a previous instance's included (before an extension update). */
export const removeOverlays = () => {
  for (const el of Array.from(document.querySelectorAll('relais-overlay'))) el.remove();
};

export function watchPortal(ctx: ContentScriptContext, portal: OverlayPortal, paths: Readonly<Record<string, RegExp>>) {
  let overlay: Promise<((url: string) => void) | undefined> | undefined;
  const load = async () => {
    const start = (await injected(portal)) && !ctx.isInvalid ? ((globalThis as Record<string, unknown>)[overlayGlobal(portal)] as StartOverlay | undefined) : undefined;
    // Not loaded (service worker restarting, context gone): the next navigation tries again.
    if (!start) overlay = undefined;
    return start?.(ctx);
  };
  const show = (url: string) => {
    if (recognises(paths, url)) overlay ??= load();
    // Once loaded, the overlay follows every URL itself (and removes itself off the known pages).
    if (overlay) void overlay.then((showUrl) => (showUrl ? showUrl(url) : removeOverlays()));
    else removeOverlays();
  };
  // The Navigation API also reports downloads (the bug-report snapshot's blob: link): only page URLs count.
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
    if (/^https?:/.test(String(newUrl))) show(String(newUrl));
  });
  show(location.href);
}

/** Asks the background to inject the overlay bundle into this tab; resolves once it ran. */
async function injected(portal: OverlayPortal): Promise<boolean> {
  try {
    const reply = (await browser.runtime.sendMessage({ type: 'portal.overlay', portal } satisfies LoadOverlay)) as LoadOverlayReply | undefined;
    return !!reply?.ok;
  } catch {
    // "Extension context invalidated": the extension was updated or removed under the page.
    return false;
  }
}
