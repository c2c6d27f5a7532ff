import * as v from 'valibot';
import { CentsAmount, IsoDateString, IsoMonthString, RateBps } from '../schemas/common';

/**
 * What the LittleBIG Connection pages show, as the overlay reads them (test/fixtures/portals/
 * README.md says which seed passage each page reproduces). The API validates the observations
 * an overlay sends with the same schemas.
 */

/** A mission's identifier as the portal shows it (`M-48213`); Relais missions carry it as `portalRef`. */
export const PortalMissionRef = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100));

/** A day on the portal's CRA calendar takes 1, a half day or nothing. */
export const PortalDayQuantity = v.picklist([0, 0.5, 1]);
export type PortalDayQuantity = v.InferOutput<typeof PortalDayQuantity>;

/** The CRA's state as the portal's status badge says it, in Relais' words. */
export const CraPortalState = v.picklist(['draft', 'submitted', 'validated', 'refused']);
export type CraPortalState = v.InferOutput<typeof CraPortalState>;

export const PortalExpense = v.object({
  label: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
  amountCents: CentsAmount,
  vatRateBps: RateBps,
  receiptRef: v.optional(v.pipe(v.string(), v.maxLength(100))),
});
export type PortalExpense = v.InferOutput<typeof PortalExpense>;

/** A day whose input the portal disables (weekend, holiday, or the whole month once submitted). */
export const LittleBigCraPage = v.pipe(
  v.object({
    missionRef: PortalMissionRef,
    month: IsoMonthString,
    state: CraPortalState,
    /** Every day of the month that has a value on the page; blank days are absent. */
    days: v.record(IsoDateString, PortalDayQuantity),
    /** Days whose input is disabled on the page (weekends and holidays while editable). */
    lockedDays: v.array(IsoDateString),
    expenses: v.array(PortalExpense),
    validatedOn: v.optional(IsoDateString),
    refusalComment: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  }),
  v.check((p) => Object.keys(p.days).every((d) => d.startsWith(p.month)), 'every day belongs to the month'),
  v.check((p) => p.state !== 'validated' || !!p.validatedOn, 'a validated CRA shows its validation date'),
);
export type LittleBigCraPage = v.InferOutput<typeof LittleBigCraPage>;

/** One mission card: its purchase order and how much of its budget is consumed. */
export const LittleBigMission = v.object({
  missionRef: PortalMissionRef,
  title: v.string(),
  status: v.picklist(['running', 'ended', 'other']),
  purchaseOrder: v.optional(v.string()),
  consumedDays: v.optional(v.number()),
  budgetDays: v.optional(v.number()),
  consumedCents: v.optional(CentsAmount),
  budgetCents: v.optional(CentsAmount),
});
export type LittleBigMission = v.InferOutput<typeof LittleBigMission>;

export const LittleBigMissionsPage = v.object({ missions: v.array(LittleBigMission) });
export type LittleBigMissionsPage = v.InferOutput<typeof LittleBigMissionsPage>;

/**
 * An invoice's status on the portal: a specimen until its finance team validates it, then
 * issued; cancelled by a credit note; paid by the client (back-to-back); paid to the freelancer.
 */
export const PortalInvoiceStatus = v.picklist(['specimen', 'issued', 'cancelled', 'client_paid', 'paid']);
export type PortalInvoiceStatus = v.InferOutput<typeof PortalInvoiceStatus>;

export const LittleBigInvoice = v.object({
  number: v.pipe(v.string(), v.minLength(1), v.maxLength(60)),
  missionRef: PortalMissionRef,
  month: IsoMonthString,
  totalCents: CentsAmount,
  status: PortalInvoiceStatus,
  /** The payment date column: the client's payment for `client_paid`, ours for `paid`. */
  paidOn: v.optional(IsoDateString),
});
export type LittleBigInvoice = v.InferOutput<typeof LittleBigInvoice>;

export const LittleBigInvoicesPage = v.object({ invoices: v.array(LittleBigInvoice) });
export type LittleBigInvoicesPage = v.InferOutput<typeof LittleBigInvoicesPage>;
