import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OverlayBundle } from '../../extension/portals/bundles';
import { LITTLEBIG_OVERLAYS, LITTLEBIG_PATHS } from '../../extension/portals/littlebig/paths';
import { watchPortal, type StartOverlay } from '../../extension/portals/overlay/launch';

/**
 * The content script's side of single-page navigation (overlay/launch.ts): which overlay bundle
 * each page kind asks for, each injected once, and every started overlay told every URL so that
 * only the current page's shows.
 */
const host = 'https://www.littlebigconnection.com';
const CRA = `${host}/missions/M-48213/cra/2026-10`;
const MISSIONS = `${host}/missions`;
const OTHER = `${host}/tableau-de-bord`;

let win: Window;
beforeEach(() => {
  win = new Window({ url: CRA });
  vi.stubGlobal('window', win);
  vi.stubGlobal('document', win.document);
  vi.stubGlobal('location', { href: CRA });
});
afterEach(() => vi.unstubAllGlobals());

/** A fake content script context, and fake bundles recording what they were asked to show. */
async function harness(fail: OverlayBundle[] = []) {
  let navigate: (url: string) => void = () => undefined;
  const ctx = { isInvalid: false, addEventListener: (_: unknown, __: string, listener: (e: { newUrl: URL }) => void) => void (navigate = (url) => listener({ newUrl: new URL(url) })) };
  const loads: OverlayBundle[] = [];
  const shown: Record<string, string[]> = {};
  const load = async (bundle: OverlayBundle): Promise<StartOverlay | undefined> => {
    loads.push(bundle);
    if (fail.includes(bundle)) {
      fail.splice(fail.indexOf(bundle), 1);
      return undefined;
    }
    return () => (url) => void (shown[bundle] ??= []).push(url);
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  watchPortal(ctx as never, LITTLEBIG_PATHS, LITTLEBIG_OVERLAYS, load);
  await settle();
  const go = async (url: string) => {
    navigate(url);
    await settle();
  };
  return { go, loads, shown };
}

describe('the content script follows single-page navigation across page kinds', () => {
  it('injects each page kind’s bundle once, and tells every started overlay every URL', async () => {
    const { go, loads, shown } = await harness();
    await go(`${CRA}?tab=1`);
    expect(loads).toEqual(['littlebig-cra-overlay']);
    await go(MISSIONS);
    await go(`${host}/cra-factures/factures`);
    await go(CRA);
    expect(loads, 'missions and invoices share the reading bundle; no bundle twice').toEqual(['littlebig-cra-overlay', 'littlebig-read-overlay']);
    // The CRA overlay hears the missions and invoices URLs too (to take its overlay down).
    expect(shown['littlebig-cra-overlay']).toEqual([CRA, `${CRA}?tab=1`, MISSIONS, `${host}/cra-factures/factures`, CRA]);
    expect(shown['littlebig-read-overlay']).toEqual([MISSIONS, `${host}/cra-factures/factures`, CRA]);
  });

  it('loads nothing on a page Relais does not know, and removes overlays left there', async () => {
    vi.stubGlobal('location', { href: OTHER });
    win.document.body.innerHTML = '<main></main><relais-overlay></relais-overlay>';
    const { go, loads } = await harness();
    expect(loads).toEqual([]);
    expect(win.document.querySelectorAll('relais-overlay')).toHaveLength(0);
    await go(`${host}/messages`);
    expect(loads).toEqual([]);
  });

  it('asks again on the next navigation when a bundle could not be injected', async () => {
    const { go, loads, shown } = await harness(['littlebig-cra-overlay']);
    await go(CRA);
    expect(loads).toEqual(['littlebig-cra-overlay', 'littlebig-cra-overlay']);
    expect(shown['littlebig-cra-overlay']).toEqual([CRA]);
  });
});
