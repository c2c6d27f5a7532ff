import { apiErrorText } from '../lib/api-errors';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ask } from '../lib/messages';
import { COMMON_PORTS } from '../lib/detect-api';
import { languageChoice, locale, setLanguageChoice, t, type LanguageChoice } from '../lib/i18n';
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
  const [found, setFound] = useState<string[] | null>(null);
  const detect = () => (setFound(null), ask(send, 'api.detect', {}).then((r) => setFound(r.found), () => setFound([])));
  useEffect(() => void reload().then(detect), []);

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
    // The hint beside the address speaks of the saved one: look again.
    void detect();
  }, '✓');

  if (!status) return <main />;
  return (
    <main class="options">
      <header class="head">
        <h1>{t.options}</h1>
        <label class="lang">
          {t.language}
          <select
            name="language"
            value={languageChoice()}
            onChange={(e) => {
              setLanguageChoice((e.target as HTMLSelectElement).value as LanguageChoice);
              location.reload();
            }}
          >
            <option value="auto">{t.languageAuto}</option>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <div class="card">
        <form onSubmit={saveUrl} class="inline">
          <label>
            {t.apiUrl}
            <input name="apiUrl" type="url" value={apiUrl} onInput={(e) => setApiUrl((e.target as HTMLInputElement).value)} required />
          </label>
          <button type="submit">{t.save}</button>
          <button type="button" data-action="detect-api" onClick={() => void detect()}>
            {t.detectApi}
          </button>
        </form>
        <ApiHint
          found={found}
          saved={status.apiUrl}
          onUse={(url) => void ask(send, 'auth.setApiUrl', { apiUrl: url }).then(() => (setApiUrl(url), reload()))}
        />
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

/** What the local detection found, said plainly: the saved address answers, another one does, or none and what to type. */
function ApiHint({ found, saved, onUse }: { found: string[] | null; saved: string; onUse(url: string): void }) {
  if (found === null) return <p class="muted small" data-api-hint="detecting">{t.detecting}</p>;
  const savedUrl = (() => {
    try {
      return new URL(saved);
    } catch {
      return null;
    }
  })();
  const savedOrigin = savedUrl ? savedUrl.origin.replace('localhost', '127.0.0.1') : saved;
  if (found.includes(savedOrigin)) return <p class="msg ok small" data-api-hint="ok">✓ {t.apiCurrentOk}</p>;
  if (!savedOrigin.startsWith('http://127.0.0.1') && !found.length) return null;
  // A local address on a port the search does not try (PORT=…): nothing found says nothing about it.
  const probed = COMMON_PORTS.includes(Number(savedUrl?.port || 80));
  if (!probed && !found.length) return null;
  if (!found.length) return <p class="msg err small" data-api-hint="none">{t.apiNone}</p>;
  return (
    <div class="msg small" data-api-hint="found">
      {found.map((url) => (
        <p key={url}>
          {t.apiFoundOthers(url)}{' '}
          <button type="button" class="primary" data-use-api={url} onClick={() => onUse(url)}>
            {t.useThis}
          </button>
        </p>
      ))}
    </div>
  );
}
