import { browser } from 'wxt/browser';
import type { OverlayPortal, PortalPage } from '../../../shared/portals/reports';
import type { PageAdapter, ReadResult } from '../adapter';
import { askPortal, ContextInvalidated, type PortalMessageType, type PortalRequests, type SaidOutcome } from '../messages';
import { settled, wait, watchPage } from '../protocol/settle';
import type { SaveSnapshot } from '../snapshot-bundle';
import { actions, button, h, p, type Child } from './dom';
import { loadBundle } from './launch';
import { m, SUPPORT_ADDRESS, useWords } from './strings';

/** What a panel gets: the page, its document, and a way to ask the background. */
export type Env = {
  portal: OverlayPortal;
  page: PortalPage;
  doc: Document;
  /** The page's URL when the overlay was shown (a new URL is a new overlay). */
  url: string;
  ask: <T extends PortalMessageType>(type: T, req: PortalRequests[T]['req']) => Promise<PortalRequests[T]['res'] | undefined>;
};

/** A page's panel: drawn whole on each change, told of every new reading of the page. */
export type Panel<M> = { view(): Child; update(model: M): void; destroy?(): void };
export type PanelContext<M> = {
  env: Env;
  model: M;
  /** The page read now, as it is at this moment (never a cached reading). */
  readNow(): ReadResult<M, unknown>;
  redraw(): void;
};
export type PageEntry<M = any> = {
  adapter: PageAdapter<M>;
  panel: (ctx: PanelContext<M>) => Panel<M>;
  /** What to show on a page that reads but that Relais must not act on (adapter's `unknown`). */
  unknown?: (why: unknown, env: Env, redraw: () => void) => Child;
};

/** How long a page may take to render before an unreadable one counts as changed (a skeleton, then the calendar). */
const RENDER_BUDGET_MS = 10_000;
/** A selector key in words ("the calendar's days"), never its name. */
const named = (key: string) => {
  const w = m(`key_${key}`);
  return w === `key_${key}` ? m('key_other') : w;
};
const brokenNow = (r: ReadResult<unknown, unknown>) => !r.ok && !!r.breakage;

/**
 * The overlay's frame on one page. It waits until the page has settled before reading it (a
 * page still rendering is not a changed page), re-reads it after every burst of mutations and
 * every navigation, and hands each new reading to the page's panel. A page that still does
 * not read once its render budget is spent gets the breakage notice (and one report); a page
 * that reads but contradicts itself gets the panel's refusal, never a report.
 */
export class Frame<M> {
  private open = true;
  private invalid = false;
  private error: string | null = null;
  private read: ReadResult<M, unknown> | null = null;
  private seen = '';
  private panel: Panel<M> | undefined;
  private stop: (() => void) | undefined;
  private reported = false;
  readonly env: Env;

  constructor(
    private readonly root: HTMLElement,
    private readonly entry: PageEntry<M>,
    url: string,
  ) {
    const { adapter } = entry;
    this.env = {
      portal: adapter.portal,
      page: adapter.page,
      doc: document,
      url,
      ask: async (type, req) => {
        try {
          this.error = null;
          return await askPortal((message) => browser.runtime.sendMessage(message), type, req);
        } catch (err) {
          if (err instanceof ContextInvalidated) this.invalid = true;
          else this.error = String((err as Error)?.message ?? err);
          this.draw();
          return undefined;
        }
      },
    };
  }

  readNow = (): ReadResult<M, unknown> => this.entry.adapter.read(document, this.env.url);

  async start(): Promise<void> {
    const words = await this.env.ask('portal.words', {});
    useWords(words);
    const started = Date.now();
    await settled(document.body ?? document.documentElement);
    // A page still rendering (a skeleton first) is given its budget before it counts as changed.
    while (brokenNow(this.readNow()) && Date.now() - started < RENDER_BUDGET_MS) {
      await Promise.race([settled(document.body, 300, 2_000), wait(1_000)]);
    }
    this.reread();
    this.stop = watchPage(document.body ?? document.documentElement, this.reread);
  }

  destroy(): void {
    this.stop?.();
    this.panel?.destroy?.();
    this.panel = undefined;
  }

  /** The page read again; a panel hears only readings that differ from the last one. */
  reread = (): void => {
    const read = this.readNow();
    const key = JSON.stringify(read);
    if (key === this.seen) return;
    this.seen = key;
    this.read = read;
    if (read.ok) {
      if (this.panel) this.panel.update(read.model);
      else this.panel = this.entry.panel({ env: this.env, model: read.model, readNow: this.readNow, redraw: () => this.draw() });
    } else {
      this.panel?.destroy?.();
      this.panel = undefined;
      if (read.breakage && !this.reported) {
        this.reported = true;
        void this.env.ask('portal.breakage', { portal: this.env.portal, page: this.env.page, selectorKey: read.breakage.selectorKey });
      }
    }
    this.draw();
  };

  /** The redaction is its own bundle, injected on this click (bundles.ts): no overlay carries it. */
  private download = async () => {
    const read = this.read;
    const save = await loadBundle<SaveSnapshot>('portal-snapshot');
    if (save) save({ portal: this.env.portal, page: this.env.page, selectorKey: read && !read.ok && read.breakage ? read.breakage.selectorKey : undefined, extensionVersion: browser.runtime.getManifest().version });
    // Not injected: the extension was updated or removed under the page.
    else this.invalid = true;
    this.draw();
  };

  draw = (): void => {
    this.root.replaceChildren(this.view());
  };

  private view(): HTMLElement {
    if (!this.open) return h('button', { class: 'r h', style: 'width:auto', 'data-relais': 'open', title: m('open'), onClick: () => ((this.open = true), this.draw()) }, '◂ Relais');
    const read = this.read;
    const snapshot = [actions(button(m('saveSnapshot'), 'snapshot', this.download)), p('s', m('snapshotNote', SUPPORT_ADDRESS))];
    const body: Child = this.invalid
      ? p('err', m('invalidated'), 'invalidated')
      : !read
        ? p('s', m('loading'))
        : read.ok
          ? this.panel?.view()
          : read.breakage
            ? h('div', { 'data-relais': 'broken' }, h('p', { class: 'err' }, h('strong', null, m('broken')), h('br'), m('brokenWhy', named(read.breakage.selectorKey))), snapshot)
            : h('div', null, this.entry.unknown?.(read.unknown, this.env, this.draw) ?? p('err', m('unknownPage'), 'refused', { 'data-relais-reason': 'inconsistent' }), snapshot);
    return h(
      'div',
      { class: 'r', 'data-relais': 'overlay' },
      h('div', { class: 'h' }, 'Relais', h('span', null, m(`page_${this.env.page.replace("-", "_")}`)), h('button', { title: m('close'), onClick: () => ((this.open = false), this.draw()) }, '▾')),
      h('div', { class: 'b' }, body, this.error && p('err', this.error)),
    );
  }
}

/** Outcome lines from the background, in its words. */
export const outcomes = (list: readonly SaidOutcome[]) =>
  list.map((o) => p(o.kind === 'failed' || o.kind === 'days_differ' || o.kind === 'no_mission' ? 'warn' : 'ok', o.say.map((s) => m(...s)).join(' '), undefined, { 'data-relais-outcome': o.kind }));
