import { defineContentScript } from 'wxt/utils/define-content-script';
import { LITTLEBIG_MATCHES, LITTLEBIG_OVERLAYS, LITTLEBIG_PATHS } from '../../portals/littlebig/paths';
import { watchPortal } from '../../portals/overlay/launch';

/**
 * LittleBIG Connection: on the CRA calendar (fill) the CRA overlay, on the missions (budget)
 * and invoices (payments) pages the reading one (portals/littlebig/*-overlay.ts, loaded on
 * demand); elsewhere nothing.
 */
export default defineContentScript({
  matches: LITTLEBIG_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    watchPortal(ctx, LITTLEBIG_PATHS, LITTLEBIG_OVERLAYS);
  },
});
