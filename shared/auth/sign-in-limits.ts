/**
 * Sign-in limits: sliding windows on code requests and failed tries, per email and per client
 * address. Several windows per counter make the lockout grow: 5 failed tries lock an address
 * for up to 15 minutes, 10 for up to an hour, 20 for up to a day.
 */

/** At most `limit` events in any sliding window of `windowMs`. */
export type Tier = { limit: number; windowMs: number };
export type LimitKind = 'code' | 'failure';
export type LimitScope = 'email' | 'address';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long a mailed code lives. */
export const CODE_TTL_MS = 10 * MINUTE;
/** Tries one code allows before it is void. */
export const TRIES_PER_CODE = 5;
/** The number of possible codes (6 digits). */
export const CODE_SPACE = 1_000_000;

export const SIGN_IN_TIERS: Record<LimitKind, Record<LimitScope, Tier[]>> = {
  code: {
    // The first window equals the code's lifetime: at most 3 codes are ever live at once.
    email: [{ limit: 3, windowMs: CODE_TTL_MS }, { limit: 10, windowMs: DAY }],
    address: [{ limit: 10, windowMs: CODE_TTL_MS }, { limit: 50, windowMs: DAY }],
  },
  failure: {
    email: [{ limit: 5, windowMs: 15 * MINUTE }, { limit: 10, windowMs: HOUR }, { limit: 20, windowMs: DAY }],
    address: [{ limit: 10, windowMs: 15 * MINUTE }, { limit: 30, windowMs: HOUR }, { limit: 100, windowMs: DAY }],
  },
};

/** The longest window: events older than it no longer count and may be purged. */
export const LONGEST_WINDOW_MS = Math.max(...Object.values(SIGN_IN_TIERS).flatMap((s) => Object.values(s).flat().map((t) => t.windowMs)));

/**
 * The most events the tiers admit in any half-open span of `spanMs`, whatever the rate:
 * each tier admits `limit` per window, so `limit × ⌈span / window⌉`; the tightest tier wins.
 * @example maxEventsWithin(SIGN_IN_TIERS.failure.email, 86_400_000) // 20
 */
export function maxEventsWithin(tiers: Tier[], spanMs: number): number {
  return Math.min(...tiers.map((t) => t.limit * Math.ceil(spanMs / t.windowMs)));
}

/**
 * The most codes live at once for one email: codes asked within one lifetime (a new code
 * does not void the others).
 */
export const maxLiveCodes = (): number => maxEventsWithin(SIGN_IN_TIERS.code.email, CODE_TTL_MS);

/**
 * An attacker's chance of taking one chosen account within `spanMs` at any request rate: each
 * failed try (at most {@link maxEventsWithin} of the email's failure tiers) matches one of at
 * most {@link maxLiveCodes} live codes, each uniform over {@link CODE_SPACE} (union bound).
 * @example takeoverProbability(86_400_000) // 20 × 3 / 1 000 000 = 0.00006
 */
export function takeoverProbability(spanMs: number, tries = maxEventsWithin(SIGN_IN_TIERS.failure.email, spanMs)): number {
  return Math.min(1, (tries * maxLiveCodes()) / CODE_SPACE);
}

/**
 * When a refused event may be retried: for each full tier, the moment its oldest counted
 * event leaves the window. `atsByTier[i]` lists the events within tier i's window, oldest first.
 */
export function retryAfterMs(tiers: Tier[], atsByTier: number[][], now: number): number {
  let wait = 0;
  tiers.forEach((t, i) => {
    const ats = atsByTier[i] ?? [];
    if (ats.length < t.limit) return;
    const freeing = ats[ats.length - t.limit]!;
    wait = Math.max(wait, freeing + t.windowMs - now);
  });
  return Math.max(0, wait);
}
