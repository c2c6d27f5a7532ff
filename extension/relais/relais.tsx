import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ask as askBackground } from '../lib/messages';
import { languageChoice, setLanguageChoice, type LanguageChoice } from '../lib/i18n';
import { localToday } from '../lib/today';
import type { SyncError } from '../lib/model';
import { DocumentsSection } from './documents-section';
import { ExportsSection } from './exports-section';
import { IntegrationsSection } from './integrations-section';
import { InvoicesSection } from './invoices-section';
import type { Json } from './messages';
import { MonthSection } from './month-section';
import { s } from './strings';
import { ask, ErrorNote, send } from './ui';

export const TABS = ['month', 'invoices', 'documents', 'integrations', 'exports'] as const;
export type Tab = (typeof TABS)[number];
const tabWord: Record<Tab, string> = { month: s.tabMonth, invoices: s.tabInvoices, documents: s.tabDocuments, integrations: s.tabIntegrations, exports: s.tabExports };
/** `relais.html#invoices` opens that tab (the popup links to it; a reload keeps it). */
const tabOf = (hash: string): Tab => (TABS as readonly string[]).includes(hash.slice(1)) ? (hash.slice(1) as Tab) : 'month';

/** The Relais page: the month's work that does not fit the popup. */
export function Relais() {
  const [tab, setTab] = useState<Tab>(tabOf(location.hash));
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const [me, setMe] = useState<string | null>(null);
  const [missions, setMissions] = useState<Json[] | null>(null);
  const [error, setError] = useState<SyncError | null>(null);
  const [month, setMonth] = useState(localToday().slice(0, 7));
  useEffect(() => {
    const onHash = () => setTab(tabOf(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    void askBackground(send, 'auth.status', {}).then(
      (st) => {
        setSignedIn(st.signedIn);
        setMe(st.email);
      },
      () => setSignedIn(false),
    );
  }, []);
  useEffect(() => {
    if (!signedIn) return;
    void ask('relais.missions', {}).then((r) => (r.ok ? (setMissions(r.value), setError(null)) : setError(r.error)));
  }, [signedIn, tab]);
  const go = (t: Tab) => {
    location.hash = t;
    setTab(t);
  };
  return (
    <main class="relais" data-tab={tab}>
      <header class="top row">
        <h1>{s.title}</h1>
        <Language />
      </header>
      <nav class="tabs" role="tablist">
        {TABS.map((t) => (
          <button type="button" role="tab" name={`tab-${t}`} aria-selected={tab === t} onClick={() => go(t)}>
            {tabWord[t]}
          </button>
        ))}
      </nav>
      {signedIn === false && (
        <div class="card">
          <p>{s.signedOut}</p>
          <button type="button" class="primary" onClick={() => void browser.runtime.openOptionsPage()}>
            {s.openOptions}
          </button>
        </div>
      )}
      <ErrorNote error={error} />
      {signedIn && missions && (
        <>
          {tab === 'month' && <MonthSection missions={missions} month={month} setMonth={setMonth} openInvoices={() => go('invoices')} />}
          {tab === 'invoices' && <InvoicesSection missions={missions} me={me} />}
          {tab === 'documents' && <DocumentsSection />}
          {tab === 'integrations' && <IntegrationsSection />}
          {tab === 'exports' && <ExportsSection />}
        </>
      )}
      {signedIn === null && <p class="muted">{s.loading}</p>}
    </main>
  );
}

/** The same choice as the options page's: stored once for every page of the extension. */
function Language() {
  const [choice, setChoice] = useState<LanguageChoice>(languageChoice());
  return (
    <label class="lang">
      {s.language}{' '}
      <select
        name="language"
        value={choice}
        onChange={(e) => {
          const next = e.currentTarget.value as LanguageChoice;
          setChoice(next);
          setLanguageChoice(next);
          location.reload();
        }}
      >
        <option value="auto">Auto</option>
        <option value="fr">Français</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
