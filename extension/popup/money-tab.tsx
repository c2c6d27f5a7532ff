import { useState } from 'preact/hooks';
import { daysBetween } from '../../shared/dates';
import { formatDate, formatMonth, locale, money, t } from '../lib/i18n';
import type { Saved } from '../lib/messages';
import type { Dashboard, Mission } from '../lib/model';
import { missionFeeLabel, percent, portalName } from '../lib/words';
import { moneyGroups, type MoneyRow } from './money-groups';

type DownloadPdf = (id: string) => Promise<Saved<{ base64: string; filename: string }>>;

/** The invoice number as a link to its PDF: the background fetches it (it holds the token), the popup saves it. */
function PdfLink({ id, number, download }: { id: string; number: string; download: DownloadPdf }) {
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const onClick = async (e: Event) => {
    e.preventDefault();
    setState('busy');
    const res = await download(id).catch(() => null);
    if (!res?.ok) return setState('failed');
    const bytes = Uint8Array.from(atob(res.value.base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: res.value.filename });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setState('idle');
  };
  return (
    <a href="#" class="num pdf" title={state === 'failed' ? t.pdfFailed : t.pdfDownload} aria-busy={state === 'busy'} onClick={onClick}>
      {number}
      {state === 'failed' ? ' ⚠' : ' ⤓'}
    </a>
  );
}

/** When the money arrives (or arrived), a range kept as a range. */
function when(row: MoneyRow, today: string): string {
  if (row.paidOn) return `${t.paidOn} ${formatDate(row.paidOn)}`;
  if (!row.from) return '–';
  if (row.late && row.to && row.to < today) return t.payoutLateSince(formatDate(row.to));
  return row.to && row.to !== row.from ? t.expectedBetween(formatDate(row.from), formatDate(row.to)) : `${t.expectedOn} ${formatDate(row.from)}`;
}

function Row({ row, today, missions, download }: { row: MoneyRow; today: string; missions: Mission[]; download: DownloadPdf }) {
  const mission = missions.find((m) => m.id === row.missionId);
  const portal = row.portal ?? mission?.portal ?? null;
  const title =
    row.document === 'salary_budget'
      ? t.salaryBudgetOf
      : row.document === 'expected' && !row.number
        ? t.expectedPortalInvoice(portalName(portal ?? 'other', locale))
        : null;
  const fee = row.feeCents > 0 ? `${missionFeeLabel({ portal: portal ?? 'other', plan: row.plan, contractSignedOn: mission?.contractSignedOn ?? null }, locale)} : ${money(row.feeCents)}` : null;
  const countdown = !row.paidOn && row.from && !row.late ? t.inDays(daysBetween(today, row.from)) : '';
  return (
    <li class={row.late ? 'late' : row.paidOn ? 'paid' : ''} data-invoice={row.id}>
      <span class="who">
        {title ? <span class="num">{title}</span> : row.number && <PdfLink id={row.id} number={row.number} download={download} />} <span class="client">{row.clientName}</span>
      </span>
      <strong class="amt">{money(row.amountCents)}</strong>
      <span class="meta">
        {row.serviceMonth && `${t.forMonth} ${formatMonth(row.serviceMonth)}`}
        {fee && <span class="fee"> · {fee}</span>}
      </span>
      <span />
      <span class="meta when">
        {when(row, today)}
        {row.clientDaysLate != null && row.clientDaysLate > 0 && (
          <span class="late-note">
            {' '}
            · {t.clientLate(row.clientDaysLate)} · +{money(row.penaltyCents ?? 0)} {t.penalties}
          </span>
        )}
      </span>
      <span class="countdown">{countdown}</span>
    </li>
  );
}

function List({ title, rows, empty, today, missions, download, kind }: { title: string; rows: MoneyRow[]; empty: string | null; today: string; missions: Mission[]; download: DownloadPdf; kind: string }) {
  if (!rows.length && empty === null) return null;
  return (
    <>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <ul class="invoices" data-list={kind}>
          {rows.map((r) => (
            <Row key={r.id} row={r} today={today} missions={missions} download={download} />
          ))}
        </ul>
      )}
    </>
  );
}

const pctText = (bps: number) => percent(bps, locale);

/** A bar from 0 to a little past the last threshold: what is done, what is projected, the thresholds as marks. */
function Bar({ done, projected, marks, level }: { done: number; projected: number; marks: { at: number; label: string; hi?: boolean }[]; level: 'ok' | 'soon' | 'over' }) {
  const scale = Math.max(projected, done, ...marks.map((m) => m.at)) * 1.08 || 1;
  const pct = (c: number) => `${Math.min(100, (c / scale) * 100).toFixed(1)}%`;
  return (
    <div class={`bar level-${level}`} role="img" aria-label={marks.map((m) => m.label).join(' · ')}>
      <div class="projected" style={{ width: pct(projected) }} />
      <div class="revenue" style={{ width: pct(done) }} />
      {marks.map((m) => (
        <div key={m.label} class={`tick${m.hi ? ' hi' : ''}`} style={{ left: pct(m.at) }} title={m.label} />
      ))}
    </div>
  );
}

function VatSection({ dashboard }: { dashboard: Dashboard }) {
  const { position, projection } = dashboard.vat;
  const next = position.year + 1;
  if (dashboard.vatRegime !== 'franchise') return <p class="muted small">{t.vatNotApplicable}</p>;
  const hard = position.status === 'over_higher' || (projection.higher.on !== null && !projection.higher.already);
  const level = hard || position.status !== 'under' ? 'over' : projection.base.on ? 'soon' : 'ok';
  return (
    <section class="tax" data-tax="vat">
      <h2>{t.vatTitle(position.year)}</h2>
      <Bar
        done={position.revenueCents}
        projected={projection.projectedCents}
        marks={[
          { at: position.baseCents, label: `${t.base} ${money(position.baseCents)}` },
          { at: position.higherCents, label: `${t.higher} ${money(position.higherCents)}`, hi: true },
        ]}
        level={level}
      />
      <p class="body">{t.vatBody(money(position.revenueCents), money(position.baseCents), pctText(position.baseRatioBps))}</p>
      {position.status === 'over_higher' ? (
        <p class="hard-warning" role="alert" data-warning="vat-higher">
          ⚠ {t.vatOverHigher(money(position.higherCents))}
        </p>
      ) : (
        <>
          {position.status === 'over_base' ? (
            <p class="warning" data-warning="vat-base">{t.vatOverBase(money(position.baseCents), next)}</p>
          ) : projection.base.on ? (
            <p class="warning" data-warning="vat-base-projected">{t.vatProjectedBase(formatDate(projection.base.on), money(position.baseCents), next)}</p>
          ) : (
            <p class="body">{t.vatNoCrossing(money(projection.projectedCents))}</p>
          )}
          {projection.higher.on && (
            <p class="hard-warning" role="alert" data-warning="vat-higher-projected">
              ⚠ {t.vatProjectedHigher(formatDate(projection.higher.on), money(position.higherCents))}
            </p>
          )}
        </>
      )}
    </section>
  );
}

type Ceiling = Dashboard['microCeiling'] & { projection?: { ceiling?: { on: string | null } } };

function CeilingSection({ ceiling }: { ceiling: Ceiling }) {
  const on = ceiling.projection?.ceiling?.on ?? null;
  return (
    <section class="tax" data-tax="ceiling">
      <h2>{t.ceilingTitle(ceiling.year)}</h2>
      <Bar done={ceiling.collectedCents} projected={ceiling.collectedCents} marks={[{ at: ceiling.ceilingCents, label: money(ceiling.ceilingCents), hi: true }]} level={ceiling.over ? 'over' : on ? 'soon' : 'ok'} />
      <p class="body">{t.ceilingBody(money(ceiling.collectedCents), money(ceiling.ceilingCents), pctText(ceiling.ratioBps))}</p>
      {ceiling.over ? (
        <p class="hard-warning" role="alert" data-warning="ceiling">
          ⚠ {t.ceilingOver(money(ceiling.ceilingCents))}
        </p>
      ) : (
        on && <p class="warning">{t.ceilingProjected(formatDate(on))}</p>
      )}
    </section>
  );
}

/**
 * The money tab: late, to be paid and paid this month, each invoice once with its client,
 * amount, commission and date (or range); then the VAT franchise and micro ceiling positions.
 */
export function MoneyTab({ dashboard, missions = [], today, downloadPdf }: { dashboard: Dashboard | undefined; missions?: Mission[]; today: string; downloadPdf: DownloadPdf }) {
  if (!dashboard) return <p class="muted">…</p>;
  const groups = moneyGroups(dashboard, missions);
  const props = { today, missions, download: downloadPdf };
  return (
    <section class="money">
      <List title={t.lateList} rows={groups.late} empty={null} kind="late" {...props} />
      <List title={t.toBePaidList} rows={groups.toBePaid} empty={t.nothingToBePaid} kind="to-be-paid" {...props} />
      <List title={t.paidList} rows={groups.paidThisMonth} empty={t.nothingPaid} kind="paid" {...props} />
      <VatSection dashboard={dashboard} />
      {dashboard.microCeiling && <CeilingSection ceiling={dashboard.microCeiling as Ceiling} />}
    </section>
  );
}
