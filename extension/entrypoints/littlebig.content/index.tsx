import { defineContentScript } from 'wxt/utils/define-content-script';
import { LITTLEBIG_MATCHES } from '../../portals/littlebig';
import { craAdapter } from '../../portals/littlebig/cra';
import { invoicesAdapter } from '../../portals/littlebig/invoices';
import { missionsAdapter } from '../../portals/littlebig/missions';
import { CraPanel } from '../../portals/overlay/cra-panel';
import { runOverlay } from '../../portals/overlay/mount';
import { ReadPanel } from '../../portals/overlay/read-panel';

/** LittleBIG Connection: the CRA calendar (fill), missions (budget) and invoices (payments). */
export default defineContentScript({
  matches: LITTLEBIG_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    runOverlay(ctx, 'littlebig', [
      { adapter: craAdapter, Panel: CraPanel },
      { adapter: missionsAdapter, Panel: (p) => <ReadPanel {...p} page="missions" /> },
      { adapter: invoicesAdapter, Panel: (p) => <ReadPanel {...p} page="invoices" /> },
    ]);
  },
});
