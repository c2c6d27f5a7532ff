import { useEffect, useMemo, useState } from 'preact/hooks';
import type { LittleBigCraPage } from '../../../shared/portals/littlebig';
import { apply } from '../apply';
import { applyCra, compareDays, planCra, submitOperation, verifyCra, type CraPlan } from '../littlebig/cra';
import { LITTLEBIG } from '../littlebig/selectors';
import type { Outcome, PortalRequests } from '../messages';
import { FRENCH_MONTHS, frQuantity, toFrDate } from '../parse';
import { Outcomes, type PanelProps } from './shell';
import { OperationsPreview } from './preview';
import { m } from './strings';

type Month = PortalRequests['portal.month']['res'];
type Phase = 'idle' | 'preview' | 'done' | 'confirm1' | 'confirm2' | 'submitted';

const euros = (c: number) => `${(c / 100).toFixed(2).replace('.', ',')} €`;
const q = (n: number | null) => (n === null ? '·' : frQuantity(n));
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The CRA month: Relais' days beside the portal's, fill after a preview, submit after two confirmations. */
export function CraPanel({ env, model, reread }: PanelProps<LittleBigCraPage>) {
  const [relais, setRelais] = useState<Month | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [phase, setPhase] = useState<Phase>('idle');
  const [result, setResult] = useState<{ applied: number; failed: number; mismatches: { date: string; expected: string; found: string }[] } | null>(null);
  useEffect(() => {
    void env.ask('portal.month', { portal: 'littlebig', missionRef: model.missionRef, month: model.month }).then((r) => r && setRelais(r));
    void env.ask('portal.observed', { portal: 'littlebig', page: 'cra', data: model }).then((r) => r && setOutcomes(r.outcomes));
  }, [model.missionRef, model.month, model.state]);
  const desired = relais?.cra ? { days: relais.cra.days, lines: relais.cra.lines } : null;
  const plan: CraPlan | null = useMemo(() => (desired ? planCra(model, desired) : null), [model, relais]);
  const diffs = desired ? compareDays(model, desired) : [];
  const differing = diffs.filter((d) => d.portal !== d.relais && !(d.locked && !d.relais));
  const label = `${FRENCH_MONTHS[+model.month.slice(5) - 1]} ${model.month.slice(0, 4)}`;
  const total = Object.values(model.days).reduce((a: number, b) => a + b, 0);

  const fill = async () => {
    if (!plan) return;
    const res = applyCra(env.doc, plan);
    await wait(50); // let the portal's framework re-render before reading back
    setResult({ applied: res.applied, failed: res.failed.length, mismatches: verifyCra(env.doc, plan) });
    setPhase('done');
    reread();
  };
  const submit = async () => {
    const op = submitOperation(env.doc);
    if (op) apply(env.doc, LITTLEBIG, [op]);
    await wait(300);
    setPhase('submitted');
    reread();
  };

  const lead = (new Date(`${model.month}-01T12:00:00Z`).getUTCDay() + 6) % 7;
  const head = (
    <p class="m">
      <strong>{label}</strong> · {model.missionRef}
      {relais?.mission ? ` · ${relais.mission.clientName}` : ''}
    </p>
  );
  if (relais && !relais.signedIn) return <>{head}<p class="warn">{m('signedOut')}</p></>;
  if (relais && !relais.mission) return <>{head}<p class="warn" data-relais="no-mission">{m('noMission', model.missionRef)}</p></>;
  return (
    <div data-relais="cra">
      {head}
      <Outcomes list={outcomes} />
      {!relais ? (
        <p class="s">{m('loading')}</p>
      ) : (
        <>
          <div class="g" data-relais="days">
            {['L', 'M', 'M', 'J', 'V', 'S', 'D'].map((d) => <i>{d}</i>)}
            {Array.from({ length: lead }, () => <span />)}
            {diffs.map((d) => (
              <div class={`d${differing.includes(d) ? ' x' : d.locked ? ' l' : ''}`} data-date={d.date} title={`${toFrDate(d.date)} — ${m('portal')} ${q(d.portal)} · ${m('relais')} ${q(d.relais)}`}>
                <b>{+d.date.slice(8)}</b>
                {q(d.portal)}
                <br />
                <span class="p">{q(d.relais)}</span>
              </div>
            ))}
          </div>
          <p class="s">{m('legend')}</p>
          {relais.cra?.pending && <p class="warn">{m('pending')}</p>}
          <p class="m" data-relais="diff-count">{differing.length ? m('diffCount', differing.length) : m('same')}</p>
          {plan?.notes.map((n) => (
            <p class="warn">
              {n.kind === 'locked_month' ? m('locked') : n.kind === 'locked_day' ? m('lockedDay', toFrDate(n.date), frQuantity(n.quantity)) : n.kind === 'unsupported_quantity' ? m('quarter', toFrDate(n.date), frQuantity(n.quantity)) : m('expense', n.label, euros(n.amountCents))}
            </p>
          ))}
          {phase === 'idle' && plan && plan.ops.length > 0 && (
            <div class="a">
              <button class="c pr" data-relais="fill" onClick={() => setPhase('preview')}>
                {m('fill')}
              </button>
            </div>
          )}
          {phase === 'preview' && plan && (
            <OperationsPreview ops={plan.ops} onConfirm={fill} onCancel={() => setPhase('idle')} />
          )}
          {result && (
            <div data-relais="result">
              {result.mismatches.length === 0 && result.failed === 0 ? (
                <p class="ok" data-relais="verified">{m('filled', result.applied)}</p>
              ) : (
                <div class="err" data-relais="mismatches">
                  {result.failed > 0 && <p>{m('failed', result.failed)}</p>}
                  {result.mismatches.length > 0 && (
                    <>
                      {m('mismatches')}
                      <ul>
                        {result.mismatches.map((x) => (
                          <li>
                            {x.date ? toFrDate(x.date) : ''} : {x.expected || m('empty')} ≠ {x.found || m('empty')}
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </div>
              )}
            </div>
          )}
          {(phase === 'done' || (phase === 'idle' && plan?.ops.length === 0)) && (model.state === 'draft' || model.state === 'refused') && submitOperation(env.doc) && !result?.mismatches.length && !result?.failed && (
            <div class="a">
              <button class="c" data-relais="submit" onClick={() => setPhase('confirm1')}>
                {m('submit')}
              </button>
            </div>
          )}
          {phase === 'confirm1' && (
            <div class="warn" data-relais="confirm1">
              {m('confirm1', label, frQuantity(total))}
              <div class="a">
                <button class="c pr" data-relais="confirm-submit-1" onClick={() => setPhase('confirm2')}>
                  {m('continue')}
                </button>
                <button class="c" onClick={() => setPhase('done')}>
                  {m('cancel')}
                </button>
              </div>
            </div>
          )}
          {phase === 'confirm2' && (
            <div class="err" data-relais="confirm2">
              {m('confirm2')}
              <div class="a">
                <button class="c dg" data-relais="confirm-submit-2" onClick={submit}>
                  {m('submitNow')}
                </button>
                <button class="c" onClick={() => setPhase('done')}>
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
