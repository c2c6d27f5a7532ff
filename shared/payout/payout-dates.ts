import { addDays, type IsoDate } from '../dates';
import { addWorkingDays, onOrNextWorkingDay } from '../calendar/working-days';
import type { HolidayOptions } from '../calendar/holidays';
import type { PayoutDelay } from './plan-rules';

/**
 * Expected payout dates (DOMAIN.md "Dates in the forecast"): every date is a working day of
 * the payer's national calendar: French for the portals (not Alsace-Moselle: the portal pays
 * from its own bank, not from the freelancer's region), Belgian for SMart BE, which pays from
 * Belgium. Counts of working days start the day after their origin.
 */
export type PayoutWindow = { earliest: IsoDate; latest: IsoDate };

/**
 * The payout window of a delay rule.
 * @example payoutWindow({ kind: 'working_days', min: 3, max: 3 }, { clockStartsOn: '2026-05-12', clientDueOn: null }) // { earliest: '2026-05-18', latest: '2026-05-18' }
 * @example payoutWindow({ kind: 'calendar_days', days: 60 }, { clockStartsOn: '2026-03-02', clientDueOn: null }) // 2026-05-01 is a holiday → '2026-05-04'
 */
export function payoutWindow(
  delay: PayoutDelay,
  origin: { clockStartsOn: IsoDate; clientDueOn: IsoDate | null; clientPaidOn?: IsoDate | undefined },
  calendar: HolidayOptions = {},
): PayoutWindow {
  switch (delay.kind) {
    case 'calendar_days': {
      const date = onOrNextWorkingDay(addDays(origin.clockStartsOn, delay.days), calendar);
      return { earliest: date, latest: date };
    }
    case 'working_days':
      return { earliest: addWorkingDays(origin.clockStartsOn, delay.min, calendar), latest: addWorkingDays(origin.clockStartsOn, delay.max, calendar) };
    case 'after_client_payment': {
      const from = origin.clientPaidOn ?? requireDue(origin.clientDueOn);
      return { earliest: addWorkingDays(from, delay.min, calendar), latest: addWorkingDays(from, delay.max, calendar) };
    }
    case 'on_client_due_date': {
      // A known payment fixes the date; a payment booked on a non-working day is available the next working day.
      const date = onOrNextWorkingDay(origin.clientPaidOn ?? requireDue(origin.clientDueOn), calendar);
      return { earliest: date, latest: date };
    }
  }
}

function requireDue(due: IsoDate | null): IsoDate {
  if (due === null) throw new RangeError('payoutWindow: this delay needs the client due date');
  return due;
}
