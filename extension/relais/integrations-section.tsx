import { useState } from 'preact/hooks';
import { EVENT_TYPES } from '../../shared/notifications/events';
import { formatDate } from '../lib/i18n';
import type { SyncError } from '../lib/model';
import { o } from '../options/strings';
import type { Json } from './messages';
import { s } from './strings';
import { Action, ask, ErrorNote, Note, useLoad } from './ui';

const eventWord = (t: string) => (o as Record<string, unknown>)[`event_${t.replace(/\./g, '_')}`] as string | undefined ?? t;
const day = (iso: string | null | undefined) => (iso ? formatDate(iso.slice(0, 10)) : '');

/** Webhooks (add, test, delivery log, re-enable) and personal tokens. */
export function IntegrationsSection() {
  return (
    <section class="integrations-section">
      <Webhooks />
      <Tokens />
    </section>
  );
}

function Webhooks() {
  const hooks = useLoad(() => ask('relais.webhooks.list', {}), []);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['cra.validated', 'invoice.issued', 'payout.received']);
  const [description, setDescription] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<SyncError | null>(null);
  return (
    <div>
      <h2>{s.webhooks}</h2>
      <ErrorNote error={hooks.error} />
      {hooks.value && hooks.value.webhooks.length === 0 && <p class="muted">{s.noWebhook}</p>}
      <ul class="hook-list">
        {(hooks.value?.webhooks ?? []).map((h) => (
          <Webhook key={h.id} hook={h} changed={hooks.reload} />
        ))}
      </ul>
      <form class="panel add-webhook" onSubmit={(e) => e.preventDefault()}>
        <label class="block">
          {s.webhookUrl} <input name="url" type="url" placeholder="https://…" value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
        </label>
        <fieldset>
          <legend>{s.webhookEvents}</legend>
          {EVENT_TYPES.map((t) => (
            <label class="check">
              <input
                type="checkbox"
                name={`event-${t}`}
                checked={events.includes(t)}
                onChange={(e) => setEvents(e.currentTarget.checked ? [...events, t] : events.filter((x) => x !== t))}
              />{' '}
              {eventWord(t)}
            </label>
          ))}
        </fieldset>
        <label class="block">
          {s.webhookDescription} <input name="description" value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
        </label>
        <ErrorNote error={error} />
        <Action
          class="primary"
          name="add-webhook"
          run={async () => {
            const r = await ask('relais.webhooks.add', { url, events, description });
            if (!r.ok) return setError(r.error);
            setError(null);
            setSecret(r.value.secret);
            setUrl('');
            setDescription('');
            hooks.reload();
          }}
        >
          {s.addWebhook}
        </Action>
        {secret && (
          <p class="secret">
            {s.secretOnce} <code data-testid="webhook-secret">{secret}</code>
          </p>
        )}
      </form>
    </div>
  );
}

function Webhook({ hook, changed }: { hook: Json; changed: () => void }) {
  const [error, setError] = useState<SyncError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [log, setLog] = useState<Json[] | null>(null);
  const [removing, setRemoving] = useState(false);
  const loadLog = async () => {
    const r = await ask('relais.webhooks.deliveries', { id: hook.id });
    if (r.ok) setLog(r.value.deliveries);
    setError(r.ok ? null : r.error);
  };
  return (
    <li class={hook.enabled ? 'hook' : 'hook disabled'} data-url={hook.url}>
      <div class="row">
        <code>{hook.url}</code>
        <span class={hook.enabled ? 'state st-validated' : 'state st-refused'}>{hook.enabled ? s.enabled : s.disabled}</span>
      </div>
      <p class="muted small">{(hook.events as string[]).map(eventWord).join(' · ')}</p>
      <div class="row actions">
        <Action
          name="test-webhook"
          run={async () => {
            const r = await ask('relais.webhooks.test', { id: hook.id });
            if (!r.ok) return setError(r.error);
            setError(null);
            setNote(r.value.delivered ? s.testOk(String(r.value.status)) : s.testFailed(String(r.value.status ?? '—')));
            await loadLog();
          }}
        >
          {s.test}
        </Action>
        <Action name="deliveries" run={loadLog}>
          {s.deliveries}
        </Action>
        <Action
          name={hook.enabled ? 'disable-webhook' : 'enable-webhook'}
          run={async () => {
            const r = await ask('relais.webhooks.update', { id: hook.id, body: { enabled: !hook.enabled } });
            if (r.ok) changed();
            else setError(r.error);
          }}
        >
          {hook.enabled ? s.disable : s.reenable}
        </Action>
        {!removing ? (
          <button type="button" name="remove-webhook" onClick={() => setRemoving(true)}>
            {s.remove}
          </button>
        ) : (
          <span class="confirm">
            {s.removeConfirm}{' '}
            <Action
              class="danger"
              name="confirm-remove-webhook"
              run={async () => {
                const r = await ask('relais.webhooks.remove', { id: hook.id });
                if (r.ok) changed();
                else setError(r.error);
              }}
            >
              {s.confirm}
            </Action>
          </span>
        )}
      </div>
      {note && <Note>{note}</Note>}
      <ErrorNote error={error} />
      {log && (
        <div class="log">
          <h3>{s.deliveries}</h3>
          {log.length === 0 && <p class="muted small">{s.noDelivery}</p>}
          <ul>
            {log.map((d) => (
              <li data-status={d.status}>
                {eventWord(d.eventType)} · {s[`dl_${d.status}` as 'dl_pending'] ?? d.status} · {s.attempts(d.attempts ?? 0)}
                {d.lastStatusCode ? ` · HTTP ${d.lastStatusCode}` : ''} · {day(d.createdAt)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

function Tokens() {
  const tokens = useLoad(() => ask('relais.tokens.list', {}), []);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<SyncError | null>(null);
  return (
    <div>
      <h2>{s.tokens}</h2>
      <p class="muted">{s.tokensHelp}</p>
      <ErrorNote error={tokens.error ?? error} />
      <ul class="token-list">
        {(tokens.value?.tokens ?? []).map((tk) => (
          <li class="row" data-name={tk.name ?? ''}>
            {/* A session's name is the API's own label ("sign-in"): the kind says it for people. */}
            <span>
              {tk.kind === 'personal' ? (
                <>
                  <strong>{tk.name}</strong> <span class="muted">· {s.personal}</span>
                </>
              ) : (
                <strong>{s.sessionTitle}</strong>
              )}{' '}
              <span class="muted">
                · {s.created(day(tk.createdAt))} · {tk.lastUsedAt ? s.lastUsed(day(tk.lastUsedAt)) : s.neverUsed}
              </span>
            </span>
            {tk.kind === 'personal' && (
              <Action
                name="revoke-token"
                run={async () => {
                  const r = await ask('relais.tokens.revoke', { id: tk.id });
                  if (r.ok) tokens.reload();
                  else setError(r.error);
                }}
              >
                {s.revoke}
              </Action>
            )}
          </li>
        ))}
      </ul>
      <form class="panel" onSubmit={(e) => e.preventDefault()}>
        <label>
          {s.tokenName} <input name="token-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <Action
          class="primary"
          name="add-token"
          run={async () => {
            const r = await ask('relais.tokens.add', { name });
            if (!r.ok) return setError(r.error);
            setError(null);
            setCreated(r.value.token);
            setName('');
            tokens.reload();
          }}
        >
          {s.addToken}
        </Action>
        {created && (
          <p class="secret">
            {s.tokenOnce} <code data-testid="token-value">{created}</code>
          </p>
        )}
      </form>
    </div>
  );
}
