import { and, asc, eq } from 'drizzle-orm';
import { endOfMonth, type IsoDate, type IsoMonth } from '../../shared/dates';
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

/** The purchase order in force on a date: the one covering it, else the last one started before it, else the first. */
export function orderOn(orders: OrderRow[], date: IsoDate): OrderRow {
  if (orders.length === 0) throw new Error('a mission always has a purchase order');
  const covering = orders.filter((o) => o.startsOn <= date && date <= o.endsOn);
  if (covering.length) return covering[covering.length - 1]!;
  const started = orders.filter((o) => o.startsOn <= date);
  return started.length ? started[started.length - 1]! : orders[0]!;
}

/** The purchase order whose terms apply to a month's CRA: the last one started by the month's end. */
export function orderForMonth(orders: OrderRow[], month: IsoMonth): OrderRow {
  return orderOn(orders, endOfMonth(month));
}

/** The mission's whole span over all its orders. */
export function missionSpan(orders: OrderRow[]): { startsOn: IsoDate; endsOn: IsoDate } {
  return {
    startsOn: orders.reduce((m, o) => (o.startsOn < m ? o.startsOn : m), orders[0]!.startsOn),
    endsOn: orders.reduce((m, o) => (o.endsOn > m ? o.endsOn : m), orders[0]!.endsOn),
  };
}
