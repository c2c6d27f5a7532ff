import { apiErrorText } from '../lib/api-errors';
import { useEffect, useState } from 'preact/hooks';
import type { EventType } from '../../shared/notifications/events';
import { ask } from '../lib/messages';
import { t, locale } from '../lib/i18n';
import type { NotificationSettings } from '../sync/api';
import { Note } from './field';
import { formErrors } from './form';
import { o } from './strings';
import { send } from './send';

const labelOf = (type: EventType) => (o as unknown as Record<string, string | undefined>)[`event_${type.replace(/\./g, '_')}`] ?? type;

/** Which events reach the user by email (GET/PUT /v1/notifications/settings). */
export function NotificationsSection() {
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [optOut, setOptOut] = useState<Set<EventType>>(new Set());
  const [state, setState] = useState<'loading' | 'ready' | 'unavailable'>('loading');
  const [note, setNote] = useState<{ kind: 'ok' | 'err'; text: string } | null>(null);

  useEffect(() => {
    ask(send, 'notifications.get', {}).then(
      (res) => {
        if (res.ok) {
          setSettings(res.value);
          setOptOut(new Set(res.value.emailOptOut));
          setState('ready');
        } else if (res.error.status === 404) setState('unavailable');
        else setNote({ kind: 'err', text: formErrors(res.error, []).general ?? apiErrorText(res.error, locale) });
      },
      (err: Error) => setNote({ kind: 'err', text: apiErrorText(err, locale) }),
    );
  }, []);

  const save = async (e: Event) => {
    e.preventDefault();
    setNote(null);
    const res = await ask(send, 'notifications.save', { emailOptOut: settings!.eventTypes.filter((type) => optOut.has(type)) });
    if (!res.ok) return setNote({ kind: 'err', text: formErrors(res.error, []).general ?? apiErrorText(res.error, locale) });
    setSettings(res.value);
    setOptOut(new Set(res.value.emailOptOut));
    setNote({ kind: 'ok', text: o.saved });
  };
  const toggle = (type: EventType, wanted: boolean) => {
    const next = new Set(optOut);
    if (wanted) next.delete(type);
    else next.add(type);
    setOptOut(next);
  };

  return (
    <form class="card" name="notifications" onSubmit={save} data-state={state}>
      <h2>{o.notifications}</h2>
      {state === 'unavailable' && <p class="muted">{o.notificationsUnavailable}</p>}
      {state === 'ready' && settings && (
        <>
          <p class="muted small">{settings.unsubscribed ? o.unsubscribed : o.notificationsHelp}</p>
          <div class="checks">
            {settings.eventTypes.map((type) => (
              <label key={type} class="check">
                <input type="checkbox" name={type} checked={!optOut.has(type)} onChange={(e) => toggle(type, (e.target as HTMLInputElement).checked)} />
                {labelOf(type)}
              </label>
            ))}
          </div>
          <div class="actions">
            <button type="submit" class="primary">
              {t.save}
            </button>
            <Note note={note} />
          </div>
        </>
      )}
      {state !== 'ready' && <Note note={note} />}
    </form>
  );
}
