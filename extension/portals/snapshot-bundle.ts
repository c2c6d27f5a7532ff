import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { bundleGlobal } from './overlay/launch';
import { redactedSnapshot } from './snapshot';

export type SnapshotMeta = Parameters<typeof redactedSnapshot>[1];
/** What `/portal-snapshot.js` leaves in the isolated world: downloads the page's redacted snapshot. */
export type SaveSnapshot = (meta: SnapshotMeta) => void;

/** Saves the redacted page as `relais-<portal>-<page>-<date>.html`, through a download link. */
const saveSnapshot: SaveSnapshot = (meta) => {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([redactedSnapshot(document, meta)], { type: 'text/html' }));
  a.download = `relais-${meta.portal}-${meta.page}-${new Date().toISOString().slice(0, 10)}.html`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
};

/**
 * `/portal-snapshot.js` (bundles.ts): "Save this page for a bug report", the redaction and the
 * download, injected only once the user clicks it (overlay/shell.tsx), so that no overlay carries it.
 */
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[bundleGlobal('portal-snapshot')] = saveSnapshot;
});
