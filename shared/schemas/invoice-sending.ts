import * as v from 'valibot';

/**
 * `POST /v1/invoices/:id/send`: email an invoice, or one of its reminders, to the client.
 * `to` is the address the freelancer saw and confirmed (it must be the mission's `clientEmail`);
 * `confirmed: true` is their explicit yes for this one sending (the extension asks each time).
 */
export const InvoiceSendBody = v.object({
  to: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email('must be an email address'), v.maxLength(254)),
  kind: v.picklist(['invoice', 'reminder'], 'must be invoice or reminder'),
  /** A reminder's dunning step (1 courteous, 2 firm, 3 formal notice); default the step reached today. */
  step: v.optional(v.picklist([1, 2, 3], 'must be 1, 2 or 3')),
  /** The letter's language; default French for clients in FR, BE, LU, MC, CH, else English. */
  locale: v.optional(v.picklist(['fr', 'en'], 'must be fr or en')),
  confirmed: v.literal(true, 'must be true: the freelancer confirms each sending'),
});
export type InvoiceSendBody = v.InferOutput<typeof InvoiceSendBody>;
