/**
 * The quantity a CRA day may hold: a whole day, a half day or nothing, and quarter days
 * when the mission allows them (DOMAIN.md, "Activity reports (CRA)").
 */

export const DAY_QUANTITIES = [0, 0.5, 1] as const;
export const QUARTER_DAY_QUANTITIES = [0, 0.25, 0.5, 0.75, 1] as const;

export type QuantityOptions = { quarterDays?: boolean };

/** The quantities a day may hold for a mission, ascending. */
export function allowedQuantities(options: QuantityOptions = {}): readonly number[] {
  return options.quarterDays ? QUARTER_DAY_QUANTITIES : DAY_QUANTITIES;
}

/**
 * True when `q` is one of the mission's allowed day quantities.
 * @example isAllowedQuantity(0.25, {}) // false
 * @example isAllowedQuantity(0.25, { quarterDays: true }) // true
 */
export function isAllowedQuantity(q: number, options: QuantityOptions = {}): boolean {
  return allowedQuantities(options).includes(q);
}

/**
 * The popup's click cycle: 1 → 0.5 → 0 → 1 (with quarter days: 1 → 0.75 → 0.5 → 0.25 → 0 → 1).
 * A quantity outside the cycle (a quarter day on a mission that no longer allows them)
 * steps down to the largest allowed quantity below it, so one click always lands in the cycle.
 * @example nextQuantity(0, {}) // 1
 * @example nextQuantity(0.25, {}) // 0
 */
export function nextQuantity(q: number, options: QuantityOptions = {}): number {
  if (!Number.isFinite(q)) throw new RangeError(`nextQuantity: not a quantity: ${q}`);
  const allowed = allowedQuantities(options);
  let next = 1;
  for (const a of allowed) if (a < q) next = a;
  return q <= 0 ? 1 : next;
}
