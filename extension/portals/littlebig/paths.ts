import type { OverlayBundle } from '../bundles';

/** Where the content script runs (the manifest's `matches`); a custom host is added at runtime. */
export const LITTLEBIG_MATCHES = ['https://www.littlebigconnection.com/*'];

/**
 * The pages Relais knows, by path (so a client's own portal domain works too). The content
 * script holds only these: a page they name gets the overlay bundle, any other page nothing.
 */
export const LITTLEBIG_PATHS = {
  /** `/missions/M-48213/cra/2026-10`, or www's hash route `/rfp/48213#/cra/2026-10`: the mission reference and the month. */
  cra: /^\/missions\/([^/#]+)\/cra\/(\d{4}-\d{2})$|^\/rfp\/(\d+)#\/cra\/(\d{4}-\d{2})$/,
  /** `/missions` (the React pages), or the www pages' `/supplier/missions` (a path of ours: see test/fixtures/portals/README.md). */
  missions: /^\/missions$|^\/supplier\/missions$/,
  /** `/cra-factures/factures`, or the www pages' `/supplier/invoices` (a path of ours too). */
  invoices: /^\/cra-factures\/factures$|^\/supplier\/invoices$/,
} as const;

/** The overlay each page gets (bundles.ts): the CRA calendar its own, the pages Relais only reads another. */
export const LITTLEBIG_OVERLAYS = { cra: 'littlebig-cra-overlay', missions: 'littlebig-read-overlay', invoices: 'littlebig-read-overlay' } as const satisfies Record<keyof typeof LITTLEBIG_PATHS, OverlayBundle>;
