import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createEngine } from '../sync/engine';
import { missingDaysCount } from '../lib/badge';
import { localToday } from '../lib/today';
import { detectLocalApis } from '../lib/detect-api';
import { registerPortalMessages } from '../portals/background/register';
import { relaisHandlers } from '../relais/background-handlers';
import { credentialStore, guardedStorage, indexedDbVault, memoryArea, type Area } from '../lib/credentials';
import { craKey, DEFAULT_API_URL, KEYS, type CraRecord, type Mission, type Profile } from '../lib/model';
import type { Message, MessageType, Reply, Requests, Saved } from '../lib/messages';
import type { ApiResult } from '../sync/api';

/**
 * The background owns the API URL, the token and every network call. Pages ask it through
 * typed messages (lib/messages.ts). The sync queue lives in storage.local, so killing this
 * worker loses nothing: the alarm (or the next message) wakes it and it flushes again.
 * The token, the API URL and the email never touch storage.local, which content scripts can
 * read and write: they live in storage.session (trusted contexts only) and the extension
 * origin's IndexedDB (lib/credentials.ts), behind `storage`.
 */
export default defineBackground(() => {
  const session = (browser.storage as { session?: Area & { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> } }).session;
  // The default for session storage, set explicitly so that no other code can have widened it.
  void session?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
  const local = browser.storage.local as unknown as Area;
  const storage = guardedStorage(local, credentialStore(session ?? memoryArea(), indexedDbVault(), local));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const engine = createEngine({
    storage,
    fetch: (input, init) => fetch(input, init),
    wakeIn: (ms) => {
      clearTimeout(timer);
      timer = setTimeout(() => void engine.flush(), Math.max(ms, 500));
    },
    onChange: () => void updateBadge(),
    // The purchase order's consumption and the dashboard are the API's figures: read them again.
    onPushed: () => void refreshFigures(false),
  });

  // Portal overlays: their own listener, portal message types only, portal tabs only.
  registerPortalMessages(engine, storage);
  browser.alarms.create('relais-sync', { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === 'relais-sync') void engine.flush().then(() => updateBadge());
  });
  browser.runtime.onStartup.addListener(() => void engine.flush());
  browser.runtime.onInstalled.addListener(() => void updateBadge());

  async function updateBadge() {
    const today = localToday();
    const s = await storage.get([KEYS.missions, KEYS.profile]);
    const missions = (s[KEYS.missions] as Mission[] | undefined) ?? [];
    const keys = missions.map((m) => craKey(m.id, today.slice(0, 7)));
    const recs = keys.length ? await storage.get(keys) : {};
    const byMission = Object.fromEntries(missions.map((m) => [m.id, recs[craKey(m.id, today.slice(0, 7))] as CraRecord | undefined]));
    const n = missingDaysCount(missions, byMission, today, { alsaceMoselle: (s[KEYS.profile] as Profile | undefined)?.alsaceMoselle });
    // Firefox MV2 has browserAction where MV3 has action.
    const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
    await action.setBadgeText({ text: n ? String(n) : '' });
    await action.setBadgeBackgroundColor({ color: '#b45309' });
  }

  /**
   * The missions (with their orders' consumption) and the dashboard as the API now computes them,
   * and the profile when asked, into storage; the missions' answer for the caller.
   */
  async function refreshFigures(withProfile: boolean) {
    const api = await engine.api();
    const [missions, dashboard, profile] = await Promise.all([api.missions(), api.dashboard(), withProfile ? api.profile() : null]);
    const items: Record<string, unknown> = {};
    if (missions.ok) items[KEYS.missions] = missions.value.missions;
    if (profile?.ok) items[KEYS.profile] = { alsaceMoselle: !!profile.value.alsaceMoselle, vatRegime: profile.value.vatRegime } satisfies Profile;
    if (dashboard.ok) items[KEYS.dashboard] = dashboard.value;
    if (Object.keys(items).length) await storage.set(items);
    return missions;
  }

  async function refresh(req: { missionId?: string; month?: string }) {
    const missions = await refreshFigures(true);
    const missionId = req.missionId ?? (missions.ok ? missions.value.missions[0]?.id : undefined);
    if (missionId) await engine.load(missionId, req.month ?? localToday().slice(0, 7));
    // The API answered: no reason to wait out a backoff.
    await engine.flush({ force: missions.ok });
    await updateBadge();
    return { ok: missions.ok };
  }

  const handlers: { [T in MessageType]: (req: Requests[T]['req']) => Promise<Requests[T]['res']> } = {
    'auth.status': async () => {
      const s = await storage.get([KEYS.token, KEYS.apiUrl, KEYS.email]);
      return { signedIn: !!s[KEYS.token], apiUrl: (s[KEYS.apiUrl] as string | undefined) ?? DEFAULT_API_URL, email: (s[KEYS.email] as string | undefined) ?? null };
    },
    // Reached only from the extension's own pages (the listener below refuses content scripts).
    'auth.setApiUrl': async ({ apiUrl }) => {
      const url = new URL(apiUrl);
      if (url.protocol !== 'https:' && !['127.0.0.1', 'localhost'].includes(url.hostname)) throw coded('insecure_url', 'Use https, or a local address');
      const clean = url.origin;
      await storage.set({ [KEYS.apiUrl]: clean });
      return { apiUrl: clean };
    },
    'auth.requestCode': async ({ email, locale }) => {
      const res = await (await engine.api()).requestCode(email, locale);
      if (!res.ok) throw coded(res.error.code, res.error.message);
      await storage.set({ [KEYS.email]: email });
      return { sent: true };
    },
    'auth.verifyCode': async ({ email, code }) => {
      const res = await (await engine.api()).verifyCode(email, code);
      if (!res.ok) throw coded(res.error.code, res.error.message);
      await storage.set({ [KEYS.token]: res.value.token, [KEYS.email]: email });
      await refresh({});
      return { signedIn: true };
    },
    'auth.signOut': async () => {
      // The server revokes the token first; offline, it is still forgotten here (and the API refuses it after 90 idle days).
      await (await engine.api()).logout();
      await storage.remove([KEYS.token]);
      return { signedIn: false };
    },
    'data.refresh': refresh,
    'cra.load': ({ missionId, month }) => engine.load(missionId, month),
    'cra.edit': ({ missionId, month, content }) => engine.edit(missionId, month, content),
    'cra.resolve': ({ missionId, month, choice }) => engine.resolve(missionId, month, choice),
    'cra.submit': async ({ missionId, month }) => {
      const r = await engine.submit(missionId, month);
      void refresh({ missionId, month });
      return r;
    },
    'cra.cancelSubmit': ({ missionId, month }) => engine.cancelSubmit(missionId, month),
    'missions.create': async ({ body }) => saved(await (await engine.api()).createMission(body), (m) => refresh({ missionId: m.id })),
    'missions.list': async () => {
      const res = await (await engine.api()).missions();
      if (!res.ok) throw coded(res.error.code, res.error.message);
      await storage.set({ [KEYS.missions]: res.value.missions });
      return res.value.missions;
    },
    'missions.update': async ({ id, body }) => saved(await (await engine.api()).patchMission(id, body), () => refresh({})),
    'missions.renew': async ({ id, body }) => saved(await (await engine.api()).renewMission(id, body), () => refresh({})),
    'profile.get': async () => {
      const res = await (await engine.api()).profile();
      if (!res.ok) throw coded(res.error.code, res.error.message);
      return res.value;
    },
    'profile.save': async ({ body }) =>
      saved(await (await engine.api()).putProfile(body), (p) => storage.set({ [KEYS.profile]: { alsaceMoselle: !!p.alsaceMoselle, vatRegime: p.vatRegime } satisfies Profile })),
    'notifications.get': async () => saved(await (await engine.api()).notificationSettings()),
    'notifications.save': async ({ emailOptOut }) => saved(await (await engine.api()).putNotificationSettings(emailOptOut)),
    'invoices.pdf': async ({ id }) => saved(await (await engine.api()).invoicePdf(id)),
    'api.detect': async () => {
      const saved = (await storage.get(KEYS.apiUrl))[KEYS.apiUrl] as string | undefined;
      // The saved address is tried too when it is a local one: an API on a port the list lacks still shows as found.
      const local = saved && /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/.test(saved) ? [saved] : [];
      return { found: await detectLocalApis((i, n) => fetch(i, n), undefined, undefined, local) };
    },
    'simulate.payout': async ({ body }) => saved(await (await engine.api()).simulatePayout(body)),
    'sync.now': async () => {
      const report = await engine.flush({ force: true });
      await updateBadge();
      return { pending: report.pending, conflicts: report.conflicts };
    },
  };

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // Only our own pages (popup, options), judged by the sender's URL: a content script's sender
    // is the extension too, but its URL is the web page's. Nothing a page posts triggers an action.
    const m = message as Message;
    const handler = Object.hasOwn(handlers, m?.type ?? '') ? (handlers[m.type] as (req: unknown) => Promise<unknown>) : undefined;
    if (!handler) return undefined;
    const ownPage = sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL('/'))
      && !sender.tab?.url?.startsWith('http');
    // A content script (or anything else) asking for a page's action is refused in so many words.
    const forbidden: Reply<MessageType> = { ok: false, code: 'forbidden', message: 'Only the extension pages may ask this' };
    if (!ownPage) return Promise.resolve(forbidden);
    return handler(m).then(
      (value): Reply<MessageType> => ({ ok: true, value: value as never }),
      (err: unknown): Reply<MessageType> => ({ ok: false, code: (err as { code?: string })?.code ?? 'failed', message: err instanceof Error ? err.message : String(err) }),
    );
  });

  // The Relais page (extension pages only): its own listener and message types, relais/background-handlers.ts.
  const connection = async () => {
    const s = await storage.get([KEYS.apiUrl, KEYS.token]);
    return { baseUrl: (s[KEYS.apiUrl] as string | undefined) ?? DEFAULT_API_URL, token: (s[KEYS.token] as string | undefined) ?? null };
  };
  const relais = relaisHandlers({ connection, fetch: (i, n) => fetch(i, n), extensionOrigin: `${self.location.origin}/`, extensionId: browser.runtime.id, afterWrite: () => refresh({}) });
  browser.runtime.onMessage.addListener((message: unknown, sender) => relais(message, sender));

  void engine.flush().then(() => updateBadge());
});

/** An API answer as a form shows it: the value, or the refusal with its fields; `then` runs on success. */
async function saved<T>(res: ApiResult<T>, then?: (value: T) => Promise<unknown>): Promise<Saved<T>> {
  if (!res.ok) return { ok: false, error: res.error };
  await then?.(res.value);
  return { ok: true, value: res.value };
}

function coded(code: string, message: string) {
  return Object.assign(new Error(message), { code });
}
