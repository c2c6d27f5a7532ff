import { defineConfig } from 'wxt';

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
  manifest: ({ manifestVersion, browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms'],
    // The local API (any port). A deployed API over https is asked for at sign-in.
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    ...(manifestVersion === 3 ? { optional_host_permissions: ['https://*/*'] } : { optional_permissions: ['https://*/*'] }),
    action: { default_title: 'Relais' },
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'extension@relais.invalid', strict_min_version: '115.0' } } } : {}),
  }),
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    build: { target: 'es2022' },
  }),
});
