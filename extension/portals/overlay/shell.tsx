import { useEffect, useState } from 'preact/hooks';
import type { OverlayPortal } from '../../../shared/portals/reports';
import type { PageAdapter } from '../adapter';
import { askPortal, ContextInvalidated, type PortalMessageType, type PortalRequests } from '../messages';
import { redactedSnapshot } from '../snapshot';
import { m } from './strings';

/** What a panel gets: the page's adapter, the document, and a way to ask the background. */
export type Env = {
  portal: OverlayPortal;
  version: string;
  doc: Document;
  ask: <T extends PortalMessageType>(type: T, req: PortalRequests[T]['req']) => Promise<PortalRequests[T]['res'] | undefined>;
};

export type PanelProps<M> = { env: Env; model: M; reread: () => void };

/**
 * The overlay's frame: reads the page once; a page that no longer matches gets the breakage
 * notice (and a report), a dead extension context the reload notice; otherwise the page's panel.
 */
export function Overlay<M>(props: { portal: OverlayPortal; version: string; adapter: PageAdapter<M>; Panel: (p: PanelProps<M>) => any; send: (m: unknown) => Promise<unknown> }) {
  const { adapter, Panel } = props;
  const [open, setOpen] = useState(true);
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [read, setRead] = useState(() => adapter.read(document));
  const env: Env = {
    portal: props.portal,
    version: props.version,
    doc: document,
    ask: async (type, req) => {
      try {
        setError(null);
        return await askPortal(props.send, type, req);
      } catch (err) {
        if (err instanceof ContextInvalidated) setInvalid(true);
        else setError(err instanceof Error ? err.message : String(err));
        return undefined;
      }
    },
  };
  useEffect(() => {
    if (!read.ok) void env.ask('portal.breakage', { portal: adapter.portal, page: adapter.page, selectorKey: read.breakage.selectorKey });
  }, [read.ok]);
  const download = () => {
    const html = redactedSnapshot(document, { portal: adapter.portal, page: adapter.page, selectorKey: read.ok ? undefined : read.breakage.selectorKey, extensionVersion: props.version });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    a.download = `relais-${adapter.portal}-${adapter.page}-${new Date().toISOString().slice(0, 10)}.html`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };
  if (!open)
    return (
      <div class="r" style="width:auto">
        <div class="h" style="border-radius:10px">
          <button data-relais="open" title={m('open')} onClick={() => setOpen(true)}>
            ◂ Relais
          </button>
        </div>
      </div>
    );
  return (
    <div class="r" data-relais="overlay" data-state={invalid ? 'invalidated' : read.ok ? 'ok' : 'broken'}>
      <div class="h">
        Relais
        <span>{adapter.page}</span>
        <button title={m('close')} onClick={() => setOpen(false)}>
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
              <button class="c" data-relais="snapshot" onClick={download}>
                {m('saveSnapshot')}
              </button>
            </div>
            <p class="s">{m('snapshotNote')}</p>
          </div>
        ) : (
          <Panel env={env} model={read.model} reread={() => setRead(adapter.read(document))} />
        )}
        {error && <p class="err">{error}</p>}
      </div>
    </div>
  );
}

/** Outcome lines from the background. */
export function Outcomes({ list }: { list: import('../messages').Outcome[] }) {
  const fmt = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
  return (
    <>
      {list.map((o) => {
        const text =
          o.kind === 'validated'
            ? `${m('out_validated', fmt(o.validatedOn))}${o.payoutEarliest ? ` ${m('out_payout', fmt(o.payoutEarliest), fmt(o.payoutLatest ?? o.payoutEarliest))}` : ''}`
            : o.kind === 'invoice_paid' || o.kind === 'client_paid'
              ? m(`out_${o.kind}`, o.number, fmt(o.paidOn))
              : o.kind === 'failed'
                ? m('out_failed', o.message)
                : o.kind === 'no_mission'
                  ? m('noMission', o.missionRef)
                  : m(`out_${o.kind}`);
        return (
          <p class={o.kind === 'failed' || o.kind === 'days_differ' || o.kind === 'no_mission' ? 'warn' : 'ok'} data-relais-outcome={o.kind}>
            {text}
          </p>
        );
      })}
    </>
  );
}
