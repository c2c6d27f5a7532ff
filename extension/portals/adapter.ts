import type { OverlayPortal, PortalPage } from '../../shared/portals/reports';
import { checkSelectors, type Breakage, type SelectorMap } from './selectors';

/** What reading a page gives: the page's model, or the reason filling must stay off. */
/**
 * What reading a page gives: the page's model; a breakage (the page no longer has the shape
 * Relais reads); or `unknown`, a page that reads but that Relais must not act on (its
 * sources disagree on the month or mission, or its signals contradict each other). Only a
 * breakage is reported to the API: an unknown page is the portal's state, not a change.
 */
export type ReadResult<M, U = never> = { ok: true; model: M } | { ok: false; breakage: Breakage; unknown?: undefined } | { ok: false; unknown: U; breakage?: undefined };

/**
 * One adapter per portal page (STYLE.md): `matches(url)` on the path (so a client's own
 * portal domain works too), `read(document)` → the page's model (shared/portals schema); pages the overlay
 * fills add `plan` and `verify`.
 */
export type PageAdapter<M> = {
  readonly portal: OverlayPortal;
  readonly page: PortalPage;
  readonly map: SelectorMap;
  /** The keys this page checks, in order; the first is the page's root. */
  readonly keys: readonly string[];
  matches(url: string | URL): boolean;
  read(doc: Document, url?: string): ReadResult<M, any>;
};

/**
 * Checks the page's selectors, then builds its model; any failure is a breakage. The model's
 * shape is the shared valibot schema's (shared/portals), checked where it crosses a trust
 * boundary: the background before acting on it, the API before storing it, and the unit tests
 * on every fixture. The content script does not ship valibot: it would take a quarter of the
 * 12 KB budget.
 */
export function readWith<M, U = never>(doc: Document, adapter: Pick<PageAdapter<M>, 'map' | 'keys'>, build: () => unknown): ReadResult<M, U> {
  const broken = checkSelectors(doc, adapter.map, adapter.keys);
  if (broken) return { ok: false, breakage: broken };
  const raw = build();
  if (raw && typeof raw === 'object' && 'selectorKey' in raw) return { ok: false, breakage: raw as Breakage };
  if (raw && typeof raw === 'object' && 'unknown' in raw) return { ok: false, unknown: (raw as { unknown: U }).unknown };
  return { ok: true, model: raw as M };
}

/**
 * The route a URL names: its path, plus its hash when that is a route (`#/cra/2026-10`, as
 * www.littlebigconnection.com's `/rfp/<id>#/` pages have), without trailing slashes.
 * @example pathOf('https://www.littlebigconnection.com/rfp/48213#/cra/2026-10') // '/rfp/48213#/cra/2026-10'
 */
export const pathOf = (url: string | URL) => {
  try {
    const u = new URL(String(url));
    const hash = u.hash.startsWith('#/') ? u.hash.replace(/\/+$/, '') : '';
    return (u.pathname.replace(/\/+$/, '') || '/') + (hash.length > 1 ? hash : '');
  } catch {
    return '';
  }
};
