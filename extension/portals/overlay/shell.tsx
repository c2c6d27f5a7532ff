import { Component, type ComponentType } from 'preact';
import { browser } from 'wxt/browser';
import type { OverlayPortal, PortalPage } from '../../../shared/portals/reports';
import type { PageAdapter, ReadResult } from '../adapter';
import { askPortal, ContextInvalidated, type PortalMessageType, type PortalRequests, type SaidOutcome } from '../messages';
import type { SaveSnapshot } from '../snapshot-bundle';
import { loadBundle } from './launch';
import { m } from './strings';

/** What a panel gets: the page, its document, and a way to ask the background. */
export type Env = {
  portal: OverlayPortal;
  page: PortalPage;
  doc: Document;
  ask: <T extends PortalMessageType>(type: T, req: PortalRequests[T]['req']) => Promise<PortalRequests[T]['res'] | undefined>;
};

export type PanelProps<M> = { env: Env; model: M; reread: () => void };

type OverlayProps<M> = { adapter: PageAdapter<M>; Panel: ComponentType<PanelProps<M>> };
type OverlayState<M> = { open: boolean; invalid: boolean; error: string | null; read: ReadResult<M> };

/**
 * The overlay's frame: reads the page once; a page that no longer matches gets the breakage
 * notice (and a report), a dead extension context the reload notice; otherwise the page's panel.
 * Class components, like every panel: preact/hooks would add a tenth of the page's budget.
 */
export class Overlay<M> extends Component<OverlayProps<M>, OverlayState<M>> {
  override state: OverlayState<M> = { open: true, invalid: false, error: null, read: this.props.adapter.read(document) };

  env: Env = {
    portal: this.props.adapter.portal,
    page: this.props.adapter.page,
    doc: document,
    ask: async (type, req) => {
      try {
        this.setState({ error: null });
        return await askPortal((message) => browser.runtime.sendMessage(message), type, req);
      } catch (err) {
        this.fail(err);
        return undefined;
      }
    },
  };

  fail(err: unknown) {
    this.setState(err instanceof ContextInvalidated ? { invalid: true } : { error: String((err as Error)?.message ?? err) });
  }

  /** A page that does not read (on mount, or once re-read after a fill) is reported. */
  override componentDidMount() {
    this.componentDidUpdate({}, { read: { ok: true } });
  }

  override componentDidUpdate(_: unknown, prev: { read: { ok: boolean } }) {
    const { read } = this.state;
    if (!read.ok && prev.read.ok) void this.env.ask('portal.breakage', { portal: this.env.portal, page: this.env.page, selectorKey: read.breakage.selectorKey });
  }

  /** The redaction is its own bundle, injected on this click (bundles.ts): no overlay carries it. */
  download = async () => {
    const { read } = this.state;
    const save = await loadBundle<SaveSnapshot>('portal-snapshot');
    if (save) save({ portal: this.env.portal, page: this.env.page, selectorKey: read.ok ? undefined : read.breakage.selectorKey, extensionVersion: browser.runtime.getManifest().version });
    // Not injected: the extension was updated or removed under the page.
    else this.setState({ invalid: true });
  };

  override render() {
    const { adapter, Panel } = this.props;
    const { open, invalid, error, read } = this.state;
    if (!open)
      return (
        <button class="r h" style="width:auto" data-relais="open" title={m('open')} onClick={() => this.setState({ open: true })}>
          ◂ Relais
        </button>
      );
    return (
      <div class="r" data-relais="overlay">
        <div class="h">
          Relais
          <span>{adapter.page}</span>
          <button title={m('close')} onClick={() => this.setState({ open: false })}>
            ▾
          </button>
        </div>
        <div class="b">
          {invalid ? (
            <p class="err" data-relais="invalidated">{m('invalidated')}</p>
          ) : !read.ok ? (
            <div data-relais="broken">
              <p class="err">
                <strong>{m('broken')}</strong>
                <br />
                {m('brokenWhy', read.breakage.selectorKey)}
              </p>
              <div class="a">
                <button class="c" data-relais="snapshot" onClick={this.download}>
                  {m('saveSnapshot')}
                </button>
              </div>
              <p class="s">{m('snapshotNote')}</p>
            </div>
          ) : (
            <Panel env={this.env} model={read.model} reread={() => this.setState({ read: adapter.read(document) })} />
          )}
          {error && <p class="err">{error}</p>}
        </div>
      </div>
    );
  }
}

/** Outcome lines from the background, in its words. */
export function Outcomes({ list }: { list: SaidOutcome[] }) {
  return (
    <>
      {list.map((o) => (
        <p class={o.kind === 'failed' || o.kind === 'days_differ' || o.kind === 'no_mission' ? 'warn' : 'ok'} data-relais-outcome={o.kind}>
          {o.say.map((s) => m(...s)).join(' ')}
        </p>
      ))}
    </>
  );
}
