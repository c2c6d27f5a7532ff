import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Window } from 'happy-dom';
import { accessibleName, chooseSubmit, PRESSABLE } from '../../extension/portals/protocol/buttons';
import { fullDateOf, monthsOf } from '../../extension/portals/protocol/dates';
import { identityOf, refKey } from '../../extension/portals/protocol/identity';
import { holds, shapeOf, typedValue, type FieldShape } from '../../extension/portals/protocol/typed';
import { CRA_SUBMIT_LABELS } from '../../extension/portals/littlebig/cra';

/** The write protocol's pure parts (extension/portals/protocol): identity, dates, typed values, buttons. */

const page = (html: string) => {
  const w = new Window({ url: 'https://www.littlebigconnection.com/' });
  w.document.write(`<body>${html}</body>`);
  return w.document as unknown as Document;
};

describe('full dates as portals print them', () => {
  it.each([
    ['jeudi 1 octobre 2026', '2026-10-01'],
    ['jeu. 1 oct. 2026', '2026-10-01'],
    ['1er octobre 2026', '2026-10-01'],
    ['01/10/2026', '2026-10-01'],
    ['2026-10-01', '2026-10-01'],
    ['Thursday, October 1, 2026', '2026-10-01'],
    ['1 Oct 2026', '2026-10-01'],
    ['31 juillet 2026', '2026-07-31'],
    ['3 juin 2026', '2026-06-03'],
    ['mardi 3 mars 2026', '2026-03-03'],
  ])('%s → %s', (text, iso) => expect(fullDateOf(text)).toBe(iso));

  it.each([['1 octobre'], ['octobre 2026'], ['31/02/2026'], ['1'], ['du 01/10/2026 au 02/10/2026'], ['']])('%s is no single full date', (text) => expect(fullDateOf(text)).toBeUndefined());

  test.prop([fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })])('every day reads back from its French and numeric forms', (d) => {
    const iso = d.toISOString().slice(0, 10);
    const fr = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
    const short = new Intl.DateTimeFormat('fr-FR', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
    const en = new Intl.DateTimeFormat('en-US', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
    for (const text of [fr, short, en, `${iso.slice(8)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`]) expect(fullDateOf(text), text).toBe(iso);
  });

  it('names the months a heading holds', () => {
    expect(monthsOf("Compte rendu d'activité — Octobre 2026")).toEqual(['2026-10']);
    expect(monthsOf('Calendrier octobre 2026')).toEqual(['2026-10']);
    expect(monthsOf('November 2026')).toEqual(['2026-11']);
    expect(monthsOf('CRA 10/2026')).toEqual(['2026-10']);
    expect(monthsOf("Compte rendu d'activité")).toEqual([]);
    expect(monthsOf('Octobre 2026 / Novembre 2026')).toEqual(['2026-10', '2026-11']);
  });
});

describe('identity: every source agrees, or nothing is filled', () => {
  const url = { month: '2026-10', missionRef: 'M-48213' };
  it('agrees when URL, heading, cells and mission say the same', () => {
    expect(identityOf({ url, headingMonths: ['2026-10'], cellMonths: ['2026-10'], missionRefs: ['M-48213'] })).toEqual({ ok: true, month: '2026-10', missionRef: 'M-48213' });
    // www's /rfp/<id> URLs carry the number only.
    expect(identityOf({ url: { month: '2026-10', missionRef: '48213' }, headingMonths: ['2026-10'], cellMonths: ['2026-10'], missionRefs: ['M-48213'] })).toMatchObject({ ok: true, missionRef: 'M-48213' });
  });
  it('names the sources that disagree', () => {
    expect(identityOf({ url: { ...url, month: '2026-11' }, headingMonths: ['2026-10'], cellMonths: ['2026-10'], missionRefs: ['M-48213'] })).toEqual({
      ok: false,
      disagree: [{ source: 'url', saw: '2026-11' }, { source: 'heading', saw: '2026-10' }, { source: 'cells', saw: '2026-10' }],
    });
    expect(identityOf({ url, headingMonths: ['2026-10'], cellMonths: ['2026-10', '2026-11'], missionRefs: ['M-48213'] }).ok).toBe(false);
    expect(identityOf({ url, headingMonths: ['2026-10'], cellMonths: ['2026-10'], missionRefs: ['M-48213', 'M-51007'] })).toMatchObject({ ok: false, disagree: [{ source: 'url' }, { source: 'mission', saw: 'M-48213, M-51007' }] });
    expect(identityOf({ url, headingMonths: ['2026-10'], cellMonths: ['2026-10'], missionRefs: ['M-51007'] }).ok).toBe(false);
  });
  it('does not accept a source that says nothing', () => {
    expect(identityOf({ url: null, headingMonths: ['2026-10'], cellMonths: ['2026-10'], missionRefs: ['M-48213'] }).ok).toBe(false);
    expect(identityOf({ url, headingMonths: [], cellMonths: ['2026-10'], missionRefs: ['M-48213'] }).ok).toBe(false);
    expect(identityOf({ url, headingMonths: ['2026-10'], cellMonths: ['2026-10'], missionRefs: [] }).ok).toBe(false);
    expect(identityOf({ url: { month: '2026-10', missionRef: '4821' }, headingMonths: ['2026-10'], cellMonths: ['2026-10'], missionRefs: ['M-48213'] }).ok).toBe(false);
  });
  it('compares references on letters and digits', () => expect(refKey(' m-48213 ')).toBe('M48213'));
});

describe('typed writes: the value each input can hold, or why not', () => {
  const shape = (s: Partial<FieldShape>): FieldShape => ({ tag: 'input', type: 'text', disabled: false, readOnly: false, ...s });
  it('date inputs take ISO, text inputs the portal format', () => {
    expect(typedValue(shape({ type: 'date' }), { kind: 'date', iso: '2026-10-05' })).toEqual({ ok: true, value: '2026-10-05' });
    expect(typedValue(shape({}), { kind: 'date', iso: '2026-10-05' })).toEqual({ ok: true, value: '05/10/2026' });
    expect(typedValue(shape({ type: 'number' }), { kind: 'date', iso: '2026-10-05' })).toEqual({ ok: false, why: 'type' });
  });
  it('number inputs take a dot decimal within their min, max and step', () => {
    expect(typedValue(shape({ type: 'number', step: '0.01' }), { kind: 'money', cents: 112_550 })).toEqual({ ok: true, value: '1125.5' });
    expect(typedValue(shape({}), { kind: 'money', cents: 112_550 })).toEqual({ ok: true, value: '1125,50' });
    expect(typedValue(shape({ type: 'number', step: '0.5', min: '0' }), { kind: 'number', value: 2.5 })).toEqual({ ok: true, value: '2.5' });
    expect(typedValue(shape({ type: 'number' }), { kind: 'quantity', value: 0.5 })).toEqual({ ok: false, why: 'step' });
    expect(typedValue(shape({ type: 'number', step: 'any', max: '1' }), { kind: 'quantity', value: 1.5 })).toEqual({ ok: false, why: 'range' });
    expect(typedValue(shape({}), { kind: 'quantity', value: 0.5 })).toEqual({ ok: true, value: '0,5' });
    expect(typedValue(shape({}), { kind: 'quantity', value: null })).toEqual({ ok: true, value: '' });
  });
  it('a select takes one of its own options, by value or label, else nothing', () => {
    const options = [{ value: '', label: 'Choisir…' }, { value: 'SAL', label: 'Contrat de travail salarié' }, { value: 'X9', label: 'Artiste (1er bis)' }];
    const select = shape({ tag: 'select', type: 'select', options });
    expect(typedValue(select, { kind: 'option', codes: ['SAL'], labels: [] })).toEqual({ ok: true, value: 'SAL' });
    expect(typedValue(select, { kind: 'option', codes: ['ART1BIS'], labels: ['artiste (1er bis)'] })).toEqual({ ok: true, value: 'X9' });
    expect(typedValue(select, { kind: 'option', codes: ['MUS304'], labels: ['Musicien (304)'] })).toEqual({ ok: false, why: 'option' });
    expect(typedValue(shape({}), { kind: 'option', codes: ['SAL'], labels: [] })).toEqual({ ok: false, why: 'type' });
  });
  it('never writes into a locked field, nor more than it holds', () => {
    expect(typedValue(shape({ disabled: true }), { kind: 'quantity', value: 1 })).toEqual({ ok: false, why: 'locked' });
    expect(typedValue(shape({ readOnly: true }), { kind: 'text', value: 'x' })).toEqual({ ok: false, why: 'locked' });
    expect(typedValue(shape({ maxLength: 3 }), { kind: 'text', value: 'ACME SA' })).toEqual({ ok: false, why: 'length' });
    expect(typedValue(shape({ type: 'checkbox' }), { kind: 'quantity', value: 1 })).toEqual({ ok: false, why: 'type' });
  });
  it('reads a field from the element itself', () => {
    const doc = page('<input type="number" step="0.5" min="0" id="d"><select id="s"><option value="A">Un</option></select>');
    expect(shapeOf(doc.getElementById('d')!)).toMatchObject({ tag: 'input', type: 'number', step: '0.5', min: '0' });
    expect(shapeOf(doc.getElementById('s')!)).toMatchObject({ tag: 'select', options: [{ value: 'A', label: 'Un' }] });
    expect(shapeOf(doc.body)).toBeNull();
  });
  it('a value read back holds when it is the same quantity or text', () => {
    expect(holds(shape({}), '1,0', '1')).toBe(true);
    expect(holds(shape({}), '0,5', '0.5')).toBe(true);
    expect(holds(shape({}), '', '1')).toBe(false);
    expect(holds(shape({}), '1', '0,5')).toBe(false);
  });
});

describe('actions by meaning: the one known, enabled submit button', () => {
  const choose = (html: string) => {
    const doc = page(html);
    return chooseSubmit(doc.querySelectorAll(PRESSABLE), CRA_SUBMIT_LABELS);
  };
  it('takes the button named as a submit, whatever its style', () => {
    const r = choose('<button class="secondary">Enregistrer</button><button class="MuiButton-containedPrimary">Supprimer le CRA</button><button class="plain">Soumettre le CRA</button>');
    expect(r.ok && r.button.textContent).toBe('Soumettre le CRA');
    expect(choose('<button aria-label="Submit for approval"><svg></svg></button>').ok).toBe(true);
    expect(choose('<input type="submit" value="Soumettre à nouveau">').ok).toBe(true);
    expect(choose('<span id="l">Envoyer pour validation</span><div role="button" aria-labelledby="l">→</div>').ok).toBe(true);
  });
  it('presses nothing when no button, several, or a disabled one carries a submit name', () => {
    expect(choose('<button class="MuiButton-containedPrimary">Supprimer le CRA</button><button>Enregistrer</button>')).toEqual({ ok: false, why: 'none', names: [] });
    expect(choose('<button>Soumettre le CRA</button><button>Soumettre</button>')).toMatchObject({ ok: false, why: 'several' });
    expect(choose('<button disabled>Soumettre le CRA</button>')).toMatchObject({ ok: false, why: 'disabled' });
    expect(choose('<button aria-disabled="true">Soumettre le CRA</button>')).toMatchObject({ ok: false, why: 'disabled' });
    expect(choose('<fieldset disabled><button>Soumettre le CRA</button></fieldset>')).toMatchObject({ ok: false, why: 'disabled' });
    expect(choose('<button>Soumettre le CRA et supprimer</button>').ok).toBe(false);
  });
  it('computes the accessible name from labels, content without hidden parts, value', () => {
    const doc = page('<button id="a"><span aria-hidden="true">✓</span> Soumettre </button><button id="b" aria-label="Supprimer">Soumettre</button>');
    expect(accessibleName(doc.getElementById('a')!)).toBe('Soumettre');
    expect(accessibleName(doc.getElementById('b')!)).toBe('Supprimer');
  });
});
