/**
 * "Save this page for a bug report": the page's markup, which is what a selector fix needs,
 * with what the user typed and what identifies them taken out. Scripts, frames, our own
 * overlay, inline event handlers and URLs' query strings go; every input, select and
 * textarea loses its value; text keeps only the interface's own words (headings, labels,
 * buttons, column heads, status badges) with their digits masked, and every other text
 * (names, clients, comments, amounts, dates) becomes x's of the same length.
 */

/** Elements whose text is the portal's interface, not the user's data. */
const UI_TEXT = 'h1, h2, h3, th, label, button, dt, legend, option, nav a, [role="columnheader"], [role="tab"], .MuiChip-label, .v-chip__content, .v-label';
const DROP = 'script, noscript, iframe, object, embed, template, link[rel="preload"], link[rel="modulepreload"], relais-overlay';
const KEEP_DATA = new Set(['data-testid', 'data-field', 'data-action']);

const mask = (s: string) => s.replace(/[^\s\d.,:;/()«»'’"!?–—·-]/gu, 'x').replace(/\d/g, '0');
const maskDigits = (s: string) => s.replace(/\d/g, '0');

export function redactedSnapshot(doc: Document, meta: { portal: string; page: string; selectorKey?: string; extensionVersion: string }): string {
  const root = doc.documentElement.cloneNode(true) as HTMLElement;
  for (const el of Array.from(root.querySelectorAll(DROP))) el.remove();
  const uiText = new Set<Node>();
  for (const el of Array.from(root.querySelectorAll(UI_TEXT))) uiText.add(el);
  const inUi = (n: Node) => {
    for (let p: Node | null = n.parentNode; p; p = p.parentNode) if (uiText.has(p)) return true;
    return false;
  };
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  for (const t of texts) {
    const parent = t.parentElement?.tagName;
    if (parent === 'STYLE' || parent === 'TITLE') continue;
    t.data = inUi(t) ? maskDigits(t.data) : mask(t.data);
  }
  for (const el of Array.from(root.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name;
      if (name.startsWith('on') || name === 'srcdoc') el.removeAttribute(name);
      else if (name.startsWith('data-') && !KEEP_DATA.has(name) && !/^data-v-/.test(name)) el.removeAttribute(name);
      else if (name === 'value' || name === 'checked' || name === 'selected') el.removeAttribute(name);
      else if (name === 'href' || name === 'src' || name === 'action') el.setAttribute(name, maskDigits(attr.value.split('?')[0]!.split('#')[0]!));
      else if (name === 'title' || name === 'alt' || name === 'placeholder' || name === 'aria-label' || name === 'aria-valuenow' || name === 'style') el.setAttribute(name, maskDigits(attr.value));
    }
    if (el.tagName === 'TEXTAREA') el.textContent = '';
  }
  const title = root.querySelector('title');
  if (title) title.textContent = maskDigits(title.textContent ?? '');
  const note = `Relais bug-report snapshot · portal=${meta.portal} page=${meta.page}${meta.selectorKey ? ` selector=${meta.selectorKey}` : ''} · extension ${meta.extensionVersion} · values and personal text redacted`;
  return `<!DOCTYPE html>\n<!-- ${note.replace(/--/g, '—')} -->\n${root.outerHTML}\n`;
}
