import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { registerOverlay, type PageEntry } from '../overlay/mount';
import { readPanel } from '../overlay/read-panel';
import { quoteListAdapter } from './quote-list';

/** The pages this bundle shows its overlay on (test/portals checks the content script's choice against them). */
export const LIST_OVERLAY_PAGES: readonly PageEntry[] = [{ adapter: quoteListAdapter, panel: readPanel }];

/**
 * SMart BE's quote list overlay (`/smart-list-overlay.js`, bundles.ts): the quotes' states, read
 * and recorded. Injected by the background only when the content script (entrypoints/smart.content)
 * sees the quote list.
 */
export default defineUnlistedScript(() => registerOverlay('smart-list-overlay', LIST_OVERLAY_PAGES));
