/**
 * The overlays' own few lines of DOM building, in place of a UI library: the 12 KB budget
 * counts every byte a portal page loads, and an overlay is a handful of paragraphs and
 * buttons re-drawn whole on each change.
 *
 * Every event handler given here runs only for events the browser marks trusted (a real
 * user's input): nothing a portal page script dispatches can press an overlay button.
 */

export type Child = Node | string | number | null | undefined | false | readonly Child[];
type Props = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

export function h(tag: string, props: Props | null = null, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') {
      const handler = v;
      el.addEventListener(k.slice(2).toLowerCase(), (e) => {
        if (e.isTrusted) handler(e);
      });
    } else if (k === 'checked' || k === 'value') (el as unknown as Record<string, unknown>)[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el: Node, children: readonly Child[]) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'object' ? (c as Node) : document.createTextNode(String(c)));
  }
}

/** A paragraph of a kind (`ok`, `warn`, `err`, `s`), with its test hook. */
export const p = (cls: string, text: Child, hook?: string, extra: Props = {}) => h('p', { class: cls, 'data-relais': hook, ...extra }, text);

/** A button with its test hook; `primary` for the step the panel expects next. */
export const button = (label: string, hook: string | undefined, onClick: () => void, cls = 'c') => h('button', { class: cls, 'data-relais': hook, onClick }, label);

export const actions = (...buttons: Child[]) => h('div', { class: 'a' }, ...buttons);
