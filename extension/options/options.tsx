import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ask } from '../lib/messages';
import { locale, t } from '../lib/i18n';
import { localToday } from '../lib/today';

const send = (m: unknown) => browser.runtime.sendMessage(m);

/** Options: API address, sign-in by emailed code (the token stays in the background), a new mission. */
export function Options() {
  const [status, setStatus] = useState<{ signedIn: boolean; apiUrl: string; email: string | null } | null>(null);
  const [apiUrl, setApiUrl] = useState('');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [codeSent, setCodeSent] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'err'; text: string } | null>(null);

  const reload = () =>
    ask(send, 'auth.status', {}).then((s) => {
      setStatus(s);
      setApiUrl(s.apiUrl);
      if (s.email) setEmail(s.email);
    });
  useEffect(() => void reload(), []);

  const run = (fn: () => Promise<unknown>, ok?: string) => async (e: Event) => {
    e.preventDefault();
    setMessage(null);
    try {
      await fn();
      if (ok) setMessage({ kind: 'ok', text: ok });
    } catch (err) {
      setMessage({ kind: 'err', text: err instanceof Error ? err.message : String(err) });
    }
  };

  const saveUrl = run(async () => {
    const origin = new URL(apiUrl).origin;
    // A deployed API is an optional permission: asked here, in the user's gesture.
    if (origin.startsWith('https:') && !(await browser.permissions.request({ origins: [`${origin}/*`] }))) throw new Error('Permission refused');
    await ask(send, 'auth.setApiUrl', { apiUrl });
    await reload();
  }, '✓');

  if (!status) return <main />;
  return (
    <main class="options">
      <h1>{t.options}</h1>
      <form onSubmit={saveUrl} class="card">
        <label>
          {t.apiUrl}
          <input name="apiUrl" type="url" value={apiUrl} onInput={(e) => setApiUrl((e.target as HTMLInputElement).value)} required />
        </label>
        <button type="submit">{t.save}</button>
      </form>
      {status.signedIn ? (
        <div class="card">
          <p data-signed-in="1">
            {t.signedInAs} <strong>{status.email}</strong>
          </p>
          <button type="button" onClick={run(async () => (await ask(send, 'auth.signOut', {}), reload()))}>
            {t.signOut}
          </button>
        </div>
      ) : (
        <div class="card">
          <form onSubmit={run(async () => (await ask(send, 'auth.requestCode', { email, locale }), setCodeSent(true)), t.codeSent)}>
            <label>
              {t.email}
              <input name="email" type="email" autocomplete="email" value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} required />
            </label>
            <button type="submit">{t.sendCode}</button>
          </form>
          {codeSent && (
            <form onSubmit={run(async () => (await ask(send, 'auth.verifyCode', { email, code }), setCode(''), reload()))}>
              <label>
                {t.code}
                <input name="code" inputMode="numeric" autocomplete="one-time-code" pattern="\d{6}" value={code} onInput={(e) => setCode((e.target as HTMLInputElement).value)} required />
              </label>
              <button type="submit" class="primary">
                {t.verify}
              </button>
            </form>
          )}
        </div>
      )}
      {status.signedIn && <NewMission onDone={(text) => setMessage({ kind: 'ok', text })} onError={(text) => setMessage({ kind: 'err', text })} />}
      {message && (
        <p class={`msg ${message.kind}`} role="status">
          {message.text}
        </p>
      )}
    </main>
  );
}

function NewMission({ onDone, onError }: { onDone(text: string): void; onError(text: string): void }) {
  const today = localToday();
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    try {
      await ask(send, 'missions.create', {
        body: {
          clientName: s('clientName'),
          portal: s('portal'),
          dailyRateCents: Math.round(Number(s('dailyRate').replace(',', '.')) * 100),
          contractSignedOn: s('contractSignedOn'),
          country: 'FR',
          plan: s('plan') || undefined,
          startsOn: s('startsOn'),
          endsOn: s('endsOn'),
          budgetDays: Number(s('budgetDays')),
        },
      });
      (e.target as HTMLFormElement).reset();
      onDone(t.created);
    } catch (err) {
      onError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <form class="card grid" onSubmit={submit} name="mission">
      <h2>{t.newMission}</h2>
      <label>
        {t.client}
        <input name="clientName" required />
      </label>
      <label>
        {t.portal}
        <select name="portal">
          <option value="littlebig">LittleBIG Connection</option>
          <option value="smart">SMart</option>
          <option value="direct">Direct</option>
        </select>
      </label>
      <label>
        {t.dailyRate}
        <input name="dailyRate" inputMode="decimal" required />
      </label>
      <label>
        {t.plan}
        <select name="plan">
          <option value="">–</option>
          <option value="basic">Basic</option>
          <option value="express">Express</option>
          <option value="flash">Flash</option>
        </select>
      </label>
      <label>
        {t.signedOn}
        <input name="contractSignedOn" type="date" required defaultValue={today} />
      </label>
      <label>
        {t.budgetDays}
        <input name="budgetDays" type="number" min="1" defaultValue="200" required />
      </label>
      <label>
        {t.startsOn}
        <input name="startsOn" type="date" required defaultValue={`${today.slice(0, 7)}-01`} />
      </label>
      <label>
        {t.endsOn}
        <input name="endsOn" type="date" required defaultValue={`${today.slice(0, 4)}-12-31`} />
      </label>
      <button type="submit" class="primary">
        {t.create}
      </button>
    </form>
  );
}
