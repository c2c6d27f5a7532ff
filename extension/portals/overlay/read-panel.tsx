import { useEffect, useState } from 'preact/hooks';
import type { Outcome } from '../messages';
import { Outcomes, type PanelProps } from './shell';
import { m } from './strings';

/** Pages Relais only reads (missions, invoices, quotes): what it read, and what it recorded. */
export function ReadPanel({ env, model, page }: PanelProps<Record<string, unknown[]>> & { page: 'missions' | 'invoices' | 'quote-list' }) {
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  useEffect(() => {
    void env.ask('portal.observed', { portal: env.portal, page, data: model }).then((r) => r && setOutcomes(r.outcomes));
  }, []);
  const rows = Object.values(model).find(Array.isArray)?.length ?? 0;
  return (
    <div data-relais="read">
      <p class="m">{m('read', rows)}</p>
      {outcomes ? <Outcomes list={outcomes} /> : <p class="s">{m('loading')}</p>}
    </div>
  );
}
