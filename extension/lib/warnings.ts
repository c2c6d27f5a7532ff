import type { Mission } from './model';

/**
 * Warnings a freelancer must see before they cost money: a purchase order consumed past its
 * budget, and a day counted on two missions. Pure, shared by the popup and the options page.
 */

export type OrderUse = { consumedDays: number; budgetDays: number | null; ratioBps: number; over: boolean; near: boolean };

/**
 * The current purchase order's use, or null when it has no budget. Over: strictly more than
 * 100 % (11 of 10 days is over, whatever the scale of the budget).
 * @example orderUse({ consumption: { consumedDays: 11, budgetDays: 10, ratioBps: 11_000, … } }).over // true
 */
export function orderUse(mission: Pick<Mission, 'consumption'>): OrderUse | null {
  const c = mission.consumption;
  if (!c) return null;
  return { consumedDays: c.consumedDays, budgetDays: c.budgetDays, ratioBps: c.ratioBps, over: c.ratioBps > 10_000, near: !(c.ratioBps > 10_000) && c.nearlyConsumed };
}

export type DoubleBooking = { date: string; otherMissionId: string; quantity: number; otherQuantity: number };

/**
 * Dates where this mission's days and another mission's days add up to more than one day
 * (two full days, or a full and a half day, on the same date). Listed by date, then mission.
 * @example doubleBookedDays('a', { '2026-05-04': 1 }, [{ missionId: 'b', days: { '2026-05-04': 1 } }])
 *   // [{ date: '2026-05-04', otherMissionId: 'b', quantity: 1, otherQuantity: 1 }]
 */
export function doubleBookedDays(
  missionId: string,
  days: Readonly<Record<string, number>>,
  others: readonly { missionId: string; days: Readonly<Record<string, number>> }[],
): DoubleBooking[] {
  const out: DoubleBooking[] = [];
  for (const other of others) {
    if (other.missionId === missionId) continue;
    for (const [date, q] of Object.entries(days)) {
      const oq = other.days[date] ?? 0;
      // Thousandths: 0.5 + 0.5 is exactly one day, not over.
      if (q > 0 && oq > 0 && Math.round(q * 1000) + Math.round(oq * 1000) > 1000) out.push({ date, otherMissionId: other.missionId, quantity: q, otherQuantity: oq });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.otherMissionId < b.otherMissionId ? -1 : 1));
}
