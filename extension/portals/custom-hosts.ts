import { browser } from 'wxt/browser';
import type { OverlayPortal } from '../../shared/portals/reports';
import { LITTLEBIG_MATCHES } from './littlebig/paths';
import { PORTAL_HOSTS_KEY, type CustomPortalHost } from './messages';
import { SMART_MATCHES } from './smart/paths';

/**
 * A client's own portal domain (a white-labelled LittleBIG, say). Adding one, from an
 * extension page (options) in the click handler since the browser asks the user there,
 * requests the optional host permission, registers the portal's content script for that
 * host only, and records the host so the background accepts its messages. Nothing runs on
 * any other site.
 */

export type PortalOriginError = 'invalid' | 'not_https' | 'not_host' | 'port' | 'built_in';

/** A DNS name with a dot and a letter-led top-level label: no IP address, no `localhost`, no wildcard. */
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const BUILT_IN = [...LITTLEBIG_MATCHES, ...SMART_MATCHES].map((m) => m.replace(/\/\*$/, ''));

/**
 * The origin a user typed, checked before the browser is asked anything: https only, on a
 * host name (no IP, no port: a match pattern cannot name one everywhere), not a portal
 * Relais already covers. A bare host gets `https://`; a pasted page URL keeps its origin.
 * @example parsePortalOrigin(' cra.client.example/missions ') // { ok: true, origin: 'https://cra.client.example' }
 * @example parsePortalOrigin('http://cra.client.example') // { ok: false, code: 'not_https' }
 */
export function parsePortalOrigin(input: string): { ok: true; origin: string } | { ok: false; code: PortalOriginError } {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { ok: false, code: 'invalid' };
  }
  if (!text || url.username || url.password) return { ok: false, code: 'invalid' };
  if (url.protocol !== 'https:') return { ok: false, code: 'not_https' };
  if (url.port) return { ok: false, code: 'port' };
  if (!HOST_NAME.test(url.hostname)) return { ok: false, code: 'not_host' };
  if (BUILT_IN.includes(url.origin)) return { ok: false, code: 'built_in' };
  return { ok: true, origin: url.origin };
}

/** The browser APIs custom hosts use (WXT's `browser`; a fake in tests). */
export type HostApis = {
  permissions: { request(p: { origins: string[] }): Promise<boolean>; remove(p: { origins: string[] }): Promise<boolean> };
  scripting: {
    getRegisteredContentScripts(filter: { ids: string[] }): Promise<{ id: string }[]>;
    registerContentScripts(scripts: { id: string; matches: string[]; js: string[]; runAt: 'document_idle'; persistAcrossSessions: boolean }[]): Promise<unknown>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<unknown>;
  };
  storage: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<unknown> };
};

export type AddHostResult = { ok: true; origin: string } | { ok: false; code: PortalOriginError | 'denied' };

export function customHostsWith(apis: HostApis) {
  const list = async (): Promise<CustomPortalHost[]> => ((await apis.storage.get(PORTAL_HOSTS_KEY))[PORTAL_HOSTS_KEY] as CustomPortalHost[] | undefined) ?? [];
  return {
    list,
    /** Asks for the host (the permission request comes first, still in the user's gesture), then registers the portal's script there. */
    async add(portal: OverlayPortal, input: string): Promise<AddHostResult> {
      const parsed = parsePortalOrigin(input);
      if (!parsed.ok) return parsed;
      const { origin } = parsed;
      if (!(await apis.permissions.request({ origins: [`${origin}/*`] }))) return { ok: false, code: 'denied' };
      const id = scriptId(portal, origin);
      if (!(await apis.scripting.getRegisteredContentScripts({ ids: [id] })).length) {
        await apis.scripting.registerContentScripts([{ id, matches: [`${origin}/*`], js: [`content-scripts/${portal}.js`], runAt: 'document_idle', persistAcrossSessions: true }]);
      }
      const hosts = await list();
      if (!hosts.some((h) => h.origin === origin && h.portal === portal)) await apis.storage.set({ [PORTAL_HOSTS_KEY]: [...hosts, { portal, origin }] });
      return { ok: true, origin };
    },
    /** Forgets a custom host: script unregistered, permission given back unless the other portal still uses the host. */
    async remove(portal: OverlayPortal, origin: string): Promise<void> {
      const clean = new URL(origin).origin;
      await apis.scripting.unregisterContentScripts({ ids: [scriptId(portal, clean)] }).catch(() => undefined);
      const rest = (await list()).filter((h) => !(h.origin === clean && h.portal === portal));
      if (!rest.some((h) => h.origin === clean)) await apis.permissions.remove({ origins: [`${clean}/*`] });
      await apis.storage.set({ [PORTAL_HOSTS_KEY]: rest });
    },
  };
}

const live = () => customHostsWith({ permissions: browser.permissions, scripting: browser.scripting, storage: browser.storage.local });

/** Adds a custom host for a portal. Call it in the click handler, with nothing awaited before: the browser's prompt needs the gesture. */
export const addCustomPortalHost = (portal: OverlayPortal, origin: string) => live().add(portal, origin);
/** Forgets a custom host: script unregistered, permission given back. */
export const removeCustomPortalHost = (portal: OverlayPortal, origin: string) => live().remove(portal, origin);
/** The custom hosts the user granted, in the order added. */
export const customPortalHosts = () => live().list();

const scriptId = (portal: string, origin: string) => `relais-${portal}-${new URL(origin).host.replace(/[^a-z0-9.-]/gi, '_')}`;
