import { apiErrorText } from '../lib/api-errors';
import { useEffect, useState } from 'preact/hooks';
import type { ProfileView } from '../../worker/routes/profile';
import { ask } from '../lib/messages';
import { t, locale } from '../lib/i18n';
import { CountrySelect } from './country-select';
import { Field, Note } from './field';
import { formErrors, noErrors, type FormErrors } from './form';
import { PROFILE_INPUTS, profileBodyOf, profileFormOf, type ProfileForm } from './profile-form';
import { o } from './strings';
import { send } from './send';

/** The seller identity printed on invoices; the API checks SIRET, IBAN and BIC and names the field it refuses. */
export function ProfileSection() {
  const [loaded, setLoaded] = useState<ProfileView | null>(null);
  const [form, setForm] = useState<ProfileForm | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [note, setNote] = useState<{ kind: 'ok' | 'err'; text: string } | null>(null);

  useEffect(() => {
    ask(send, 'profile.get', {}).then(
      (p) => (setLoaded(p), setForm(profileFormOf(p))),
      (err: Error) => setNote({ kind: 'err', text: apiErrorText(err, locale) }),
    );
  }, []);

  if (!loaded || !form) return <section class="card" aria-busy="true"><h2>{o.profile}</h2><Note note={note} /></section>;

  const text = (k: Exclude<keyof ProfileForm, 'alsaceMoselle'>) => ({
    name: k,
    value: form[k],
    'aria-invalid': !!errors.fields[k],
    onInput: (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value }),
  });
  const save = async (e: Event) => {
    e.preventDefault();
    setNote(null);
    try {
      const res = await ask(send, 'profile.save', { body: profileBodyOf(loaded, form) });
      if (res.ok) {
        setLoaded(res.value);
        setForm(profileFormOf(res.value));
        setErrors(noErrors);
        setNote({ kind: 'ok', text: o.saved });
      } else {
        const errs = formErrors(res.error, PROFILE_INPUTS);
        setErrors(errs);
        setNote({ kind: 'err', text: errs.general ?? o.fixFields });
      }
    } catch (err) {
      setNote({ kind: 'err', text: apiErrorText(err, locale) });
    }
  };

  const err = errors.fields;
  return (
    <form class="card grid" name="profile" onSubmit={save} noValidate>
      <h2>{o.profile}</h2>
      <Field label={o.legalName} error={err.legalName} wide>
        <input {...text('legalName')} autocomplete="organization" required />
      </Field>
      <Field label={o.legalForm} error={err.legalForm}>
        <select {...text('legalForm')} onChange={(e) => setForm({ ...form, legalForm: (e.target as HTMLSelectElement).value })}>
          {(['ei', 'eurl', 'sasu', 'smart', 'other'] as const).map((f) => (
            <option key={f} value={f}>
              {o[`form_${f}`]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={o.siret} error={err.siret}>
        <input {...text('siret')} inputMode="numeric" />
      </Field>
      <Field label={o.addressLine1} error={err['address.line1']} wide>
        <input {...text('address.line1')} autocomplete="street-address" />
      </Field>
      <Field label={o.postalCode} error={err['address.postalCode']}>
        <input {...text('address.postalCode')} autocomplete="postal-code" />
      </Field>
      <Field label={o.city} error={err['address.city']}>
        <input {...text('address.city')} autocomplete="address-level2" />
      </Field>
      <Field label={o.country} error={err['address.country']}>
        <CountrySelect {...text('address.country')} />
      </Field>
      <Field label={o.vatRegime} error={err.vatRegime}>
        <select {...text('vatRegime')} onChange={(e) => setForm({ ...form, vatRegime: (e.target as HTMLSelectElement).value })}>
          <option value="franchise">{o.vat_franchise}</option>
          <option value="standard">{o.vat_standard}</option>
        </select>
      </Field>
      <Field label={o.vatNumber} error={err.vatNumber}>
        <input {...text('vatNumber')} />
      </Field>
      <Field label={o.iban} error={err.iban} wide>
        <input {...text('iban')} autocomplete="off" spellcheck={false} />
      </Field>
      <Field label={o.bic} error={err.bic}>
        <input {...text('bic')} autocomplete="off" spellcheck={false} />
      </Field>
      <label class="check wide">
        <input type="checkbox" name="alsaceMoselle" checked={form.alsaceMoselle} onChange={(e) => setForm({ ...form, alsaceMoselle: (e.target as HTMLInputElement).checked })} />
        {o.alsaceMoselle}
      </label>
      <div class="actions wide">
        <button type="submit" class="primary">
          {t.save}
        </button>
        <Note note={note} />
      </div>
    </form>
  );
}
