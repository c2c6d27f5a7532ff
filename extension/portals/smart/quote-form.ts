import type { SmartContractType } from '../../../shared/payout/smart';
import { checkSmartDailyGross, type SmartGrossCheck } from '../../../shared/payout/smart';
import type { SmartQuoteForm } from '../../../shared/portals/smart';
import { pathOf, readWith, type PageAdapter, type ReadResult } from '../adapter';
import type { Operation } from '../apply';
import { frAmountInput, frCents, frDate, frNumber, frQuantity, toFrDate } from '../parse';
import { changed, keysOf, one, textOf } from '../selectors';
import { SMART_PATHS } from './paths';
import { SMART_QUOTE } from './selectors';

/** The form's own codes for the contract types (its `<select>` values), and the labels it may show instead. */
const CONTRACT_CODES: Record<SmartContractType, string> = { salaried: 'SAL', salaried_artistic: 'ART1BIS', music: 'MUS304', music_chorister: 'CHO304' };
const CONTRACT_LABELS: Record<SmartContractType, string[]> = {
  salaried: ['Contrat de travail salarié', 'Contrat salarié', 'Salarié', 'Employment contract'],
  salaried_artistic: ['Artiste (1er bis)', 'Contrat artistique (1er bis)', 'Article 1er bis', 'Artistic contract (1bis)'],
  music: ['Musicien (304)', 'Musicien', 'Musician (304)'],
  music_chorister: ['Choriste (304)', 'Choriste', 'Chorister (304)'],
};
const norm = (s: string) => s.toLowerCase().replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/**
 * The form's fields, found by their visible label (a `<label>` tied by `for`, around the
 * input, or in the same form group), else their ARIA label: what survives a redesign. Two
 * renderings are known: the Vue member space and the server-rendered Smart.Design.Razor forms.
 */
const FIELDS = {
  client: /^client\b/i,
  contractType: /type de contrat|contract type/i,
  startsOn: /date de d[ée]but|start date/i,
  endsOn: /date de fin|end date/i,
  days: /nombre de jours|number of days/i,
  amount: /^montant|^amount/i,
  partTime: /temps partiel|part[- ]time/i,
} as const;
export type QuoteField = keyof typeof FIELDS;
const GROUP = '.o-form-group, .v-input, .c-form-group, .form-group';
const CONTROL = 'input:not([type="hidden"]), select, textarea';

/** Every control a field's label names on the page (none: the field is missing; two: the page is ambiguous). */
export function fieldsOf(doc: Document, field: QuoteField): Element[] {
  const re = FIELDS[field];
  const form = one(doc, SMART_QUOTE, 'quoteForm');
  if (!form) return [];
  const found = new Set<Element>();
  for (const label of Array.from(form.querySelectorAll('label, .o-form-group__label'))) {
    if (!re.test(textOf(label))) continue;
    const control = (label as HTMLLabelElement).control ?? label.closest(GROUP)?.querySelector(CONTROL) ?? label.querySelector(CONTROL);
    if (control) found.add(control);
  }
  for (const el of Array.from(form.querySelectorAll(CONTROL))) if (re.test(el.getAttribute('aria-label') ?? '')) found.add(el);
  return [...found];
}

/** A client picked with buttons (Smart.Design.Razor): the group its label names, and the button pressed. */
function clientButtons(doc: Document): { buttons: Element[]; pressed?: Element } | null {
  const form = one(doc, SMART_QUOTE, 'quoteForm');
  for (const group of Array.from(form?.querySelectorAll('[role="group"], [role="radiogroup"]') ?? [])) {
    const by = group.getAttribute('aria-labelledby');
    const name = (by && doc.getElementById(by)?.textContent) || group.getAttribute('aria-label') || '';
    if (!FIELDS.client.test(name.trim())) continue;
    const buttons = Array.from(group.querySelectorAll('button, [role="radio"]'));
    return { buttons, pressed: buttons.find((b) => b.getAttribute('aria-pressed') === 'true' || b.getAttribute('aria-checked') === 'true') };
  }
  return null;
}

/** The one button naming `client` exactly (the picker's way of choosing it). */
export const clientButton = (doc: Document, client: string) => {
  const hits = clientButtons(doc)?.buttons.filter((b) => norm(textOf(b)) === norm(client)) ?? [];
  return hits.length === 1 ? hits[0]! : null;
};

/** The control of a field, when there is exactly one. */
export const fieldOf = (doc: Document, field: QuoteField) => {
  const all = fieldsOf(doc, field);
  return all.length === 1 ? (all[0] as HTMLInputElement) : null;
};

/** A field's value as Relais reads it: a date input holds ISO, a number input a dot decimal; a text input the portal's French format. */
function valueOf(el: HTMLInputElement | null, as: 'date' | 'number' | 'money'): string | number | undefined {
  if (!el || el.value.trim() === '') return undefined;
  const type = (el.getAttribute('type') ?? 'text').toLowerCase();
  if (as === 'date') return type === 'date' ? (/^\d{4}-\d{2}-\d{2}$/.test(el.value) ? el.value : undefined) : frDate(el.value);
  const n = type === 'number' ? Number(el.value) : frNumber(el.value);
  if (n === null || Number.isNaN(n)) return undefined;
  return as === 'money' ? Math.round(n * 100) : n;
}

const contractOf = (select: HTMLSelectElement | null): SmartContractType | undefined => {
  if (!select) return undefined;
  const label = norm(select.selectedOptions?.[0]?.text ?? '');
  return (Object.keys(CONTRACT_CODES) as SmartContractType[]).find((t) => CONTRACT_CODES[t] === select.value || CONTRACT_LABELS[t].some((l) => norm(l) === label));
};

/** Nouveau devis (step 1, encoding), under an activity. */
export const quoteFormAdapter = {
  portal: 'smart',
  page: 'quote-form',
  map: SMART_QUOTE,
  keys: keysOf(SMART_QUOTE),
  matches: (url: string | URL) => SMART_PATHS.quoteForm.test(pathOf(url)),
  read: (doc: Document): ReadResult<SmartQuoteForm> =>
    readWith(doc, quoteFormAdapter, () => {
      // Every field the quote needs, once: missing or doubled, the page has changed.
      for (const f of Object.keys(FIELDS) as QuoteField[]) {
        const n = fieldsOf(doc, f).length;
        if (n > 1 || (n === 0 && f !== 'partTime' && !(f === 'client' && clientButtons(doc)))) return changed(f, n);
      }
      const picker = clientButtons(doc);
      const client = (picker ? (picker.pressed ? textOf(picker.pressed) : '') : fieldOf(doc, 'client')!.value).trim();
      const startsOn = valueOf(fieldOf(doc, 'startsOn'), 'date') as string | undefined;
      const endsOn = valueOf(fieldOf(doc, 'endsOn'), 'date') as string | undefined;
      const days = valueOf(fieldOf(doc, 'days'), 'number') as number | undefined;
      const amountCents = valueOf(fieldOf(doc, 'amount'), 'money') as number | undefined;
      const type = contractOf(fieldOf(doc, 'contractType') as unknown as HTMLSelectElement);
      const gross = frCents(textOf(one(doc, SMART_QUOTE, 'dailyGross')).replace(/^[^\d]*/, ''));
      return {
        ...(client ? { client } : {}),
        ...(startsOn ? { startsOn } : {}),
        ...(endsOn ? { endsOn } : {}),
        ...(days !== undefined ? { days } : {}),
        ...(amountCents !== undefined ? { amountCents } : {}),
        ...(type ? { contractType: type } : {}),
        partTime: !!fieldOf(doc, 'partTime')?.checked,
        ...(gross !== undefined ? { dailyGrossCents: gross } : {}),
      };
    }),
} satisfies PageAdapter<SmartQuoteForm> & { keys: readonly (keyof typeof SMART_QUOTE)[] };

/** A quote as Relais would encode it from a mission's month. */
export type DesiredQuote = { client: string; startsOn: string; endsOn: string; days: number; amountCents: number; contractType: SmartContractType | null; partTime?: boolean };

/**
 * The desired quote for a mission month: from its first to its last worked day, the days
 * captured, at the mission's daily rate.
 */
export function quoteFromMonth(mission: { clientName: string; dailyRateCents: number; smartContractType: SmartContractType | null }, days: Record<string, number>): DesiredQuote | null {
  const worked = Object.entries(days).filter(([, q]) => q > 0).sort(([a], [b]) => (a < b ? -1 : 1));
  if (!worked.length) return null;
  const total = Math.round(worked.reduce((s, [, q]) => s + q, 0) * 1000) / 1000;
  return { client: mission.clientName, startsOn: worked[0]![0], endsOn: worked[worked.length - 1]![0], days: total, amountCents: Math.round(total * mission.dailyRateCents), contractType: mission.smartContractType };
}

/**
 * Operations that make the form show the desired quote, each with the value as Relais means
 * it (protocol/typed.ts formats it for the field it lands in). A sent quote cannot be edited
 * (seed): this is only the new-quote form. A client picked with buttons is a `pick`: the one
 * button naming the client, pressed, then checked.
 */
export function planQuote(model: SmartQuoteForm, desired: DesiredQuote): Operation[] {
  const ops: Operation[] = [];
  const set = (key: QuoteField, from: string, to: string, label: string, wanted: Operation & { kind: 'set' } extends { wanted?: infer W } ? W : never) => {
    if (from !== to) ops.push({ kind: 'set', key, index: 0, from, to, label, wanted });
  };
  set('client', model.client ?? '', desired.client, 'Client', { kind: 'text', value: desired.client });
  set('startsOn', model.startsOn ? toFrDate(model.startsOn) : '', toFrDate(desired.startsOn), 'Date de début', { kind: 'date', iso: desired.startsOn });
  set('endsOn', model.endsOn ? toFrDate(model.endsOn) : '', toFrDate(desired.endsOn), 'Date de fin', { kind: 'date', iso: desired.endsOn });
  set('days', model.days === undefined ? '' : frQuantity(model.days), frQuantity(desired.days), 'Nombre de jours', { kind: 'number', value: desired.days });
  set('amount', model.amountCents === undefined ? '' : frAmountInput(model.amountCents), frAmountInput(desired.amountCents), 'Montant (HTVA)', { kind: 'money', cents: desired.amountCents });
  if (desired.contractType) set('contractType', model.contractType ? CONTRACT_LABELS[model.contractType][0]! : '', CONTRACT_LABELS[desired.contractType][0]!, 'Type de contrat', { kind: 'option', codes: [CONTRACT_CODES[desired.contractType]], labels: CONTRACT_LABELS[desired.contractType] });
  if (desired.partTime !== undefined && desired.partTime !== model.partTime) ops.push({ kind: 'check', key: 'partTime', index: 0, from: model.partTime, to: desired.partTime, label: 'Temps partiel' });
  return ops;
}

/**
 * Whether the quote's gross per day reaches the contract type's legal minimum
 * (shared/payout/smart.ts, dated table with its source). With SMart's own estimate (shown in
 * cents, so ±0.5 cent), the amount to invoice that reaches the minimum scales with it, bounded
 * so the rounding cannot leave it a cent short. Without one: amount ÷ days, an upper bound of
 * the gross, so a warning is never a false alarm.
 */
export function grossCheck(q: { contractType?: SmartContractType | null; days?: number; amountCents?: number; dailyGrossCents?: number; partTime?: boolean }, on: string): SmartGrossCheck | null {
  if (!q.contractType || !q.days || !q.amountCents || q.partTime) return null;
  const estimate = q.dailyGrossCents;
  const check = checkSmartDailyGross({ contractType: q.contractType, dailyGrossCents: estimate ?? Math.floor(q.amountCents / q.days), days: q.days, on });
  if (check.ok || !estimate) return check;
  const requiredAmountCents = Math.ceil((q.amountCents * (check.minimumCents + 0.5)) / Math.max(estimate - 0.5, 1));
  return { ...check, requiredAmountCents, shortfallCents: requiredAmountCents - q.amountCents };
}
