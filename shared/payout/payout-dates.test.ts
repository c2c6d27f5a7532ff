import { describe, expect, it } from 'vitest';
import { payoutWindow } from './payout-dates';

const clock = (clockStartsOn: string, clientDueOn: string | null = null, clientPaidOn?: string) => ({ clockStartsOn, clientDueOn, clientPaidOn });

describe('payoutWindow', () => {
  it('working days count from the day after and skip holidays (Flash, DOMAIN.md example)', () => {
    // Tuesday 2026-05-12: Wed 13 (1), Thu 14 Ascension skipped, Fri 15 (2), Mon 18 (3).
    expect(payoutWindow({ kind: 'working_days', min: 3, max: 3 }, clock('2026-05-12'))).toEqual({ earliest: '2026-05-18', latest: '2026-05-18' });
  });

  it('a calendar-day date on a holiday or a weekend moves to the next working day', () => {
    // 2026-03-02 + 60 = Friday 2026-05-01 (Labour Day) → Monday 2026-05-04
    expect(payoutWindow({ kind: 'calendar_days', days: 60 }, clock('2026-03-02')).earliest).toBe('2026-05-04');
    // 2026-04-08 + 60 = Sunday 2026-06-07 → Monday 2026-06-08
    expect(payoutWindow({ kind: 'calendar_days', days: 60 }, clock('2026-04-08')).latest).toBe('2026-06-08');
    // 2026-01-05 + 60 = Friday 2026-03-06, a working day: unchanged
    expect(payoutWindow({ kind: 'calendar_days', days: 60 }, clock('2026-01-05')).latest).toBe('2026-03-06');
  });

  it('after the client: from the due date, or from the payment once known', () => {
    // due Sunday 2026-06-07: 5th working day after = Fri 12, 8th = Wed 17
    expect(payoutWindow({ kind: 'after_client_payment', min: 5, max: 8 }, clock('2026-05-08', '2026-06-07'))).toEqual({ earliest: '2026-06-12', latest: '2026-06-17' });
    expect(payoutWindow({ kind: 'after_client_payment', min: 5, max: 8 }, clock('2026-05-08', '2026-06-07', '2026-06-01'))).toEqual({ earliest: '2026-06-08', latest: '2026-06-11' });
  });

  it('on the due date, or the payment day, moved to a working day', () => {
    expect(payoutWindow({ kind: 'on_client_due_date' }, clock('2026-04-01', '2026-05-01'))).toEqual({ earliest: '2026-05-04', latest: '2026-05-04' });
    expect(payoutWindow({ kind: 'on_client_due_date' }, clock('2026-04-01', '2026-05-01', '2026-04-20'))).toEqual({ earliest: '2026-04-20', latest: '2026-04-20' });
    expect(payoutWindow({ kind: 'on_client_due_date' }, clock('2026-04-01', '2026-05-01', '2026-04-25'))).toEqual({ earliest: '2026-04-27', latest: '2026-04-27' });
  });

  it('throws when a client-based delay has no due date (a programmer error)', () => {
    expect(() => payoutWindow({ kind: 'on_client_due_date' }, clock('2026-04-01'))).toThrow(RangeError);
  });
});
