import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ask } from '../lib/messages';
import { formatDate, locale, t } from '../lib/i18n';
import { pageName, portalName } from '../lib/words';
import { craKey, effectiveContent, KEYS, type CraContent, type CraRecord, type Dashboard, type Mission, type PortalBreakage, type Profile, type Status, type UiState } from '../lib/model';
import { localToday } from '../lib/today';
import { CraTab } from './cra-tab';
import { MoneyTab } from './money-tab';
import { rememberRecordKey, useStore } from './use-store';

const send = (m: unknown) => browser.runtime.sendMessage(m);
type Cache = { missions?: Mission[]; profile?: Profile; dashboard?: Dashboard; ui?: UiState; status?: Status; portalBreakage?: PortalBreakage; signedIn?: boolean };

/**
 * The popup renders from storage first (what was cached, at once), then asks the
 * background to refresh; the background's writes arrive through storage change events.
 */
export const CACHE_KEYS = [KEYS.missions, KEYS.profile, KEYS.dashboard, KEYS.ui, KEYS.status, KEYS.portalBreakage];

/** The storage key of the month the popup shows: the last one chosen, else this month of the first mission. */
export function selectedKey(cache: Cache, today: string) {
  const missions = (cache.missions ?? []).filter((m) => !m.archived);
  const mission = missions.find((m) => m.id === cache.ui?.missionId) ?? missions[0];
  return mission ? craKey(mission.id, cache.ui?.month ?? today.slice(0, 7)) : 'cra:none';
}

export function Popup({ initial, stale = false }: { initial?: Record<string, unknown>; stale?: boolean }) {
  const today = localToday();
  // Painted from the last open's snapshot, the popup takes no edit until storage has answered:
  // an edit is a whole month's content, and must start from the current one.
  const [freshCache, setFreshCache] = useState(!stale);
  const [freshRecord, setFreshRecord] = useState(!stale);
  const cache = useStore<Cache>(CACHE_KEYS, initial as Partial<Cache>, stale, () => setFreshCache(true));
  const [ui, setUi] = useState<UiState | null>(null);
  const current = ui ?? cache?.ui;
  const missions = (cache?.missions ?? []).filter((m) => !m.archived);
  const mission = missions.find((m) => m.id === current?.missionId) ?? missions[0];
  const month = current?.month ?? today.slice(0, 7);
  const key = mission ? craKey(mission.id, month) : 'cra:none';
  const recs = useStore<Record<string, CraRecord | undefined>>([key], initial as Record<string, CraRecord | undefined>, stale, () => setFreshRecord(true));
  // The same month of the other missions, as cached, to catch a day counted twice.
  const otherKeys = missions.filter((m) => m.id !== mission?.id).map((m) => craKey(m.id, month));
  const otherRecs = useStore<Record<string, CraRecord | undefined>>(otherKeys);
  const fresh = freshCache && freshRecord;
  useEffect(() => rememberRecordKey(key), [key]);
  const record = recs?.[key];
  const tab = current?.tab ?? 'cra';
  const [optimistic, setOptimistic] = useState<CraContent | null>(null);
  const inflight = useRef(0);
  const [signedIn, setSignedIn] = useState<boolean | null>(null);

  // Refresh once the cached view is up; again when the month or mission changes.
  useEffect(() => {
    if (!cache) return;
    void ask(send, 'auth.status', {}).then((s) => setSignedIn(s.signedIn));
    void ask(send, 'data.refresh', mission ? { missionId: mission.id, month } : {}).catch(() => undefined);
  }, [!!cache, mission?.id, month]);

  const ready = cache !== null && (!mission || recs !== null);
  if (!ready) return <main class="popup" />;

  const select = (next: Partial<UiState>) => {
    const value: UiState = { tab, missionId: mission?.id ?? null, month, ...next };
    setUi(value);
    void browser.storage.local.set({ [KEYS.ui]: value });
  };
  const edit = (content: CraContent) => {
    if (!mission || !fresh) return;
    setOptimistic(content);
    inflight.current += 1;
    void ask(send, 'cra.edit', { missionId: mission.id, month, content }).finally(() => {
      inflight.current -= 1;
      if (inflight.current === 0) setOptimistic(null);
    });
  };
  const shown: CraRecord | undefined = record && optimistic ? { ...record, local: optimistic } : optimistic && mission ? ({ missionId: mission.id, month, local: optimistic } as CraRecord) : record;

  return (
    <main class="popup">
      <nav class="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'cra'} onClick={() => select({ tab: 'cra' })}>
          {t.cra}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'money'} onClick={() => select({ tab: 'money' })}>
          {t.money}
        </button>
        {cache.status && !cache.status.online && (
          <span class="offline" title={t.offline}>
            ●
          </span>
        )}
      </nav>
      <BreakageWarning breakage={cache.portalBreakage} />
      {signedIn === false && missions.length === 0 ? (
        <p class="muted">
          {t.signIn}{' '}
          <button type="button" class="link" onClick={() => browser.runtime.openOptionsPage()}>
            {t.openOptions}
          </button>
        </p>
      ) : tab === 'money' ? (
        <MoneyTab dashboard={cache.dashboard} missions={cache.missions ?? []} today={today} downloadPdf={(id) => ask(send, 'invoices.pdf', { id })} />
      ) : mission ? (
        <CraTab
          missions={missions}
          mission={mission}
          month={month}
          record={shown}
          profile={cache.profile ?? { alsaceMoselle: false, vatRegime: 'franchise' }}
          today={today}
          onSelect={(missionId, m) => select({ missionId, month: m })}
          onEdit={edit}
          onResolve={(choice) => fresh && void ask(send, 'cra.resolve', { missionId: mission.id, month, choice })}
          onSubmit={async () => {
            if (fresh) await ask(send, 'cra.submit', { missionId: mission.id, month });
          }}
          onCancelSubmit={() => void ask(send, 'cra.cancelSubmit', { missionId: mission.id, month })}
          others={missions
            .filter((m) => m.id !== mission.id)
            .map((m) => ({ missionId: m.id, clientName: m.clientName, days: effectiveContent(otherRecs?.[craKey(m.id, month)]).days }))}
          invoiceNumber={invoiceNumberOf(cache.dashboard, mission.id, month)}
        />
      ) : (
        <p class="muted">
          {t.noMission}{' '}
          <button type="button" class="link" onClick={() => browser.runtime.openOptionsPage()}>
            {t.openOptions}
          </button>
        </p>
      )}
      {cache.status && !cache.status.online && <p class="muted small">{t.offline}</p>}
      <div class="footer">
        <button type="button" class="link" data-action="open-relais" onClick={() => void browser.tabs.create({ url: relaisUrl() })}>
          {t.openRelais}
        </button>
      </div>
    </main>
  );
}

/** A's extension page for the month's end (extension/entrypoints/relais/); typed paths exist only once it is built. */
const relaisUrl = () => (browser.runtime as unknown as { getURL(path: string): string }).getURL('/relais.html');

/** The number of the invoice issued for a mission's month, from the dashboard's lists (null when not listed there). */
function invoiceNumberOf(dashboard: Dashboard | undefined, missionId: string, month: string): string | null {
  if (!dashboard) return null;
  const lists = [dashboard.upcomingPayouts, dashboard.latePayouts, dashboard.overdueInvoices, (dashboard as { paidThisMonth?: Dashboard['upcomingPayouts'] }).paidThisMonth ?? []];
  for (const list of lists) for (const inv of list ?? []) if (inv.missionId === missionId && inv.serviceMonth === month && inv.kind === 'invoice' && inv.number) return inv.number;
  return null;
}

/** Written by the portal overlays when a portal page stopped matching: say so, else nothing. */
function BreakageWarning({ breakage }: { breakage: PortalBreakage | undefined }) {
  const entries = breakage && typeof breakage === 'object' ? Object.entries(breakage).filter(([, b]) => b && typeof b.page === 'string') : [];
  if (!entries.length) return null;
  return (
    <div class="breakage" role="alert" data-breakage>
      {entries.map(([portal, b]) => (
        <p key={portal}>⚠ {t.portalBroken(portalName(portal, locale), pageName(b.page, locale), /^\d{4}-\d{2}-\d{2}/.test(b.at ?? '') ? formatDate(b.at.slice(0, 10)) : String(b.at ?? ''))}</p>
      ))}
    </div>
  );
}
