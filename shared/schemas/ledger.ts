import * as v from 'valibot';
import { CentsAmount, IsoDateString, PositiveCents, Quantity } from './common';

/** A payout received or a client's payment: the date, the amount (default: the one expected), whether more is to come. */
export const PaymentBody = v.object({
  paidOn: IsoDateString,
  amountCents: v.optional(CentsAmount),
  partial: v.optional(v.boolean(), false),
});
export type PaymentBody = v.InferOutput<typeof PaymentBody>;

/** The invoice uploaded to the portal (manual mode): when, and the PDF's size (the portal's checklist: under 10 MB). */
export const UploadBody = v.object({
  uploadedOn: IsoDateString,
  pdfBytes: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1, 'must be positive'))),
});
export type UploadBody = v.InferOutput<typeof UploadBody>;

/** The portal validated the uploaded invoice: the payout clock starts. */
export const UploadValidatedBody = v.object({ validatedOn: IsoDateString });

/** The portal's invoice entered by hand, when no overlay saw it. */
export const PortalInvoiceBody = v.object({
  number: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(60)),
  issuedOn: IsoDateString,
  totalCents: CentsAmount,
  netCents: v.optional(CentsAmount),
  vatCents: v.optional(CentsAmount),
  feeCents: v.optional(CentsAmount),
  days: v.optional(v.pipe(Quantity, v.minValue(0), v.maxValue(31))),
  dailyRateCents: v.optional(PositiveCents),
  pdfBytes: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1, 'must be positive'))),
});
export type PortalInvoiceBody = v.InferOutput<typeof PortalInvoiceBody>;

/** Settling a conflict between what the user entered and what a portal showed. */
export const SettleConflictBody = v.object({ keep: v.picklist(['user', 'portal'], 'must be user or portal') });
