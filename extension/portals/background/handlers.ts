import { MatchPattern } from 'wxt/utils/match-patterns';
import type { LittleBigCraPage, LittleBigInvoicesPage, LittleBigMissionsPage } from '../../../shared/portals/littlebig';
import { PAGE_MODELS } from '../../../shared/portals/reports';
import type { SmartQuoteForm } from '../../../shared/portals/smart';
import * as v from 'valibot';
import { DEFAULT_API_URL, effectiveContent, KEYS, type Mission } from '../../lib/model';
import type { Engine, StorageArea } from '../../sync/engine';
import { compareDays, CRA_SUBMIT_LABELS, planCra } from '../littlebig/cra';
import {
  PORTAL_BREAKAGE_KEY,
  PORTAL_HOSTS_KEY,
  PORTAL_MESSAGE_TYPES,
  type CustomPortalHost,
  type Outcome,
  type PortalBreakage,
  type PortalCra,
  type PortalMessageType,
  type PortalMission,
  type PortalReply,
  type PortalRequests,
  type QuoteOverride,
} from '../messages';
import { grossCheck, planQuote, quoteFromMonth } from '../smart/quote-form';
import { sayNote, sayOutcome } from './say';
import { LANGUAGE_KEY, localeOf } from '../../lib/i18n';
import frMessages from '../../public/_locales/fr/messages.json';
import enMessages from '../../public/_locales/en/messages.json';

type Messages = Record<string, { message: string }>;
/** The overlay's words of one language: `portal_*` messages without their prefix. */
const portalWords = (messages: Messages) => Object.fromEntries(Object.entries(messages).filter(([k]) => k.startsWith('portal_')).map(([k, v]) => [k.slice(7), v.message]));
const WORDS = { fr: portalWords(frMessages as Messages), en: portalWords(enMessages as Messages) };

/**
 * The background's side of the portal overlays. Content scripts run inside portal pages, so
 * their messages are handled apart from the popup's: only the portal message types, only
 * from a tab whose URL a portal content script is declared for (the manifest's matches, or a
 * host the user granted). Everything that needs the token (the API) happens here.
 */

export type PortalDeps = { storage: StorageArea; engine: Engine; fetch: typeof fetch; version: string; now?: () => number; browserLanguage?: () => string | undefined };

type Sender = { id?: string; url?: string; tab?: { url?: string } };

/** Whether a message comes from a page a portal content script is meant to run on. */
export function portalSenderAllowed(sender: Sender, runtimeId: string, patterns: readonly string[]): boolean {
  if (sender.id !== runtimeId) return false;
  const url = sender.tab?.url ?? sender.url;
  if (!url || !/^https?:/.test(url)) return false;
  return patterns.some((p) => {
    try {
      return new MatchPattern(p).includes(url);
    } catch {
      return false;
    }
  });
}

const sameDays = (a: Record<string, number>, b: Record<string, number>) => {
  const worked = (d: Record<string, number>) => JSON.stringify(Object.entries(d).filter(([, q]) => q > 0).sort(([x], [y]) => (x < y ? -1 : 1)));
  return worked(a) === worked(b);
};

/** A page model as its shared schema has it (shared/portals), or the `invalid_observation` refusal. */
function pageModel<M>(key: keyof typeof PAGE_MODELS, data: unknown): M {
  const parsed = v.safeParse(PAGE_MODELS[key] as v.GenericSchema, data);
  if (!parsed.success) throw Object.assign(new Error(parsed.issues[0]?.message ?? 'invalid'), { code: 'invalid_observation' });
  return parsed.output as M;
}

/**
 * The plan for the page an overlay read (`portal.month` with `page`): the adapters' pure
 * `plan`, run here on Relais' month, so that the page's overlay carries only what needs its DOM.
 */
export function planForPage(portal: string, page: unknown, mission: PortalMission | null, cra: PortalCra | null, override: QuoteOverride | undefined, today: string): Pick<PortalRequests['portal.month']['res'], 'craPlan' | 'quotePlan' | 'submitLabels'> {
  if (page === undefined) return {};
  if (portal === 'littlebig') {
    const model = pageModel<LittleBigCraPage>('littlebig/cra', page);
    if (!cra) return {};
    const plan = planCra(model, cra);
    return { craPlan: { days: compareDays(model, cra), plan, notes: plan.notes.map(sayNote) }, submitLabels: CRA_SUBMIT_LABELS };
  }
  const model = pageModel<SmartQuoteForm>('smart/quote-form', page);
  const base = mission && cra ? quoteFromMonth(mission, cra.days) : null;
  const desired = base ? { ...base, ...override } : null;
  // Before filling: the figures Relais would enter. Otherwise: what the form shows, with SMart's own estimate.
  const check = desired ? grossCheck({ ...desired, dailyGrossCents: undefined }, today) : grossCheck(model, today);
  return { quotePlan: { desired, ops: desired ? planQuote(model, desired) : [], check } };
}

const toPortalMission = (m: Mission): PortalMission => ({ id: m.id, portal: m.portal, portalRef: m.portalRef ?? null, clientName: m.clientName, dailyRateCents: m.dailyRateCents, smartContractType: (m.smartContractType as PortalMission['smartContractType']) ?? null });
const norm = (s: string | null | undefined) => (s ?? '').trim().toUpperCase();

export function createPortalHandlers(deps: PortalDeps) {
  const { storage, engine } = deps;
  const now = deps.now ?? (() => Date.now());

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ ok: boolean; status: number; json: any }> {
    const s = await storage.get([KEYS.apiUrl, KEYS.token]);
    const token = s[KEYS.token] as string | undefined;
    if (!token) return { ok: false, status: 401, json: { error: { code: 'signed_out', message: 'Sign in to Relais first' } } };
    try {
      const res = await deps.fetch(`${(s[KEYS.apiUrl] as string | undefined) ?? DEFAULT_API_URL}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { ok: res.ok, status: res.status, json: await res.json().catch(() => undefined) };
    } catch (err) {
      return { ok: false, status: 0, json: { error: { code: 'offline', message: String(err) } } };
    }
  }

  async function missions(refresh: boolean): Promise<Mission[]> {
    if (refresh) {
      const res = await call('GET', '/v1/missions');
      if (res.ok) {
        await storage.set({ [KEYS.missions]: res.json.missions });
        return res.json.missions as Mission[];
      }
    }
    return ((await storage.get(KEYS.missions))[KEYS.missions] as Mission[] | undefined) ?? [];
  }

  /** The Relais mission a portal page is about: its `portalRef`, looked up again online when the cache lacks it. */
  async function missionFor(portal: string, ref: string): Promise<Mission | null> {
    // www's `/rfp/<id>` URLs carry the number of the reference only (`48213` for `M-48213`).
    const same = (r: string | null | undefined) => norm(r) === norm(ref) || (/^\d+$/.test(ref.trim()) && (r ?? '').replace(/\D/g, '') === ref.trim());
    const find = (list: Mission[]) => list.find((m) => m.portal === portal && same(m.portalRef)) ?? null;
    return find(await missions(false)) ?? find(await missions(true));
  }

  /** Posts an observation unless the same data was already sent for that page and mission. */
  async function observe(portal: string, page: string, data: unknown, missionId?: string): Promise<Outcome | null> {
    const key = `portalObserved:${portal}/${page}/${missionId ?? ''}`;
    const hash = JSON.stringify(data);
    if ((await storage.get(key))[key] === hash) return null;
    const res = await call('POST', '/v1/portals/observations', { portal, page, ...(missionId ? { missionId } : {}), data });
    if (!res.ok) return { kind: 'failed', message: res.json?.error?.message ?? `HTTP ${res.status}` };
    await storage.set({ [key]: hash });
    return { kind: 'recorded' };
  }

  /** A CRA state seen on the portal, brought into Relais when Relais' days agree with it. */
  async function syncCra(model: LittleBigCraPage): Promise<Outcome[]> {
    const mission = await missionFor('littlebig', model.missionRef);
    if (!mission) return [{ kind: 'no_mission', missionRef: model.missionRef }];
    let rec = await engine.load(mission.id, model.month);
    const state = rec.server?.state ?? 'draft';
    if (model.state === state || model.state === 'draft') return [];
    const month = model.month;
    // Moving Relais' state forward only makes sense for the same days; otherwise the user decides.
    const agree = sameDays(effectiveContent(rec).days, model.days);
    if (model.state === 'refused') {
      if (state !== 'submitted') return [];
      const res = await call('POST', `/v1/missions/${mission.id}/cras/${month}/refuse`, { reason: model.refusalComment || 'Refusé sur le portail' }, { 'if-match': `"${rec.revision}"` });
      await engine.load(mission.id, month);
      return res.ok ? [{ kind: 'refused', month }] : [{ kind: 'failed', message: res.json?.error?.message ?? `HTTP ${res.status}` }];
    }
    if (!agree) return [{ kind: 'days_differ', month, portalState: model.state }];
    if (state === 'draft' || state === 'refused') {
      try {
        // The engine queues the submission behind any pending edit; push it now and read the result.
        await engine.submit(mission.id, month);
        await engine.flush({ force: true });
        rec = await engine.read(mission.id, month);
      } catch (err) {
        return [{ kind: 'failed', message: err instanceof Error ? err.message : String(err) }];
      }
      if (rec.server?.state !== 'submitted') return [{ kind: 'failed', message: 'the CRA could not be submitted in Relais yet' }];
    }
    if (model.state === 'submitted') return [{ kind: 'submitted', month }];
    if (model.state !== 'validated' || !model.validatedOn) return [];
    const res = await call('POST', `/v1/missions/${mission.id}/cras/${month}/validate`, { validatedOn: model.validatedOn }, { 'if-match': `"${rec.revision}"` });
    await engine.load(mission.id, month);
    if (!res.ok) return [{ kind: 'failed', message: res.json?.error?.message ?? `HTTP ${res.status}` }];
    return [{ kind: 'validated', month, validatedOn: model.validatedOn, payoutEarliest: res.json.invoice?.payoutEarliest ?? null, payoutLatest: res.json.invoice?.payoutLatest ?? null }];
  }

  /** Payment dates the portal shows, recorded on the matching Relais invoice (mission and month). */
  async function syncInvoices(model: LittleBigInvoicesPage): Promise<Outcome[]> {
    const paid = model.invoices.filter((i) => (i.status === 'paid' || i.status === 'client_paid') && i.paidOn);
    if (!paid.length) return [];
    const list = await call('GET', '/v1/invoices');
    if (!list.ok) return [{ kind: 'failed', message: list.json?.error?.message ?? `HTTP ${list.status}` }];
    const out: Outcome[] = [];
    for (const inv of paid) {
      const mission = await missionFor('littlebig', inv.missionRef);
      if (!mission) continue;
      const ours = (list.json.invoices as any[]).find((r) => r.kind === 'invoice' && r.missionId === mission.id && r.serviceMonth === inv.month && r.status !== 'cancelled');
      if (!ours) continue;
      if (inv.status === 'paid' && ours.status === 'issued') {
        const res = await call('POST', `/v1/invoices/${ours.id}/paid`, { paidOn: inv.paidOn });
        out.push(res.ok ? { kind: 'invoice_paid', number: ours.number, paidOn: inv.paidOn! } : { kind: 'failed', message: res.json?.error?.message ?? `HTTP ${res.status}` });
      } else if (inv.status === 'client_paid' && !ours.clientPaidOn && ours.status === 'issued') {
        const res = await call('POST', `/v1/invoices/${ours.id}/client-paid`, { paidOn: inv.paidOn });
        out.push(res.ok ? { kind: 'client_paid', number: ours.number, paidOn: inv.paidOn! } : { kind: 'failed', message: res.json?.error?.message ?? `HTTP ${res.status}` });
      }
    }
    return out;
  }

  const handlers: { [T in PortalMessageType]: (req: PortalRequests[T]['req']) => Promise<PortalRequests[T]['res']> } = {
    'portal.month': async ({ portal, missionRef, missionId, month, page, override }) => {
      const signedIn = !!(await storage.get(KEYS.token))[KEYS.token];
      if (!signedIn) return { signedIn, missions: [], mission: null, cra: null };
      const today = new Date(now()).toISOString().slice(0, 10);
      const all = await missions(false);
      const mission = missionRef ? await missionFor(portal, missionRef) : (all.find((m) => m.id === missionId) ?? null);
      const ofPortal = (mission ? all : await missions(true)).filter((m) => m.portal === portal && !m.archived).map(toPortalMission);
      if (!mission) return { signedIn, missions: ofPortal, mission: null, cra: null, ...planForPage(portal, page, null, null, override, today) };
      const rec = await engine.load(mission.id, month);
      const content = effectiveContent(rec);
      const ours = toPortalMission(mission);
      const cra: PortalCra = { state: (rec.server?.state as 'draft') ?? 'draft', days: content.days, lines: content.lines.map((l) => ({ kind: l.kind, label: l.label, amountCents: l.amountCents })), pending: !!rec.local };
      return { signedIn, missions: ofPortal, mission: ours, cra, ...planForPage(portal, page, ours, cra, override, today) };
    },
    'portal.observed': async ({ portal, page, data }) => {
      const key = `${portal}/${page}` as keyof typeof PAGE_MODELS;
      if (!PAGE_MODELS[key]) throw Object.assign(new Error('unknown page'), { code: 'unknown_page' });
      const model = pageModel<unknown>(key, data);
      const prev = await readPortalBreakage(storage);
      if (prev[portal]?.page === page) {
        const { [portal]: _healed, ...rest } = prev;
        await storage.set({ [PORTAL_BREAKAGE_KEY]: rest });
      }
      const outcomes: Outcome[] = [];
      if (portal === 'littlebig' && page === 'cra') outcomes.push(...(await syncCra(model as LittleBigCraPage)));
      if (portal === 'littlebig' && page === 'invoices') {
        outcomes.push(...(await syncInvoices(model as LittleBigInvoicesPage)));
        const o = await observe(portal, page, data);
        if (o) outcomes.push(o);
      }
      if (portal === 'littlebig' && page === 'missions') {
        // Budget consumed, per mission Relais knows, so the API can hold it against its own count.
        for (const m of (model as LittleBigMissionsPage).missions) {
          const ours = await missionFor('littlebig', m.missionRef);
          const o = ours ? await observe(portal, page, { missions: [m] }, ours.id) : null;
          if (o) outcomes.push(o);
        }
      }
      if (portal === 'smart' && page === 'quote-list') {
        const o = await observe(portal, page, data);
        if (o) outcomes.push(o);
      }
      return { outcomes: outcomes.map((o) => ({ ...o, say: sayOutcome(o) })) };
    },
    'portal.words': async () => {
      const lang = localeOf((await storage.get(LANGUAGE_KEY))[LANGUAGE_KEY], (deps.browserLanguage ?? (() => globalThis.navigator?.language))());
      return { lang, words: WORDS[lang] };
    },
    'portal.breakage': async ({ portal, page, selectorKey, host }) => {
      const prev = await readPortalBreakage(storage);
      await storage.set({ [PORTAL_BREAKAGE_KEY]: { ...prev, [portal]: { page, selectorKey, at: new Date(now()).toISOString(), host: host ?? '' } } satisfies PortalBreakage });
      // One report per page, key and version a day is enough to fix a selector.
      const key = `portalReported:${portal}/${page}/${selectorKey}/${deps.version}`;
      const last = (await storage.get(key))[key] as number | undefined;
      if (last && now() - last < 86_400_000) return { reported: false };
      const res = await call('POST', '/v1/portals/reports', { portal, page, selectorKey, extensionVersion: deps.version });
      if (res.ok) await storage.set({ [key]: now() });
      return { reported: res.ok };
    },
  };

  /** Answers one portal message; anything else is not ours (undefined). */
  function handle(message: unknown, senderHost: string): Promise<PortalReply<PortalMessageType>> | undefined {
    const m = message as { type?: PortalMessageType } | null;
    if (!m || !PORTAL_MESSAGE_TYPES.includes(m.type as PortalMessageType)) return undefined;
    const run = handlers[m.type!] as (req: unknown) => Promise<unknown>;
    // The host is the sender's, never what the page claims.
    return run(m.type === 'portal.breakage' ? { ...m, host: senderHost } : m).then(
      (value) => ({ ok: true, value }) as PortalReply<PortalMessageType>,
      (err: unknown) => ({ ok: false, code: (err as { code?: string })?.code ?? 'failed', message: err instanceof Error ? err.message : String(err) }),
    );
  }

  return { handlers, handle };
}

/** Match patterns of the portal content scripts: the manifest's, plus the custom hosts granted. */
export async function portalPatterns(manifest: { content_scripts?: { matches?: string[] }[] }, storage: StorageArea): Promise<string[]> {
  const declared = (manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []);
  const custom = ((await storage.get(PORTAL_HOSTS_KEY))[PORTAL_HOSTS_KEY] as CustomPortalHost[] | undefined) ?? [];
  return [...declared, ...custom.map((h) => `${h.origin}/*`)];
}

/** The breakages the popup shows, by portal (see PORTAL_BREAKAGE_KEY). */
export async function readPortalBreakage(storage: StorageArea): Promise<PortalBreakage> {
  const v = (await storage.get(PORTAL_BREAKAGE_KEY))[PORTAL_BREAKAGE_KEY] as PortalBreakage | null | undefined;
  return v && typeof v === 'object' ? v : {};
}
