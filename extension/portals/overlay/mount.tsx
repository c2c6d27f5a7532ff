import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { OverlayPortal } from '../../../shared/portals/reports';
import type { PageAdapter } from '../adapter';
import { overlayGlobal, removeOverlays, type StartOverlay } from './launch';
import { Overlay, type PanelProps } from './shell';
import { OVERLAY_CSS } from './style';

export type PageEntry = { adapter: PageAdapter<any>; Panel: (p: PanelProps<any>) => any };

/** Waits until the page's root element is rendered (an SPA renders after load), or the timeout. */
function rendered(adapter: PageAdapter<unknown>, timeoutMs: number, ctx: ContentScriptContext): Promise<void> {
  const root = adapter.map[adapter.keys[0]!]!.css;
  if (document.querySelector(root)) return Promise.resolve();
  return new Promise((resolve) => {
    const obs = new MutationObserver(() => {
      if (document.querySelector(root)) done();
    });
    const timer = setTimeout(() => done(), timeoutMs);
    function done() {
      obs.disconnect();
      clearTimeout(timer);
      // A little more time for the rest of the page to settle.
      setTimeout(resolve, 150);
    }
    obs.observe(document.documentElement, { childList: true, subtree: true });
    ctx.onInvalidated(() => done());
  });
}

/**
 * The overlay's host: a `<relais-overlay>` element with an open shadow root, styles reset
 * (`all: initial`) and sized in px, so the portal's CSS and ours never meet.
 * TODO [2027-01-01]: WXT's createShadowRootUi (STYLE.md) does the same but adds 4 KB gzip
 * (auto-mount, isolated-element, defu). The 12 KB budget is the content script's, and this
 * now lives in the overlay bundle loaded on demand: weigh going back to it there.
 */
function mountShadow(css: string): { host: HTMLElement; container: HTMLElement } {
  const host = document.createElement('relais-overlay');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `:host{all:initial!important}${css}`;
  const container = document.createElement('div');
  shadow.append(style, container);
  (document.body ?? document.documentElement).append(host);
  return { host, container };
}

/**
 * The overlay bundle's entry (`<portal>-overlay.js`, injected by the background once the
 * content script saw a page Relais knows): leaves its start function in the extension's
 * isolated world for the content script (overlay/launch.ts) to call with its context.
 */
export function registerOverlay(portal: OverlayPortal, pages: readonly PageEntry[]): void {
  const start: StartOverlay = (ctx) => createOverlay(ctx, portal, pages);
  (globalThis as Record<string, unknown>)[overlayGlobal(portal)] = start;
}

/**
 * A portal's overlay: one shadow-root UI for the page the URL names, replaced (never
 * duplicated) when the single-page app navigates, removed when the extension context dies.
 * Returns what the content script calls on every URL it sees.
 */
export function createOverlay(ctx: ContentScriptContext, portal: OverlayPortal, pages: readonly PageEntry[]): (url: string) => void {
  let current: { host: HTMLElement; container: HTMLElement } | null = null;
  let generation = 0;
  const version = browser.runtime.getManifest().version;
  const send = (msg: unknown) => browser.runtime.sendMessage(msg);
  const remove = () => {
    if (current) render(null, current.container);
    current?.host.remove();
    current = null;
  };
  ctx.onInvalidated(remove);

  return async function show(url: string) {
    const mine = ++generation;
    remove();
    removeOverlays();
    const entry = pages.find((p) => p.adapter.matches(url));
    if (!entry || ctx.isInvalid) return;
    await rendered(entry.adapter, 8_000, ctx);
    if (mine !== generation || ctx.isInvalid) return;
    current = mountShadow(OVERLAY_CSS);
    render(<Overlay portal={portal} version={version} adapter={entry.adapter} Panel={entry.Panel} send={send} />, current.container);
  };
}
