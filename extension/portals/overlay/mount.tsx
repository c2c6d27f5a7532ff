import { render, type ComponentType } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageAdapter } from '../adapter';
import type { OverlayBundle } from '../bundles';
import { bundleGlobal, removeOverlays, type StartOverlay } from './launch';
import { Overlay, type PanelProps } from './shell';
import { OVERLAY_CSS } from './style';

export type PageEntry = { adapter: PageAdapter<any>; Panel: ComponentType<PanelProps<any>> };

/** Waits until the page's root element is rendered (an SPA renders after load), or the timeout. */
function rendered(adapter: PageAdapter<unknown>, timeoutMs: number, ctx: ContentScriptContext): Promise<void> {
  const root = adapter.map[adapter.keys[0]!]!.css;
  return new Promise((resolve) => {
    // Once it appears, a little more time for the rest of the page to settle.
    const poll = (ms: number) => (document.querySelector(root) || ms > timeoutMs || ctx.isInvalid ? setTimeout(resolve, ms && 150) : setTimeout(poll, 100, ms + 100));
    poll(0);
  });
}

/**
 * The overlay's host: a `<relais-overlay>` element with an open shadow root, styles reset
 * (`all: initial`) and sized in px, so the portal's CSS and ours never meet.
 * TODO [2027-01-01]: WXT's createShadowRootUi (STYLE.md) does the same but adds 4 KB gzip
 * (auto-mount, isolated-element, defu), and the 12 KB budget counts the content script plus
 * the overlay a page loads (about 0.1 KB to spare on the CRA page): go back to it if WXT
 * slims it down.
 */
function mountShadow(css: string): { host: HTMLElement; container: HTMLElement } {
  const host = document.createElement('relais-overlay');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `:host{all:initial!important}${css}`;
  const container = document.createElement('div');
  shadow.append(style, container);
  (document.body ?? document.documentElement).appendChild(host);
  return { host, container };
}

/**
 * An overlay bundle's entry (`<portal>-<kind>-overlay.js`, bundles.ts, injected by the
 * background once the content script saw a page of that kind): leaves its start function in
 * the extension's isolated world for the content script (overlay/launch.ts) to call with its
 * context. `css`: the page kind's own rules, after the frame's (style.ts).
 */
export function registerOverlay(bundle: OverlayBundle, pages: readonly PageEntry[], css = ''): void {
  const start: StartOverlay = (ctx) => createOverlay(ctx, pages, OVERLAY_CSS + css);
  (globalThis as Record<string, unknown>)[bundleGlobal(bundle)] = start;
}

/**
 * The overlay of one kind of page: one shadow-root UI for the page the URL names, replaced
 * (never duplicated) when the single-page app navigates, taken down on a page that is not its
 * own (another bundle's, or none), removed when the extension context dies. Returns what the
 * content script calls on every URL it sees.
 */
export function createOverlay(ctx: ContentScriptContext, pages: readonly PageEntry[], css: string): (url: string) => void {
  let current: { host: HTMLElement; container: HTMLElement } | null = null;
  let generation = 0;
  const remove = () => {
    if (current) render(null, current.container);
    current?.host.remove();
    current = null;
  };
  ctx.onInvalidated(remove);

  return async function show(url: string) {
    const mine = ++generation;
    remove();
    const entry = pages.find((p) => p.adapter.matches(url));
    if (!entry || ctx.isInvalid) return;
    await rendered(entry.adapter, 8_000, ctx);
    if (mine !== generation || ctx.isInvalid) return;
    // Whatever is left (a previous instance's, before an extension update): one overlay, ours.
    removeOverlays();
    current = mountShadow(css);
    render(<Overlay adapter={entry.adapter} Panel={entry.Panel} />, current.container);
  };
}
