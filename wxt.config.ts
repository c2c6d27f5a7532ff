import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { OVERLAY_BUNDLES } from './extension/portals/bundles';

/** The portals' hosts: their content scripts run there and nowhere else (LITTLEBIG_MATCHES and SMART_MATCHES in extension/portals). */
const PORTAL_HOSTS = ['https://www.littlebigconnection.com/*', 'https://account.ubik.be/*'];
/**
 * Test build only (RELAIS_PORTAL_TEST=1, into its own RELAIS_EXT_OUT): the e2e fixture server
 * stands in for the portals, LittleBIG on 127.0.0.1 and SMart on localhost (any port).
 */
const PORTAL_TEST_MATCHES: Record<string, string> = process.env.RELAIS_PORTAL_TEST === '1' ? { littlebig: 'http://127.0.0.1/*', smart: 'http://localhost/*' } : {};

/**
 * The files the Firefox sources zip may hold: those git tracks, nothing else (a checkout where
 * `npm start` ran has `data/` with the local database and mailbox: codes, tokens, secrets).
 * Without git, the zip holds nothing rather than whatever lies in the folder.
 */
export function trackedSources(root = process.cwd()): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * The Relais browser extension (WXT + Preact). `npx wxt build` writes `.output/chrome-mv3`;
 * `npx wxt build -b firefox` writes `.output/firefox-mv3`.
 */
export default defineConfig({
  srcDir: 'extension',
  // RELAIS_EXT_OUT lets parallel builds (a test build with fixture origins) use their own folder.
  outDir: process.env.RELAIS_EXT_OUT ?? '.output',
  publicDir: 'extension/public',
  // Explicit imports only: the sync code is unit-tested outside WXT's build.
  imports: false,
  // WXT zips a file that matches `includeSources` or no `excludeSources`: everything is excluded, tracked files included.
  zip: { excludeSources: ['**/*'], includeSources: trackedSources() },
  manifest: ({ manifestVersion, browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // scripting: a custom portal host the user grants gets the portal's content script at runtime.
    permissions: ['storage', 'alarms', 'scripting'],
    // The local API (any port), and the portals. A deployed API over https is asked for at sign-in.
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*', ...PORTAL_HOSTS],
    ...(manifestVersion === 3 ? { optional_host_permissions: ['https://*/*'] } : { optional_permissions: ['https://*/*'] }),
    action: { default_title: 'Relais' },
    ...(browser === 'firefox' ? { browser_specific_settings: {
      gecko: {
        id: 'extension@relais.invalid',
        strict_min_version: '115.0',
        // What the extension sends to the Relais API the user signs in to: their email, their
        // days, rates, invoices and bank details, and what it reads on the portals' pages.
        data_collection_permissions: { required: ['personallyIdentifyingInfo', 'financialAndPaymentInfo', 'websiteContent'] },
      },
    } } : {}),
  }),
  hooks: {
    // The portal overlays (Preact, a page kind's adapters and panel) and the bug-report snapshot
    // are bundles of their own, `/<name>.js` (extension/portals/bundles.ts), that the background
    // injects into a portal tab only once the content script recognised the page (or the user
    // asked for a snapshot): a page loads its content script and one overlay, within 12 KB gzip.
    // Added here because the code lives beside its portal (extension/portals/<portal>/*-overlay.ts).
    'entrypoints:resolved': (wxt, entrypoints) => {
      for (const [name, source] of Object.entries(OVERLAY_BUNDLES)) {
        entrypoints.push({ type: 'unlisted-script', name, inputPath: resolve(wxt.config.srcDir, source), outputDir: wxt.config.outDir, options: {}, skipped: false });
      }
    },
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const script of manifest.content_scripts ?? []) {
        const portal = Object.keys(PORTAL_TEST_MATCHES).find((p) => script.js?.some((js) => js.endsWith(`/${p}.js`)));
        if (portal) script.matches = [...(script.matches ?? []), PORTAL_TEST_MATCHES[portal]!];
      }
    },
  },
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    build: { target: 'es2022', minify: 'terser', terserOptions: { ecma: 2020, compress: { passes: 3 } }, sourcemap: !!process.env.RELAIS_SOURCEMAP },
  }),
});
