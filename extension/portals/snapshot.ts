import { LITTLEBIG } from './littlebig/selectors';
import type { SelectorMap } from './selectors';
import { SMART } from './smart/selectors';

/**
 * "Save this page for a bug report": the page's structure, which is what a selector fix needs,
 * and nothing that can hold personal data or run. Kept: tag names, the attributes that describe
 * structure (input `type`, `role`, ARIA states, table spans, disabled/readonly…), and the values
 * the adapters' selectors name (`data-testid="cra-page"`, `MuiInputBase-input`,
 * `aria-label="Nombre de jours"`, `name="dateFrom"`: taken from the selector maps). Every other
 * id, class, `for`, `name`, `data-testid`/`data-field`/`data-action` and `aria-label` value
 * becomes a stable token (`id-3`: the same value gives the same token, so `for`/`id` and
 * `aria-labelledby` pairs still match); every other attribute goes (`title`, `alt`,
 * `placeholder`, `value`, `checked`, `selected`, `style`, `href`, `src`, `action`, other
 * `data-*`, `aria-valuetext`…, every `on*` handler). Every text node — option texts, the page
 * title, headings, buttons included — is masked: letters become `x`, digits `0`, spacing and
 * punctuation stay. Removed: scripts, frames, objects, templates, styles, links (stylesheets,
 * preloads, icons), `<base>`, every `<meta>` but the charset (refresh included), comments and
 * our own overlay.
 */

const DROP = 'script, noscript, iframe, frame, frameset, object, embed, applet, template, style, link, base, meta:not([charset]), portal, '
  + 'relais-overlay';
/** Attributes whose value is structure (a small closed vocabulary or a number): kept when their value is a plain word or number. */
const STRUCTURE = new Set([
  'charset', 'type', 'role', 'colspan', 'rowspan', 'disabled', 'readonly', 'required', 'multiple', 'hidden', 'tabindex', 'lang', 'dir',
  'aria-hidden', 'aria-expanded', 'aria-selected', 'aria-disabled', 'aria-current', 'aria-required', 'aria-invalid', 'aria-readonly',
  'aria-haspopup', 'aria-level', 'step', 'min', 'max', 'inputmode', 'aria-colindex', 'aria-rowindex', 'aria-colcount', 'aria-rowcount', 'aria-sort', 'aria-live', 'aria-modal',
]);
/** Attributes naming things: kept when a selector names the value, a stable token otherwise. */
const NAMING: Record<string, string> = { name: 'n', 'data-testid': 't', 'data-field': 'f', 'data-action': 'a', 'aria-label': 'l' };
/** Attributes holding id references (space-separated), tokenised like the ids. */
const ID_REFS = new Set(['for', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'aria-activedescendant', 'list',
  'form']);

const mask = (s: string) => s.replace(/\p{L}|\p{M}/gu, 'x').replace(/\p{N}/gu, '0');

/** Every value the selector maps name: quoted attribute values, class names, ids. */
function namedBy(maps: SelectorMap[]): Set<string> {
  const out = new Set<string>();
  for (const map of maps) {
    for (const { css } of Object.values(map)) {
      for (const m of css.matchAll(/"([^"]*)"|'([^']*)'/g)) out.add(m[1] ?? m[2]!);
      for (const m of css.matchAll(/[.#](-?[_a-zA-Z][\w-]*)/g)) out.add(m[1]!);
    }
  }
  return out;
}

export type SnapshotInfo = { portal: string; page: string; selectorKey?: string; extensionVersion: string };

export function redactedSnapshot(doc: Document, meta: SnapshotInfo): string {
  const known = namedBy(meta.portal === 'littlebig' ? [LITTLEBIG] : meta.portal === 'smart' ? [SMART] : [LITTLEBIG, SMART]);
  const tokens = new Map<string, string>();
  const token = (kind: string, value: string) => {
    const key = `${kind}:${value}`;
    if (!tokens.has(key)) tokens.set(key, `${kind}-${tokens.size + 1}`);
    return tokens.get(key)!;
  };
  const keepOr = (kind: string, value: string) => (known.has(value) ? value : token(kind, value));

  const root = doc.documentElement.cloneNode(true) as HTMLElement;
  for (const el of Array.from(root.querySelectorAll(DROP))) el.remove();
  const walker = doc.createTreeWalker(root, 4 | 128 /* NodeFilter.SHOW_TEXT | SHOW_COMMENT */);
  const nodes: Node[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  for (const n of nodes) {
    if (n.nodeType === 8) n.parentNode?.removeChild(n);
    else (n as Text).data = mask((n as Text).data);
  }
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const { name, value } of Array.from(el.attributes)) {
      if (name === 'id') el.setAttribute(name, keepOr('id', value));
      else if (name === 'class') el.setAttribute(name, value.split(/\s+/).filter(Boolean).map((c) => keepOr('c', c)).join(' '));
      else if (ID_REFS.has(name)) el.setAttribute(name, value.split(/\s+/).filter(Boolean).map((v) => keepOr('id', v)).join(' '));
      else if (name in NAMING) el.setAttribute(name, keepOr(NAMING[name]!, value));
      // A day cell's date: its shape is what the adapter reads, its digits are the user's.
      else if (name === 'data-date' || name === 'datetime') el.setAttribute(name, mask(value));
      else if (/^data-v-[0-9a-f]+$/.test(name) && value === '') continue; // Vue's scope attribute: a build hash, no value
      else if (!STRUCTURE.has(name) || !/^[\w-]{0,24}$/.test(value)) el.removeAttribute(name);
    }
  }
  const selector = meta.selectorKey ? ` selector=${meta.selectorKey}` : '';
  const note = `Relais bug-report snapshot · portal=${meta.portal} page=${meta.page}${selector} · extension ${meta.extensionVersion}`
    + ' · text and values masked, active content removed';
  return `<!DOCTYPE html>\n<!-- ${note.replace(/--/g, '—').replace(/[<>]/g, '')} -->\n${root.outerHTML}\n`;
}
