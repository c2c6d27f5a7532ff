/**
 * Typed writes: what a field is (read from the element itself) and the string it must be
 * given for a value, in the input's own format (date inputs take ISO, number inputs a dot
 * decimal, a select one of its own options) or, for a plain text input, the portal's.
 * A value the field cannot hold is an error naming why, found before anything is written.
 */

export type FieldShape = {
  tag: 'input' | 'select' | 'textarea';
  /** The input's `type` attribute, lower case (`text` when absent). */
  type: string;
  step?: string;
  min?: string;
  max?: string;
  maxLength?: number;
  options?: readonly { value: string; label: string }[];
  disabled: boolean;
  readOnly: boolean;
};

/** What Relais wants a field to hold, before it is formatted for that field. */
export type Wanted =
  | { kind: 'quantity'; value: number | null }
  | { kind: 'number'; value: number | null }
  | { kind: 'money'; cents: number }
  | { kind: 'date'; iso: string }
  | { kind: 'text'; value: string }
  | { kind: 'option'; codes: readonly string[]; labels: readonly string[] }
  | { kind: 'bool'; value: boolean };

export type FieldRefusal = 'locked' | 'type' | 'range' | 'step' | 'option' | 'length';
export type Typed = { ok: true; value: string } | { ok: false; why: FieldRefusal };

const TEXTUAL = new Set(['text', 'search', '', 'tel']);
const norm = (s: string) => s.normalize('NFC').toLowerCase().replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** The shape of a form element, as `typedValue` needs it. */
export function shapeOf(el: Element): FieldShape | null {
  const tag = el.tagName.toLowerCase();
  if (tag !== 'input' && tag !== 'select' && tag !== 'textarea') return null;
  const input = el as HTMLInputElement;
  const opt = (a: string) => el.getAttribute(a) ?? undefined;
  return {
    tag,
    type: tag === 'input' ? (el.getAttribute('type') ?? 'text').toLowerCase() : tag,
    ...(opt('step') !== undefined ? { step: opt('step') } : {}),
    ...(opt('min') !== undefined ? { min: opt('min') } : {}),
    ...(opt('max') !== undefined ? { max: opt('max') } : {}),
    ...(input.maxLength > 0 ? { maxLength: input.maxLength } : {}),
    ...(tag === 'select' ? { options: Array.from((el as unknown as HTMLSelectElement).options, (o) => ({ value: o.value, label: o.text })) } : {}),
    disabled: input.disabled || el.getAttribute('aria-disabled') === 'true',
    readOnly: input.readOnly || el.getAttribute('aria-readonly') === 'true',
  };
}

/** A number as a number input takes it (dot decimal), checked against its min, max and step. */
function numberFor(f: FieldShape, n: number): Typed {
  const min = f.min !== undefined && f.min !== '' ? Number(f.min) : undefined;
  const max = f.max !== undefined && f.max !== '' ? Number(f.max) : undefined;
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) return { ok: false, why: 'range' };
  const step = f.step === undefined || f.step === '' ? 1 : f.step === 'any' ? 0 : Number(f.step);
  if (step > 0) {
    const k = (n - (min ?? 0)) / step;
    if (Math.abs(k - Math.round(k)) > 1e-9) return { ok: false, why: 'step' };
  }
  return { ok: true, value: String(Math.round(n * 1e6) / 1e6) };
}

const frDecimal = (n: number) => String(Math.round(n * 1e6) / 1e6).replace('.', ',');

/**
 * The string `f` must be given to hold `w`; `dateFormat` and the comma decimal are the
 * portal's for plain text inputs.
 * @example typedValue({ tag: 'input', type: 'date', disabled: false, readOnly: false }, { kind: 'date', iso: '2026-10-01' }) // { ok: true, value: '2026-10-01' }
 * @example typedValue({ tag: 'input', type: 'number', step: '1', disabled: false, readOnly: false }, { kind: 'quantity', value: 0.5 }) // { ok: false, why: 'step' }
 */
export function typedValue(f: FieldShape, w: Wanted): Typed {
  if (f.disabled || f.readOnly) return { ok: false, why: 'locked' };
  const text = (value: string): Typed => (f.maxLength !== undefined && value.length > f.maxLength ? { ok: false, why: 'length' } : { ok: true, value });
  switch (w.kind) {
    case 'bool':
      return f.type === 'checkbox' ? { ok: true, value: String(w.value) } : { ok: false, why: 'type' };
    case 'option': {
      if (f.tag !== 'select') return { ok: false, why: 'type' };
      const labels = w.labels.map(norm);
      const hit = f.options!.filter((o) => o.value !== '' && (w.codes.includes(o.value) || labels.includes(norm(o.label))));
      return hit.length === 1 ? { ok: true, value: hit[0]!.value } : { ok: false, why: 'option' };
    }
    case 'date':
      if (f.type === 'date') return { ok: true, value: w.iso };
      return TEXTUAL.has(f.type) || f.tag === 'textarea' ? text(`${w.iso.slice(8, 10)}/${w.iso.slice(5, 7)}/${w.iso.slice(0, 4)}`) : { ok: false, why: 'type' };
    case 'text':
      return TEXTUAL.has(f.type) || f.tag === 'textarea' || f.type === 'email' ? text(w.value) : { ok: false, why: 'type' };
    case 'money':
    case 'number':
    case 'quantity': {
      const n = w.kind === 'money' ? w.cents / 100 : w.value;
      if (n === null) return f.tag === 'input' && (TEXTUAL.has(f.type) || f.type === 'number') ? { ok: true, value: '' } : { ok: false, why: 'type' };
      if (f.type === 'number') return numberFor(f, n);
      if (!TEXTUAL.has(f.type) || f.tag !== 'input') return { ok: false, why: 'type' };
      return text(w.kind === 'money' ? (w.cents / 100).toFixed(2).replace('.', ',') : frDecimal(n));
    }
  }
}

/** Whether what a field shows now is the value it was given (`"1,0"` and `"1"` are one quantity; a date is a date). */
export function holds(f: FieldShape, shown: string, written: string): boolean {
  if (shown === written) return true;
  if (f.type === 'checkbox') return false;
  const num = (s: string) => (/^-?\d+([.,]\d+)?$/.test(s.trim()) ? Number(s.trim().replace(',', '.')) : NaN);
  const a = num(shown);
  const b = num(written);
  if (!Number.isNaN(a) && !Number.isNaN(b)) return Math.abs(a - b) < 1e-9;
  return norm(shown) === norm(written);
}
