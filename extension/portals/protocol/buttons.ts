/**
 * Actions by meaning: a button is the page's submit only if its accessible name is one of the
 * portal's known submit labels (French or English), it is enabled, and it is the only one.
 * Anything else (delete, save, cancel, an unknown label, two candidates) is never clicked.
 */

const collapse = (s: string | null | undefined) => (s ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** The accessible name, as assistive technology computes it for a button (aria-labelledby, aria-label, content, value, title). */
export function accessibleName(el: Element): string {
  const doc = el.ownerDocument;
  const by = el.getAttribute('aria-labelledby');
  if (by) {
    const named = by.split(/\s+/).map((id) => collapse(doc.getElementById(id)?.textContent)).filter(Boolean).join(' ');
    if (named) return named;
  }
  const label = collapse(el.getAttribute('aria-label'));
  if (label) return label;
  if (el.tagName === 'INPUT') return collapse((el as HTMLInputElement).value) || collapse(el.getAttribute('title'));
  // Content, without hidden parts (icons' screen-reader text stays: it is the name).
  const clone = el.cloneNode(true) as Element;
  clone.querySelectorAll('[aria-hidden="true"],svg,style,script').forEach((n) => n.remove());
  return collapse(clone.textContent) || collapse(el.getAttribute('title'));
}

/** Everything on the page a user could press. */
export const PRESSABLE = 'button, input[type="submit"], input[type="button"], [role="button"], a[href]';

export const isEnabled = (el: Element) => !(el as HTMLButtonElement).disabled && el.getAttribute('aria-disabled') !== 'true' && !el.closest('fieldset[disabled]');

export type SubmitChoice = { ok: true; button: Element } | { ok: false; why: 'none' | 'several' | 'disabled'; names: string[] };

const key = (s: string) => s.normalize('NFC').toLowerCase().replace(/[.!…]+$/, '').replace(/\s+/g, ' ').trim();

/**
 * The one enabled button whose accessible name is a known submit label.
 * @example chooseSubmit(doc.querySelectorAll(PRESSABLE), ['Soumettre le CRA']) // { ok: true, button }
 */
export function chooseSubmit(candidates: Iterable<Element>, labels: readonly string[]): SubmitChoice {
  const known = new Set(labels.map(key));
  const named = [...candidates].filter((el) => known.has(key(accessibleName(el))));
  const names = named.map(accessibleName);
  if (named.length === 0) return { ok: false, why: 'none', names };
  if (named.length > 1) return { ok: false, why: 'several', names };
  return isEnabled(named[0]!) ? { ok: true, button: named[0]! } : { ok: false, why: 'disabled', names };
}
