import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { CraPanel } from '../overlay/cra-panel';
import { registerOverlay } from '../overlay/mount';
import { ReadPanel } from '../overlay/read-panel';
import { craAdapter } from './cra';
import { invoicesAdapter } from './invoices';
import { missionsAdapter } from './missions';

/**
 * LittleBIG Connection's overlay bundle (`/littlebig-overlay.js`, wxt.config.ts): the CRA
 * calendar (fill), missions (budget) and invoices (payments). Injected by the background
 * only when the content script (entrypoints/littlebig.content) sees one of these pages.
 */
export default defineUnlistedScript(() => {
  registerOverlay('littlebig', [
    { adapter: craAdapter, Panel: CraPanel },
    { adapter: missionsAdapter, Panel: (p) => <ReadPanel {...p} page="missions" /> },
    { adapter: invoicesAdapter, Panel: (p) => <ReadPanel {...p} page="invoices" /> },
  ]);
});
