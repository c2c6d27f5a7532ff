import type { Tier } from '../auth/sign-in-limits';

const MINUTE = 60_000;

/**
 * Test pings (`POST /v1/webhooks/:id/test`) in any sliding window, per endpoint and per user:
 * enough to debug a receiver, too few to probe ports (changing the URL keeps the endpoint's count).
 */
export const PING_TIERS: Record<'endpoint' | 'user', Tier[]> = {
  endpoint: [{ limit: 5, windowMs: MINUTE }, { limit: 30, windowMs: 60 * MINUTE }],
  user: [{ limit: 10, windowMs: MINUTE }, { limit: 60, windowMs: 60 * MINUTE }],
};
