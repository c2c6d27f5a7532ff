import { missingWorkingDays } from '../../shared/cra/capture';
import { withinMission } from '../../shared/cra/mission-dates';
import { effectiveContent, type CraRecord, type Mission } from './model';

/**
 * The badge: working days of the current month up to today that no active mission has an
 * entry for yet (a 0 is an answer). Computed from local data, so it is right offline.
 * @example missingDaysCount([acme], { [acme.id]: record }, '2026-05-06', {}) // 3
 */
export function missingDaysCount(
  missions: readonly Mission[],
  records: Readonly<Record<string, CraRecord | undefined>>,
  today: string,
  options: { alsaceMoselle?: boolean },
): number {
  const month = today.slice(0, 7);
  const active = missions.filter((m) => !m.archived && m.startsOn <= today && (m.endsOn === null || `${month}-01` <= m.endsOn));
  if (!active.length) return 0;
  const captured: Record<string, number> = {};
  for (const m of active) Object.assign(captured, effectiveContent(records[m.id]).days);
  return missingWorkingDays(month, captured, today, options).filter((d) => active.some((m) => withinMission(d, m))).length;
}
