import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { OverlayPortal } from '../../../shared/portals/reports';
import type { PageAdapter } from '../adapter';
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
 * (auto-mount, isolated-element, defu): go back to it if the 12 KB budget allows.
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
 * Runs a portal's overlay: one shadow-root UI for the page the URL names, replaced (never
 * duplicated) when the single-page app navigates, removed when the extension context dies.
 */
export function runOverlay(ctx: ContentScriptContext, portal: OverlayPortal, pages: readonly PageEntry[]) {
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

  async function show(url: string) {
    const mine = ++generation;
    remove();
    // A previous instance of this script (before an update) may have left its overlay.
    for (const el of Array.from(document.querySelectorAll('relais-overlay'))) el.remove();
    const entry = pages.find((p) => p.adapter.matches(url));
    if (!entry) return;
    await rendered(entry.adapter, 8_000, ctx);
    if (mine !== generation || ctx.isInvalid) return;
    current = mountShadow(OVERLAY_CSS);
    render(<Overlay portal={portal} version={version} adapter={entry.adapter} Panel={entry.Panel} send={send} />, current.container);
  }

  // The Navigation API also reports downloads (the bug-report snapshot's blob: link): only page URLs count.
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
    if (/^https?:/.test(String(newUrl))) void show(String(newUrl));
  });
  void show(location.href);
}
