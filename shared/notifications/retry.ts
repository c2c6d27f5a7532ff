/**
 * Webhook retry schedule (Standard Webhooks' recommended backoff, as Svix runs it): after
 * the first attempt fails, retry after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h. That is
 * 8 attempts over about 27.5 hours; then the message is marked failed.
 * https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 */
export const WEBHOOK_RETRY_DELAYS_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600] as const;

/** Email retries are shorter: an SMTP relay is either back within hours or misconfigured. */
export const EMAIL_RETRY_DELAYS_SECONDS = [60, 10 * 60, 60 * 60, 6 * 3600] as const;

/** An endpoint whose deliveries have failed without a single success for this long is disabled. */
export const ENDPOINT_FAILING_DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;

/**
 * When to try again after `attempts` failed attempts, or null when the schedule is exhausted.
 * @example nextAttemptAt(WEBHOOK_RETRY_DELAYS_SECONDS, 1, new Date('2026-11-02T10:00:00Z')) // 10:00:05
 */
export function nextAttemptAt(schedule: readonly number[], attempts: number, now: Date): Date | null {
  const delay = schedule[attempts - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay * 1000);
}
