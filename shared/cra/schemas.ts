import * as v from 'valibot';

/**
 * API bodies of a CRA (DOMAIN.md, "Activity reports (CRA)"): the days of the month and
 * the extra lines (expenses, on-call, overtime, corrections of an earlier month).
 * Rules that need the month or the mission live in `check.ts`.
 */

export { IsoDateString, IsoMonthString } from '../schemas/common';
import { CleanText, IsoDateString, IsoMonthString, MAX_AMOUNT_CENTS } from '../schemas/common';

export const CraLineKind = v.picklist(['expense', 'on_call', 'overtime', 'correction']);
export type CraLineKind = v.InferOutput<typeof CraLineKind>;

const Label = v.pipe(v.string(), CleanText, v.trim(), v.minLength(1, 'A label is required'), v.maxLength(200));
/** Amounts are excluding VAT (HT), in cents; the line's VAT rate applies on top. */
const PositiveAmount = v.pipe(v.number(), v.safeInteger('Amounts are integer cents'), v.minValue(0), v.maxValue(MAX_AMOUNT_CENTS, 'must be at most 10 000 000 €'));
const VatRateBps = v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)), 0);

export const ExpenseLine = v.object({
  kind: v.literal('expense'),
  label: Label,
  amountCents: PositiveAmount,
  vatRateBps: VatRateBps,
  receiptRef: v.optional(v.pipe(v.string(), CleanText, v.trim(), v.maxLength(100))),
});
export type ExpenseLine = v.InferOutput<typeof ExpenseLine>;

export const OnCallLine = v.object({
  kind: v.literal('on_call'),
  label: Label,
  amountCents: PositiveAmount,
  vatRateBps: VatRateBps,
});
export type OnCallLine = v.InferOutput<typeof OnCallLine>;

export const OvertimeLine = v.object({
  kind: v.literal('overtime'),
  label: Label,
  amountCents: PositiveAmount,
  vatRateBps: VatRateBps,
});
export type OvertimeLine = v.InferOutput<typeof OvertimeLine>;

/**
 * A validated CRA is locked for ever: a mistake is fixed on a later month's CRA by a
 * correction line naming the month it corrects; it may take money back (negative).
 */
export const CorrectionLine = v.object({
  kind: v.literal('correction'),
  label: Label,
  amountCents: v.pipe(
    v.number(),
    v.safeInteger('Amounts are integer cents'),
    v.check((n) => n !== 0, 'A correction cannot be zero'),
    v.check((n) => Math.abs(n) <= MAX_AMOUNT_CENTS, 'must be at most 10 000 000 € either way'),
  ),
  vatRateBps: VatRateBps,
  correctsMonth: IsoMonthString,
});
export type CorrectionLine = v.InferOutput<typeof CorrectionLine>;

export const CraLine = v.variant('kind', [ExpenseLine, OnCallLine, OvertimeLine, CorrectionLine]);
export type CraLine = v.InferOutput<typeof CraLine>;

/** Quantities by date. A month has at most 31 days; `checkCra` says which keys belong. */
export const CraDays = v.pipe(
  v.record(IsoDateString, v.number()),
  v.check((days) => Object.keys(days).length <= 31, 'A CRA holds at most 31 days'),
);
export type CraDays = v.InferOutput<typeof CraDays>;

export const CraBody = v.object({
  days: CraDays,
  lines: v.optional(v.pipe(v.array(CraLine), v.maxLength(62, 'At most 62 lines')), []),
});
export type CraBody = v.InferOutput<typeof CraBody>;

/**
 * What the CRA functions read: a parsed `CraBody`, or a CRA loaded from storage whose
 * lines may be absent. Every `CraBody` is a `CraContent`.
 */
export type CraContent = { days: Readonly<Record<string, number>>; lines?: readonly CraLine[] };
