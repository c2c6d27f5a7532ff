/**
 * The scripts the background injects into a portal tab on demand (background/register.ts),
 * each built as an unlisted script `/<name>.js` from its source under `extension/`
 * (wxt.config.ts). One overlay per kind of page, so a page loads only its own adapters and
 * panel; the bug-report snapshot only once the user asks for it. The budget (issue 5) is the
 * content script plus what it injects on any one page: 12 KB gzip.
 */
export const OVERLAY_BUNDLES = {
  /** LittleBIG's CRA calendar: fill, submit. */
  'littlebig-cra-overlay': 'portals/littlebig/cra-overlay.ts',
  /** LittleBIG's pages Relais only reads: missions (budget), invoices (payments). */
  'littlebig-read-overlay': 'portals/littlebig/read-overlay.ts',
  /** SMart's quote form: fill, minimum gross per day. */
  'smart-quote-overlay': 'portals/smart/quote-overlay.ts',
  /** SMart's quote list (states). */
  'smart-list-overlay': 'portals/smart/list-overlay.ts',
  /** "Save this page for a bug report": the redaction, loaded on the click. */
  'portal-snapshot': 'portals/snapshot-bundle.ts',
} as const;

export type OverlayBundle = keyof typeof OVERLAY_BUNDLES;

export const isOverlayBundle = (name: unknown): name is OverlayBundle => typeof name === 'string' && Object.hasOwn(OVERLAY_BUNDLES, name);
