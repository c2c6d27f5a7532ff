import { Component } from 'preact';
import type { LittleBigCraPage } from '../../../shared/portals/littlebig';
import { apply } from '../apply';
import { applyCra, submitOperation } from '../littlebig/cra';
import { LITTLEBIG_CRA } from '../littlebig/selectors';
import type { PortalRequests, SaidOutcome } from '../messages';
import { FRENCH_MONTHS, frQuantity } from '../parse';
import { Outcomes, type PanelProps } from './shell';
import { OperationsPreview } from './preview';
import { m } from './strings';

type Month = PortalRequests['portal.month']['res'];
type Phase = 'idle' | 'preview' | 'done' | 'confirm1' | 'confirm2' | 'submitted';
type State = { relais?: Month; of?: LittleBigCraPage; outcomes: SaidOutcome[]; phase: Phase; filled?: { applied: number; failed: number } };
type Props = PanelProps<LittleBigCraPage>;

const q = (n: number | null) => (n === null ? '·' : frQuantity(n));
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The CRA month: Relais' days beside the portal's, fill after a preview, submit after two
 * confirmations. The comparison and the plan come from the background with Relais' month
 * (messages.ts, CraComparison), again each time the page is read.
 */
export class CraPanel extends Component<Props, State> {
  override state: State = { outcomes: [], phase: 'idle' };

  override componentDidMount() {
    this.componentDidUpdate({ model: {} as LittleBigCraPage });
  }

  override componentDidUpdate({ model: was }: { model: LittleBigCraPage }) {
    const { env, model } = this.props;
    if (was === model) return;
    void env.ask('portal.month', { portal: 'littlebig', missionRef: model.missionRef, month: model.month, page: model }).then((r) => r && model === this.props.model && this.setState({ relais: r, of: model }));
    // What the background made of the page's month, again whenever the page shows another month or state.
    if (was.missionRef !== model.missionRef || was.month !== model.month || was.state !== model.state) void env.ask('portal.observed', { portal: 'littlebig', page: 'cra', data: model }).then((r) => r && this.setState({ outcomes: r.outcomes }));
  }

  fill = async () => {
    const { env, reread } = this.props;
    const plan = this.state.relais?.craPlan?.plan;
    if (!plan) return;
    const res = applyCra(env.doc, plan);
    await wait(50); // let the portal's framework re-render before reading back
    this.setState({ filled: { applied: res.applied, failed: res.failed.length }, phase: 'done' });
    // Verify: the page read again, what it still does not show of Relais' days is a mismatch.
    reread();
  };

  submit = async () => {
    const { env, reread } = this.props;
    const op = submitOperation(env.doc);
    if (op) apply(env.doc, LITTLEBIG_CRA, [op]);
    await wait(300);
    this.setState({ phase: 'submitted' });
    reread();
  };

  override render() {
    const { env, model } = this.props;
    const { relais, of, outcomes, phase, filled } = this.state;
    const go = (phase: Phase) => () => this.setState({ phase });
    const plan = relais?.craPlan?.plan;
    // Once filled, the plan for the page read again: what it still lacks.
    const result = filled && of === model ? { ...filled, mismatches: plan?.ops ?? [] } : undefined;
    const diffs = relais?.craPlan?.days ?? [];
    const differing = diffs.filter((d) => d.portal !== d.relais && !(d.locked && !d.relais));
    const label = `${FRENCH_MONTHS[+model.month.slice(5) - 1]} ${model.month.slice(0, 4)}`;
    const total = Object.values(model.days).reduce((a: number, b) => a + b, 0);

    const lead = (new Date(`${model.month}-01T12:00:00Z`).getUTCDay() + 6) % 7;
    const head = (
      <p>
        <strong>{label}</strong> · {model.missionRef}
        {relais?.mission ? ` · ${relais.mission.clientName}` : ''}
      </p>
    );
    const stop = relais && (!relais.signedIn ? m('signedOut') : !relais.mission && m('noMission', model.missionRef));
    if (stop) return <>{head}<p class="warn">{stop}</p></>;
    return (
      <div data-relais="cra">
        {head}
        <Outcomes list={outcomes} />
        {!relais ? (
          <p class="s">{m('loading')}</p>
        ) : (
          <>
            <div class="g">
              {[...'LMMJVSD'].map((d) => <i>{d}</i>)}
              {Array.from({ length: lead }, () => <span />)}
              {diffs.map((d) => (
                <div class={`d${differing.includes(d) ? ' x' : d.locked ? ' l' : ''}`}>
                  <b>{+d.date.slice(8)}</b>
                  {q(d.portal)}
                  <br />
                  <span class="p">{q(d.relais)}</span>
                </div>
              ))}
            </div>
            <p class="s">{m('legend')}</p>
            {relais.cra?.pending && <p class="warn">{m('pending')}</p>}
            <p>{differing.length ? m('diffCount', differing.length) : m('same')}</p>
            {relais.craPlan?.notes.map((say) => <p class="warn">{m(...say)}</p>)}
            {phase === 'idle' && plan && plan.ops.length > 0 && (
              <div class="a">
                <button class="c pr" data-relais="fill" onClick={go('preview')}>
                  {m('fill')}
                </button>
              </div>
            )}
            {phase === 'preview' && plan && (
              <OperationsPreview ops={plan.ops} onConfirm={this.fill} onCancel={go('idle')} />
            )}
            {result &&
              (result.mismatches.length === 0 && result.failed === 0 ? (
                <p class="ok" data-relais="verified">{m('filled', result.applied)}</p>
              ) : (
                <div class="err">
                  {result.failed > 0 && <p>{m('failed', result.failed)}</p>}
                  {result.mismatches.length > 0 && (
                    <>
                      {m('mismatches')}
                      <ul>
                        {result.mismatches.map((o) => (
                          <li>
                            {o.label} : {o.kind === 'set' && `${o.to || m('empty')} ≠ ${o.from || m('empty')}`}
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </div>
              ))}
            {(phase === 'done' || (phase === 'idle' && plan?.ops.length === 0)) && (model.state === 'draft' || model.state === 'refused') && submitOperation(env.doc) && !filled?.failed && (!filled || result?.mismatches.length === 0) && (
              <div class="a">
                <button class="c" data-relais="submit" onClick={go('confirm1')}>
                  {m('submit')}
                </button>
              </div>
            )}
            {phase === 'confirm1' && (
              <div class="warn" data-relais="confirm1">
                {m('confirm1', label, frQuantity(total))}
                <div class="a">
                  <button class="c pr" data-relais="confirm-submit-1" onClick={go('confirm2')}>
                    {m('continue')}
                  </button>
                  <button class="c" onClick={go('done')}>
                    {m('cancel')}
                  </button>
                </div>
              </div>
            )}
            {phase === 'confirm2' && (
              <div class="err" data-relais="confirm2">
                {m('confirm2')}
                <div class="a">
                  <button class="c dg" data-relais="confirm-submit-2" onClick={this.submit}>
                    {m('submitNow')}
                  </button>
                  <button class="c" onClick={go('done')}>
                    {m('cancel')}
                  </button>
                </div>
              </div>
            )}
            {phase === 'submitted' && <p class="ok" data-relais="submitted">{m('submitted')}</p>}
          </>
        )}
      </div>
    );
  }
}
