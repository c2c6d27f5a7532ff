import { useEffect, useState } from 'preact/hooks';
import type { SmartQuoteForm } from '../../../shared/portals/smart';
import { apply } from '../apply';
import type { PortalRequests } from '../messages';
import { frQuantity } from '../parse';
import { grossCheck, planQuote, quoteFormAdapter, quoteFromMonth } from '../smart/quote-form';
import { SMART } from '../smart/selectors';
import type { PanelProps } from './shell';
import { OperationsPreview } from './preview';
import { m } from './strings';

type Month = PortalRequests['portal.month']['res'];
const euros = (c: number) => `${(c / 100).toFixed(2).replace('.', ',')} €`;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The SMart quote form: fill it from a SMart mission's month (client, dates, days, amount at
 * the daily rate, contract type), and warn when the gross per day is under the contract
 * type's legal minimum, with the two ways out (raise the amount, or part time).
 */
export function QuotePanel({ env, model, reread }: PanelProps<SmartQuoteForm>) {
  const [month, setMonth] = useState((model.startsOn ?? today()).slice(0, 7));
  const [missionId, setMissionId] = useState<string | undefined>();
  const [data, setData] = useState<Month | null>(null);
  const [override, setOverride] = useState<{ amountCents?: number; partTime?: boolean }>({});
  const [phase, setPhase] = useState<'idle' | 'preview' | 'done'>('idle');
  const [mismatch, setMismatch] = useState<number | null>(null);
  useEffect(() => {
    void env.ask('portal.month', { portal: 'smart', month, ...(missionId ? { missionId } : {}) }).then((r) => {
      if (!r) return;
      if (!missionId && !r.mission && r.missions[0]) return setMissionId(r.missions[0].id);
      setData(r);
    });
  }, [month, missionId]);
  const base = data?.mission && data.cra ? quoteFromMonth(data.mission, data.cra.days) : null;
  const desired = base ? { ...base, ...override } : null;
  const ops = desired ? planQuote(model, desired) : [];
  // Before filling: the figures Relais would enter. Otherwise: what the form shows, with SMart's own estimate.
  const check = desired ? grossCheck({ ...desired, dailyGrossCents: undefined }, today()) : grossCheck(model, today());
  const fill = async () => {
    apply(env.doc, SMART, ops);
    await new Promise((r) => setTimeout(r, 50));
    const after = quoteFormAdapter.read(env.doc);
    setMismatch(after.ok && desired ? planQuote(after.model, desired).length : -1);
    setPhase('done');
    reread();
  };
  if (data && !data.signedIn) return <p class="warn">{m('signedOut')}</p>;
  return (
    <div data-relais="quote">
      <label>
        {m('mission')}{' '}
        <select value={missionId} onChange={(e) => setMissionId((e.target as HTMLSelectElement).value)}>
          {data?.missions.map((m) => <option value={m.id}>{m.clientName}</option>)}
        </select>
      </label>
      <label>
        {m('month')} <input type="month" value={month} onChange={(e) => setMonth((e.target as HTMLInputElement).value)} />
      </label>
      {data && !base && <p class="warn">{m('noDays')}</p>}
      {check && !check.ok && (
        <div class="warn" data-relais="below-minimum">
          {m('belowMin', euros(check.minimumCents - check.dailyShortfallCents), euros(check.minimumCents))}
          <div class="a">
            <button class="c" data-relais="raise" onClick={() => setOverride({ amountCents: check.requiredAmountCents })}>
              {m('raise', euros(check.requiredAmountCents))}
            </button>
            <button class="c" data-relais="part-time" onClick={() => setOverride({ partTime: true })}>
              {m('partTime')}
            </button>
          </div>
        </div>
      )}
      {phase === 'idle' && ops.length > 0 && (
        <div class="a">
          <button class="c pr" data-relais="fill" onClick={() => setPhase('preview')}>
            {m('fillQuote')}
          </button>
        </div>
      )}
      {phase === 'preview' && (
        <OperationsPreview ops={ops} onConfirm={fill} onCancel={() => setPhase('idle')} />
      )}
      {phase === 'done' && (mismatch === 0 ? <p class="ok">{m('filled', ops.length || 1)}</p> : <p class="err">{m('mismatches')} {mismatch}</p>)}
      {desired && <p class="s">{`${frQuantity(desired.days)} j · ${euros(desired.amountCents)}`}</p>}
    </div>
  );
}
