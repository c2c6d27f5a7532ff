import type { Wanted } from './protocol/typed';

/**
 * Operations an adapter plans and the write protocol performs on the page (protocol/write.ts).
 * Each names its field (selector key; a CRA day also by its date, which is how it is found),
 * says what the page shows now and what it will show, so the overlay can preview it before
 * anything is touched.
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
