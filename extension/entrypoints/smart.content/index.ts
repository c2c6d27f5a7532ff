import { defineContentScript } from 'wxt/utils/define-content-script';
import { watchPortal } from '../../portals/overlay/launch';
import { SMART_MATCHES, SMART_OVERLAYS, SMART_PATHS } from '../../portals/smart/paths';

/**
 * SMart BE: on the quote form (fill, minimum gross per day) and the quote list (states), each
 * its overlay (portals/smart/*-overlay.ts, loaded on demand); elsewhere nothing.
 */
export default defineContentScript({
  matches: SMART_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    watchPortal(ctx, SMART_PATHS, SMART_OVERLAYS);
  },
});
