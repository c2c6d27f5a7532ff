// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { h, render } from 'preact';
import { fakeBrowser } from 'wxt/testing';

vi.mock('wxt/browser', () => ({ browser: fakeBrowser }));
const { loadSnapshot, forgetPaintSnapshot, savePaintSnapshot, readPaintSnapshot } = await import('../../extension/popup/use-store');
const { CACHE_KEYS, Popup, selectedKey } = await import('../../extension/popup/popup');
const { t } = await import('../../extension/lib/i18n');

/**
 * The popup's first paint waits for storage.local when it has no snapshot: each round trip is
 * time the user waits (a first open after sign-in spent about twice as long in our code with
 * the two reads it used to make).
 */
const mission = { id: 'm1', clientName: 'ACME SA', archived: false };
const record = { missionId: 'm1', month: '2026-12', local: { days: { '2026-12-01': 1 }, lines: [] } };
let spy: MockInstance;
/** The keys of each storage.local read since the last `reads = []`. */
let reads: unknown[];

beforeEach(async () => {
  fakeBrowser.reset();
  localStorage.clear();
  await fakeBrowser.storage.local.set({ missions: [mission], profile: { alsaceMoselle: false, vatRegime: 'franchise' }, 'cra:m1:2026-12': record, 'cra:m1:2026-11': { missionId: 'm1', month: '2026-11' } });
  reads = [];
  const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
  spy = vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(((keys: unknown) => (reads.push(keys), get(keys as never))) as never);
});
afterEach(() => spy.mockRestore());

const load = () => loadSnapshot(CACHE_KEYS, (cache) => selectedKey(cache, '2026-12-03'));

describe('loadSnapshot: the cache and the shown month in as few storage reads as it can', () => {
  it('reads once on the first open (no remembered key), and remembers the key for the next', async () => {
    const got = await load();
    expect(reads).toHaveLength(1);
    expect(got['cra:m1:2026-12']).toEqual(record);
    expect(got.missions).toEqual([mission]);
    expect(got).not.toHaveProperty('cra:m1:2026-11');
    reads = [];
    expect((await load())['cra:m1:2026-12']).toEqual(record);
    expect(reads).toEqual([[...CACHE_KEYS, 'cra:m1:2026-12']]);
  });

  it('reads twice when the remembered key is another month, once again after', async () => {
    localStorage.setItem('relais.popupRecordKey', 'cra:m1:2026-11');
    expect((await load())['cra:m1:2026-12']).toEqual(record);
    expect(reads).toHaveLength(2);
    reads = [];
    await load();
    expect(reads).toHaveLength(1);
  });

  it('sign-in and sign-out forget the last account\'s snapshot and its key: the next open reads once', async () => {
    savePaintSnapshot({ missions: [mission] });
    localStorage.setItem('relais.popupRecordKey', 'cra:other:2026-12');
    forgetPaintSnapshot();
    expect(readPaintSnapshot()).toBeNull();
    await load();
    expect(reads).toHaveLength(1);
  });
});

describe('the paint snapshot: the next open paints from it before storage answers', () => {
  it('keeps the keys that held nothing (no breakage, no month chosen, a month never loaded)', async () => {
    const values = await load();
    expect(values).toHaveProperty('portalBreakage', undefined);
    savePaintSnapshot(values);
    expect(readPaintSnapshot()).toEqual(values);
    expect(Object.keys(readPaintSnapshot()!).sort()).toEqual(Object.keys(values).sort());
  });

  it('paints the popup from it at once, before any storage read', async () => {
    await fakeBrowser.storage.local.set({ missions: [] });
    savePaintSnapshot(await load());
    // What the background answers the popup's refresh with, once it has painted.
    fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve({ ok: true, value: { signedIn: true, ok: true } }));
    reads = [];
    const root = document.createElement('div');
    render(h(Popup, { initial: readPaintSnapshot()!, stale: true }), root);
    expect(reads).toEqual([]);
    expect(root.querySelector('.tabs')).not.toBeNull();
    expect(root.textContent).toContain(t.noMission.split('.')[0]);
    await new Promise((r) => setTimeout(r, 50)); // its refresh, answered before the next test resets the fake
    render(null, root);
  });

  it('does not use a snapshot written before its keys were kept', () => {
    localStorage.setItem('relais.popupPaint', JSON.stringify({ missions: [mission] }));
    expect(readPaintSnapshot()).toBeNull();
  });
});
