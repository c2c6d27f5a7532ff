import type { OverlayBundle } from '../bundles';

/** Where the content script runs (the manifest's `matches`); a custom host is added at runtime. */
export const SMART_MATCHES = ['https://account.ubik.be/*'];

/**
 * The pages Relais knows, by path (so a client's own portal domain works too). The content
 * script holds only these: a page they name gets the overlay bundle, any other page nothing.
 */
export const SMART_PATHS = {
  /** Nouveau devis, or a draft being edited, under an activity. */
  quoteForm: /^\/activit(?:es|ies)\/[^/]+\/(?:devis\/(?:nouveau|[^/]+\/modifier)|quotes\/(?:create|new|[^/]+\/edit))$/i,
  quoteList: /^\/activit(?:es|ies)\/[^/]+\/(?:devis|quotes)$/i,
} as const;

/** The overlay each page gets (bundles.ts). */
export const SMART_OVERLAYS = { quoteForm: 'smart-quote-overlay', quoteList: 'smart-list-overlay' } as const satisfies Record<keyof typeof SMART_PATHS, OverlayBundle>;
