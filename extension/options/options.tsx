import { apiErrorText } from '../lib/api-errors';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ask } from '../lib/messages';
import { locale, t } from '../lib/i18n';
import { Note } from './field';
import { MissionsSection } from './missions-section';
import { NotificationsSection } from './notifications-section';
import { PortalHostsSection } from './portal-hosts-section';
import { ProfileSection } from './profile-section';
import { send } from './send';
import { forgetPaintSnapshot } from '../popup/use-store';

/**
 * Options: API address, sign-in by emailed code (the token stays in the background); once
 * signed in, the profile, the missions and the email notifications; and the portals' custom
 * hosts (a client's own portal domain), which need no account.
 */
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
      setMessage({ kind: 'err', text: apiErrorText(err, locale) });
    }
  };

  const saveUrl = run(async () => {
    const origin = new URL(apiUrl).origin;
    // A deployed API is an optional permission: asked here, in the user's gesture.
    if (origin.startsWith('https:') && !(await browser.permissions.request({ origins: [`${origin}/*`] }))) throw Object.assign(new Error('Permission refused'), { code: 'permission_refused' });
    await ask(send, 'auth.setApiUrl', { apiUrl });
    await reload();
  }, '✓');

  if (!status) return <main />;
  return (
    <main class="options">
      <h1>{t.options}</h1>
      <div class="card">
        <form onSubmit={saveUrl} class="inline">
          <label>
            {t.apiUrl}
            <input name="apiUrl" type="url" value={apiUrl} onInput={(e) => setApiUrl((e.target as HTMLInputElement).value)} required />
          </label>
          <button type="submit">{t.save}</button>
        </form>
        {status.signedIn ? (
          <div class="inline signed">
            <p data-signed-in="1">
              {t.signedInAs} <strong>{status.email}</strong>
            </p>
            <button type="button" onClick={run(async () => (await ask(send, 'auth.signOut', {}), forgetPaintSnapshot(), reload()))}>
              {t.signOut}
            </button>
          </div>
        ) : (
          <>
            <form onSubmit={run(async () => (await ask(send, 'auth.requestCode', { email, locale }), setCodeSent(true)), t.codeSent)} class="inline">
              <label>
                {t.email}
                <input name="email" type="email" autocomplete="email" value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} required />
              </label>
              <button type="submit">{t.sendCode}</button>
            </form>
            {codeSent && (
              <form onSubmit={run(async () => (await ask(send, 'auth.verifyCode', { email, code }), forgetPaintSnapshot(), setCode(''), reload()))} class="inline">
                <label>
                  {t.code}
                  <input name="code" inputMode="numeric" autocomplete="one-time-code" pattern="\d{6}" value={code} onInput={(e) => setCode((e.target as HTMLInputElement).value)} required />
                </label>
                <button type="submit" class="primary">
                  {t.verify}
                </button>
              </form>
            )}
          </>
        )}
        <Note note={message} />
      </div>
      {status.signedIn && (
        <>
          <ProfileSection />
          <MissionsSection />
          <NotificationsSection />
        </>
      )}
      <PortalHostsSection />
    </main>
  );
}
