import { sumCents, type Cents } from '../money';

/** A difference of more than this between what was expected and what arrived is flagged (rounding is not a difference). */
export const PAYMENT_TOLERANCE_CENTS = 1;

export type PaymentIn = { paidOn: string; amountCents: Cents };

/**
 * What arrived against an expected amount: the sum, the difference (received − expected, negative when short)
 * and whether it is flagged (more than a cent away). `settled`: the last payment was not a partial one, or the
 * sum reached the expected amount.
 * @example paymentPosition(61_750, [{ paidOn: '2026-05-07', amountCents: 61_700 }], false)
 * // { receivedCents: 61_700, differenceCents: -50, flagged: true, settled: true }
 */
export function paymentPosition(expectedCents: Cents, payments: readonly PaymentIn[], lastIsPartial: boolean) {
  const receivedCents = sumCents(payments.map((p) => p.amountCents));
  const differenceCents = receivedCents - expectedCents;
  const settled = payments.length > 0 && (!lastIsPartial || differenceCents >= -PAYMENT_TOLERANCE_CENTS);
  return { receivedCents, differenceCents, flagged: settled && Math.abs(differenceCents) > PAYMENT_TOLERANCE_CENTS, settled };
}
