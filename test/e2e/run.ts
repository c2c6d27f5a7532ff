import { execSync } from 'node:child_process';
import { resolve } from 'node:path';
import { runExtensionE2e } from './extension.e2e';
import { buildPortalTestExtension, runPortalsE2e } from './portals.e2e';

/**
 * `node --import tsx test/e2e/run.ts`: builds the extension, then runs the end-to-end test
 * in Debian's chromium (CHROMIUM_PATH to use another). SKIP_BUILD=1 reuses `.output/`.
 */
const root = resolve(import.meta.dirname, '../..');
if (!process.env.SKIP_BUILD) execSync('npx wxt build', { cwd: root, stdio: 'inherit', env: process.env });
runExtensionE2e()
  // Then the portal overlays, on their own test build (.output-portals, fixture origins added).
  .then(() => (process.env.SKIP_BUILD ? undefined : buildPortalTestExtension()))
  .then(() => runPortalsE2e())
  .then(
  () => {
    console.log('[e2e] PASS');
    process.exit(0);
  },
  (err: unknown) => {
    console.error('[e2e] FAIL', err);
    process.exit(1);
  },
);
