import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { OverlayBundle } from '../bundles';
import { Frame, type PageEntry } from './frame';
import { bundleGlobal, removeOverlays, type StartOverlay } from './launch';
import { OVERLAY_CSS } from './style';

export type { PageEntry } from './frame';

/** Waits until the page's root element is rendered (an SPA renders after load), or the timeout. */
function rendered(entry: PageEntry, timeoutMs: number, ctx: ContentScriptContext): Promise<void> {
  const root = entry.adapter.map[entry.adapter.keys[0]!]!.css;
  return new Promise((resolve) => {
    const poll = (ms: number) => (document.querySelector(root) || ms > timeoutMs || ctx.isInvalid ? resolve() : setTimeout(poll, 100, ms + 100));
    poll(0);
  });
}

/**
 * The overlay's host: a `<relais-overlay>` element with a CLOSED shadow root, styles reset
 * (`all: initial`) and sized in px, so the portal's CSS and ours never meet, and no script of
 * the page can reach into it (`host.shadowRoot` is null to the page). The root is kept only
 * here, in the extension's isolated world.
 * TODO [2027-01-01]: WXT's createShadowRootUi (STYLE.md) does the same but adds 4 KB gzip
 * (auto-mount, isolated-element, defu), and the 12 KB budget counts the content script plus
 * the overlay a page loads: go back to it if WXT slims it down.
 */
function mountShadow(css: string): { host: HTMLElement; container: HTMLElement } {
  const host = document.createElement('relais-overlay');
  const shadow = host.attachShadow({ mode: 'closed' });
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
 * The overlay of one kind of page: one frame for the page the URL names, replaced (never
 * duplicated) on every navigation, the hash routes' included (a plan made for the previous
 * URL dies with its frame), taken down on a page that is not its own, removed when the
 * extension context dies. Returns what the content script calls on every URL it sees.
 */
export function createOverlay(ctx: ContentScriptContext, pages: readonly PageEntry[], css: string): (url: string) => void {
  let current: { host: HTMLElement; frame: Frame<unknown> } | null = null;
  let shown = '';
  let generation = 0;
  const remove = () => {
    current?.frame.destroy();
    current?.host.remove();
    current = null;
    shown = '';
  };
  ctx.onInvalidated(remove);

  return async function show(url: string) {
    if (url === shown && current) return;
    const mine = ++generation;
    remove();
    const entry = pages.find((p) => p.adapter.matches(url));
    if (!entry || ctx.isInvalid) return;
    await rendered(entry, 8_000, ctx);
    if (mine !== generation || ctx.isInvalid) return;
    // Whatever is left (a previous instance's, before an extension update): one overlay, ours.
    removeOverlays();
    const { host, container } = mountShadow(css);
    const frame = new Frame(container, entry, url);
    current = { host, frame };
    shown = url;
    frame.draw();
    void frame.start();
  };
}
