import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { registerOverlay, type PageEntry } from '../overlay/mount';
import { quotePanel } from '../overlay/quote-panel';
import { quoteFormAdapter } from './quote-form';
import { QUOTE_CSS } from '../overlay/style';

/** The pages this bundle shows its overlay on (test/portals checks the content script's choice against them). */
export const QUOTE_OVERLAY_PAGES: readonly PageEntry[] = [{ adapter: quoteFormAdapter, panel: quotePanel }];

/**
 * SMart BE's quote form overlay (`/smart-quote-overlay.js`, bundles.ts): fill from a mission's
 * month, minimum gross per day. Injected by the background only when the content script
 * (entrypoints/smart.content) sees the quote form.
 */
export default defineUnlistedScript(() => registerOverlay('smart-quote-overlay', QUOTE_OVERLAY_PAGES, QUOTE_CSS));
