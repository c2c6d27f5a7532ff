import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { craPanel, craUnknown } from '../overlay/cra-panel';
import { registerOverlay, type PageEntry } from '../overlay/mount';
import { craAdapter } from './cra';
import { CRA_CSS } from '../overlay/style';

/** The pages this bundle shows its overlay on (test/portals checks the content script's choice against them). */
export const CRA_OVERLAY_PAGES: readonly PageEntry[] = [{ adapter: craAdapter, panel: craPanel, unknown: craUnknown }];

/**
 * LittleBIG Connection's CRA calendar overlay (`/littlebig-cra-overlay.js`, bundles.ts): Relais'
 * days beside the portal's, fill, submit. Injected by the background only when the content
 * script (entrypoints/littlebig.content) sees a CRA page.
 */
export default defineUnlistedScript(() => registerOverlay('littlebig-cra-overlay', CRA_OVERLAY_PAGES, CRA_CSS));
