import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

/**
 * Reads storage keys once (the cached data, shown at once) and follows their changes,
 * which the background writes after each API answer or local edit.
 */
/** The popup's first paint: cache keys, then the selected month's record, read before rendering. */
export async function loadSnapshot(cacheKeys: string[], recordKeyOf: (cache: Record<string, any>) => string): Promise<Record<string, unknown>> {
  const cache = await browser.storage.local.get(cacheKeys);
  for (const k of cacheKeys) if (!(k in cache)) cache[k] = undefined;
  const key = recordKeyOf(cache);
  const rec = await browser.storage.local.get(key);
  return { ...cache, [key]: rec[key] };
}

export function useStore<T extends Record<string, unknown>>(keys: string[], initial?: Partial<T>): T | null {
  const [values, setValues] = useState<T | null>(() => (initial && keys.every((k) => k in initial) ? (initial as T) : null));
  const signature = keys.join('|');
  useEffect(() => {
    let alive = true;
    if (!initial || !keys.every((k) => k in initial)) void browser.storage.local.get(keys).then((v) => alive && setValues((prev) => ({ ...(prev ?? {}), ...v }) as T));
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
