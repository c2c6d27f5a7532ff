import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxEventsWithin, maxLiveCodes, retryAfterMs, SIGN_IN_TIERS, takeoverProbability, type Tier } from './sign-in-limits';

const DAY = 86_400_000;

/** A greedy attacker: an event whenever every sliding window has room, at `stepMs` resolution. */
function greedy(tiers: Tier[], spanMs: number, stepMs: number): number {
  const at: number[] = [];
  for (let t = 0; t < spanMs; t += stepMs) {
    while (tiers.every((tier) => at.filter((a) => a > t - tier.windowMs).length < tier.limit)) at.push(t);
  }
  return at.length;
}

describe('sign-in limits', () => {
  it('keep a chosen account safe: below 1 in 10 000 per day at any rate', () => {
    expect(maxEventsWithin(SIGN_IN_TIERS.failure.email, DAY)).toBe(20);
    expect(maxLiveCodes()).toBe(3);
    expect(takeoverProbability(DAY)).toBeCloseTo(6e-5, 12);
    expect(takeoverProbability(DAY)).toBeLessThan(1e-4);
  });

  it('admit no more than the bound for any greedy schedule', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 30 }), (limit, windowSteps, stepMin) => {
      const tiers = [{ limit, windowMs: windowSteps * 60_000 }, { limit: limit * 3, windowMs: windowSteps * 5 * 60_000 }];
      const span = 60 * 60_000;
      expect(greedy(tiers, span, stepMin * 60_000)).toBeLessThanOrEqual(maxEventsWithin(tiers, span));
    }), { numRuns: 50 });
    expect(greedy(SIGN_IN_TIERS.failure.email, DAY, 60_000)).toBe(20);
  });

  it('says when a full window frees a place', () => {
    const tiers = [{ limit: 2, windowMs: 1000 }];
    expect(retryAfterMs(tiers, [[100, 400]], 500)).toBe(600);
    expect(retryAfterMs(tiers, [[400]], 500)).toBe(0);
  });
});
