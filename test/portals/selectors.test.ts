import { describe, expect, it } from 'vitest';
import { LITTLEBIG, littlebigFixtures } from '../../extension/portals/littlebig/selectors';
import { LITTLEBIG_PAGES } from '../../extension/portals/littlebig';
import { SMART, smartFixtures } from '../../extension/portals/smart/selectors';
import { SMART_PAGES } from '../../extension/portals/smart';
import { all, checkSelectors, type SelectorMap } from '../../extension/portals/selectors';
import { OVERLAY_BUNDLES, type OverlayBundle } from '../../extension/portals/bundles';
import { CRA_OVERLAY_PAGES } from '../../extension/portals/littlebig/cra-overlay';
import { READ_OVERLAY_PAGES } from '../../extension/portals/littlebig/read-overlay';
import { pageOf, recognises } from '../../extension/portals/overlay/launch';
import type { PageEntry } from '../../extension/portals/overlay/mount';
import { LITTLEBIG_OVERLAYS, LITTLEBIG_PATHS } from '../../extension/portals/littlebig/paths';
import { LIST_OVERLAY_PAGES } from '../../extension/portals/smart/list-overlay';
import { QUOTE_OVERLAY_PAGES } from '../../extension/portals/smart/quote-overlay';
import { SMART_OVERLAYS, SMART_PATHS } from '../../extension/portals/smart/paths';
import { FIXTURES, loadFixture } from './load';

/**
 * Each selector of each portal's map, counted on every fixture page it lists; and every URL
 * detector against every fixture URL. A portal redesign shows up here first.
 */
const MAPS: [string, SelectorMap, Record<string, Readonly<Record<string, number>>>][] = [['littlebig', LITTLEBIG, littlebigFixtures()], ['smart', SMART, smartFixtures()]];

describe('selector maps hold on the fixture pages', () => {
  for (const [portal, map, fixtures] of MAPS) {
    for (const key of Object.keys(map)) {
      const listed = fixtures[key] ?? {};
      it(`${portal}.${key} matches as listed on ${Object.keys(listed).join(', ')}`, () => {
        expect(Object.keys(listed).length, 'each selector is held against at least one page').toBeGreaterThan(0);
        for (const [name, expected] of Object.entries(listed)) {
          const { doc } = loadFixture(name);
          expect(all(doc, map, key).length, `${key} on ${name}`).toBe(expected);
        }
      });
    }
  }

  it('lists every fixture page of the portal in at least one selector', () => {
    for (const [portal, , fixtures] of MAPS) {
      const listed = new Set(Object.values(fixtures).flatMap((d) => Object.keys(d)));
      for (const f of FIXTURES.filter((x) => x.portal === portal)) expect(listed, f.name).toContain(f.name);
    }
  });

  it('finds every page healthy on its own fixtures, except the renamed one', () => {
    for (const f of FIXTURES) {
      const adapter = [...LITTLEBIG_PAGES, ...SMART_PAGES].find((a) => a.portal === f.portal && a.page === f.page)!;
      const { doc } = loadFixture(f.name);
      const broken = checkSelectors(doc, adapter.map, adapter.keys);
      if (f.broken) expect(broken, f.name).not.toBeNull();
      else expect(broken, f.name).toBeNull();
    }
  });
});

describe('URL detectors', () => {
  const adapters = [...LITTLEBIG_PAGES, ...SMART_PAGES];
  for (const f of FIXTURES) {
    it(`only the ${f.portal} ${f.page} adapter claims ${f.url}`, () => {
      const claimed = adapters.filter((a) => a.matches(f.url)).map((a) => `${a.portal}/${a.page}`);
      expect(claimed).toEqual([`${f.portal}/${f.page}`]);
    });
  }

  it('claims the same paths on a custom host and on the e2e fixture server, and nothing elsewhere', () => {
    expect(adapters.filter((a) => a.matches('https://portail.client.example/missions/M-1/cra/2026-10')).map((a) => a.page)).toEqual(['cra']);
    expect(adapters.filter((a) => a.matches('http://127.0.0.1:4173/cra-factures/factures')).map((a) => a.page)).toEqual(['invoices']);
    for (const url of ['https://www.littlebigconnection.com/', 'https://www.littlebigconnection.com/missions/M-1/cra', 'https://www.littlebigconnection.com/missions/M-1/cra/2026-13x', 'https://account.ubik.be/activites', 'not a url']) {
      expect(adapters.filter((a) => a.matches(url)), url).toEqual([]);
    }
  });

  it('has the content script load the overlay bundle exactly where an adapter claims the page', () => {
    const paths = { littlebig: LITTLEBIG_PATHS, smart: SMART_PATHS };
    const urls = [
      ...FIXTURES.map((f) => f.url),
      'https://portail.client.example/missions/M-1/cra/2026-10',
      'https://www.littlebigconnection.com/',
      'https://www.littlebigconnection.com/messages',
      'https://www.littlebigconnection.com/missions/M-1/cra',
      'https://account.ubik.be/activites',
      'https://account.ubik.be/activites/A-1/devis/D-7/modifier',
      'not a url',
    ];
    for (const url of urls) {
      for (const portal of ['littlebig', 'smart'] as const) {
        const claimed = adapters.some((a) => a.portal === portal && a.matches(url));
        expect(recognises(paths[portal], url), `${portal} on ${url}`).toBe(claimed);
      }
    }
    expect(recognises(LITTLEBIG_PATHS, 'https://www.littlebigconnection.com/tableau-de-bord')).toBe(false);
  });

  it('has the content script inject, for each page, the one overlay bundle that holds the adapter claiming it', () => {
    const held: Record<Exclude<OverlayBundle, 'portal-snapshot'>, readonly PageEntry[]> = {
      'littlebig-cra-overlay': CRA_OVERLAY_PAGES,
      'littlebig-read-overlay': READ_OVERLAY_PAGES,
      'smart-quote-overlay': QUOTE_OVERLAY_PAGES,
      'smart-list-overlay': LIST_OVERLAY_PAGES,
    };
    expect(Object.keys(OVERLAY_BUNDLES).sort()).toEqual([...Object.keys(held), 'portal-snapshot'].sort());
    const choose = { littlebig: (url: string) => LITTLEBIG_OVERLAYS[pageOf(LITTLEBIG_PATHS, url)!], smart: (url: string) => SMART_OVERLAYS[pageOf(SMART_PATHS, url)!] };
    for (const f of FIXTURES) {
      const bundle = choose[f.portal](f.url);
      expect(held[bundle as keyof typeof held].map((p) => `${p.adapter.portal}/${p.adapter.page}`), `${f.url} → ${bundle}`).toContain(`${f.portal}/${f.page}`);
    }
    // Every page an adapter claims is in exactly one bundle.
    const pages = Object.values(held).flatMap((list) => list.map((p) => `${p.adapter.portal}/${p.adapter.page}`));
    expect(pages.sort()).toEqual(adapters.map((a) => `${a.portal}/${a.page}`).sort());
  });
});
