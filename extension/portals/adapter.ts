import type { OverlayPortal, PortalPage } from '../../shared/portals/reports';
import { checkSelectors, type Breakage, type SelectorMap } from './selectors';

/** What reading a page gives: the page's model, or the reason filling must stay off. */
export type ReadResult<M> = { ok: true; model: M } | { ok: false; breakage: Breakage };

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
  read(doc: Document): ReadResult<M>;
};

/**
 * Checks the page's selectors, then builds its model; any failure is a breakage. The model's
 * shape is the shared valibot schema's (shared/portals), checked where it crosses a trust
 * boundary: the background before acting on it, the API before storing it, and the unit tests
 * on every fixture. The content script does not ship valibot: it would take a quarter of the
 * 12 KB budget.
 */
export function readWith<M>(doc: Document, adapter: Pick<PageAdapter<M>, 'map' | 'keys'>, build: () => unknown): ReadResult<M> {
  const broken = checkSelectors(doc, adapter.map, adapter.keys);
  if (broken) return { ok: false, breakage: broken };
  const raw = build();
  if (raw && typeof raw === 'object' && 'selectorKey' in raw) return { ok: false, breakage: raw as Breakage };
  return { ok: true, model: raw as M };
}

export const pathOf = (url: string | URL) => {
  try {
    return new URL(String(url)).pathname.replace(/\/+$/, '') || '/';
  } catch {
    return '';
  }
};
