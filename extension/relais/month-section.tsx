import { useState } from 'preact/hooks';
import { addMonths } from '../../shared/dates';
import type { SyncError } from '../lib/model';
import { formatDate, formatMonth, money } from '../lib/i18n';
import { localToday } from '../lib/today';
import { portalName } from '../lib/words';
import type { Json } from './messages';
import { locale, s } from './strings';
import { Action, ask, ErrorNote, Note, useLoad } from './ui';

/** Missions whose client's validation Relais records: a direct client, and SMart (the client tells the freelancer). */
export const recordsValidationHere = (portal: string) => portal === 'direct' || portal === 'smart';

/** The month of every mission: the CRA's state, its validation or refusal, recorded here for direct and SMart missions. */
export function MonthSection({ missions, month, setMonth, openInvoices }: { missions: Json[]; month: string; setMonth: (m: string) => void; openInvoices: () => void }) {
  const active = missions.filter((m) => !m.archived);
  return (
    <section class="month-section">
      {/* Arrows, as in the popup: a native month input is drawn in the browser's language, not the extension's. */}
      <div class="row filters month-nav">
        <button type="button" class="nav" name="prev-month" aria-label={s.prevMonth} onClick={() => setMonth(addMonths(month, -1))}>
          ‹
        </button>
        <strong class="month-label" data-month={month}>
          {formatMonth(month)}
        </strong>
        <button type="button" class="nav" name="next-month" aria-label={s.nextMonth} onClick={() => setMonth(addMonths(month, 1))}>
          ›
        </button>
      </div>
      {active.length === 0 ? <p class="muted">{s.noMission}</p> : active.map((m) => <MissionMonth key={`${m.id}:${month}`} mission={m} month={month} openInvoices={openInvoices} />)}
    </section>
  );
}

function MissionMonth({ mission, month, openInvoices }: { mission: Json; month: string; openInvoices: () => void }) {
  const cra = useLoad(() => ask('relais.cra.get', { missionId: mission.id, month }), [mission.id, month]);
  const [issued, setIssued] = useState<Json | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const view = cra.value;
  const state: string = view?.state ?? 'draft';
  const here = recordsValidationHere(mission.portal);
  return (
    <article class="card" data-mission={mission.id} data-state={state}>
      <header class="row">
        <h2>
          {mission.title || mission.clientName} <span class="muted">· {portalName(mission.portal, locale)}</span>
        </h2>
        {view && <span class={`state st-${state}`}>{s[`state_${state}` as 'state_draft'] ?? state}</span>}
      </header>
      <ErrorNote error={cra.error} />
      {cra.loading && !view && <p class="muted">{s.loading}</p>}
      {view && (
        <>
          <dl class="totals">
            <dt>{s.days}</dt>
            <dd>{String(view.totals?.days ?? 0).replace('.', locale === 'fr' ? ',' : '.')}</dd>
            <dt>{s.amountHT}</dt>
            <dd>{money(view.totals?.netCents ?? 0)}</dd>
          </dl>
          {state === 'validated' && view.validatedOn && (
            <>
              <p class="validated">
                {s.validatedOn(formatDate(view.validatedOn))}. <span class="muted">{here ? s.recordedHere : s.fromPortal(portalName(mission.portal, locale))}</span>
              </p>
              {!issued && <MonthInvoice missionId={mission.id} month={month} validatedOn={view.validatedOn} openInvoices={openInvoices} />}
            </>
          )}
          {state === 'refused' && <p class="refused">{s.refusedBecause(view.refusalReason ?? '')}</p>}
          {issued && (
            <Note>
              {s.invoiceIssued(issued.number)}{' '}
              <button type="button" class="link" onClick={openInvoices}>
                {s.seeInvoice}
              </button>
            </Note>
          )}
          {done && <Note>{done}</Note>}
          {!here && state !== 'validated' && <p class="muted">{s.fromPortal(portalName(mission.portal, locale))}</p>}
          {here && state === 'draft' && <p class="muted">{s.submitFirst}</p>}
          {here && state === 'submitted' && (
            <RecordOutcome
              mission={mission}
              month={month}
              onValidated={(r) => {
                setIssued(r.invoice);
                cra.reload();
              }}
              onRefused={() => {
                setDone(s.refusalRecorded);
                cra.reload();
              }}
            />
          )}
        </>
      )}
    </article>
  );
}

/** The invoice a validated month yielded, found in the list of its validation year (a page reloaded no longer has the note). */
function MonthInvoice({ missionId, month, validatedOn, openInvoices }: { missionId: string; month: string; validatedOn: string; openInvoices: () => void }) {
  const year = Number(validatedOn.slice(0, 4));
  const list = useLoad(() => ask('relais.invoices.list', { year, limit: 100 }), [missionId, month, year]);
  const inv = list.value?.invoices.find((i) => i.missionId === missionId && i.serviceMonth === month && i.kind !== 'credit_note');
  if (!inv?.number) return null;
  return (
    <p class="month-invoice" data-invoice={inv.number}>
      {inv.status === 'cancelled' ? s.monthInvoiceCancelled(inv.number) : s.monthInvoice(inv.number)}{' '}
      <button type="button" class="link" onClick={openInvoices}>
        {s.seeInvoice}
      </button>
    </p>
  );
}

function RecordOutcome({ mission, month, onValidated, onRefused }: { mission: Json; month: string; onValidated: (r: Json) => void; onRefused: () => void }) {
  const [mode, setMode] = useState<'validate' | 'refuse' | null>(null);
  const [date, setDate] = useState(localToday());
  const [reason, setReason] = useState('');
  const [ack, setAck] = useState(false);
  const [error, setError] = useState<SyncError | null>(null);
  const vatCrossed = error?.code === 'vat_threshold_crossed';
  return (
    <div class="outcome">
      <div class="row">
        <button type="button" class={mode === 'validate' ? 'primary' : ''} name="record-validation" onClick={() => (setMode('validate'), setError(null))}>
          {s.recordValidation}
        </button>
        <button type="button" class={mode === 'refuse' ? 'primary' : ''} name="record-refusal" onClick={() => (setMode('refuse'), setError(null))}>
          {s.recordRefusal}
        </button>
      </div>
      {mode === 'validate' && (
        <form class="panel" onSubmit={(e) => e.preventDefault()}>
          <label>
            {s.validationDate} <input type="date" name="validatedOn" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
          </label>
          <p class="consequence">{s.validateConsequence}</p>
          {vatCrossed && (
            <label class="check">
              <input type="checkbox" name="acknowledgeVatThreshold" checked={ack} onChange={(e) => setAck(e.currentTarget.checked)} /> {s.vatAcknowledge}
            </label>
          )}
          <ErrorNote error={error} />
          <Action
            class="primary"
            name="confirm-validation"
            run={async () => {
              const r = await ask('relais.cra.validate', { missionId: mission.id, month, validatedOn: date, acknowledgeVatThreshold: ack });
              if (r.ok) onValidated(r.value);
              else setError(r.error);
            }}
          >
            {s.confirm}
          </Action>
        </form>
      )}
      {mode === 'refuse' && (
        <form class="panel" onSubmit={(e) => e.preventDefault()}>
          <label class="block">
            {s.refusalReason}
            <textarea name="reason" rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <p class="consequence">{s.refuseConsequence}</p>
          <ErrorNote error={error} />
          <Action
            class="primary"
            name="confirm-refusal"
            run={async () => {
              const r = await ask('relais.cra.refuse', { missionId: mission.id, month, reason });
              if (r.ok) onRefused();
              else setError(r.error);
            }}
          >
            {s.confirm}
          </Action>
        </form>
      )}
    </div>
  );
}
