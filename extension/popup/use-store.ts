import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

/**
 * Reads storage keys once (the cached data, shown at once) and follows their changes,
 * which the background writes after each API answer or local edit.
 */
const HINT = 'relais.popupRecordKey';

/**
 * The popup's first paint: the cache keys and the selected month's record in one
 * `storage.local` round trip. Which record is selected depends on the cache, so the key
 * last shown is remembered in the page's own (synchronous) localStorage as a guess; a wrong
 * guess costs a second read, nothing else. With no guess at all (the first open in this
 * browser, or after a sign-in or sign-out) the whole of `storage.local` is read at once
 * rather than the cache and then the record: right after a sign-in it holds little more
 * than the cache, and a first open spent 48-55 ms in our code with two reads, 24-30 with one
 * (medians of `RELAIS_BENCH_ONLY=popup npm run bench`, 2026-12-03).
 */
export async function loadSnapshot(cacheKeys: string[], recordKeyOf: (cache: Record<string, any>) => string): Promise<Record<string, unknown>> {
  let hint: string | null = null;
  try {
    hint = globalThis.localStorage?.getItem(HINT) ?? null;
  } catch {
    hint = null; // storage disabled: everything in one read
  }
  const got = await browser.storage.local.get(hint ? [...cacheKeys, hint] : null);
  const cache: Record<string, unknown> = {};
  for (const k of cacheKeys) cache[k] = got[k];
  const key = recordKeyOf(cache);
  const rec = key === hint || !hint ? got : await browser.storage.local.get(key);
  if (key !== hint) {
    try {
      globalThis.localStorage?.setItem(HINT, key);
    } catch {
      // not remembered: the next open reads everything again
    }
  }
  return { ...cache, [key]: rec[key] };
}

const PAINT = 'relais.popupPaint';

/**
 * The data of the last popup opened, kept in the page's own synchronous localStorage (an
 * extension-origin store no web page or content script can read; it never holds the token),
 * so the next open paints at once, before the asynchronous `storage.local` read answers.
 * The keys are kept beside the values: JSON drops a key whose value is undefined (no portal
 * breakage, no month chosen yet, a month never loaded), and the popup, finding a key missing,
 * would take the snapshot for incomplete and paint nothing until storage answered.
 */
export function readPaintSnapshot(): Record<string, unknown> | null {
  try {
    // Absent, or written before the keys were kept (an object, not a pair): none.
    const [keys, values] = JSON.parse(globalThis.localStorage?.getItem(PAINT) ?? 'null') as [string[], Record<string, unknown>];
    return Object.fromEntries(keys.map((k) => [k, values[k]]));
  } catch {
    return null;
  }
}

export function savePaintSnapshot(values: Record<string, unknown>) {
  try {
    globalThis.localStorage?.setItem(PAINT, JSON.stringify([Object.keys(values), values]));
  } catch {
    // too large or storage disabled: the next open waits for storage.local, nothing else
  }
}

/**
 * Called on sign-in and sign-out (the options page shares this origin): no account's data outlives its session,
 * nor the key of the record it showed (the next open reads storage whole, once, instead of guessing wrong).
 */
export function forgetPaintSnapshot() {
  try {
    globalThis.localStorage?.removeItem(PAINT);
    globalThis.localStorage?.removeItem(HINT);
  } catch {
    // nothing stored
  }
}

/** Remembers the record the popup shows, for the next open's single read. */
export function rememberRecordKey(key: string) {
  try {
    globalThis.localStorage?.setItem(HINT, key);
  } catch {
    // ignored: only a guess
  }
}

/**
 * `stale`: `initial` is the last open's paint snapshot, shown at once; the current values
 * are read from storage right after and replace it.
 */
export function useStore<T extends Record<string, unknown>>(keys: string[], initial?: Partial<T>, stale = false, onFresh?: () => void): T | null {
  const [values, setValues] = useState<T | null>(() => (initial && keys.every((k) => k in initial) ? (initial as T) : null));
  const signature = keys.join('|');
  useEffect(() => {
    let alive = true;
    if (stale || !initial || !keys.every((k) => k in initial)) {
      void browser.storage.local.get(keys).then((v) => {
        if (!alive) return;
        setValues((prev) => ({ ...(prev ?? {}), ...v }) as T);
        onFresh?.();
      });
    } else onFresh?.();
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local') return;
      const mine = Object.keys(changes).filter((k) => keys.includes(k));
      if (!mine.length) return;
      setValues((prev) => {
        const next = { ...(prev ?? {}) } as Record<string, unknown>;
        for (const k of mine) next[k] = changes[k]!.newValue;
        return next as T;
      });
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [signature]);
  return values;
}
