import { compareDates, type IsoDate } from '../dates';

/** A mission's first and last day (from its BDC); either may be unknown. */
export type MissionDates = { startsOn?: IsoDate | null; endsOn?: IsoDate | null };

/**
 * True when `date` lies within the mission's dates, both bounds included; a missing bound
 * does not restrict.
 * @example withinMission('2026-05-04', { startsOn: '2026-05-04', endsOn: null }) // true
 */
export function withinMission(date: IsoDate, mission: MissionDates): boolean {
  if (mission.startsOn && compareDates(date, mission.startsOn) < 0) return false;
  if (mission.endsOn && compareDates(date, mission.endsOn) > 0) return false;
  return true;
}
