import { assertCents, roundHalfUp, type Cents, type Bps } from '../money';
import type { IsoDate } from '../dates';

/**
 * Shared projection behind the VAT-franchise and micro-ceiling warnings: starting from
 * the amount so far, add planned amounts in date order and find the first date the
 * running total exceeds a threshold.
 */

/** An amount expected on a date: planned days × daily rate, an expected payment… */
export type PlannedAmount = { on: IsoDate; amountCents: Cents };

/**
 * Where a threshold stands: `already` when the amount so far exceeds it (then `on` is
 * null: the crossing is in the past); otherwise `on` is the first planned date at which
 * the running total exceeds it, or null if that does not happen in the window.
 */
export type Crossing = { thresholdCents: Cents; already: boolean; on: IsoDate | null };

/**
 * The planned amounts dated within the year and not before `asOf` (amounts dated before
 * are assumed to be in the amount so far), in date order (stable for equal dates).
 */
export function plannedWithinYear(planned: readonly PlannedAmount[], year: number, asOf: IsoDate): PlannedAmount[] {
  const start = `${year}-01-01` > asOf ? `${year}-01-01` : asOf;
  const end = `${year}-12-31`;
  return planned
    .filter((p) => {
      assertCents(p.amountCents, 'planned amountCents');
      return p.on >= start && p.on <= end;
    })
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.on < b.p.on ? -1 : a.p.on > b.p.on ? 1 : a.i - b.i))
    .map(({ p }) => p);
}

/**
 * The crossing of one threshold: the first date the running total becomes strictly
 * greater than `thresholdCents` ("exceeds", as art. 293 B CGI words it).
 * @example crossingOf(1000, 900, [{ on: '2026-05-04', amountCents: 100 }, { on: '2026-05-05', amountCents: 1 }])
 * // { thresholdCents: 1000, already: false, on: '2026-05-05' }
 */
export function crossingOf(thresholdCents: Cents, soFarCents: Cents, schedule: readonly PlannedAmount[]): Crossing {
  assertCents(soFarCents, 'soFarCents');
  if (soFarCents > thresholdCents) return { thresholdCents, already: true, on: null };
  let running = soFarCents;
  for (const p of schedule) {
    running += p.amountCents;
    if (running > thresholdCents) return { thresholdCents, already: false, on: p.on };
  }
  return { thresholdCents, already: false, on: null };
}

/** Share of a threshold reached, in basis points, rounded half-up (display only: decisions compare amounts exactly). */
export function shareOfBps(amountCents: Cents, thresholdCents: Cents): Bps {
  return roundHalfUp(BigInt(amountCents) * 10_000n, BigInt(thresholdCents));
}
