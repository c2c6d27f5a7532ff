import { describe, expect, it } from 'vitest';
import { nextAttemptAt, WEBHOOK_RETRY_DELAYS_SECONDS } from './retry';

describe('webhook retry schedule', () => {
  const t0 = new Date('2026-11-02T10:00:00Z');
  it('retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up', () => {
    const gaps = [1, 2, 3, 4, 5, 6, 7].map((n) => (nextAttemptAt(WEBHOOK_RETRY_DELAYS_SECONDS, n, t0)!.getTime() - t0.getTime()) / 1000);
    expect(gaps).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(nextAttemptAt(WEBHOOK_RETRY_DELAYS_SECONDS, 8, t0)).toBeNull();
  });
});
