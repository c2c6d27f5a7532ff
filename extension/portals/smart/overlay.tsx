import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { registerOverlay } from '../overlay/mount';
import { QuotePanel } from '../overlay/quote-panel';
import { ReadPanel } from '../overlay/read-panel';
import { quoteFormAdapter } from './quote-form';
import { quoteListAdapter } from './quote-list';

/**
 * SMart BE's overlay bundle (`/smart-overlay.js`, wxt.config.ts): the quote form (fill,
 * minimum gross per day) and the quote list (states). Injected by the background only when
 * the content script (entrypoints/smart.content) sees one of these pages.
 */
export default defineUnlistedScript(() => {
  registerOverlay('smart', [
    { adapter: quoteFormAdapter, Panel: QuotePanel },
    { adapter: quoteListAdapter, Panel: (p) => <ReadPanel {...p} page="quote-list" /> },
  ]);
});
