import { and, asc, eq } from 'drizzle-orm';
import type { IsoDate } from '../../shared/dates';
import { missions, purchaseOrders } from '../db/schema';
import type { Deps } from '../deps';

export type MissionRow = typeof missions.$inferSelect;
export type OrderRow = typeof purchaseOrders.$inferSelect;
export type LoadedMission = { mission: MissionRow; orders: OrderRow[] };

/** A user's mission with its purchase orders, or null (also for another user's id). */
export async function loadMission(deps: Deps, userId: string, id: string): Promise<LoadedMission | null> {
  const mission = await deps.db.select().from(missions).where(and(eq(missions.id, id), eq(missions.userId, userId))).get();
  if (!mission) return null;
  const orders = await deps.db.select().from(purchaseOrders).where(eq(purchaseOrders.missionId, id)).orderBy(asc(purchaseOrders.startsOn)).all();
  return { mission, orders };
}

export { orderForMonth, orderMonths, orderOn } from '../../shared/cra/month-forecast';

/** The mission's whole span over all its orders. */
export function missionSpan(orders: OrderRow[]): { startsOn: IsoDate; endsOn: IsoDate } {
  return {
    startsOn: orders.reduce((m, o) => (o.startsOn < m ? o.startsOn : m), orders[0]!.startsOn),
    endsOn: orders.reduce((m, o) => (o.endsOn > m ? o.endsOn : m), orders[0]!.endsOn),
  };
}
