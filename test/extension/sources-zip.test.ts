import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { glob } from 'tinyglobby';
import { afterAll, describe, expect, it } from 'vitest';
import config, { trackedSources } from '../../wxt.config';

const root = resolve(__dirname, '../..');
/** The matcher WXT itself zips with (a dependency of wxt, untyped). */
const picomatch = createRequire(import.meta.url)('picomatch') as (patterns: string[], options: { dot: boolean }) => (path: string) => boolean;
const probe = join(root, 'data', 'zip-probe-relais.db');
afterAll(() => rmSync(probe, { force: true }));

/** WXT's own rule (wxt/dist/core/zip.mjs): a file goes in if it matches `include`, or matches no `exclude`. */
const matches = (patterns: string[]) => picomatch(patterns.length ? patterns : ['\0'], { dot: true });

describe('the Firefox sources zip', () => {
  it('lists exactly the files git tracks, never the local database, mailbox or build output', async () => {
    mkdirSync(join(root, 'data'), { recursive: true });
    writeFileSync(probe, 'sign-in codes, tokens, webhook secrets');
    const zip = (config as { zip: { includeSources: string[]; excludeSources: string[] } }).zip;
    const included = matches(zip.includeSources);
    const excluded = matches(zip.excludeSources);
    const onDisk = await glob(['**/*'], { cwd: root, ignore: ['**/node_modules'], onlyFiles: true, expandDirectories: false, dot: true });
    const zipped = onDisk.filter((f) => included(f) || !excluded(f)).sort();
    const tracked = trackedSources(root).filter((f) => existsSync(join(root, f))).sort();
    expect(zipped).toEqual(tracked);
    expect(zipped).not.toContain('data/zip-probe-relais.db');
    expect(zipped.some((f) => f.startsWith('.output/') || f.startsWith('data/'))).toBe(false);
  });

  it('the Firefox manifest declares what data the extension sends', () => {
    const manifest = (config as { manifest: (env: { manifestVersion: number; browser: string }) => Record<string, any> }).manifest({ manifestVersion: 3, browser: 'firefox' });
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions.required).toEqual(expect.arrayContaining(['personallyIdentifyingInfo', 'financialAndPaymentInfo']));
    const chrome = (config as { manifest: (env: { manifestVersion: number; browser: string }) => Record<string, any> }).manifest({ manifestVersion: 3, browser: 'chrome' });
    expect(chrome.browser_specific_settings).toBeUndefined();
  });
});
