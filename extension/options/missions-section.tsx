import { apiErrorText } from '../lib/api-errors';
import { useEffect, useState } from 'preact/hooks';
import { issuerRuleFor } from '../../shared/invoice/issuers';
import { plansOf, regimeFor } from '../../shared/payout/regimes';
import { parseEuros } from '../lib/euros';
import { ask, type SimulatedPayout } from '../lib/messages';
import { formatDate, locale, money, t } from '../lib/i18n';
import type { Mission } from '../lib/model';
import { localToday } from '../lib/today';
import { contractTypeName, issuerName, planName, portalName } from '../lib/words';
import { CountrySelect } from './country-select';
import { Field, Note } from './field';
import { formErrors, noErrors, type FormErrors } from './form';
import { blankMissionForm, createBodyOf, MISSION_INPUTS, missionFormOf, patchBodyOf, renewalBodyOf, type MissionForm } from './mission-form';
import { o } from './strings';
import { send } from './send';

type NoteState = { kind: 'ok' | 'err'; text: string } | null;
type Mode = { id: string; kind: 'edit' | 'renew' } | null;

/** Missions: the list (archived ones too), edit, archive, renew, and a new one. */
export function MissionsSection() {
  const [missions, setMissions] = useState<Mission[] | null>(null);
  const [mode, setMode] = useState<Mode>(null);
  const [note, setNote] = useState<NoteState>(null);
  const load = () => ask(send, 'missions.list', {}).then(setMissions, (err: Error) => setNote({ kind: 'err', text: apiErrorText(err, locale) }));
  useEffect(() => void load(), []);

  const archive = async (m: Mission) => {
    setNote(null);
    const res = await ask(send, 'missions.update', { id: m.id, body: { archived: !m.archived } });
    if (!res.ok) return setNote({ kind: 'err', text: formErrors(res.error, []).general ?? apiErrorText(res.error, locale) });
    await load();
  };

  return (
    <section class="card" aria-label={o.missions}>
      <h2>{o.missions}</h2>
      <ul class="missions">
        {(missions ?? []).map((m) => (
          <li key={m.id} data-mission={m.id} class={m.archived ? 'archived' : ''}>
            <div class="mission-head">
              <div>
                <strong>{m.clientName}</strong> <span class="tag">{portalName(m.portal, locale)}</span>
                {m.portalRef && <span class="tag ref">{m.portalRef}</span>}
                {m.archived && <span class="tag">{o.archived}</span>}
                <div class="muted small">
                  {money(m.dailyRateCents)} {o.perDay}
                  {plansOf(m.regime).length > 1 && ` · ${planName(m.plan, locale)}`} · {formatDate(m.currentOrder.startsOn)} → {m.currentOrder.endsOn ? formatDate(m.currentOrder.endsOn) : '…'}
                  {m.currentOrder.budgetDays != null && ` · ${o.consumed(m.consumption.consumedDays.toLocaleString(locale), m.currentOrder.budgetDays.toLocaleString(locale))}`}
                </div>
              </div>
              {mode?.id !== m.id && (
                <div class="buttons">
                  <button type="button" data-action="edit" onClick={() => (setNote(null), setMode({ id: m.id, kind: 'edit' }))}>
                    {t.edit}
                  </button>
                  <button type="button" data-action="renew" onClick={() => (setNote(null), setMode({ id: m.id, kind: 'renew' }))}>
                    {o.renew}
                  </button>
                  <button type="button" data-action="archive" onClick={() => void archive(m)}>
                    {m.archived ? o.unarchive : o.archive}
                  </button>
                </div>
              )}
            </div>
            {mode?.id === m.id && (
              <MissionEditor
                mission={m}
                kind={mode.kind}
                onCancel={() => setMode(null)}
                onSaved={async () => {
                  setMode(null);
                  setNote({ kind: 'ok', text: o.saved });
                  await load();
                }}
              />
            )}
          </li>
        ))}
      </ul>
      <Note note={note} />
      <NewMission onCreated={load} />
    </section>
  );
}

function useForm(initial: MissionForm) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const bind = (k: keyof MissionForm) => ({
    name: k,
    value: form[k],
    'aria-invalid': !!errors.fields[k],
    onInput: (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value }),
    onChange: (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value }),
  });
  return { form, setForm, errors, setErrors, bind };
}

/**
 * Who the invoices are addressed to: the client's registration number, structured address
 * (an invoice prints street, postcode and city apart) and email. A mission saved with the
 * older free-text address shows it, to be typed again field by field.
 */
function ClientFields({ bind, err, legacyAddress }: { bind: (k: keyof MissionForm) => object; err: Record<string, string | undefined>; legacyAddress?: string | null }) {
  return (
    <>
      <Field label={o.clientSiren} error={err.clientSiren}>
        <input {...bind('clientSiren')} maxLength={20} />
      </Field>
      <Field label={o.clientCountry} error={err.clientCountry}>
        <CountrySelect {...bind('clientCountry')} />
      </Field>
      {legacyAddress && <p class="muted small wide">{o.legacyAddress(legacyAddress)}</p>}
      <Field label={o.clientAddressLine} error={err.clientAddressLine} wide>
        <input {...bind('clientAddressLine')} maxLength={300} autocomplete="off" />
      </Field>
      <Field label={o.clientPostcode} error={err.clientPostcode}>
        <input {...bind('clientPostcode')} maxLength={16} autocomplete="off" />
      </Field>
      <Field label={o.clientCity} error={err.clientCity}>
        <input {...bind('clientCity')} maxLength={100} autocomplete="off" />
      </Field>
      <Field label={o.clientEmail} error={err.clientEmail} wide>
        <input {...bind('clientEmail')} type="email" maxLength={254} autocomplete="off" />
      </Field>
    </>
  );
}

/**
 * The plans side by side for a typical month of the mission (20 days at its daily rate, validated today), from the
 * calculator (`POST /v1/simulate/payout`): the fee, what the freelancer receives and when; choosing a row picks
 * the plan. Only the plans the contract's regime offers are listed.
 */
function PlanComparison({ portal, contractSignedOn, country, dailyRate, plans, chosen, onChoose }: { portal: string; contractSignedOn: string; country: string; dailyRate: string; plans: readonly string[]; chosen: string; onChoose(plan: string): void }) {
  const [rows, setRows] = useState<{ plan: string; sim: SimulatedPayout | null }[]>([]);
  const rate = parseEuros(dailyRate);
  const cents = rate.ok ? rate.cents : 0;
  useEffect(() => {
    if (!cents || plans.length < 2) return setRows([]);
    let alive = true;
    const body = (plan: string) => ({ portal, plan, contractSignedOn: contractSignedOn || localToday(), country: country || 'FR', dailyRateCents: cents, days: 20, validatedOn: localToday(), vatRateBps: 2000 });
    void Promise.all(plans.map(async (plan) => ({ plan, sim: await ask(send, 'simulate.payout', { body: body(plan) }).then((r) => (r.ok ? r.value : null), () => null) }))).then((r) => alive && setRows(r));
    return () => void (alive = false);
  }, [portal, contractSignedOn, country, cents, plans.join()]);
  if (plans.length < 2) return null;
  if (!cents) return <p class="hint" style="grid-column:1/-1">{o.compareNeedsRate}</p>;
  const when = (s: SimulatedPayout) => (s.payoutEarliest === s.payoutLatest ? formatDate(s.payoutEarliest) : `${formatDate(s.payoutEarliest)} – ${formatDate(s.payoutLatest)}`);
  return (
    <table class="compare wide" data-relais="plan-compare">
      <caption>{o.compareTitle}</caption>
      <thead>
        <tr>
          <th>{o.comparePlan}</th>
          <th>{o.compareFee}</th>
          <th>{o.compareReceived}</th>
          <th>{o.comparePayout}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map(({ plan, sim }) => (
          <tr key={plan} class={plan === chosen ? 'chosen' : ''}>
            <td>{planName(plan, locale)}</td>
            <td>{sim ? `${money(sim.feeCents)} (${((sim.feeCents / Math.max(sim.netCents, 1)) * 100).toLocaleString(locale, { maximumFractionDigits: 1 })} %)` : '—'}</td>
            <td>{sim ? money(sim.payoutCents) : '—'}</td>
            <td>{sim ? when(sim) : '—'}</td>
            <td>{plan === chosen ? o.compareChosen : <button type="button" onClick={() => onChoose(plan)}>{o.compareChoose}</button>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** SMart's contract type (it decides the legal minimum gross per day the quote overlay checks), by name. */
function ContractTypeField({ portal, bind, error }: { portal: string; bind: object; error?: string }) {
  if (portal !== 'smart') return null;
  return (
    <Field label={o.contractType} error={error}>
      <select {...bind}>
        <option value="">–</option>
        {(['salaried', 'salaried_artistic', 'music', 'music_chorister'] as const).map((c) => (
          <option value={c}>{contractTypeName(c, locale)}</option>
        ))}
      </select>
    </Field>
  );
}

/** The plans a contract's regime offers, by name (a code is never shown). */
function PlanSelect({ plans, bind }: { plans: readonly string[]; bind: object }) {
  return (
    <select {...bind}>
      <option value="">–</option>
      {plans.map((p) => (
        <option key={p} value={p}>
          {planName(p, locale)}
        </option>
      ))}
    </select>
  );
}

/** The invoice mode, where it changes who issues the invoice (LittleBIG); elsewhere, who issues it, said. */
function InvoiceModeField({ portal, bind, error }: { portal: string; bind: object; error?: string }) {
  const auto = issuerRuleFor({ portal, invoiceMode: 'auto' });
  const manual = issuerRuleFor({ portal, invoiceMode: 'manual' });
  if (auto.issuer === manual.issuer && auto.billed === manual.billed) {
    return (
      <p class="muted small" data-issuer={auto.issuer}>
        {issuerName(auto.issuer, locale)}.
      </p>
    );
  }
  return (
    <Field label={o.invoiceMode} error={error}>
      <select {...bind}>
        <option value="auto">{o.mode_auto}</option>
        <option value="manual">{o.mode_manual}</option>
      </select>
    </Field>
  );
}

/** The free-text address of a mission saved before the structured one, when it has no other. */
const legacyOnly = (m: Mission) => (m.clientAddress && !m.clientAddressLine && !m.clientPostcode && !m.clientCity ? m.clientAddress : null);

function MissionEditor({ mission, kind, onCancel, onSaved }: { mission: Mission; kind: 'edit' | 'renew'; onCancel(): void; onSaved(): Promise<void> }) {
  const { form, setForm, errors, setErrors, bind } = useForm(kind === 'edit' ? missionFormOf(mission, locale) : blankMissionForm(localToday(), mission, locale));
  const [note, setNote] = useState<NoteState>(null);
  const plans = plansOf(mission.regime);
  const err = errors.fields;
  const save = async (e: Event) => {
    e.preventDefault();
    setNote(null);
    const built = kind === 'edit' ? patchBodyOf(mission, form) : renewalBodyOf(form);
    if (!built.ok) {
      setErrors({ fields: built.fields, general: o.fixFields });
      return setNote({ kind: 'err', text: o.fixFields });
    }
    const res = await ask(send, kind === 'edit' ? 'missions.update' : 'missions.renew', { id: mission.id, body: built.body });
    if (res.ok) return onSaved();
    const errs = formErrors(res.error, MISSION_INPUTS);
    setErrors(errs);
    setNote({ kind: 'err', text: errs.general ?? o.fixFields });
  };
  return (
    <form class="grid sub" name={kind === 'edit' ? 'mission-edit' : 'mission-renew'} onSubmit={save} noValidate>
      {kind === 'renew' && <h3>{o.renewal}</h3>}
      {kind === 'edit' && (
        <>
          <Field label={t.client} error={err.clientName}>
            <input {...bind('clientName')} />
          </Field>
          <Field label={o.portalRef} error={err.portalRef}>
            <input {...bind('portalRef')} maxLength={100} />
          </Field>
          <ClientFields bind={bind} err={err} legacyAddress={legacyOnly(mission)} />
          <InvoiceModeField portal={mission.portal} bind={bind('invoiceMode')} error={err.invoiceMode} />
          <ContractTypeField portal={mission.portal} bind={bind('smartContractType')} error={err.smartContractType} />
          <Field label={o.clientTerms} error={err.clientTermsDays}>
            <input {...bind('clientTermsDays')} inputMode="numeric" />
          </Field>
        </>
      )}
      <Field label={t.dailyRate} error={err.dailyRate}>
        <input {...bind('dailyRate')} inputMode="decimal" />
      </Field>
      <Field label={t.plan} error={err.plan}>
        <PlanSelect plans={plans} bind={bind('plan')} />
      </Field>
      {kind === 'renew' && <PlanComparison portal={mission.portal} contractSignedOn={mission.contractSignedOn ?? ''} country={mission.country ?? 'FR'} dailyRate={form.dailyRate} plans={plans} chosen={form.plan} onChoose={(p) => setForm({ ...form, plan: p })} />}
      <Field label={t.startsOn} error={err.startsOn}>
        <input {...bind('startsOn')} type="date" />
      </Field>
      <Field label={t.endsOn} error={err.endsOn}>
        <input {...bind('endsOn')} type="date" />
      </Field>
      <Field label={t.budgetDays} error={err.budgetDays}>
        <input {...bind('budgetDays')} inputMode="decimal" />
      </Field>
      {kind === 'renew' && (
        <Field label={o.reference} error={err.reference}>
          <input {...bind('reference')} maxLength={100} />
        </Field>
      )}
      <div class="actions wide">
        <button type="button" onClick={onCancel}>
          {t.cancel}
        </button>
        <button type="submit" class="primary">
          {kind === 'edit' ? t.save : o.renew}
        </button>
        <Note note={note} />
      </div>
    </form>
  );
}

function NewMission({ onCreated }: { onCreated(): Promise<unknown> }) {
  const { form, setForm, errors, setErrors, bind } = useForm(blankMissionForm(localToday()));
  const [note, setNote] = useState<NoteState>(null);
  const err = errors.fields;
  // Only the plans this contract's regime offers; a plan chosen for another portal is dropped.
  const plans = plansOf(regimeFor({ portal: form.portal, contractSignedOn: form.contractSignedOn || localToday(), country: form.country || 'FR' }));
  const plan = plans.includes(form.plan as never) ? form.plan : '';
  const submit = async (e: Event) => {
    e.preventDefault();
    setNote(null);
    const built = createBodyOf({ ...form, plan });
    if (!built.ok) {
      setErrors({ fields: built.fields, general: o.fixFields });
      return setNote({ kind: 'err', text: o.fixFields });
    }
    const res = await ask(send, 'missions.create', { body: built.body });
    if (!res.ok) {
      const errs = formErrors(res.error, MISSION_INPUTS);
      setErrors(errs);
      return setNote({ kind: 'err', text: errs.general ?? o.fixFields });
    }
    setErrors(noErrors);
    setForm(blankMissionForm(localToday()));
    setNote({ kind: 'ok', text: t.created });
    await onCreated();
  };
  return (
    <form class="grid sub" onSubmit={submit} name="mission" noValidate>
      <h3>{t.newMission}</h3>
      <Field label={t.client} error={err.clientName}>
        <input {...bind('clientName')} required />
      </Field>
      <Field label={t.portal} error={err.portal}>
        <select {...bind('portal')}>
          <option value="littlebig">LittleBIG Connection</option>
          <option value="smart">SMart</option>
          <option value="direct">Direct</option>
        </select>
      </Field>
      <Field label={t.dailyRate} error={err.dailyRate}>
        <input {...bind('dailyRate')} inputMode="decimal" required />
      </Field>
      <Field label={t.plan} error={err.plan}>
        <PlanSelect plans={plans} bind={{ ...bind('plan'), value: plan }} />
      </Field>
      <ContractTypeField portal={form.portal} bind={bind('smartContractType')} error={err.smartContractType} />
      <PlanComparison portal={form.portal} contractSignedOn={form.contractSignedOn} country={form.country} dailyRate={form.dailyRate} plans={plans} chosen={plan} onChoose={(p) => setForm({ ...form, plan: p })} />
      <Field label={t.signedOn} error={err.contractSignedOn}>
        <input {...bind('contractSignedOn')} type="date" required />
      </Field>
      <Field label={t.budgetDays} error={err.budgetDays}>
        <input {...bind('budgetDays')} inputMode="decimal" required />
      </Field>
      <Field label={t.startsOn} error={err.startsOn}>
        <input {...bind('startsOn')} type="date" required />
      </Field>
      <Field label={t.endsOn} error={err.endsOn}>
        <input {...bind('endsOn')} type="date" required />
      </Field>
      <Field label={o.portalRef} error={err.portalRef} wide>
        <input {...bind('portalRef')} maxLength={100} />
      </Field>
      <ClientFields bind={bind} err={err} />
      <Field label={o.clientTerms} error={err.clientTermsDays}>
        <input {...bind('clientTermsDays')} inputMode="numeric" />
      </Field>
      <InvoiceModeField portal={form.portal} bind={bind('invoiceMode')} error={err.invoiceMode} />
      <Field label={o.myCountry} error={err.country}>
        <CountrySelect {...bind('country')} />
      </Field>
      <div class="actions wide">
        <button type="submit" class="primary">
          {t.create}
        </button>
        <Note note={note} />
      </div>
    </form>
  );
}
