import { browser } from 'wxt/browser';
import type { OverlayPortal } from '../../shared/portals/reports';
import { PORTAL_HOSTS_KEY, type CustomPortalHost } from './messages';

/**
 * A client's own portal domain (a white-labelled LittleBIG, say). Call from an extension page
 * (options or popup) in the click handler, since the browser asks the user there: it requests
 * the optional host permission, registers the portal's content script for that host only, and
 * records the host so the background accepts its messages. Nothing runs on any other site.
 */
export async function addCustomPortalHost(portal: OverlayPortal, origin: string): Promise<{ ok: true; origin: string } | { ok: false; code: 'not_https' | 'denied' }> {
  const url = new URL(origin);
  if (url.protocol !== 'https:') return { ok: false, code: 'not_https' };
  const clean = url.origin;
  const pattern = `${clean}/*`;
  if (!(await browser.permissions.request({ origins: [pattern] }))) return { ok: false, code: 'denied' };
  const id = scriptId(portal, clean);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (!existing.length) await browser.scripting.registerContentScripts([{ id, matches: [pattern], js: [`content-scripts/${portal}.js`], runAt: 'document_idle', persistAcrossSessions: true }]);
  const hosts = await customPortalHosts();
  if (!hosts.some((h) => h.origin === clean && h.portal === portal)) await browser.storage.local.set({ [PORTAL_HOSTS_KEY]: [...hosts, { portal, origin: clean }] });
  return { ok: true, origin: clean };
}

/** Forgets a custom host: script unregistered, permission given back. */
export async function removeCustomPortalHost(portal: OverlayPortal, origin: string): Promise<void> {
  const clean = new URL(origin).origin;
  await browser.scripting.unregisterContentScripts({ ids: [scriptId(portal, clean)] }).catch(() => undefined);
  await browser.permissions.remove({ origins: [`${clean}/*`] });
  await browser.storage.local.set({ [PORTAL_HOSTS_KEY]: (await customPortalHosts()).filter((h) => !(h.origin === clean && h.portal === portal)) });
}

export async function customPortalHosts(): Promise<CustomPortalHost[]> {
  return ((await browser.storage.local.get(PORTAL_HOSTS_KEY))[PORTAL_HOSTS_KEY] as CustomPortalHost[] | undefined) ?? [];
}

const scriptId = (portal: string, origin: string) => `relais-${portal}-${new URL(origin).host.replace(/[^a-z0-9.-]/gi, '_')}`;
