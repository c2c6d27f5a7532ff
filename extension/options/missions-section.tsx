import { apiErrorText } from '../lib/api-errors';
import { useEffect, useState } from 'preact/hooks';
import { plansOf, PLANS } from '../../shared/payout/regimes';
import { ask } from '../lib/messages';
import { formatDate, locale, money, t } from '../lib/i18n';
import type { Mission } from '../lib/model';
import { localToday } from '../lib/today';
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
                <strong>{m.clientName}</strong> <span class="tag">{m.portal}</span>
                {m.portalRef && <span class="tag ref">{m.portalRef}</span>}
                {m.archived && <span class="tag">{o.archived}</span>}
                <div class="muted small">
                  {money(m.dailyRateCents)} {o.perDay} · {m.plan} · {formatDate(m.currentOrder.startsOn)} → {m.currentOrder.endsOn ? formatDate(m.currentOrder.endsOn) : '…'}
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

/** The countries a client or a freelancer of Relais' portals is found in. */
function CountrySelect(props: object) {
  return (
    <select {...props}>
      <option value="FR">France</option>
      <option value="BE">Belgique / België</option>
      <option value="LU">Luxembourg</option>
      <option value="CH">Suisse / Schweiz</option>
    </select>
  );
}

/** Who the invoices are addressed to: the client's registration number, country and address. */
function ClientFields({ bind, err }: { bind: (k: keyof MissionForm) => object; err: Record<string, string | undefined> }) {
  return (
    <>
      <Field label={o.clientSiren} error={err.clientSiren}>
        <input {...bind('clientSiren')} maxLength={20} />
      </Field>
      <Field label={o.clientCountry} error={err.clientCountry}>
        <CountrySelect {...bind('clientCountry')} />
      </Field>
      <Field label={o.clientAddress} error={err.clientAddress} wide>
        <textarea {...bind('clientAddress')} rows={2} maxLength={300} />
      </Field>
    </>
  );
}

function PlanSelect({ plans, bind }: { plans: readonly string[]; bind: object }) {
  return (
    <select {...bind}>
      <option value="">–</option>
      {plans.map((p) => (
        <option key={p} value={p}>
          {p}
        </option>
      ))}
    </select>
  );
}

function MissionEditor({ mission, kind, onCancel, onSaved }: { mission: Mission; kind: 'edit' | 'renew'; onCancel(): void; onSaved(): Promise<void> }) {
  const { form, errors, setErrors, bind } = useForm(kind === 'edit' ? missionFormOf(mission, locale) : blankMissionForm(localToday(), mission, locale));
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
          <ClientFields bind={bind} err={err} />
          <Field label={o.invoiceMode} error={err.invoiceMode}>
            <select {...bind('invoiceMode')}>
              <option value="auto">{o.mode_auto}</option>
              <option value="manual">{o.mode_manual}</option>
            </select>
          </Field>
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
  const submit = async (e: Event) => {
    e.preventDefault();
    setNote(null);
    const built = createBodyOf(form);
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
        <PlanSelect plans={PLANS} bind={bind('plan')} />
      </Field>
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
