import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { registerOverlay, type PageEntry } from '../overlay/mount';
import { readPanel } from '../overlay/read-panel';
import { invoicesAdapter } from './invoices';
import { missionsAdapter } from './missions';

/** The pages this bundle shows its overlay on (test/portals checks the content script's choice against them). */
export const READ_OVERLAY_PAGES: readonly PageEntry[] = [
  { adapter: missionsAdapter, panel: readPanel },
  { adapter: invoicesAdapter, panel: readPanel },
];

/**
 * LittleBIG Connection's overlay for the pages Relais only reads (`/littlebig-read-overlay.js`,
 * bundles.ts): missions (budget) and invoices (payments). Injected by the background only when
 * the content script (entrypoints/littlebig.content) sees one of these pages.
 */
export default defineUnlistedScript(() => registerOverlay('littlebig-read-overlay', READ_OVERLAY_PAGES));
