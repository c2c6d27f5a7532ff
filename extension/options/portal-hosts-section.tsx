import { apiErrorText } from '../lib/api-errors';
import { locale } from '../lib/i18n';
import { useEffect, useState } from 'preact/hooks';
import type { OverlayPortal } from '../../shared/portals/reports';
import { addCustomPortalHost, customPortalHosts, parsePortalOrigin, removeCustomPortalHost, type AddHostResult } from '../portals/custom-hosts';
import type { CustomPortalHost } from '../portals/messages';
import { Note } from './field';
import { o } from './strings';

const PORTAL_NAMES: Record<OverlayPortal, string> = { littlebig: 'LittleBIG Connection', smart: 'SMart' };

/** What the user reads when a host is refused (the input keeps what they typed). */
export const hostError = (code: Exclude<AddHostResult, { ok: true }>['code']): string => o[`host_${code}`];

/**
 * A client's own portal domain: added for LittleBIG or SMart (the browser asks for that host
 * in the click), listed, removed (permission given back, script unregistered).
 */
export function PortalHostsSection() {
  const [hosts, setHosts] = useState<CustomPortalHost[]>([]);
  const [portal, setPortal] = useState<OverlayPortal>('littlebig');
  const [origin, setOrigin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<{ kind: 'ok' | 'err'; text: string } | null>(null);
  const reload = () => customPortalHosts().then(setHosts);
  useEffect(() => void reload(), []);
  const failed = (err: unknown) => setNote({ kind: 'err', text: apiErrorText(err, locale) });

  const add = (e: Event) => {
    e.preventDefault();
    setNote(null);
    const parsed = parsePortalOrigin(origin);
    setError(parsed.ok ? null : hostError(parsed.code));
    if (!parsed.ok) return;
    // Nothing awaited before this call: the browser's permission prompt needs the click.
    addCustomPortalHost(portal, parsed.origin).then((res) => {
      if (!res.ok) return setError(hostError(res.code));
      setOrigin('');
      setNote({ kind: 'ok', text: o.hostAdded(res.origin) });
      return reload();
    }, failed);
  };
  const remove = (host: CustomPortalHost) => {
    setNote(null);
    removeCustomPortalHost(host.portal, host.origin).then(() => (setNote({ kind: 'ok', text: o.hostRemoved(host.origin) }), reload()), failed);
  };

  return (
    <form class="card" name="portalHosts" onSubmit={add}>
      <h2>{o.portalHosts}</h2>
      <p class="muted small">{o.portalHostsHelp}</p>
      {hosts.length ? (
        <ul class="hosts">
          {hosts.map((h) => (
            <li key={`${h.portal} ${h.origin}`} data-host={h.origin} data-portal={h.portal}>
              <span>
                {h.origin} <span class="tag">{PORTAL_NAMES[h.portal]}</span>
              </span>
              <button type="button" onClick={() => remove(h)}>
                {o.removeHost}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted small">{o.portalHostsNone}</p>
      )}
      <div class="grid">
        <label>
          {o.portalKind}
          <select name="portal" value={portal} onChange={(e) => setPortal((e.target as HTMLSelectElement).value as OverlayPortal)}>
            {(Object.keys(PORTAL_NAMES) as OverlayPortal[]).map((p) => (
              <option value={p}>{PORTAL_NAMES[p]}</option>
            ))}
          </select>
        </label>
        <label class={error ? 'invalid' : ''}>
          {o.portalOrigin}
          <input name="origin" inputMode="url" placeholder="https://cra.client.example" value={origin} aria-invalid={error ? 'true' : undefined} onInput={(e) => setOrigin((e.target as HTMLInputElement).value)} required />
          {error && (
            <small class="field-err" role="alert">
              {error}
            </small>
          )}
        </label>
        <div class="actions">
          <button type="submit">{o.addHost}</button>
          <Note note={note} />
        </div>
      </div>
    </form>
  );
}
