import { addDays, isoWeekday, type IsoDate } from '../dates';
import { workingDaysBetween } from '../calendar/working-days';
import { QUANTITY_SCALE, quantityToMilli } from '../money';

/**
 * The days a mission is expected to be worked from its rhythm (days per week, DOMAIN.md / issue 14: "the year-end
 * projection uses the days the user planned or a per-mission expected rhythm"), from `from` to `to`. Each calendar
 * week (Monday to Sunday) takes `daysPerWeek` minus the days already captured in it, placed one working day at a
 * time in date order on the working days not captured (a fraction on the last one).
 * @example rhythmDays({ from: '2026-11-02', to: '2026-11-08', daysPerWeek: 2.5, captured: new Map() })
 * // [{ on: '2026-11-02', quantity: 1 }, { on: '2026-11-03', quantity: 1 }, { on: '2026-11-04', quantity: 0.5 }]
 */
export function rhythmDays(input: {
  from: IsoDate;
  to: IsoDate;
  daysPerWeek: number;
  /** Quantities captured per date (any date; those of a week count against its rhythm). */
  captured: ReadonlyMap<IsoDate, number>;
  holidays?: { alsaceMoselle?: boolean };
}): { on: IsoDate; quantity: number }[] {
  if (input.from > input.to || !(input.daysPerWeek > 0)) return [];
  const out: { on: IsoDate; quantity: number }[] = [];
  let weekStart = addDays(input.from, 1 - isoWeekday(input.from));
  while (weekStart <= input.to) {
    const weekEnd = addDays(weekStart, 6);
    let capturedMilli = 0;
    for (let d = weekStart; d <= weekEnd; d = addDays(d, 1)) capturedMilli += quantityToMilli(input.captured.get(d) ?? 0);
    let leftMilli = quantityToMilli(input.daysPerWeek) - capturedMilli;
    const from = weekStart < input.from ? input.from : weekStart;
    const to = weekEnd > input.to ? input.to : weekEnd;
    for (const d of workingDaysBetween(from, to, input.holidays ?? {})) {
      if (leftMilli <= 0) break;
      if (input.captured.has(d)) continue;
      const milli = Math.min(QUANTITY_SCALE, leftMilli);
      out.push({ on: d, quantity: milli / QUANTITY_SCALE });
      leftMilli -= milli;
    }
    weekStart = addDays(weekStart, 7);
  }
  return out;
}
