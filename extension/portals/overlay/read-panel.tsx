import { Component } from 'preact';
import type { SaidOutcome } from '../messages';
import { Outcomes, type PanelProps } from './shell';
import { m } from './strings';

/** Pages Relais only reads (missions, invoices, quotes): what it read, and what it recorded. */
export class ReadPanel extends Component<PanelProps<Record<string, unknown[]>>, { outcomes?: SaidOutcome[] }> {
  override componentDidMount() {
    const { env, model } = this.props;
    void env.ask('portal.observed', { portal: env.portal, page: env.page, data: model }).then((r) => r && this.setState({ outcomes: r.outcomes }));
  }

  override render() {
    const { outcomes } = this.state;
    const rows = Object.values(this.props.model).find(Array.isArray)?.length ?? 0;
    return (
      <div data-relais="read">
        <p>{m('read', rows)}</p>
        {outcomes ? <Outcomes list={outcomes} /> : <p class="s">{m('loading')}</p>}
      </div>
    );
  }
}
