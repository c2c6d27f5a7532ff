import { useState } from 'preact/hooks';
import { daysBetween } from '../../shared/dates';
import { formatDate, money, t } from '../lib/i18n';
import type { Saved } from '../lib/messages';
import type { Dashboard } from '../lib/model';

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

/** The money tab: payouts to come with a countdown, overdue invoices with penalties, the VAT franchise bar. */
export function MoneyTab({ dashboard, today, downloadPdf }: { dashboard: Dashboard | undefined; today: string; downloadPdf: DownloadPdf }) {
  if (!dashboard) return <p class="muted">…</p>;
  const { position, projection } = dashboard.vat;
  const scale = Math.max(position.higherCents, projection.projectedCents, position.revenueCents) * 1.05;
  const pct = (c: number) => `${Math.min(100, (c / scale) * 100).toFixed(1)}%`;
  return (
    <section class="money">
      <h2>{t.upcoming}</h2>
      {dashboard.upcomingPayouts.length === 0 && <p class="muted">{t.noInvoices}</p>}
      <ul class="invoices">
        {[...dashboard.latePayouts, ...dashboard.upcomingPayouts].map((inv) => (
          <li key={inv.id} class={inv.payoutLate ? 'late' : ''}>
            <PdfLink id={inv.id} number={inv.number} download={downloadPdf} />
            <strong>{money(inv.payoutCents ?? inv.totalCents)}</strong>
            <span>{inv.payoutEarliest ? formatDate(inv.payoutEarliest) : '–'}</span>
            <span class="countdown">{inv.payoutEarliest ? t.inDays(daysBetween(today, inv.payoutEarliest)) : ''}</span>
          </li>
        ))}
      </ul>
      {dashboard.overdueInvoices.length > 0 && (
        <>
          <h2>{t.overdue}</h2>
          <ul class="invoices">
            {dashboard.overdueInvoices.map((inv) => (
              <li key={inv.id} class="late">
                <PdfLink id={inv.id} number={inv.number} download={downloadPdf} />
                <strong>{money(inv.totalCents)}</strong>
                <span>{t.inDays(-(inv.overdue?.daysLate ?? 0))}</span>
                <span>
                  +{money(inv.overdue?.totalPenaltyCents ?? 0)} {t.penalties}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>
        {t.vatBar} {position.year}
      </h2>
      <div class="bar" role="img" aria-label={`${money(position.revenueCents)} / ${money(position.baseCents)}`}>
        <div class="projected" style={{ width: pct(projection.projectedCents) }} />
        <div class="revenue" style={{ width: pct(position.revenueCents) }} />
        <div class="tick" style={{ left: pct(position.baseCents) }} title={`${t.base} ${money(position.baseCents)}`} />
        <div class="tick hi" style={{ left: pct(position.higherCents) }} title={`${t.higher} ${money(position.higherCents)}`} />
      </div>
      <p class="legend">
        <strong>{money(position.revenueCents)}</strong> · {t.base} {money(position.baseCents)} · {t.higher} {money(position.higherCents)}
      </p>
      <p class="legend">
        {t.projected} {money(projection.projectedCents)}
      </p>
      <p class="legend">
        {projection.base.on ? `${t.crossing} ${formatDate(projection.base.on)} (${t.base})` : t.noCrossing}
        {projection.higher.on ? ` · ${formatDate(projection.higher.on)} (${t.higher})` : ''}
      </p>
    </section>
  );
}
