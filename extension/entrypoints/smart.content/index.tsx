import { defineContentScript } from 'wxt/utils/define-content-script';
import { runOverlay } from '../../portals/overlay/mount';
import { QuotePanel } from '../../portals/overlay/quote-panel';
import { ReadPanel } from '../../portals/overlay/read-panel';
import { SMART_MATCHES } from '../../portals/smart';
import { quoteFormAdapter } from '../../portals/smart/quote-form';
import { quoteListAdapter } from '../../portals/smart/quote-list';

/** SMart BE: the quote form (fill, minimum gross per day) and the quote list (states). */
export default defineContentScript({
  matches: SMART_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    runOverlay(ctx, 'smart', [
      { adapter: quoteFormAdapter, Panel: QuotePanel },
      { adapter: quoteListAdapter, Panel: (p) => <ReadPanel {...p} page="quote-list" /> },
    ]);
  },
});
