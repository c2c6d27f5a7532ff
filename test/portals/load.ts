import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';

/** The saved portal pages and their URLs (test/fixtures/portals/fixtures.json). */
export type Fixture = { name: string; file: string; portal: 'littlebig' | 'smart'; page: string; url: string; broken?: boolean };

const dir = resolve(import.meta.dirname, '../fixtures/portals');
export const FIXTURES: Fixture[] = JSON.parse(readFileSync(resolve(dir, 'fixtures.json'), 'utf8')).fixtures;

export const fixture = (name: string) => {
  const f = FIXTURES.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f;
};

/** A fixture parsed by happy-dom at its portal URL, scripts not run (the adapters are pure). */
export function loadFixture(name: string): { doc: Document; window: Window; fixture: Fixture } {
  const f = fixture(name);
  const window = new Window({ url: f.url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  window.document.write(readFileSync(resolve(dir, f.file), 'utf8'));
  // happy-dom 21 ignores `selected` on a parsed <option> (a browser honours it): restore it.
  for (const o of Array.from(window.document.querySelectorAll('option[selected]'))) (o as unknown as HTMLOptionElement).selected = true;
  return { doc: window.document as unknown as Document, window, fixture: f };
}
