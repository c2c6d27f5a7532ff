import { Component } from 'preact';
import type { SmartQuoteForm } from '../../../shared/portals/smart';
import { apply } from '../apply';
import type { PortalRequests, QuoteOverride } from '../messages';
import { frQuantity } from '../parse';
import { SMART_QUOTE } from '../smart/selectors';
import type { PanelProps } from './shell';
import { OperationsPreview } from './preview';
import { m } from './strings';

type Month = PortalRequests['portal.month']['res'];
type State = { month: string; missionId?: string; override: QuoteOverride; phase: 'idle' | 'preview' | 'done'; filled?: number; data?: Month; of?: SmartQuoteForm };
const euros = (c: number) => `${(c / 100).toFixed(2).replace('.', ',')} €`;

/**
 * The SMart quote form: fill it from a SMart mission's month (client, dates, days, amount at
 * the daily rate, contract type), and warn when the gross per day is under the contract
 * type's legal minimum, with the two ways out (raise the amount, or part time). The quote,
 * its operations and the check come from the background (messages.ts, QuotePlan), again
 * whenever the month, the mission, the way out or the form changes.
 */
export class QuotePanel extends Component<PanelProps<SmartQuoteForm>, State> {
  override state: State = { month: (this.props.model.startsOn ?? new Date().toISOString()).slice(0, 7), override: {}, phase: 'idle' };

  override componentDidMount() {
    const { env, model } = this.props;
    const { month, missionId, override } = this.state;
    void env.ask('portal.month', { portal: 'smart', month, ...(missionId ? { missionId } : {}), page: model, override }).then((r) => {
      // An answer for a form since read again comes too late.
      if (!r || model !== this.props.model) return;
      // Until one is chosen, the first SMart mission.
      if (!missionId && !r.mission && r.missions[0]) return this.setState({ missionId: r.missions[0].id });
      this.setState({ data: r, of: model });
    });
  }

  override componentDidUpdate(was: PanelProps<SmartQuoteForm>, before: State) {
    const { month, missionId, override } = this.state;
    if (was.model !== this.props.model || before.month !== month || before.missionId !== missionId || before.override !== override) this.componentDidMount();
  }

  fill = async () => {
    const { env, reread } = this.props;
    const ops = this.state.data?.quotePlan?.ops ?? [];
    apply(env.doc, SMART_QUOTE, ops);
    await new Promise((r) => setTimeout(r, 50));
    this.setState({ phase: 'done', filled: ops.length });
    // Read back: the plan for what the form now shows is what it does not show yet.
    reread();
  };

  override render() {
    const { model } = this.props;
    const { month, missionId, phase, filled, data, of } = this.state;
    const { desired, ops = [], check } = data?.quotePlan ?? {};
    if (data && !data.signedIn) return <p class="warn">{m('signedOut')}</p>;
    return (
      <div data-relais="quote">
        <label>
          {m('mission')}{' '}
          <select value={missionId} onChange={(e) => this.setState({ missionId: (e.target as HTMLSelectElement).value })}>
            {data?.missions.map((m) => <option value={m.id}>{m.clientName}</option>)}
          </select>
        </label>
        <label>
          {m('month')} <input type="month" value={month} onChange={(e) => this.setState({ month: (e.target as HTMLInputElement).value })} />
        </label>
        {data && !desired && <p class="warn">{m('noDays')}</p>}
        {check && !check.ok && (
          <div class="warn" data-relais="below-minimum">
            {m('belowMin', euros(check.minimumCents - check.dailyShortfallCents), euros(check.minimumCents))}
            <div class="a">
              <button class="c" data-relais="raise" onClick={() => this.setState({ override: { amountCents: check.requiredAmountCents } })}>
                {m('raise', euros(check.requiredAmountCents))}
              </button>
              <button class="c" data-relais="part-time" onClick={() => this.setState({ override: { partTime: true } })}>
                {m('partTime')}
              </button>
            </div>
          </div>
        )}
        {phase === 'idle' && ops.length > 0 && (
          <div class="a">
            <button class="c pr" data-relais="fill" onClick={() => this.setState({ phase: 'preview' })}>
              {m('fillQuote')}
            </button>
          </div>
        )}
        {phase === 'preview' && (
          <OperationsPreview ops={ops} onConfirm={this.fill} onCancel={() => this.setState({ phase: 'idle' })} />
        )}
        {phase === 'done' && of === model && (ops.length === 0 ? <p class="ok">{m('filled', filled || 1)}</p> : <p class="err">{m('mismatches')} {ops.length}</p>)}
        {desired && <p class="s">{`${frQuantity(desired.days)} j · ${euros(desired.amountCents)}`}</p>}
      </div>
    );
  }
}
