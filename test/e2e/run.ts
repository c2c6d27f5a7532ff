import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runExtensionE2e } from './extension.e2e';
import { runHostilePageE2e } from './hostile-page.e2e';
import { runMonthEndE2e } from './month-end.e2e';
import { runPortalMutationsE2e } from './portals-mutations.e2e';
import { buildPortalTestExtension, runPortalsE2e } from './portals.e2e';
import { runSoakE2e } from './soak.e2e';
import { runTrustBoundaryE2e } from './trust-boundary.e2e';
import { runAsScript } from './support';

/**
 * `npm run test:e2e` (`node --import tsx test/e2e/run.ts`): builds the extension, then runs
 * the end-to-end tests in Debian's chromium (CHROMIUM_PATH to use another): the extension
 * against the real API, the month's end (options, popup and Relais page, French and
 * English), the offline soak (100 edits across service-worker kills), and the portal
 * overlays on their own test build (`.output-portals`, fixture origins added), and on that
 * build the trust boundary (what a content script can read and ask) and, last, the
 * hostile page (what the page's own scripts can reach of the overlay and click in it).
 * SKIP_BUILD=1 reuses `.output/` (and `.output-portals/` when it exists).
 */
const root = resolve(import.meta.dirname, '../..');
const skip = !!process.env.SKIP_BUILD;
if (!skip) execSync('npx wxt build', { cwd: root, stdio: 'inherit', env: process.env });

async function main() {
  await runExtensionE2e();
  await runMonthEndE2e();
  await runSoakE2e();
  if (!skip || !existsSync(resolve(root, '.output-portals/chrome-mv3/manifest.json'))) buildPortalTestExtension();
  await runPortalsE2e();
  await runPortalMutationsE2e();
  await runTrustBoundaryE2e();
  await runHostilePageE2e();
}

runAsScript('[e2e]', main);
