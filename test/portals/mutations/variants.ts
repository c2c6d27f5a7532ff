/**
 * The mutation suite's variants: from each CRA fixture page, the changes a real portal makes
 * every week. Benign ones (a new build's class hashes, extra wrappers, reordered attributes, a
 * cookie banner, the days in another DOM order, late rendering, the portal's own month arrows,
 * a re-render) must fill exactly as on the original page; breaking ones (a month or mission
 * that disagrees, contradictory states, typed inputs a value does not fit, a value the portal
 * rejects or reverts later, wrong or ambiguous buttons) must write nothing wrong, press nothing
 * but the true submit, and say why.
 *
 * A variant is a DOM transform (`mutate`, run on the saved page before it is served or read)
 * and, for the behaviours only a running page has, a `script` appended to the page (plain
 * JavaScript, run in the browser by the end-to-end suite). The unit suite reads the transformed
 * pages (test/portals/mutations.test.ts); the e2e suite drives the built extension on them
 * (test/e2e/portals-mutations.e2e.ts).
 */

export type Expect =
  /** Fills, verifies and submits as on the original page. */
  | { outcome: 'fills' }
  /** Reads but is not acted on: nothing written, the reason shown. */
  | { outcome: 'refuses'; reason: 'identity' | 'inconsistent' | 'field' | 'submit' | 'drift' | 'changed' }
  /** The page no longer has the shape Relais reads: the breakage notice. */
  | { outcome: 'broken' };

export type Variant = { name: string; fixture: string; kind: 'benign' | 'breaking'; expect: Expect; mutate?: (doc: Document) => void; script?: string; note: string };

const CRA = ['littlebig/cra-to-fill', 'littlebig/www-cra-to-fill'] as const;
const cells = (doc: Document) => Array.from(doc.querySelectorAll('[role="gridcell"], td[data-date]'));
const inputs = (doc: Document) => cells(doc).map((c) => c.querySelector('input')!).filter(Boolean);
const MONTH = /octobre/gi;

/** A deterministic pseudo-random class hash generator (a new build's). */
const hash = (seed: number) => {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x.toString(36).slice(0, 6);
  };
};

function rehash(doc: Document) {
  const next = hash(7);
  for (const el of Array.from(doc.querySelectorAll('[class]'))) {
    el.setAttribute('class', el.getAttribute('class')!.split(/\s+/).map((c) => (/^(css|sc)-[\w-]+$/.test(c) ? `${c.slice(0, c.indexOf('-'))}-${next()}` : /^[a-z]{6}$/i.test(c) && !/^(button|active|badge)$/.test(c) ? next() : c)).join(' '));
  }
}

function wrap(doc: Document) {
  for (const c of cells(doc)) {
    const div = doc.createElement('div');
    div.className = 'day-wrapper';
    while (c.firstChild) div.appendChild(c.firstChild);
    c.appendChild(div);
  }
  const calendar = doc.querySelector('[role="grid"], table.cra-calendar')!;
  const outer = doc.createElement('div');
  outer.className = 'calendar-scroll';
  calendar.replaceWith(outer);
  outer.appendChild(calendar);
}

function reorderAttributes(doc: Document) {
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    const attrs = Array.from(el.attributes).map((a) => [a.name, a.value] as const);
    for (const [n] of attrs) el.removeAttribute(n);
    for (const [n, v] of attrs.reverse()) el.setAttribute(n, v);
  }
}

function cookieBanner(doc: Document) {
  const banner = doc.createElement('div');
  banner.setAttribute('role', 'dialog');
  banner.setAttribute('aria-label', 'Cookies');
  banner.setAttribute('style', 'position:fixed;left:0;right:0;bottom:0;background:#222;color:#fff;padding:12px;z-index:1000');
  banner.innerHTML = 'Nous utilisons des cookies. <button type="button" class="MuiButton-containedPrimary button--primary">Tout accepter</button> <button type="button">Refuser</button>';
  doc.body.appendChild(banner);
}

/** The days in another DOM order (reversed within each week row or grid), labels unchanged. */
function shuffleDays(doc: Document) {
  const grid = doc.querySelector('[role="grid"]');
  if (grid) {
    const days = Array.from(grid.querySelectorAll('[role="gridcell"]'));
    for (const d of days.reverse()) grid.appendChild(d);
    return;
  }
  for (const row of Array.from(doc.querySelectorAll('table.cra-calendar tbody tr'))) for (const td of Array.from(row.children).reverse()) row.appendChild(td);
}

function headingMonth(doc: Document) {
  for (const el of Array.from(doc.querySelectorAll('[data-testid="cra-month-label"], h1, h2, [role="grid"]'))) {
    if (el.getAttribute('aria-label')) el.setAttribute('aria-label', el.getAttribute('aria-label')!.replace(MONTH, 'novembre'));
    if (el.children.length === 0 || el.tagName === 'H1') el.textContent = (el.textContent ?? '').replace(/octobre/gi, 'Novembre');
  }
}

/** Each cell's own date one month later: the grid shows another month than its heading (and the URL). */
function cellMonth(doc: Document) {
  for (const c of cells(doc)) {
    if (c.getAttribute('aria-label')) c.setAttribute('aria-label', c.getAttribute('aria-label')!.replace(MONTH, 'novembre'));
    if (c.getAttribute('data-date')) c.setAttribute('data-date', c.getAttribute('data-date')!.replace('-10-', '-11-'));
    for (const l of Array.from(c.querySelectorAll('label'))) l.textContent = (l.textContent ?? '').replace(/oct\./g, 'nov.');
    // November has 30 days: the 31st is dropped so the grid is a whole (wrong) month.
  }
  const last = cells(doc).find((c) => /\b31\b/.test(c.getAttribute('aria-label') ?? '') || (c.getAttribute('data-date') ?? '').endsWith('-31'));
  last?.remove();
}

function mission(doc: Document) {
  for (const el of Array.from(doc.querySelectorAll('[data-testid="cra-mission"] strong, .cra__mission-ref'))) el.textContent = 'M-51007';
}

function duplicateLabel(doc: Document) {
  const [first, second] = cells(doc);
  for (const a of ['aria-label', 'data-date']) if (first!.getAttribute(a)) second!.setAttribute(a, first!.getAttribute(a)!);
  for (const l of Array.from(second!.querySelectorAll('label'))) l.textContent = first!.querySelector('label')!.textContent;
}

function validatedChip(doc: Document) {
  const chip = doc.querySelector('[data-testid="cra-status"] .MuiChip-label, .cra__status')!;
  chip.textContent = 'Validé';
}

function twoCalendars(doc: Document) {
  const calendar = doc.querySelector('[role="grid"], table.cra-calendar')!;
  calendar.parentNode!.insertBefore(calendar.cloneNode(true), calendar.nextSibling);
}

function numberInputs(doc: Document) {
  for (const i of inputs(doc)) {
    i.setAttribute('type', 'number');
    i.setAttribute('step', '1');
    i.setAttribute('min', '0');
    i.setAttribute('max', '1');
  }
}

function relabelSubmit(doc: Document, label: string) {
  const submit = Array.from(doc.querySelectorAll('button')).find((b) => /soumettre/i.test(b.textContent ?? ''))!;
  submit.textContent = label;
}

function secondSubmit(doc: Document) {
  const submit = Array.from(doc.querySelectorAll('button')).find((b) => /soumettre/i.test(b.textContent ?? ''))!;
  const other = submit.cloneNode(true) as HTMLElement;
  other.textContent = 'Soumettre';
  other.removeAttribute('data-action');
  submit.parentNode!.insertBefore(other, submit.nextSibling);
}

function primaryOnSave(doc: Document) {
  const buttons = Array.from(doc.querySelectorAll('button'));
  const save = buttons.find((b) => /enregistrer/i.test(b.textContent ?? ''))!;
  const submit = buttons.find((b) => /soumettre/i.test(b.textContent ?? ''))!;
  const [a, b] = [save.className, submit.className];
  save.className = b;
  submit.className = a;
  const del = doc.createElement('button');
  del.type = 'button';
  del.className = b;
  del.textContent = 'Supprimer le CRA';
  save.parentNode!.insertBefore(del, save);
}

// ---------------------------------------------------------------- behaviours of a running page

/** The calendar rendered late: a loading skeleton first, the page's app after 1.5 s. */
const LATE_RENDER = `(function(){var root=document.querySelector('[data-testid="cra-page"], #wrapper_content');var parent=root.parentNode,next=root.nextSibling;root.remove();var sk=document.createElement('div');sk.className='skeleton';sk.textContent='Chargement…';parent.insertBefore(sk,next);setTimeout(function(){sk.replaceWith(root);},1500);})();`;

/** A re-render that resets the values a moment after they were typed (a controlled form that ignored them). */
const RERENDER_RESET = `(function(){var done=false;document.addEventListener('change',function(e){if(done||!e.target.matches||!e.target.matches('input'))return;done=true;setTimeout(function(){document.querySelectorAll('[role="gridcell"] input, td[data-date] input').forEach(function(i){if(!i.disabled){var s=Object.getOwnPropertyDescriptor(HTMLInputElement.prototype,'value').set;s.call(i,'');}});},700);},true);})();`;

/** The portal rejects half days: it clears a 0,5 as soon as it is typed. */
const REJECT_HALF = `(function(){document.addEventListener('change',function(e){var i=e.target;if(i.matches&&i.matches('input')&&/^0[,.]5$/.test(i.value)){setTimeout(function(){var s=Object.getOwnPropertyDescriptor(HTMLInputElement.prototype,'value').set;s.call(i,'');},80);}},true);})();`;

/** A value reverted 2.5 s after filling (a server-side check coming back late). */
const LATE_REVERT = `(function(){var done=false;document.addEventListener('change',function(e){if(done||!e.target.matches||!e.target.matches('input'))return;done=true;setTimeout(function(){var i=document.querySelectorAll('[role="gridcell"] input:not([disabled]), td[data-date] input:not([disabled])')[2];var s=Object.getOwnPropertyDescriptor(HTMLInputElement.prototype,'value').set;s.call(i,'0');},2500);},true);})();`;

/** A re-render that replaces every day cell with an identical one (same values, new elements) after filling. */
const RERENDER_SAME = `(function(){var done=false;document.addEventListener('change',function(e){if(done||!e.target.matches||!e.target.matches('input'))return;done=true;setTimeout(function(){document.querySelectorAll('[role="gridcell"] input, td[data-date] input').forEach(function(i){var c=i.cloneNode(true);c.value=i.value;i.replaceWith(c);});},600);},true);})();`;

/** Every day input of a validated month opened again, the chip still "Validé". */
function unlock(doc: Document) {
  for (const i of inputs(doc)) i.removeAttribute('disabled');
}

export function variants(): Variant[] {
  const out: Variant[] = [];
  // A validated month whose days are editable again: never recorded as validated (it would issue the invoice).
  for (const fixture of ['littlebig/cra-validated', 'littlebig/www-cra-validated']) {
    out.push({ name: `${fixture.split('/')[1]}:unlocked`, fixture, kind: 'breaking', expect: { outcome: 'refuses', reason: 'inconsistent' }, note: 'the chip says validated, the days are editable', mutate: unlock });
  }
  for (const fixture of CRA) {
    const v = (name: string, kind: Variant['kind'], expect: Expect, note: string, mutate?: Variant['mutate'], script?: string) => out.push({ name: `${fixture.split('/')[1]}:${name}`, fixture, kind, expect, note, mutate, script });
    // Benign: fills as on the original page.
    v('class-hashes', 'benign', { outcome: 'fills' }, "a new build's class hashes", rehash);
    v('wrappers', 'benign', { outcome: 'fills' }, 'extra wrappers around the calendar and inside each day', wrap);
    v('attribute-order', 'benign', { outcome: 'fills' }, 'every attribute in reverse order', reorderAttributes);
    v('cookie-banner', 'benign', { outcome: 'fills' }, 'a cookie banner with a primary-styled button', cookieBanner);
    v('dom-order', 'benign', { outcome: 'fills' }, 'the days in another DOM order, same labels', shuffleDays);
    v('late-render', 'benign', { outcome: 'fills' }, 'a loading skeleton, then the calendar 1.5 s later', undefined, LATE_RENDER);
    v('rerender-same', 'benign', { outcome: 'fills' }, 'the day inputs replaced by identical ones after the fill', undefined, RERENDER_SAME);
    // Breaking: nothing wrong written, nothing wrong pressed, the reason said.
    v('heading-month', 'breaking', { outcome: 'refuses', reason: 'identity' }, 'the heading names November, the URL and the days October', headingMonth);
    v('cell-month', 'breaking', { outcome: 'refuses', reason: 'identity' }, "the grid's own dates are November's", cellMonth);
    v('mission', 'breaking', { outcome: 'refuses', reason: 'identity' }, "another mission's reference on the page", mission);
    v('duplicate-day', 'breaking', { outcome: 'refuses', reason: 'inconsistent' }, 'two cells carry the same day', duplicateLabel);
    v('validated-editable', 'breaking', { outcome: 'refuses', reason: 'inconsistent' }, 'the chip says validated while the inputs are editable', validatedChip);
    v('two-calendars', 'breaking', { outcome: 'refuses', reason: 'inconsistent' }, "two calendars on one page", twoCalendars);
    v('number-inputs', 'breaking', { outcome: 'refuses', reason: 'field' }, 'number inputs with step 1: a half day does not fit', numberInputs);
    v('delete-button', 'breaking', { outcome: 'refuses', reason: 'submit' }, 'the only primary button is "Supprimer le CRA"', (d) => relabelSubmit(d, 'Supprimer le CRA'));
    v('save-button', 'breaking', { outcome: 'refuses', reason: 'submit' }, 'the only primary button is "Enregistrer"', (d) => relabelSubmit(d, 'Enregistrer'));
    v('two-submits', 'breaking', { outcome: 'refuses', reason: 'submit' }, 'two buttons named as a submission', secondSubmit);
    v('primary-delete', 'benign', { outcome: 'fills' }, 'primary style moved to "Enregistrer" and a "Supprimer le CRA"; the true submit still named', primaryOnSave);
    v('reject-half', 'breaking', { outcome: 'refuses', reason: 'drift' }, 'the portal clears half days as they are typed', undefined, REJECT_HALF);
    v('rerender-reset', 'breaking', { outcome: 'refuses', reason: 'drift' }, 'a re-render empties the days 0.7 s after the fill', undefined, RERENDER_RESET);
    v('late-revert', 'breaking', { outcome: 'refuses', reason: 'drift' }, 'one day reverted 2.5 s after the fill', undefined, LATE_REVERT);
  }
  return out;
}
