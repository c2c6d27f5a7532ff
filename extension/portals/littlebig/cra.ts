import type { LittleBigCraPage, CraPortalState, PortalExpense } from '../../../shared/portals/littlebig';
import { pathOf, readWith, type PageAdapter, type ReadResult } from '../adapter';
import type { Operation } from '../apply';
import { chooseSubmit, PRESSABLE } from '../protocol/buttons';
import { fullDateOf, monthsOf } from '../protocol/dates';
import { identityOf, type IdentitySource } from '../protocol/identity';
import { daysInMonth, dayOf, frCents, frDate, frNumber, frQuantity, toFrDate } from '../parse';
import { all, changed, keysOf, one, textOf, within } from '../selectors';
import { LITTLEBIG_PATHS } from './paths';
import { LITTLEBIG_CRA } from './selectors';

/** `/missions/M-48213/cra/2026-10` (and the same under any host a user granted). */
const CRA_PATH = LITTLEBIG_PATHS.cra;

// Order matters: "En attente de validation" is submitted, not validated.
const STATES: [RegExp, CraPortalState][] = [
  [/refus|reject|declin/i, 'refused'],
  [/attente|soumis|submitted|pending|awaiting/i, 'submitted'],
  [/valid|approv/i, 'validated'],
  [/compl|brouillon|remplir|draft|to fill/i, 'draft'],
];

/** What Relais wants the month to show: its days and its lines (expenses are compared, not typed in). */
export type DesiredCra = { days: Record<string, number>; lines?: readonly { kind: string; label: string; amountCents: number }[] };

export type PlanNote =
  | { kind: 'locked_month'; state: CraPortalState }
  | { kind: 'locked_day'; date: string; quantity: number }
  | { kind: 'unsupported_quantity'; date: string; quantity: number }
  | { kind: 'expense_missing'; label: string; amountCents: number }
  | { kind: 'empty_month' };

export type CraPlan = { ops: Operation[]; notes: PlanNote[] };

export type DayDiff = { date: string; portal: number | null; relais: number | null; locked: boolean };

function readExpense(row: Element): PortalExpense | undefined {
  const cells = within(row, LITTLEBIG_CRA, 'expenseCell').map(textOf);
  const amountCents = frCents(cells[1] ?? '');
  const vat = frNumber(cells[2] ?? '');
  if (amountCents === undefined) return undefined;
  return { label: cells[0] ?? '', amountCents, vatRateBps: vat === null || Number.isNaN(vat) ? 0 : Math.round(vat * 100), ...(cells[3] ? { receiptRef: cells[3] } : {}) };
}

/** Why a page that reads is still not one Relais acts on: its sources disagree, or its signals contradict each other. */
export type CraUnknown = { why: 'identity'; disagree: { source: IdentitySource; saw: string }[] } | { why: 'inconsistent'; signals: ('calendars' | 'duplicates' | 'cell_dates' | 'editable_locked')[] };

/** The full date a day cell carries: its own data-date or label, its input's label; none, or two that differ, is none. */
function cellDate(cell: Element, input: HTMLInputElement | undefined): { date?: string; contradicts: boolean } {
  const texts = [cell.getAttribute('data-date'), cell.getAttribute('aria-label'), cell.querySelector('time')?.getAttribute('datetime'), input?.getAttribute('data-date'), input?.getAttribute('aria-label'), ...Array.from(input?.labels ?? [], (l) => l.textContent)];
  const dates = new Set(texts.map((t) => (t ? fullDateOf(t) : undefined)).filter((d): d is string => !!d));
  return { date: dates.size === 1 ? [...dates][0] : undefined, contradicts: dates.size > 1 };
}

/** A day input the user (and so Relais) can change. */
const editable = (input: HTMLInputElement) => !input.disabled && !input.readOnly && input.getAttribute('aria-disabled') !== 'true';

/** The CRA calendar of one mission month. */
export const craAdapter = {
  portal: 'littlebig',
  page: 'cra',
  map: LITTLEBIG_CRA,
  keys: keysOf(LITTLEBIG_CRA),
  matches: (url: string | URL) => CRA_PATH.test(pathOf(url)),
  read(doc: Document, url: string = doc.URL): ReadResult<LittleBigCraPage, CraUnknown> {
    return readWith(doc, craAdapter, () => {
      const calendars = all(doc, LITTLEBIG_CRA, 'calendar');
      const cells = all(doc, LITTLEBIG_CRA, 'dayCell');
      const signals: Extract<CraUnknown, { why: 'inconsistent' }>['signals'] = [];
      if (calendars.length > 1) signals.push('calendars');
      const byDate = new Map<string, HTMLInputElement>();
      const cellOf = new Map<string, Element>();
      for (const [i, cell] of cells.entries()) {
        const input = within(cell, LITTLEBIG_CRA, 'dayInput')[0] as HTMLInputElement | undefined;
        const { date, contradicts } = cellDate(cell, input);
        if (contradicts) signals.push('cell_dates');
        else if (!date) return changed('dayCell', i);
        else if (byDate.has(date)) signals.push('duplicates');
        else {
          byDate.set(date, input!);
          cellOf.set(date, cell);
        }
      }
      const status = textOf(one(doc, LITTLEBIG_CRA, 'status'));
      const state = STATES.find(([re]) => re.test(status))?.[1];
      if (!state) return changed('status', 0);
      // A locked state with inputs still open: the chip and the form say different things.
      if ((state === 'submitted' || state === 'validated') && [...byDate.values()].some(editable)) signals.push('editable_locked');
      if (signals.length) return { unknown: { why: 'inconsistent', signals: [...new Set(signals)] } };

      const headingMonths = [...new Set([...all(doc, LITTLEBIG_CRA, 'monthLabel').map(textOf), ...calendars.map((c) => c.getAttribute('aria-label') ?? '')].flatMap(monthsOf))];
      const cellMonths = [...new Set([...byDate.keys()].map((d) => d.slice(0, 7)))];
      const missionRefs = [...new Set(all(doc, LITTLEBIG_CRA, 'missionRef').map((el) => el.getAttribute('data-mission-ref') || textOf(el)).filter(Boolean))];
      const identity = identityOf({ url: craUrlParts(url), headingMonths, cellMonths, missionRefs });
      if (!identity.ok) return { unknown: { why: 'identity', disagree: identity.disagree } };
      const month = identity.month;
      // Every day of the month, once: anything else and a day could land in another.
      if (byDate.size !== daysInMonth(month)) return changed('dayCell', byDate.size, daysInMonth(month));

      const days: Record<string, number> = {};
      const lockedDays: string[] = [];
      for (const [date, input] of [...byDate].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const q = frNumber(input.value);
        if (q !== null && !Number.isNaN(q)) days[date] = q;
        else if (Number.isNaN(q)) return changed('dayInput', 0);
        // Locked: a day the portal does not take (weekend, holiday), whatever the month's state.
        const cell = cellOf.get(date)!;
        const off = cell.getAttribute('aria-disabled') === 'true' || /--off\b/.test(cell.className);
        if (!editable(input) && (off || state === 'draft' || state === 'refused')) lockedDays.push(date);
      }
      const validatedOn = frDate(textOf(one(doc, LITTLEBIG_CRA, 'validation')));
      const refusal = textOf(one(doc, LITTLEBIG_CRA, 'refusalComment'));
      const expenses = all(doc, LITTLEBIG_CRA, 'expenseRow').map(readExpense);
      if (expenses.some((e) => !e)) return changed('expenseCell', 0, 4);
      return {
        missionRef: identity.missionRef,
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

/** The input of the day `date` on the page as it is now (found by the cell's own date). */
export function dayInputOf(doc: Document, date: string): HTMLInputElement | null {
  for (const cell of all(doc, LITTLEBIG_CRA, 'dayCell')) {
    const input = within(cell, LITTLEBIG_CRA, 'dayInput')[0] as HTMLInputElement | undefined;
    if (cellDate(cell, input).date === date) return input ?? null;
  }
  return null;
}

/** The mission and month a CRA URL names (`/missions/M-48213/cra/2026-10`, or www's `/rfp/48213#/cra/2026-10`), before the page has rendered. */
export function craUrlParts(url: string | URL): { missionRef: string; month: string } | null {
  const m = CRA_PATH.exec(pathOf(url));
  if (!m) return null;
  return { missionRef: decodeURIComponent(m[1] ?? m[3]!), month: (m[2] ?? m[4])! };
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
  // Relais holds no day of this month: nothing to fill, and certainly not the portal's days to empty.
  if (!Object.values(desired.days).some((q) => q > 0)) return { ops, notes: [{ kind: 'empty_month' }] };
  for (const diff of compareDays(model, desired)) {
    const { date, portal, relais, locked } = diff;
    if (relais === portal || (relais === 0 && portal === null) || (relais === null && portal === 0)) continue;
    if (locked) {
      if (relais) notes.push({ kind: 'locked_day', date, quantity: relais });
      continue;
    }
    if (relais !== null && relais !== 0 && relais !== 0.5 && relais !== 1) {
      notes.push({ kind: 'unsupported_quantity', date, quantity: relais });
      continue;
    }
    // Emptying a day the portal holds that Relais does not have is its own line, written only when ticked
    // (a 0 the user typed in Relais is a value like any other).
    const clear = relais === null && portal !== null;
    ops.push({ kind: 'set', key: 'dayInput', index: +date.slice(8) - 1, date, from: portal === null ? '' : frQuantity(portal), to: relais === null ? '' : frQuantity(relais), label: toFrDate(date), wanted: { kind: 'quantity', value: relais || null }, ...(clear ? { clear } : {}) });
  }
  for (const line of desired.lines ?? []) {
    if (line.kind !== 'expense') continue;
    if (!model.expenses.some((e) => e.amountCents === line.amountCents)) notes.push({ kind: 'expense_missing', label: line.label, amountCents: line.amountCents });
  }
  return { ops, notes };
}

/** The labels LittleBIG's CRA submit carries (French and English): the only button Relais ever presses there. */
export const CRA_SUBMIT_LABELS = ['Soumettre', 'Soumettre le CRA', 'Soumettre à nouveau', 'Soumettre pour validation', 'Envoyer le CRA', 'Envoyer pour validation', 'Submit', 'Submit timesheet', 'Submit activity report', 'Submit for approval', 'Submit for validation', 'Send for approval', 'Resubmit'];

/**
 * The page's one submit button, by meaning (protocol/buttons.ts). The overlay gets the labels
 * with Relais' month from the background (`portal.month`), so the list stays out of its bundle.
 */
export const craSubmit = (doc: Document, labels: readonly string[]) => chooseSubmit(one(doc, LITTLEBIG_CRA, 'craPage')?.querySelectorAll(PRESSABLE) ?? [], labels);
