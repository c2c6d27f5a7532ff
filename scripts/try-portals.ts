/**
 * `npm run portals:try`: the portal overlays by hand, on the fixture pages. Builds the portal test build
 * (`.output-portals/chrome-mv3`: the content scripts also match the fixture server's origins, LittleBIG on
 * 127.0.0.1 and SMart on localhost) when it is missing, serves every fixture page at its portal URL's path
 * (test/fixtures/portals/fixtures.json) and prints the addresses to open. Stop it with Ctrl-C.
 * Start the API beside it (`npm start`), load `.output-portals/chrome-mv3` unpacked, sign in from its options.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildPortalTestExtension, serveFixtures } from '../test/e2e/portals.e2e';

const root = resolve(import.meta.dirname, '..');
if (!existsSync(resolve(root, '.output-portals/chrome-mv3/manifest.json')) || process.argv.includes('--build')) buildPortalTestExtension();
const port = Number(process.env.PORTALS_PORT ?? 5178);
const { port: bound } = await serveFixtures(port);
const list = JSON.parse(readFileSync(resolve(root, 'test/fixtures/portals/fixtures.json'), 'utf8')).fixtures as { name: string; portal: string; url: string }[];
console.log(`Extension (test build): load unpacked ${resolve(root, '.output-portals/chrome-mv3')}`);
console.log('Fixture pages:');
for (const f of list) {
  const u = new URL(f.url);
  console.log(`  ${f.name.padEnd(28)} http://${f.portal === 'smart' ? 'localhost' : '127.0.0.1'}:${bound}${u.pathname}${u.search}${u.hash}`);
}
console.log('Ctrl-C stops the server.');
