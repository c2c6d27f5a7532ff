import type { LittleBigCraPage, CraPortalState, PortalExpense } from '../../../shared/portals/littlebig';
import { pathOf, readWith, type PageAdapter, type ReadResult } from '../adapter';
import { apply as applyOps, type ApplyResult, type Operation } from '../apply';
import { daysInMonth, dayOf, frCents, frDate, frMonth, frNumber, frQuantity, toFrDate } from '../parse';
import { all, changed, keysOf, one, textOf, within } from '../selectors';
import { LITTLEBIG_PATHS } from './paths';
import { LITTLEBIG_CRA } from './selectors';

/** `/missions/M-48213/cra/2026-10` (and the same under any host a user granted). */
const CRA_PATH = LITTLEBIG_PATHS.cra;

// Order matters: "En attente de validation" is submitted, not validated.
const STATES: [RegExp, CraPortalState][] = [
  [/refus/i, 'refused'],
  [/attente|soumis/i, 'submitted'],
  [/valid/i, 'validated'],
  [/compl|brouillon|remplir/i, 'draft'],
];

/** What Relais wants the month to show: its days and its lines (expenses are compared, not typed in). */
export type DesiredCra = { days: Record<string, number>; lines?: readonly { kind: string; label: string; amountCents: number }[] };

export type PlanNote =
  | { kind: 'locked_month'; state: CraPortalState }
  | { kind: 'locked_day'; date: string; quantity: number }
  | { kind: 'unsupported_quantity'; date: string; quantity: number }
  | { kind: 'expense_missing'; label: string; amountCents: number };

export type CraPlan = { ops: Operation[]; notes: PlanNote[] };

export type DayDiff = { date: string; portal: number | null; relais: number | null; locked: boolean };

function readExpense(row: Element): PortalExpense | undefined {
  const cells = within(row, LITTLEBIG_CRA, 'expenseCell').map(textOf);
  const amountCents = frCents(cells[1] ?? '');
  const vat = frNumber(cells[2] ?? '');
  if (amountCents === undefined) return undefined;
  return { label: cells[0] ?? '', amountCents, vatRateBps: vat === null || Number.isNaN(vat) ? 0 : Math.round(vat * 100), ...(cells[3] ? { receiptRef: cells[3] } : {}) };
}

/** The CRA calendar of one mission month. */
export const craAdapter = {
  portal: 'littlebig',
  page: 'cra',
  map: LITTLEBIG_CRA,
  keys: keysOf(LITTLEBIG_CRA),
  matches: (url: string | URL) => CRA_PATH.test(pathOf(url)),
  read(doc: Document): ReadResult<LittleBigCraPage> {
    return readWith(doc, craAdapter, () => {
      const month = frMonth(textOf(one(doc, LITTLEBIG_CRA, 'monthLabel')));
      if (!month) return changed('monthLabel', 0);
      const cells = all(doc, LITTLEBIG_CRA, 'dayCell');
      // One cell per day of the month, in order: anything else and we would type into the wrong day.
      if (cells.length !== daysInMonth(month)) return changed('dayCell', cells.length, daysInMonth(month));
      const days: Record<string, number> = {};
      const lockedDays: string[] = [];
      for (const [i, cell] of cells.entries()) {
        const date = dayOf(month, i + 1);
        const label = cell.getAttribute('aria-label') ?? '';
        if (!new RegExp(`\\b${i + 1}\\b`).test(label)) return changed('dayCell', i);
        const input = within(cell, LITTLEBIG_CRA, 'dayInput')[0] as HTMLInputElement;
        const q = frNumber(input.value);
        if (q !== null) days[date] = q;
        if (input.disabled && cell.getAttribute('aria-disabled') === 'true') lockedDays.push(date);
      }
      const status = textOf(one(doc, LITTLEBIG_CRA, 'status'));
      const state = STATES.find(([re]) => re.test(status))?.[1];
      if (!state) return changed('status', 0);
      const validatedOn = frDate(textOf(one(doc, LITTLEBIG_CRA, 'validation')));
      const refusal = textOf(one(doc, LITTLEBIG_CRA, 'refusalComment'));
      const expenses = all(doc, LITTLEBIG_CRA, 'expenseRow').map(readExpense);
      if (expenses.some((e) => !e)) return changed('expenseCell', 0, 4);
      return {
        missionRef: textOf(one(doc, LITTLEBIG_CRA, 'missionRef')),
        month,
        state,
        days,
        lockedDays,
        expenses,
        ...(validatedOn ? { validatedOn } : {}),
        ...(refusal ? { refusalComment: refusal } : {}),
      };
    });
  },
} satisfies PageAdapter<LittleBigCraPage> & { keys: readonly (keyof typeof LITTLEBIG_CRA)[] };

/** The mission and month a CRA URL names, before the page has rendered. */
export function craUrlParts(url: string | URL): { missionRef: string; month: string } | null {
  const m = CRA_PATH.exec(pathOf(url));
  return m ? { missionRef: decodeURIComponent(m[1]!), month: m[2]! } : null;
}

/** Every day either side has, with whether they differ. */
export function compareDays(model: LittleBigCraPage, desired: DesiredCra): DayDiff[] {
  const out: DayDiff[] = [];
  for (let d = 1; d <= daysInMonth(model.month); d++) {
    const date = dayOf(model.month, d);
    const portal = model.days[date] ?? null;
    const relais = desired.days[date] ?? null;
    out.push({ date, portal, relais, locked: model.lockedDays.includes(date) });
  }
  return out;
}

/**
 * The operations that make the portal's month show Relais' days: set what differs, clear
 * what Relais does not have. A submitted or validated month is never touched; a day the
 * portal locks (weekend, holiday) or a quantity it cannot take (a quarter day) is a note.
 * Run again on the page read after a fill, it is the verification: what it still plans is what
 * the page did not keep.
 * @example planCra(blankOctober2026, { days: { '2026-10-01': 1 } }).ops
 * // [{ kind: 'set', key: 'dayInput', index: 0, from: '', to: '1', label: '01/10/2026' }]
 */
export function planCra(model: LittleBigCraPage, desired: DesiredCra): CraPlan {
  const ops: Operation[] = [];
  const notes: PlanNote[] = [];
  if (model.state === 'submitted' || model.state === 'validated') return { ops, notes: [{ kind: 'locked_month', state: model.state }] };
  for (const diff of compareDays(model, desired)) {
    const { date, portal, relais, locked } = diff;
    if (relais === portal || (relais === 0 && portal === null && locked)) continue;
    if (locked) {
      if (relais) notes.push({ kind: 'locked_day', date, quantity: relais });
      continue;
    }
    if (relais !== null && relais !== 0 && relais !== 0.5 && relais !== 1) {
      notes.push({ kind: 'unsupported_quantity', date, quantity: relais });
      continue;
    }
    ops.push({ kind: 'set', key: 'dayInput', index: +date.slice(8) - 1, from: portal === null ? '' : frQuantity(portal), to: relais === null ? '' : frQuantity(relais), label: toFrDate(date) });
  }
  for (const line of desired.lines ?? []) {
    if (line.kind !== 'expense') continue;
    if (!model.expenses.some((e) => e.amountCents === line.amountCents)) notes.push({ kind: 'expense_missing', label: line.label, amountCents: line.amountCents });
  }
  return { ops, notes };
}

export const applyCra = (doc: Document, plan: CraPlan): ApplyResult => applyOps(doc, LITTLEBIG_CRA, plan.ops);

/** The CRA's submit button, when the page offers one. */
export const submitOperation = (doc: Document): Operation | null => (one(doc, LITTLEBIG_CRA, 'submit') ? { kind: 'click', key: 'submit', index: 0, label: 'submit' } : null);
