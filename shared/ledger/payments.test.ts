import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paymentPosition } from './payments';

describe('paymentPosition', () => {
  it('flags a payout a cent and a half off, not one a cent off', () => {
    expect(paymentPosition(61_750, [{ paidOn: '2026-05-07', amountCents: 61_749 }], false)).toEqual({ receivedCents: 61_749, differenceCents: -1, flagged: false, settled: true });
    expect(paymentPosition(61_750, [{ paidOn: '2026-05-07', amountCents: 61_748 }], false).flagged).toBe(true);
  });
  it('keeps a partial payment open until the sum is reached', () => {
    expect(paymentPosition(100_000, [{ paidOn: '2026-05-07', amountCents: 40_000 }], true)).toMatchObject({ settled: false, flagged: false, differenceCents: -60_000 });
    expect(paymentPosition(100_000, [{ paidOn: '2026-05-07', amountCents: 40_000 }, { paidOn: '2026-05-09', amountCents: 60_000 }], true)).toMatchObject({ settled: true, flagged: false });
  });
  it('received − expected is the difference, whatever the split', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 6 }), (expected, parts) => {
      const p = paymentPosition(expected, parts.map((amountCents) => ({ paidOn: '2026-01-01', amountCents })), false);
      expect(p.receivedCents - expected).toBe(p.differenceCents);
      expect(p.flagged).toBe(Math.abs(p.differenceCents) > 1);
    }));
  });
});
