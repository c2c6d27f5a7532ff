import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { pathOf } from '../adapter';
import type { OverlayBundle } from '../bundles';
import type { LoadOverlay, LoadOverlayReply } from '../messages';

/**
 * The content script's whole job: watch the URL (first load and single-page navigation) and,
 * once a page Relais knows is open, have the background inject the overlay for that kind of
 * page (`<portal>-<kind>-overlay.js`: Preact, that page's adapters and panel; bundles.ts lists
 * them). The portal's other pages load none. Kept tiny: the 12 KB budget is this script plus
 * the one overlay it injects.
 */

/** What an overlay bundle leaves in the extension's isolated world (never the page's): a way to start it. */
export type StartOverlay = (ctx: ContentScriptContext) => (url: string) => void;
/** Where a bundle leaves what it exports: the isolated world is shared by both portals' scripts on a custom host. */
export const bundleGlobal = (bundle: OverlayBundle) => `relais:${bundle}`;

/** The page key of the portal's paths a URL names, if Relais knows the page. */
export const pageOf = <K extends string>(paths: Readonly<Record<K, RegExp>>, url: string | URL): K | undefined => {
  const path = pathOf(url);
  return (Object.keys(paths) as K[]).find((k) => paths[k].test(path));
};

/** Whether a URL is one of the portal's pages (the adapters' own path patterns). */
export const recognises = (paths: Readonly<Record<string, RegExp>>, url: string | URL) => pageOf(paths, url) !== undefined;

/** Removes overlays left on the page, a previous instance's included (before an extension update). */
export const removeOverlays = () => document.querySelectorAll('relais-overlay').forEach((el) => el.remove());

/**
 * Has the background inject a bundle into this frame, unless it already ran here, and returns
 * what it left. Undefined when it could not be loaded: the service worker restarting, or
 * "extension context invalidated" (the extension was updated or removed under the page).
 */
export async function loadBundle<T>(bundle: OverlayBundle): Promise<T | undefined> {
  const world = globalThis as Record<string, unknown>;
  const key = bundleGlobal(bundle);
  if (!world[key]) {
    try {
      const reply = (await browser.runtime.sendMessage({ type: 'portal.overlay', bundle } satisfies LoadOverlay)) as LoadOverlayReply | undefined;
      if (!reply?.ok) return undefined;
    } catch {
      return undefined;
    }
  }
  return world[key] as T | undefined;
}

/**
 * Shows the overlay the URL's page kind asks for, following single-page navigation: each
 * bundle is injected once, on the first page of its kind; every started overlay hears every
 * URL, so the one whose page it is shows (once) and the others take theirs down.
 * `load` is the injection (loadBundle), a fake in unit tests.
 */
export function watchPortal<K extends string>(
  ctx: Pick<ContentScriptContext, 'isInvalid' | 'addEventListener'>,
  paths: Readonly<Record<K, RegExp>>,
  overlays: Readonly<Record<K, OverlayBundle>>,
  load: (bundle: OverlayBundle) => Promise<StartOverlay | undefined> = loadBundle,
): void {
  const started: Partial<Record<OverlayBundle, Promise<((url: string) => void) | undefined>>> = {};
  let latest = '';
  const show = (url: string) => {
    latest = url;
    const page = pageOf(paths, url);
    const bundle = page && overlays[page];
    if (!bundle) removeOverlays();
    else
      started[bundle] ??= load(bundle).then((start) => {
        const showUrl = start && !ctx.isInvalid ? start(ctx as ContentScriptContext) : undefined;
        // Not loaded (service worker restarting, context gone): the next navigation tries again.
        if (!showUrl) delete started[bundle];
        return showUrl;
      });
    // The URL current when a bundle answers: a late bundle never shows a page already left.
    for (const overlay of Object.values(started)) void overlay!.then((showUrl) => showUrl?.(latest));
  };
  // The Navigation API also reports downloads (the bug-report snapshot's blob: link): only page URLs count.
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
    if (/^https?:/.test(String(newUrl))) show(String(newUrl));
  });
  show(location.href);
}
