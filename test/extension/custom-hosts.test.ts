import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { portalPatterns } from '../../extension/portals/background/handlers';
import { customHostsWith, parsePortalOrigin, type HostApis } from '../../extension/portals/custom-hosts';

/**
 * Custom portal hosts (the options page's "Portals on a client's domain"): what a user may
 * type, and adding, listing and removing a host with WXT's fake browser storage and a browser
 * that grants or refuses the permission and keeps the registered scripts.
 */

describe('the portal address a user types', () => {
  it.each([
    ['https://cra.client.example', 'https://cra.client.example'],
    ['  cra.client.example  ', 'https://cra.client.example'],
    ['https://CRA.Client.Example/missions/M-1/cra/2026-10?x=1', 'https://cra.client.example'],
    ['https://portail.société.example', 'https://portail.xn--socit-esab.example'],
  ])('takes %j as %s', (input, origin) => {
    expect(parsePortalOrigin(input)).toEqual({ ok: true, origin });
  });

  it.each([
    ['', 'invalid'],
    ['https://', 'invalid'],
    ['https://user:secret@cra.client.example', 'invalid'],
    ['http://cra.client.example', 'not_https'],
    ['ftp://cra.client.example', 'not_https'],
    ['https://192.168.1.20', 'not_host'],
    ['https://localhost', 'not_host'],
    ['https://[::1]', 'not_host'],
    ['https://*.client.example', 'not_host'],
    ['https://cra.client.example:8443', 'port'],
    ['https://www.littlebigconnection.com/missions', 'built_in'],
    ['account.ubik.be', 'built_in'],
  ])('refuses %j (%s)', (input, code) => {
    expect(parsePortalOrigin(input)).toEqual({ ok: false, code });
  });
});

describe('adding, listing and removing a custom host', () => {
  let granted: Set<string>;
  let scripts: Map<string, { id: string; matches: string[]; js: string[] }>;
  let answer: boolean;
  let asked: string[][];
  const hosts = () =>
    customHostsWith({
      permissions: {
        request: async ({ origins }) => (asked.push(origins), answer && (origins.forEach((o) => granted.add(o)), true)),
        remove: async ({ origins }) => (origins.forEach((o) => granted.delete(o)), true),
      },
      scripting: {
        getRegisteredContentScripts: async ({ ids }) => ids.flatMap((id) => (scripts.has(id) ? [scripts.get(id)!] : [])),
        registerContentScripts: async (list) => list.forEach((s) => scripts.set(s.id, s)),
        unregisterContentScripts: async ({ ids }) => ids.forEach((id) => scripts.delete(id)),
      },
      storage: fakeBrowser.storage.local as unknown as HostApis['storage'],
    });
  const patterns = () => portalPatterns({ content_scripts: [{ matches: ['https://www.littlebigconnection.com/*'] }] }, fakeBrowser.storage.local as never);

  beforeEach(() => {
    fakeBrowser.reset();
    granted = new Set();
    scripts = new Map();
    answer = true;
    asked = [];
  });

  it('asks for that host only, runs the portal script there, and lists it once', async () => {
    expect(await hosts().add('littlebig', 'cra.client.example/missions')).toEqual({ ok: true, origin: 'https://cra.client.example' });
    expect(asked).toEqual([['https://cra.client.example/*']]);
    expect([...scripts.values()]).toEqual([expect.objectContaining({ matches: ['https://cra.client.example/*'], js: ['content-scripts/littlebig.js'] })]);
    expect(await hosts().add('littlebig', 'https://cra.client.example')).toEqual({ ok: true, origin: 'https://cra.client.example' });
    expect(scripts.size).toBe(1);
    expect(await hosts().list()).toEqual([{ portal: 'littlebig', origin: 'https://cra.client.example' }]);
    expect(await patterns()).toContain('https://cra.client.example/*');
  });

  it('adds nothing when the user refuses, and never asks for a bad address', async () => {
    answer = false;
    expect(await hosts().add('smart', 'https://devis.client.example')).toEqual({ ok: false, code: 'denied' });
    expect(await hosts().add('smart', 'http://devis.client.example')).toEqual({ ok: false, code: 'not_https' });
    expect(asked).toEqual([['https://devis.client.example/*']]);
    expect(scripts.size).toBe(0);
    expect(await hosts().list()).toEqual([]);
  });

  it('removes a host: script unregistered, permission given back, messages from it no longer accepted', async () => {
    await hosts().add('littlebig', 'https://cra.client.example');
    await hosts().add('smart', 'https://devis.client.example');
    await hosts().remove('littlebig', 'https://cra.client.example');
    expect(await hosts().list()).toEqual([{ portal: 'smart', origin: 'https://devis.client.example' }]);
    expect([...scripts.values()].map((s) => s.matches)).toEqual([['https://devis.client.example/*']]);
    expect([...granted]).toEqual(['https://devis.client.example/*']);
    expect(await patterns()).not.toContain('https://cra.client.example/*');
  });

  it('keeps the permission while the other portal still uses the host', async () => {
    await hosts().add('littlebig', 'https://portail.client.example');
    await hosts().add('smart', 'https://portail.client.example');
    expect(scripts.size).toBe(2);
    await hosts().remove('smart', 'https://portail.client.example');
    expect(scripts.size).toBe(1);
    expect([...granted]).toEqual(['https://portail.client.example/*']);
    expect(await hosts().list()).toEqual([{ portal: 'littlebig', origin: 'https://portail.client.example' }]);
  });
});
