import type { CDPSession, Page } from 'playwright-core';

/**
 * The Relais overlay from the outside, whatever its shadow root's mode: `<relais-overlay>` has a
 * CLOSED shadow root (OVERLAY-CONTRACT.md), which CSS piercing (`page.locator('relais-overlay …')`)
 * cannot enter, and its handlers ignore synthetic events, so `element.click()` does nothing. Here
 * the DevTools protocol reads the tree (`DOM.getDocument({ depth: -1, pierce: true })` lists every
 * shadow root, open or closed), and clicks are real input (`page.mouse.click` at the element's box),
 * hence `isTrusted`.
 *
 *   const ov = overlayOf(page);
 *   await ov.wait('[data-relais="fill"]', 20_000);
 *   await ov.click('[data-relais="fill"]');
 *   assert.equal(await ov.count('[data-relais="preview"] li'), 22);
 *
 * Selectors are plain CSS, matched inside the shadow root of each `<relais-overlay>` of the top
 * document (not in iframes). Every call fetches the document again (node ids go stale on each
 * fetch) and starts over when the overlay re-renders under it ("Could not find node", detached
 * node, no box yet). `click`, `check`, `text` and `attr` want exactly one match: they wait for it
 * (5 s unless told), and fail at once on several.
 */
export type Overlay = ReturnType<typeof overlayOf>;

/** What this file reads of a CDP `DOM.Node` (playwright-core does not export its protocol types). */
type DomNode = { nodeId: number; backendNodeId: number; nodeName: string; children?: DomNode[]; shadowRoots?: DomNode[]; shadowRootType?: string };

/** CDP errors that mean "the node went away or moved between two commands": start the call over. */
const TRANSIENT = /Could not find node|No node with given id|Node with given id|is detached|does not belong to the document|Could not compute box model|Cannot find context|No node found/i;

export function overlayOf(page: Page) {
  let session: Promise<CDPSession> | undefined;
  const send: CDPSession['send'] = async (method, params) => {
    session ??= page
      .context()
      .newCDPSession(page)
      .then(async (s) => (await s.send('DOM.enable'), s));
    return (await session).send(method, params);
  };

  /** A fresh document; the overlay hosts of the top document and their shadow roots (open or closed); every node by id. */
  async function snapshot() {
    const root = (await send('DOM.getDocument', { depth: -1, pierce: true })).root as DomNode;
    const hosts: DomNode[] = [];
    const walk = (n: DomNode) => {
      if (n.nodeName === 'RELAIS-OVERLAY') hosts.push(n);
      // Not n.contentDocument: the overlay lives in the top document only.
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) walk(c);
    };
    walk(root);
    const roots = hosts.map((h) => h.shadowRoots?.find((r) => r.shadowRootType !== 'user-agent')).filter((r): r is DomNode => !!r);
    return { hosts, roots };
  }

  /** The node ids matching `selector` inside every overlay's shadow root, from a fresh document. */
  async function query(selector: string) {
    const snap = await snapshot();
    const ids: number[] = [];
    for (const r of snap.roots) ids.push(...(await send('DOM.querySelectorAll', { nodeId: r.nodeId, selector })).nodeIds);
    return { ...snap, ids };
  }

  /** Runs `probe` until it returns something other than undefined/false, starting over on transient CDP errors. */
  async function poll<T>(what: string, timeoutMs: number, probe: (miss: (why: string) => false) => Promise<T | false | undefined>): Promise<T> {
    const start = Date.now();
    let why = '';
    const miss = (w: string) => ((why = w), false as const);
    for (;;) {
      try {
        const v = await probe(miss);
        if (v !== undefined && v !== false) return v;
      } catch (err) {
        if (!TRANSIENT.test(String((err as Error)?.message ?? err))) throw err;
        why = String((err as Error).message);
      }
      if (Date.now() - start >= timeoutMs) throw new Error(`overlay: timed out after ${timeoutMs} ms waiting for ${what}${why ? ` (${why})` : ''}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Waits for exactly one match of `selector`, then runs `act` on its node (all within one fresh document). */
  const withOne = <T>(what: string, selector: string, timeoutMs: number, act: (nodeId: number, snap: Awaited<ReturnType<typeof query>>, miss: (why: string) => false) => Promise<T | false>) =>
    poll(`${what} ${selector}`, timeoutMs, async (miss) => {
      const q = await query(selector);
      if (q.ids.length > 1) throw new Error(`overlay: ${what} ${selector} needs exactly one match, ${q.ids.length} elements match`);
      if (!q.ids.length) return miss(q.hosts.length ? 'no match yet' : 'no relais-overlay yet');
      return act(q.ids[0]!, q, miss);
    });

  /** Calls `fn` (a function source, `this` = the element) on the element in the page and returns its JSON value. */
  async function callOn<T>(nodeId: number, fn: string): Promise<T> {
    const { object } = await send('DOM.resolveNode', { nodeId, objectGroup: 'relais-overlay-test' });
    try {
      const out = await send('Runtime.callFunctionOn', { objectId: object.objectId!, functionDeclaration: fn, returnByValue: true });
      if (out.exceptionDetails) throw new Error(`overlay: ${out.exceptionDetails.exception?.description ?? out.exceptionDetails.text}`);
      return out.result.value as T;
    } finally {
      await send('Runtime.releaseObjectGroup', { objectGroup: 'relais-overlay-test' }).catch(() => undefined);
    }
  }

  /** A real mouse click at the centre of the element's content box, after scrolling it into view, if nothing covers it there. */
  const trustedClick = (what: string, selector: string, timeoutMs: number) =>
    withOne(what, selector, timeoutMs, async (nodeId, _snap, miss) => {
      await send('DOM.scrollIntoViewIfNeeded', { nodeId });
      const q = (await send('DOM.getBoxModel', { nodeId })).model.content;
      const x = Math.round((q[0]! + q[2]! + q[4]! + q[6]!) / 4);
      const y = Math.round((q[1]! + q[3]! + q[5]! + q[7]!) / 4);
      // What a click there would hit: the element or something inside it, not a page element over it.
      // (Hit-tested from its own root, which sees into the shadow tree; DOM.getNodeForLocation takes
      // the point in document coordinates once the page is scrolled, this takes it in the viewport's.)
      const hit = await callOn<'hit' | 'covered' | 'detached'>(nodeId, `function () { const r = this.getRootNode(); if (!r.elementFromPoint) return 'detached'; const hit = r.elementFromPoint(${x}, ${y}); return hit && this.contains(hit) ? 'hit' : 'covered'; }`);
      if (hit === 'detached') return miss(`${selector} re-rendered`);
      if (hit === 'covered') return miss(`something else is at (${x}, ${y}) over ${selector}`);
      await page.mouse.click(x, y);
      return true;
    });

  return {
    /** How many elements match `selector` in the overlays' shadow roots (0 without an overlay). */
    count: (selector: string) => poll(`count ${selector}`, 5_000, async () => (await query(selector)).ids.length),
    /** Whether `selector` matches anything in the overlays now. */
    exists: async (selector: string) => (await poll(`count ${selector}`, 5_000, async () => (await query(selector)).ids.length)) > 0,
    /** Waits until `selector` matches something in an overlay (30 s unless told, as `page.waitForSelector`). */
    wait: (selector: string, timeoutMs = 30_000) => poll(selector, timeoutMs, async (miss) => ((await query(selector)).ids.length > 0 ? true : miss('no match yet'))).then(() => undefined),
    /**
     * The `textContent` of the one element matching `selector`; without one, of the whole
     * overlay (its shadow root but the `<style>`; the first overlay when there are several).
     */
    text: (selector?: string, timeoutMs = 5_000): Promise<string> =>
      selector
        ? withOne('text of', selector, timeoutMs, (nodeId) => callOn<string>(nodeId, 'function () { return this.textContent ?? ""; }'))
        : poll('an overlay', timeoutMs, async (miss) => {
            const root = (await snapshot()).roots[0];
            return root ? callOn<string>(root.nodeId, 'function () { return [...this.childNodes].filter((n) => n.nodeName !== "STYLE").map((n) => n.textContent ?? "").join(""); }') : miss('no relais-overlay yet');
          }),
    /** The attribute `name` of the one element matching `selector`, null when it has none. */
    attr: (selector: string, name: string, timeoutMs = 5_000) =>
      withOne('attribute of', selector, timeoutMs, async (nodeId) => {
        const flat = (await send('DOM.getAttributes', { nodeId })).attributes;
        for (let i = 0; i < flat.length; i += 2) if (flat[i] === name) return { v: flat[i + 1]! };
        return { v: null };
      }).then((r) => r.v),
    /** A trusted click (real mouse input) on the one element matching `selector`, once it is there and uncovered. */
    click: (selector: string, timeoutMs = 5_000) => trustedClick('a click on', selector, timeoutMs).then(() => undefined),
    /** Checks the one checkbox matching `selector` with a trusted click (nothing if already checked); fails if it stays unchecked. */
    async check(selector: string, timeoutMs = 5_000) {
      const isChecked = () => withOne('the state of', selector, timeoutMs, (nodeId) => callOn<{ c: boolean }>(nodeId, 'function () { return { c: !!this.checked }; }')).then((r) => r.c);
      if (await isChecked()) return;
      await trustedClick('a check of', selector, timeoutMs);
      await poll(`${selector} checked`, 2_000, async (miss) => (await isChecked()) || miss('still unchecked after the click'));
    },
    /**
     * For negative tests only: an UNTRUSTED click (`.click()`, then a dispatched `MouseEvent`) on
     * the one element matching `selector`, as a script holding a reference to it could make; the
     * overlay must ignore it (OVERLAY-CONTRACT.md).
     */
    untrustedClick: (selector: string, timeoutMs = 5_000) =>
      withOne('an untrusted click on', selector, timeoutMs, (nodeId) =>
        callOn<boolean>(nodeId, 'function () { this.click(); this.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, composed: true, view: window })); return true; }'),
      ).then(() => undefined),
    /** How many `<relais-overlay>` hosts the top document has (in its light DOM or in any shadow root). */
    hosts: () => poll('the overlay hosts', 5_000, async () => (await snapshot()).hosts.length),
    /** Detaches the CDP session (it also goes with the page). */
    async close() {
      if (session) await (await session).detach().catch(() => undefined);
      session = undefined;
    },
  };
}
