/**
 * Selector maps: every CSS selector an adapter uses, in one typed map per portal, each with
 * the count a healthy page shows and whether it is required; beside each map, typed against
 * its keys, the fixture pages each selector is held against with the matches expected
 * (test/portals/selectors.test.ts counts each one on each listed fixture).
 * A required selector missing, or any selector outside its count, means the page changed:
 * the overlay fills nothing and reports the key.
 */

export type Count = { readonly min: number; readonly max: number };
export const ONE: Count = { min: 1, max: 1 };
export const AT_MOST_ONE: Count = { min: 0, max: 1 };
export const MONTH_DAYS: Count = { min: 28, max: 31 };
export const ANY: Count = { min: 0, max: 1000 };

export type SelectorDef = {
  /** CSS, relative to the document, or to each match of `scope` when set. */
  readonly css: string;
  /** Matches expected (per scope element when scoped). */
  readonly count: Count;
  /** Required: missing or out of count breaks the page. Optional: may be absent, never more than `count.max`. */
  readonly required: boolean;
  /** Another key of the same map whose every match this selector is read within. */
  readonly scope?: string;
};

export type SelectorMap = Readonly<Record<string, SelectorDef>>;

/** A page's section of its portal's map, as the keys its adapter checks: all of them, in order. */
export const keysOf = <M extends SelectorMap>(map: M) => Object.keys(map) as (keyof M & string)[];

type Root = ParentNode;

/** Every element a key matches on the page (within each scope match for scoped keys). */
export function all(root: Root, map: SelectorMap, key: string): Element[] {
  const def = map[key];
  if (!def) throw new Error(`unknown selector key ${key}`);
  if (!def.scope) return Array.from(root.querySelectorAll(def.css));
  return all(root, map, def.scope).flatMap((s) => Array.from(s.querySelectorAll(def.css)));
}

/** The matches of a scoped key within one scope element. */
export function within(scope: Element, map: SelectorMap, key: string): Element[] {
  return Array.from(scope.querySelectorAll(map[key]!.css));
}

export function one(root: Root, map: SelectorMap, key: string): Element | null {
  return all(root, map, key)[0] ?? null;
}

export type Breakage = { selectorKey: string; found: number; expected: Count };

/** A page whose content no longer reads as expected, though its selectors match: a breakage of `selectorKey`. */
export const changed = (selectorKey: string, found: number, min = 1, max = min): Breakage => ({ selectorKey, found, expected: { min, max } });

/**
 * The first selector of `keys` that the page no longer satisfies, or null when all hold.
 * @example checkSelectors(doc, LITTLEBIG, ['craPage', 'dayInput']) // { selectorKey: 'dayInput', found: 0, expected: { min: 28, max: 31 } }
 */
export function checkSelectors(root: Root, map: SelectorMap, keys: readonly string[]): Breakage | null {
  for (const key of keys) {
    const def = map[key]!;
    const counts = def.scope ? all(root, map, def.scope).map((s) => s.querySelectorAll(def.css).length) : [root.querySelectorAll(def.css).length];
    for (const found of counts) {
      const tooFew = found < def.count.min && (def.required || found > 0);
      if (tooFew || found > def.count.max) return { selectorKey: key, found, expected: def.count };
    }
  }
  return null;
}

/** Trimmed text with collapsed spaces (non-breaking ones included). */
export const textOf = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
