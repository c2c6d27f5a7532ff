/**
 * Waiting for a page to settle: a quiet period with no mutation of the region read (the
 * overlay's own host excluded), bounded by a timeout so that a page that never stops
 * (a clock, a carousel) is still read.
 */

const isHost = (n: Node) => (n as Element).tagName === 'RELAIS-OVERLAY';
const ours = (n: Node) => isHost(n) || !!n.parentElement?.closest?.('relais-overlay');
/** A mutation of the overlay itself (its host added or removed, its attributes), not of the page. */
const mine = (r: MutationRecord) => ours(r.target) || (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(isHost));

/** Resolves once `root` has had `quietMs` without a mutation (not counting the overlay's), or after `timeoutMs`. */
export function settled(root: Node, quietMs = 300, timeoutMs = 4_000): Promise<void> {
  return new Promise((resolve) => {
    let quiet: ReturnType<typeof setTimeout>;
    const done = () => {
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(cap);
      resolve();
    };
    const observer = new MutationObserver((records) => {
      if (records.every(mine)) return;
      clearTimeout(quiet);
      quiet = setTimeout(done, quietMs);
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    quiet = setTimeout(done, quietMs);
    const cap = setTimeout(done, timeoutMs);
  });
}

/**
 * Calls `changed` after every burst of mutations of `root` (outside the overlay) and every
 * `input`/`change` the page's fields fire, once the page is quiet again; returns the stop.
 */
export function watchPage(root: Node, changed: () => void, quietMs = 250): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poke = () => {
    clearTimeout(timer);
    timer = setTimeout(changed, quietMs);
  };
  const observer = new MutationObserver((records) => {
    if (!records.every(mine)) poke();
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  const onInput = (e: Event) => !ours(e.target as Node) && poke();
  root.addEventListener('input', onInput, true);
  root.addEventListener('change', onInput, true);
  return () => {
    observer.disconnect();
    clearTimeout(timer);
    root.removeEventListener('input', onInput, true);
    root.removeEventListener('change', onInput, true);
  };
}

export const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How often written fields are read back between the fill and the submit. */
export const READ_BACK_EVERY_MS = 400;

/**
 * The moment a fill is first read back: once the portal has re-rendered (quiet, bounded at 3 s), then 1.2 s
 * later, so that a value the portal rejects or reverts a moment after it was typed is caught before
 * "filled and checked" is said.
 */
export async function afterRerender(doc: Document): Promise<void> {
  await settled(doc.body, 300, 3_000);
  await wait(1_200);
}
