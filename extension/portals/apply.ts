import type { Wanted } from './protocol/typed';
import { all, type SelectorMap } from './selectors';

/**
 * Operations an adapter plans and `apply` performs on the page. Each names its element by
 * selector key and index, says what the page shows now and what it will show, so the overlay
 * can preview it before anything is touched.
 */
export type Operation =
  | {
      kind: 'set';
      key: string;
      index: number;
      from: string;
      to: string;
      label: string;
      /** The day a CRA cell is found by (never its position). */
      date?: string;
      /** Empties a value the portal holds: shown on its own line, written only when the user ticks it. */
      clear?: boolean;
      /** The value as Relais means it, formatted for the field it lands in (protocol/typed.ts). */
      wanted?: Wanted;
    }
  | { kind: 'check'; key: string; index: number; from: boolean; to: boolean; label: string }
  | { kind: 'click'; key: string; index: number; label: string };

export type ApplyFailure = { op: Operation; reason: 'missing' | 'disabled' | 'rejected' };
export type ApplyResult = { applied: number; failed: ApplyFailure[] };

type FormElement = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * Sets a form value the way a user's typing would reach a framework: through the native
 * setter (React and Vue wrap the instance's `value`, so a plain assignment can be swallowed),
 * then `input` and `change` events that bubble.
 */
export function setNativeValue(el: FormElement, value: string): void {
  const view = el.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  const ctor = !view ? null : el.tagName === 'SELECT' ? view.HTMLSelectElement : el.tagName === 'TEXTAREA' ? view.HTMLTextAreaElement : view.HTMLInputElement;
  const setter = ctor && Object.getOwnPropertyDescriptor(ctor.prototype, 'value')?.set;
  if (setter) setter.call(el, value);
  else el.value = value;
  fire(el, 'input');
  fire(el, 'change');
}

export function setNativeChecked(el: HTMLInputElement, checked: boolean): void {
  const view = el.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  const setter = view && Object.getOwnPropertyDescriptor(view.HTMLInputElement.prototype, 'checked')?.set;
  if (setter) setter.call(el, checked);
  else el.checked = checked;
  fire(el, 'input');
  fire(el, 'change');
}

function fire(el: { ownerDocument: Document; dispatchEvent(event: Event): boolean }, type: string) {
  const view = el.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  const E = view?.Event ?? Event;
  el.dispatchEvent(new E(type, { bubbles: true }));
}

/**
 * Performs the operations in order; an element that vanished or is disabled is reported,
 * never forced. Clicks are performed only when asked for by the caller (the CRA submit is a
 * separate, twice-confirmed step).
 */
export function apply(doc: Document, map: SelectorMap, ops: readonly Operation[]): ApplyResult {
  let applied = 0;
  const failed: ApplyFailure[] = [];
  for (const op of ops) {
    const el = all(doc, map, op.key)[op.index] as FormElement | HTMLButtonElement | undefined;
    if (!el) {
      failed.push({ op, reason: 'missing' });
      continue;
    }
    if ((el as HTMLInputElement).disabled) {
      failed.push({ op, reason: 'disabled' });
      continue;
    }
    if (op.kind === 'set') setNativeValue(el as FormElement, op.to);
    else if (op.kind === 'check') setNativeChecked(el as HTMLInputElement, op.to);
    else (el as HTMLElement).click();
    applied++;
  }
  return { applied, failed };
}

export type Mismatch = { label: string; expected: string; found: string };

/**
 * Re-reads the elements the operations touched and lists those that do not show what was
 * set (a framework that rejected or reformatted the value).
 */
export function verify(doc: Document, map: SelectorMap, ops: readonly Operation[], normalise: (key: string, value: string) => string = (_, v) => v.trim()): Mismatch[] {
  const out: Mismatch[] = [];
  for (const op of ops) {
    if (op.kind === 'click') continue;
    const el = all(doc, map, op.key)[op.index] as HTMLInputElement | undefined;
    if (op.kind === 'set') {
      const found = el ? el.value : '(missing)';
      if (!el || normalise(op.key, found) !== normalise(op.key, op.to)) out.push({ label: op.label, expected: op.to, found });
    } else {
      const found = el ? el.checked : undefined;
      if (found !== op.to) out.push({ label: op.label, expected: String(op.to), found: String(found) });
    }
  }
  return out;
}
