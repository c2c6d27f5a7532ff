import { setNativeChecked, setNativeValue, type Operation } from '../apply';
import { shapeOf, typedValue, holds, type FieldRefusal, type FieldShape } from './typed';

/**
 * Writes in two passes: every field found and every value formatted for its field first;
 * only when all of them can be written is anything written. Then the written fields are
 * read back, found again each time (a portal that re-renders replaces its elements).
 */

export type Locate = (op: Operation) => Element | null;
export type Refusal = { label: string; why: FieldRefusal | 'missing' };
export type Written = { op: Operation; value: string; shape: FieldShape };
export type Mismatch = { label: string; expected: string; found: string };

/** The refusals, or the writes to make: nothing is written here. */
export function prepare(ops: readonly Operation[], locate: Locate): { ok: true; writes: Written[] } | { ok: false; refusals: Refusal[] } {
  const writes: Written[] = [];
  const refusals: Refusal[] = [];
  for (const op of ops) {
    if (op.kind === 'click') continue;
    const el = locate(op);
    const shape = el && shapeOf(el);
    if (!shape) {
      refusals.push({ label: op.label, why: 'missing' });
      continue;
    }
    const typed = typedValue(shape, op.kind === 'check' ? { kind: 'bool', value: op.to } : (op.wanted ?? { kind: 'text', value: op.to }));
    if (typed.ok) writes.push({ op, value: typed.value, shape });
    else refusals.push({ label: op.label, why: typed.why });
  }
  return refusals.length ? { ok: false, refusals } : { ok: true, writes };
}

/** Writes what `prepare` allowed, the way a user's typing reaches a framework. */
export function write(writes: readonly Written[], locate: Locate): void {
  for (const w of writes) {
    const el = locate(w.op) as HTMLInputElement | null;
    if (!el) continue;
    if (w.shape.type === 'checkbox') setNativeChecked(el, w.value === 'true');
    else setNativeValue(el, w.value);
  }
}

/** The written fields that do not show what was written now (vanished, reverted, reformatted to another value). */
export function readBack(writes: readonly Written[], locate: Locate): Mismatch[] {
  const out: Mismatch[] = [];
  for (const w of writes) {
    const el = locate(w.op) as HTMLInputElement | null;
    const found = !el ? '—' : w.shape.type === 'checkbox' ? String(el.checked) : el.value;
    if (!el || !holds(w.shape, found, w.value)) out.push({ label: w.op.label, expected: w.value, found });
  }
  return out;
}
