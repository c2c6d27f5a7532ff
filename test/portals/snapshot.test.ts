import { describe, expect, it } from 'vitest';
import { redactedSnapshot } from '../../extension/portals/snapshot';
import { all } from '../../extension/portals/selectors';
import { LITTLEBIG } from '../../extension/portals/littlebig/selectors';
import { SMART } from '../../extension/portals/smart/selectors';
import { FIXTURES, loadFixture } from './load';

/**
 * The bug-report snapshot over every fixture page: no personal string of the page survives —
 * the member's name, every email, phone number, postal address, amount, date and mission or
 * activity id found in the page, and every text, `title`, `alt`, `placeholder`, `value`,
 * `aria-*` label and `data-*` value the page shows — and no active content; the selectors the
 * adapters use still find the same elements in the snapshot.
 */

const PATTERNS: RegExp[] = [
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, // emails
  /(?:\+33|\+32|\b0)\s?[1-9](?:[\s.-]?\d{2}){4}\b/g, // phone numbers (FR, BE)
  /\b\d{1,4}(?:bis|ter)?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|chemin|allée|quai|impasse|chaussée|square)\s+[^<,\n]{2,40}/gi, // street addresses
  /\b\d{4,5}\s+[A-ZÀ-Ü][\p{L}' -]{2,30}/gu, // postcode and city
  /\d(?:[\d\s  .]|&nbsp;)*,\d{2}(?:\s?€)?/g, // amounts (the HTML writes a non-breaking space as `&nbsp;`)
  /\b\d{2}\/\d{2}\/\d{4}\b/g, // dates
  /\b[A-Z]{1,4}-\d{3,}\b/g, // mission, activity, invoice ids
  /IBAN|BE\d{2}(?:\s?\d{4}){3}|FR\d{2}(?:\s?\w{4}){5}/g,
];
const ATTRIBUTES = /^(title|alt|placeholder|value|aria-label|aria-valuetext|aria-description|data-(?!v-).+)$/;

/** Every personal string the page holds: pattern matches over its HTML, and its texts and telling attribute values. */
function personalStrings(doc: Document, html: string): Set<string> {
  const out = new Set<string>(['Camille', 'Dupont']);
  for (const re of PATTERNS) for (const m of html.matchAll(re)) out.add(m[0].trim());
  const walker = doc.createTreeWalker(doc.documentElement, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (['SCRIPT', 'STYLE'].includes(n.parentElement?.tagName ?? '')) continue;
    const t = (n as Text).data.trim();
    if (t.length >= 4 && /[\p{L}\p{N}]/u.test(t)) out.add(t);
  }
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    for (const a of Array.from(el.attributes)) if (ATTRIBUTES.test(a.name) && a.value.trim().length >= 4) out.add(a.value.trim());
  }
  out.add(doc.title.trim());
  return new Set([...out].filter((s) => s.length >= 4));
}

/** The selector maps' own text (interface vocabulary the snapshot keeps on purpose, e.g. `aria-label="Nombre de jours"`). */
const vocabulary = [LITTLEBIG, SMART].flatMap((m) => Object.values(m).map(({ css }) => css)).join('\n');

describe('bug-report snapshot redaction', () => {
  it.each(FIXTURES.map((f) => f.name))('%s: no personal string, no active content, selectors still match', (name) => {
    const { doc, fixture } = loadFixture(name);
    const source = doc.documentElement.outerHTML;
    const html = redactedSnapshot(doc, { portal: fixture.portal, page: fixture.page, extensionVersion: '0.1.0' });
    const secrets = [...personalStrings(doc, source)].filter((s) => !vocabulary.includes(s));
    expect(secrets.length, 'the page has personal strings to look for').toBeGreaterThan(5);
    const body = html.replace(/^<!DOCTYPE html>\n<!--[^]*?-->\n/, '');
    for (const s of secrets) expect(body, s).not.toContain(s);
    expect(body).not.toMatch(/<(script|iframe|frame|object|embed|link|base|style|template|noscript)\b/i);
    expect(body).not.toMatch(/<meta\b(?![^>]*charset)/i);
    expect(body).not.toMatch(/\son[a-z]+\s*=/i);
    expect(body).not.toMatch(/javascript:|vbscript:|data:text|http-equiv|srcdoc|url\(|\s(href|src|srcset|action|formaction|style|value|title|alt|placeholder)=/i);
    expect(body).not.toContain('<!--');
    // The structure a selector fix needs: every selector finds as many elements as on the page.
    const snap = new (doc.defaultView as unknown as { DOMParser: typeof DOMParser }).DOMParser().parseFromString(html, 'text/html');
    const map = fixture.portal === 'littlebig' ? LITTLEBIG : SMART;
    for (const key of Object.keys(map)) expect(all(snap, map, key).length, key).toBe(all(doc, map, key).length);
  });

  it('removes active content a page may carry and keeps for/id pairs as matching tokens', () => {
    const { doc } = loadFixture('smart/quote-form');
    doc.head.insertAdjacentHTML('beforeend', '<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/"><link rel="stylesheet" href="https://cdn.example/x.css"><style>@import url(https://x.example/y.css)</style>');
    doc.body.insertAdjacentHTML('beforeend', '<a href="javascript:alert(1)" onclick="steal()">Lien</a><iframe src="https://x.example"></iframe><svg><a href="javascript:x()"><text>Camille</text></a></svg><label for="who">Nom</label><input id="who" value="Camille Dupont" title="Camille" data-user="camille.dupont@example.fr"><!-- Camille Dupont -->');
    const html = redactedSnapshot(doc, { portal: 'smart', page: 'quote-form', extensionVersion: '0.1.0' });
    expect(html).not.toMatch(/javascript:|onclick|evil\.example|cdn\.example|x\.example|Camille|camille|<iframe|<base|<link|http-equiv|@import/i);
    const [, forToken] = /<label for="([^"]+)"/.exec(html)!;
    expect(forToken).toMatch(/^id-\d+$/);
    expect(html).toContain(`<input id="${forToken}"`);
  });
});
