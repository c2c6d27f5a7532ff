import * as v from 'valibot';
import { CentsAmount, IsoDateString } from '../schemas/common';
import { SmartContractType } from '../schemas/mission';

/**
 * What the SMart BE pages show (seed smart-be-quote-order.fr.txt): the quote (devis) form
 * being encoded, and the list of quotes with the state the client's answer gave them.
 */

/** The quote form as it stands; a blank field is absent. */
export const SmartQuoteForm = v.object({
  client: v.optional(v.pipe(v.string(), v.maxLength(200))),
  startsOn: v.optional(IsoDateString),
  endsOn: v.optional(IsoDateString),
  days: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(366))),
  amountCents: v.optional(CentsAmount),
  contractType: v.optional(SmartContractType),
  partTime: v.boolean(),
  /** SMart's own estimate of the gross salary per day, when the form shows one. */
  dailyGrossCents: v.optional(CentsAmount),
});
export type SmartQuoteForm = v.InferOutput<typeof SmartQuoteForm>;

/** Sent to the client, approved or refused by them online, or cancelled by the member. */
export const SmartQuoteState = v.picklist(['draft', 'sent', 'approved', 'refused', 'cancelled']);
export type SmartQuoteState = v.InferOutput<typeof SmartQuoteState>;

export const SmartQuote = v.object({
  number: v.pipe(v.string(), v.minLength(1), v.maxLength(60)),
  client: v.string(),
  startsOn: v.optional(IsoDateString),
  endsOn: v.optional(IsoDateString),
  amountCents: CentsAmount,
  state: SmartQuoteState,
});
export type SmartQuote = v.InferOutput<typeof SmartQuote>;

export const SmartQuoteList = v.object({ quotes: v.array(SmartQuote) });
export type SmartQuoteList = v.InferOutput<typeof SmartQuoteList>;
