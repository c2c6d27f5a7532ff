import type { SaidOutcome } from '../messages';
import { h, p } from './dom';
import { outcomes, type Panel, type PanelContext } from './frame';
import { m } from './strings';

/** Pages Relais only reads (missions, invoices, quotes): what it read, and what it recorded; read again whenever the page changes. */
export function readPanel(ctx: PanelContext<Record<string, unknown[]>>): Panel<Record<string, unknown[]>> {
  let model = ctx.model;
  let said: SaidOutcome[] | undefined;
  const observe = () =>
    void ctx.env.ask('portal.observed', { portal: ctx.env.portal, page: ctx.env.page, data: model }).then((r) => {
      if (r) said = r.outcomes;
      ctx.redraw();
    });
  observe();
  return {
    update(next) {
      model = next;
      observe();
    },
    view: () => h('div', { 'data-relais': 'read' }, p('', m('read', Object.values(model).find(Array.isArray)?.length ?? 0)), said ? outcomes(said) : p('s', m('loading'))),
  };
}
