import { useState } from 'preact/hooks';
import { fillWorkingDays } from '../../shared/cra/capture';
import { addMonths } from '../../shared/dates';
import { apiErrorText } from '../lib/api-errors';
import { formatDate, formatMonth, locale, money, t } from '../lib/i18n';
import { doubleBookedDays, orderUse } from '../lib/warnings';
import { missionFeeLabel, percent, portalName } from '../lib/words';
import { effectiveContent, type CraContent, type CraRecord, type Mission, type Profile } from '../lib/model';
import { Calendar, mark } from './calendar';
import { liveTotals } from './live-totals';
import { LinesEditor } from './lines-editor';

type Props = {
  missions: Mission[];
  mission: Mission;
  month: string;
  record: CraRecord | undefined;
  profile: Profile;
  today: string;
  onSelect(missionId: string, month: string): void;
  onEdit(content: CraContent): void;
  onResolve(choice: 'mine' | 'theirs'): void;
  onSubmit(): Promise<void>;
  onCancelSubmit(): void;
  /** The same month of the other missions, as cached: for days counted twice. */
  others?: { missionId: string; clientName: string; days: Record<string, number> }[];
  /** The number of the invoice issued for this month, when known. */
  invoiceNumber?: string | null;
};

/** Numbers in the extension's language (19,5 in French), whatever the browser's. */
const numberTag = locale === 'fr' ? 'fr-FR' : 'en-GB';
const sum = (days: Record<string, number>) => Object.values(days).reduce((s, q) => s + q, 0);

/** The CRA tab: mission switcher, month navigation, calendar, live totals, state and Submit. */
export function CraTab({ missions, mission, month, record, profile, today, onSelect, onEdit, onResolve, onSubmit, onCancelSubmit, others = [], invoiceNumber = null }: Props) {
  const [busy, setBusy] = useState<string | null>(null);
  const content = effectiveContent(record);
  const state = record?.server?.state ?? 'draft';
  const submitting = !!record?.submit;
  // A queued Submit freezes the month as the user submitted it.
  const locked = state === 'submitted' || state === 'validated' || submitting;
  const linesCents = content.lines.reduce((s, l) => s + l.amountCents, 0);
  const totals = liveTotals(mission, month, content, profile.vatRegime, today);
  const payoutDate = totals.payoutEarliest && (totals.payoutEarliest === totals.payoutLatest ? formatDate(totals.payoutEarliest) : `${formatDate(totals.payoutEarliest)} – ${formatDate(totals.payoutLatest!)}`);
  const doubled = doubleBookedDays(mission.id, content.days, others);
  const submit = async () => {
    setBusy(null);
    try {
      await onSubmit();
    } catch (err) {
      setBusy(apiErrorText(err, locale));
    }
  };
  return (
    <section class="cra">
      <div class="row">
        <select aria-label="Mission" value={mission.id} onChange={(e) => onSelect((e.target as HTMLSelectElement).value, month)}>
          {missions.map((m) => (
            <option key={m.id} value={m.id}>
              {m.clientName} · {portalName(m.portal, locale)}
            </option>
          ))}
        </select>
        {submitting ? (
          <span class="state st-pending" data-state="submit-pending" title={t.submitPendingHelp}>
            ⟳ {t.submitPending}
          </span>
        ) : (
          <span class={`state st-${state}`} data-state={state}>
            {t[`state_${state}` as 'state_draft']}
          </span>
        )}
      </div>
      <div class="row month">
        <button type="button" class="nav" aria-label={t.prevMonth} onClick={() => onSelect(mission.id, addMonths(month, -1))}>
          ‹
        </button>
        <strong class="month-label">{formatMonth(month)}</strong>
        <button type="button" class="nav" aria-label={t.nextMonth} onClick={() => onSelect(mission.id, addMonths(month, 1))}>
          ›
        </button>
      </div>
      {state === 'validated' && record?.server?.validatedOn && (
        <p class="validated-note" data-validated>
          ✓ {t.validatedOn(formatDate(record.server.validatedOn))}
          {invoiceNumber && ` · ${t.invoiceNumber(invoiceNumber)}`}
        </p>
      )}
      {state === 'refused' && record?.server?.refusalReason && <p class="warn">{t.refusedBecause + record.server.refusalReason}</p>}
      <OrderMeter mission={mission} />
      {doubled.length > 0 && (
        <p class="hard-warning" role="alert" data-warning="double-booked">
          ⚠{' '}
          {t.doubleBooked(
            doubled.map((d) => formatDate(d.date)).join(', '),
            [...new Set(doubled.map((d) => others.find((o) => o.missionId === d.otherMissionId)?.clientName ?? ''))].join(', '),
          )}
        </p>
      )}
      {record?.conflict && record.local && (
        <div class="conflict" role="alert">
          <strong>{t.conflictTitle}</strong>
          <div class="versions">
            <div>
              <em>{t.conflictMine}</em> · {t.days.toLowerCase()} {sum(record.local.days).toLocaleString(numberTag)}
              <DiffList mine={record.local.days} theirs={record.conflict.days} />
            </div>
            <div>
              <em>{t.conflictTheirs}</em> · {t.days.toLowerCase()} {sum(record.conflict.days).toLocaleString(numberTag)}
              <DiffList mine={record.conflict.days} theirs={record.local.days} />
            </div>
          </div>
          <div class="row">
            <button type="button" class="primary" onClick={() => onResolve('mine')}>
              {t.keepMine}
            </button>
            <button type="button" onClick={() => onResolve('theirs')}>
              {t.takeTheirs}
            </button>
          </div>
        </div>
      )}
      {record?.error && (
        <p class="warn" role="alert">
          {apiErrorText(record.error, locale)}{' '}
          <button type="button" class="link" onClick={() => onResolve('theirs')}>
            {t.takeTheirs}
          </button>
        </p>
      )}
      <Calendar
        month={month}
        days={content.days}
        mission={mission}
        alsaceMoselle={profile.alsaceMoselle}
        today={today}
        locked={locked}
        onChange={(days) => onEdit({ ...content, days })}
      />
      <div class="row">
        <button type="button" disabled={locked} onClick={() => onEdit({ ...content, days: fillWorkingDays(month, content.days, { alsaceMoselle: profile.alsaceMoselle, startsOn: mission.startsOn, endsOn: mission.endsOn }) })}>
          {t.fill}
        </button>
        <span class={`sync ${record?.local || submitting ? 'pending' : 'ok'}`} title={record?.local ? t.pending : submitting ? t.submitPendingHelp : t.synced}>
          {record?.local || submitting ? '⟳' : '✓'}
        </span>
      </div>
      <LinesEditor lines={content.lines} locked={locked} onChange={(lines) => onEdit({ ...content, lines })} />
      <dl class="totals">
        <dt>{t.days}</dt>
        <dd data-total="days">{totals.days.toLocaleString(numberTag)}</dd>
        {content.lines.length > 0 && (
          <>
            <dt>{t.linesTotal}</dt>
            <dd data-total="lines">{money(linesCents)}</dd>
          </>
        )}
        <dt>{t.amountHT}</dt>
        <dd data-total="net">{money(totals.netCents)}</dd>
        {(totals.feeCents ?? 0) > 0 && (
          <>
            <dt data-fee-label>{missionFeeLabel(mission, locale)}</dt>
            <dd>{money(totals.feeCents!)}</dd>
          </>
        )}
        <dt>{mission.portal === 'smart' ? t.salaryBudget : t.payout}</dt>
        <dd>
          <strong>{totals.payoutCents === null ? '–' : money(totals.payoutCents)}</strong>
        </dd>
        <dt>{t.payoutDate}</dt>
        <dd>{payoutDate || '–'}</dd>
      </dl>
      {record?.submitError && !submitting && (
        <p class="warn" role="alert" data-submit-error={record.submitError.code}>
          {record.submitError.code === 'changed_elsewhere' ? t.submitChanged : t.submitRefused + apiErrorText(record.submitError, locale)}
        </p>
      )}
      {submitting ? (
        <p class="pending-note">
          {t.submitPendingHelp}{' '}
          <button type="button" class="link" onClick={onCancelSubmit}>
            {t.cancelSubmit}
          </button>
        </p>
      ) : (
        (state === 'draft' || state === 'refused') && (
          // Offline too: the Submit is queued behind the pending edits.
          <button type="button" class="primary wide" data-action="submit" disabled={!!record?.conflict || !!record?.error || totals.days === 0} onClick={submit}>
            {t.submit}
          </button>
        )
      )}
      {busy && <p class="warn">{busy}</p>}
    </section>
  );
}

/** The current purchase order's consumption: a meter, red past 100 %. */
function OrderMeter({ mission }: { mission: Mission }) {
  const use = orderUse(mission);
  if (!use || use.budgetDays === null) return null;
  const n = (x: number) => x.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB');
  const pct = percent(use.ratioBps, locale);
  return (
    <div class={`po${use.over ? ' over' : ''}`} data-po={use.over ? 'over' : use.near ? 'near' : 'ok'} role={use.over ? 'alert' : undefined}>
      {use.over ? `⚠ ${t.poOverrun(n(use.consumedDays), n(use.budgetDays), pct)}` : t.poConsumed(n(use.consumedDays), n(use.budgetDays), pct)}
      <div class="meter">
        <div style={{ width: `${Math.min(100, use.ratioBps / 100)}%` }} />
      </div>
    </div>
  );
}

function DiffList({ mine, theirs }: { mine: Record<string, number>; theirs: Record<string, number> }) {
  const differing = Object.keys({ ...mine, ...theirs })
    .filter((d) => mine[d] !== theirs[d])
    .sort();
  return (
    <ul class="diff">
      {differing.slice(0, 6).map((d) => (
        <li key={d}>
          {formatDate(d)} : {mark(mine[d]) || '–'}
        </li>
      ))}
    </ul>
  );
}
