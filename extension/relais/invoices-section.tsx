import { useEffect, useState } from 'preact/hooks';
import { clientLetter } from '../../shared/invoice/client-letter';
import { centsToInput, parseEuros } from '../lib/euros';
import { formatDate, money } from '../lib/i18n';
import type { SyncError } from '../lib/model';
import { localToday } from '../lib/today';
import { apiStatusFor, dunningOf, filterInvoices, invoiceState, mergePage, sendableByRelais, type InvoiceFilter, type InvoiceState } from './invoice-list';
import type { InvoiceFormat, Json } from './messages';
import { locale, s } from './strings';
import { Action, ask, ErrorNote, Note, saveFile } from './ui';

const STATES: InvoiceState[] = ['issued', 'late', 'paid', 'credit_note', 'cancelled', 'expected'];
const stateWord = (st: InvoiceState) => (st === 'late' ? s.late : s[`st_${st}` as 'st_paid']);
const clientOf = (inv: Json, missions: Json[]) => (inv.buyer?.name as string | undefined) ?? missions.find((m) => m.id === inv.missionId)?.clientName ?? '';
const issuerWord = (inv: Json) => (inv.issuer === 'portal_mandate' ? s.issuerPortal : inv.issuer === 'cooperative' ? s.issuerCooperative : s.issuerFreelancer);
const range = (a?: string | null, b?: string | null) => (!a && !b ? '' : !b || a === b ? formatDate((a ?? b)!) : `${formatDate(a!)} – ${formatDate(b)}`);

/** The year's invoices, every status, with filters, "load more", documents and actions. */
export function InvoicesSection({ missions, me }: { missions: Json[]; me: string | null }) {
  const today = localToday();
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const [filter, setFilter] = useState<InvoiceFilter>({ state: 'all', missionId: 'all' });
  const [list, setList] = useState<Json[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<SyncError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const load = async (from: string | null, shown: Json[]) => {
    setLoading(true);
    const r = await ask('relais.invoices.list', { year, status: apiStatusFor(filter.state), cursor: from });
    setLoading(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setList(mergePage(shown as { id: string }[], r.value.invoices as { id: string }[]) as Json[]);
    setCursor(r.value.nextCursor);
  };
  useEffect(() => void load(null, []), [year, filter.state, tick]);
  const shown = filterInvoices(list as { id: string }[], filter, today) as Json[];
  const years = [0, 1, 2, 3].map((n) => Number(today.slice(0, 4)) - n);
  const byId = new Map(list.map((i) => [i.id as string, i]));
  return (
    <section class="invoices-section">
      <div class="row filters">
        <label>
          {s.year}{' '}
          <select name="year" value={year} onChange={(e) => setYear(Number(e.currentTarget.value))}>
            {years.map((y) => (
              <option value={y}>{y}</option>
            ))}
          </select>
        </label>
        <label>
          {s.status}{' '}
          <select name="state" value={filter.state} onChange={(e) => setFilter({ ...filter, state: e.currentTarget.value as InvoiceFilter['state'] })}>
            <option value="all">{s.allStatuses}</option>
            {STATES.map((st) => (
              <option value={st}>{stateWord(st)}</option>
            ))}
          </select>
        </label>
        <label>
          {s.filterClient}{' '}
          <select name="mission" value={filter.missionId} onChange={(e) => setFilter({ ...filter, missionId: e.currentTarget.value })}>
            <option value="all">{s.allClients}</option>
            {missions.map((m) => (
              <option value={m.id}>{m.title || m.clientName}</option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNote error={error} />
      {!loading && !error && shown.length === 0 && <p class="muted">{s.noInvoice}</p>}
      <ul class="invoice-list">
        {shown.map((inv) => (
          <InvoiceRow key={inv.id} inv={inv} missions={missions} me={me} cancelled={byId.get(inv.cancelsInvoiceId)} today={today} changed={() => setTick((n) => n + 1)} />
        ))}
      </ul>
      {loading && <p class="muted">{s.loading}</p>}
      {cursor && !loading && (
        <button type="button" name="load-more" class="wide" onClick={() => void load(cursor, list)}>
          {s.loadMore}
        </button>
      )}
    </section>
  );
}

function InvoiceRow({ inv, missions, me, cancelled, today, changed }: { inv: Json; missions: Json[]; me: string | null; cancelled?: Json; today: string; changed: () => void }) {
  const [open, setOpen] = useState(false);
  const state = invoiceState(inv as { id: string }, today);
  const mission = missions.find((m) => m.id === inv.missionId);
  return (
    <li class={`inv row-${state}`} data-number={inv.number ?? ''} data-state={state}>
      <button type="button" class="inv-head" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span class="num">{inv.number ?? s.st_expected}</span>
        <span class="client">{clientOf(inv, missions)}</span>
        <span class="amt">{money(inv.totalCents ?? 0)}</span>
        <span class={`state st-${state}`}>{stateWord(state)}</span>
        <span class="meta">
          {inv.issuedOn && `${s.issuedOn} ${formatDate(inv.issuedOn)}`}
          {inv.kind === 'invoice' && inv.dueOn && ` · ${s.dueOn} ${formatDate(inv.dueOn)}`}
          {inv.feeCents ? ` · ${s.fee} ${money(inv.feeCents)}` : ''}
          {inv.kind === 'invoice' && ` · ${s.payout} ${money(inv.payoutCents ?? 0)}`}
          {state === 'paid' && inv.paidOn ? ` · ${s.paidOn(formatDate(inv.paidOn))}` : ''}
          {(state === 'issued' || state === 'late') && (inv.payoutEarliest || inv.payoutLatest) ? ` · ${s.payoutOn} ${range(inv.payoutEarliest, inv.payoutLatest)}` : ''}
        </span>
      </button>
      {open && <InvoiceDetail inv={inv} state={state} mission={mission} me={me} cancelled={cancelled} today={today} changed={changed} />}
    </li>
  );
}

function InvoiceDetail({ inv, state, mission, me, cancelled, today, changed }: { inv: Json; state: InvoiceState; mission?: Json; me: string | null; cancelled?: Json; today: string; changed: () => void }) {
  const [error, setError] = useState<SyncError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [panel, setPanel] = useState<'paid' | 'cancel' | null>(null);
  const dunning = dunningOf(inv as { id: string }, today);
  const download = async (format: InvoiceFormat) => {
    const r = await ask('relais.invoices.file', { id: inv.id, format });
    if (r.ok) saveFile(r.value);
    setError(r.ok ? null : r.error);
  };
  return (
    <div class="detail">
      <p class="muted">
        {issuerWord(inv)}
        {inv.kind === 'credit_note' && inv.cancelsInvoiceId && ` · ${s.cancels(cancelled?.number ?? '')}`}
        {state === 'cancelled' && ` · ${s.cancelledBy}`}
        {inv.overdue && ` · ${s.daysLate(inv.overdue.daysLate)} · ${s.penalties(money(inv.overdue.totalPenaltyCents ?? 0))}`}
      </p>
      {inv.status !== 'expected' && (
        <div class="row docs">
          <Action name="pdf" run={() => download('pdf')}>{s.pdf}</Action>
          <Action name="xml" run={() => download('xml')}>{s.xml}</Action>
          <Action name="ubl" run={() => download('ubl')}>{s.ubl}</Action>
        </div>
      )}
      <ErrorNote error={error} />
      {note && <Note>{note}</Note>}
      {(state === 'issued' || state === 'late') && (
        <div class="row">
          <button type="button" name="mark-paid" class={panel === 'paid' ? 'primary' : ''} onClick={() => setPanel(panel === 'paid' ? null : 'paid')}>
            {s.markPaid}
          </button>
          <button type="button" name="credit-note" class={panel === 'cancel' ? 'primary' : ''} onClick={() => setPanel(panel === 'cancel' ? null : 'cancel')}>
            {s.creditNote}
          </button>
        </div>
      )}
      {panel === 'paid' && <MarkPaid inv={inv} done={() => (setNote(s.markedPaid), setPanel(null), changed())} />}
      {panel === 'cancel' && (
        <div class="panel">
          <p class="consequence">{s.creditConsequences(inv.number, money(-(inv.totalCents ?? 0)))}</p>
          <Action
            class="danger"
            name="confirm-credit-note"
            run={async () => {
              const r = await ask('relais.invoices.cancel', { id: inv.id });
              if (!r.ok) return setError(r.error);
              setNote(s.creditDone(r.value.creditNote.number));
              setPanel(null);
              changed();
            }}
          >
            {s.confirm}
          </Action>
        </div>
      )}
      {dunning && <Dunning inv={inv} reached={dunning.step} daysLate={dunning.daysLate} mission={mission} me={me} today={today} />}
      {!dunning && state === 'late' && inv.regime !== 'direct' && <p class="muted">{s.portalChases}</p>}
      {sendableByRelais(inv as { id: string }) && inv.status !== 'expected' && <SendInvoice inv={inv} mission={mission} me={me} />}
    </div>
  );
}

/** Said before anything is sent: what was typed is not an amount of euros (or is not more than zero). */
const badAmount: SyncError = { status: 0, code: 'bad_amount', message: '' };

function MarkPaid({ inv, done }: { inv: Json; done: () => void }) {
  const expected: number = inv.regime === 'direct' ? inv.totalCents : inv.payoutCents;
  const [date, setDate] = useState(localToday());
  const [amount, setAmount] = useState(centsToInput(expected ?? 0, locale));
  const [error, setError] = useState<SyncError | null>(null);
  return (
    <form class="panel" onSubmit={(e) => e.preventDefault()}>
      <label>
        {s.paidDate} <input type="date" name="paidOn" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
      </label>
      <label>
        {s.paidAmount} <input name="amount" inputMode="decimal" value={amount} onInput={(e) => setAmount(e.currentTarget.value)} />
      </label>
      <p class="muted small">{s.paidAmountHint(money(expected ?? 0))}</p>
      {error === badAmount ? (
        <p class="error" role="alert" data-code="bad_amount">
          {s.badAmount}
        </p>
      ) : (
        <ErrorNote error={error} />
      )}
      <Action
        class="primary"
        name="confirm-paid"
        run={async () => {
          const cents = parseEuros(amount);
          if (!cents.ok || cents.cents <= 0) return setError(badAmount);
          const r = await ask('relais.invoices.paid', { id: inv.id, paidOn: date, amountCents: cents.cents });
          if (r.ok) done();
          else setError(r.error);
        }}
      >
        {s.confirm}
      </Action>
    </form>
  );
}

/** The dunning step reached, its letter drafted for the client, to copy or to send (confirmed). */
function Dunning({ inv, reached, daysLate, mission, me, today }: { inv: Json; reached: 1 | 2 | 3; daysLate: number; mission?: Json; me: string | null; today: string }) {
  const [step, setStep] = useState<1 | 2 | 3>(reached);
  const [copied, setCopied] = useState(false);
  const letter = clientLetter({
    kind: 'reminder',
    step,
    today,
    locale,
    invoice: {
      kind: 'invoice', number: inv.number, issuedOn: inv.issuedOn, dueOn: inv.dueOn, serviceMonth: inv.serviceMonth ?? null, totalCents: inv.totalCents,
      penaltyRateBps: inv.penaltyRateBps ?? 1000, sellerName: (inv.seller?.legalName as string) ?? '', buyerName: (inv.buyer?.name as string) ?? '',
    },
  });
  return (
    <div class="dunning panel" data-step={step}>
      <h3>
        {s.dunning} · {s.daysLate(daysLate)}
      </h3>
      <select name="dunning-step" value={step} onChange={(e) => setStep(Number(e.currentTarget.value) as 1 | 2 | 3)}>
        {([1, 2, 3] as const).filter((n) => n <= reached).map((n) => (
          <option value={n}>{s.dunningStep(n)}</option>
        ))}
      </select>
      <p class="muted small">{s.draftLetter}</p>
      <pre class="letter" data-testid="letter">{`${letter.subject}\n\n${letter.text}`}</pre>
      <div class="row">
        <Action
          name="copy-letter"
          run={async () => {
            await navigator.clipboard.writeText(`${letter.subject}\n\n${letter.text}`).catch(() => undefined);
            setCopied(true);
          }}
        >
          {s.copy}
        </Action>
        {copied && <span class="ok">{s.copied}</span>}
      </div>
      <Sender inv={inv} mission={mission} me={me} kind="reminder" step={step} label={s.sendReminder} />
    </div>
  );
}

function SendInvoice({ inv, mission, me }: { inv: Json; mission?: Json; me: string | null }) {
  return (
    <div class="panel">
      <Sender inv={inv} mission={mission} me={me} kind="invoice" label={s.sendInvoice} />
      <Sendings id={inv.id} />
    </div>
  );
}

/** Sending to the client: the address and the copy are said, and the freelancer confirms each time. */
function Sender({ inv, mission, me, kind, step, label }: { inv: Json; mission?: Json; me: string | null; kind: 'invoice' | 'reminder'; step?: 1 | 2 | 3; label: string }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<SyncError | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const to: string | null = mission?.clientEmail ?? null;
  if (!to) return <p class="muted small">{s.noClientEmail}</p>;
  return (
    <div class="sender">
      {!asking && (
        <button type="button" name={`send-${kind}`} onClick={() => (setAsking(true), setSent(null), setError(null))}>
          {label}
        </button>
      )}
      {asking && (
        <div class="confirm">
          <p>{s.sendConfirm(to, me ?? '')}</p>
          <Action
            class="primary"
            name={`confirm-send-${kind}`}
            run={async () => {
              const r = await ask('relais.invoices.send', { id: inv.id, to, kind, step, locale });
              setAsking(false);
              if (r.ok) setSent(s.sent(to));
              else setError(r.error);
            }}
          >
            {s.confirm}
          </Action>{' '}
          <button type="button" onClick={() => setAsking(false)}>
            {s.cancel}
          </button>
        </div>
      )}
      {sent && <Note>{sent}</Note>}
      <ErrorNote error={error} />
    </div>
  );
}

function Sendings({ id }: { id: string }) {
  const [list, setList] = useState<Json[] | null>(null);
  const [error, setError] = useState<SyncError | null>(null);
  useEffect(() => {
    void ask('relais.invoices.sendings', { id }).then((r) => (r.ok ? setList(r.value.sendings) : setError(r.error)));
  }, [id]);
  return (
    <div class="sendings">
      <h3>{s.sendings}</h3>
      <ErrorNote error={error} />
      {list && list.length === 0 && <p class="muted small">{s.noSending}</p>}
      <ul>
        {(list ?? []).map((x) => (
          <li>
            {x.kind === 'reminder' ? s.sending_reminder(x.step) : s.sending_invoice} · {x.to} · {formatDate(String(x.sentAt).slice(0, 10))}
            {x.status === 'failed' && <span class="error"> · {s.sendingFailed}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
