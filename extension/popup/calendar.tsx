import { useRef, useState } from 'preact/hooks';
import { holidayOn } from '../../shared/calendar/holidays';
import { nextQuantity } from '../../shared/cra/quantities';
import { withinMission } from '../../shared/cra/mission-dates';
import { OPEN_ENDED } from '../../shared/schemas/mission';
import { datesOfMonth, isoWeekday, isWeekend } from '../../shared/dates';
import { t, weekdays } from '../lib/i18n';

type Props = {
  month: string;
  days: Record<string, number>;
  mission: { startsOn: string; endsOn: string | null; quarterDays: boolean };
  alsaceMoselle: boolean;
  today: string;
  locked: boolean;
  onChange(days: Record<string, number>): void;
};

export const mark = (q: number | undefined) => (q === undefined ? '' : q === 1 ? '1' : q === 0.5 ? '½' : q === 0 ? '0' : q === 0.25 ? '¼' : q === 0.75 ? '¾' : String(q));

/**
 * The month as a calendar. A click cycles a day 1 → ½ → 0; keyboard: arrows move by day and
 * week (Home / End: first and last day), space or Enter cycles, 1 / 5 / 0 set a full, half
 * or no day, Delete clears. Weekends and holidays are marked but
 * may still be worked.
 */
export function Calendar({ month, days, mission, alsaceMoselle, today, locked, onChange }: Props) {
  const grid = useRef<HTMLDivElement>(null);
  const dates = datesOfMonth(month);
  const lead = isoWeekday(dates[0]!) - 1;
  const set = (date: string, q: number | undefined) => {
    const next = { ...days };
    if (q === undefined) delete next[date];
    else next[date] = q;
    onChange(next);
  };
  // Roving tab stop: Tab enters the grid on the day last focused (today, else the 1st).
  const [active, setActive] = useState<string | null>(null);
  const stop = active && active.startsWith(month) ? active : today.startsWith(month) ? today : dates[0];
  const focus = (i: number) => grid.current?.querySelectorAll<HTMLButtonElement>('button')[i]?.focus();
  const onKey = (e: KeyboardEvent, i: number, date: string) => {
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7, Home: -i, End: dates.length - 1 - i };
    if (e.key in moves) {
      e.preventDefault();
      focus(Math.min(dates.length - 1, Math.max(0, i + moves[e.key]!)));
      return;
    }
    if (locked || e.ctrlKey || e.metaKey || e.altKey) return;
    // By key, or by physical key on an AZERTY row where 1 / 5 / 0 need Shift.
    const direct: Record<string, number> = { '1': 1, '5': 0.5, '0': 0, Digit1: 1, Digit5: 0.5, Digit0: 0, Numpad1: 1, Numpad5: 0.5, Numpad0: 0 };
    const q = e.key in direct ? direct[e.key] : e.code in direct ? direct[e.code] : undefined;
    if (q !== undefined) set(date, q);
    else if (e.key === 'Delete' || e.key === 'Backspace') set(date, undefined);
    else return;
    e.preventDefault();
  };
  return (
    <div class="cal" role="grid" ref={grid}>
      {weekdays.map((w, i) => (
        <div key={`h${i}`} class="wd" role="columnheader">
          {w}
        </div>
      ))}
      {Array.from({ length: lead }, (_, i) => (
        <div key={`b${i}`} />
      ))}
      {dates.map((date, i) => {
        const holiday = holidayOn(date, { alsaceMoselle });
        const out = !withinMission(date, { startsOn: mission.startsOn, endsOn: mission.endsOn ?? OPEN_ENDED });
        const q = days[date];
        const cls = ['day', isWeekend(date) && 'we', holiday && 'hol', out && 'out', date === today && 'today', q === 1 ? 'q1' : q === undefined ? 'qn' : q === 0 ? 'q0' : 'qp'].filter(Boolean).join(' ');
        const title = [date, holiday && `${t.holiday} : ${holiday}`, isWeekend(date) && t.weekend, out && t.outside].filter(Boolean).join(' · ');
        return (
          <button
            key={date}
            type="button"
            class={cls}
            data-date={date}
            title={title}
            aria-label={`${title}: ${mark(q) || '–'}`}
            tabIndex={date === stop ? 0 : -1}
            disabled={locked}
            onFocus={() => setActive(date)}
            onClick={() => set(date, nextQuantity(q ?? 0, { quarterDays: mission.quarterDays }))}
            onKeyDown={(e) => onKey(e, i, date)}
          >
            <span class="n">{Number(date.slice(8))}</span>
            <span class="q">{mark(q)}</span>
          </button>
        );
      })}
    </div>
  );
}
