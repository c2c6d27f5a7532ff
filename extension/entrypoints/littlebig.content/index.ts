import { defineContentScript } from 'wxt/utils/define-content-script';
import { LITTLEBIG_MATCHES, LITTLEBIG_PATHS } from '../../portals/littlebig/paths';
import { watchPortal } from '../../portals/overlay/launch';

/**
 * LittleBIG Connection: on the CRA calendar (fill), missions (budget) and invoices (payments)
 * pages, the overlay (portals/littlebig/overlay.tsx, loaded on demand); elsewhere nothing.
 */
export default defineContentScript({
  matches: LITTLEBIG_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    watchPortal(ctx, 'littlebig', LITTLEBIG_PATHS);
  },
});
