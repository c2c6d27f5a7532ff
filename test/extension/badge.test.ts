import { describe, expect, it } from 'vitest';
import { missingDaysCount } from '../../extension/lib/badge';
import { emptyRecord, type CraRecord, type Mission } from '../../extension/lib/model';

const mission = (id: string, startsOn = '2026-01-05', endsOn = '2026-12-31') => ({ id, startsOn, endsOn, archived: false }) as unknown as Mission;
const withDays = (id: string, days: Record<string, number>, pending = false): CraRecord => {
  const r = emptyRecord(id, '2026-05');
  if (pending) r.local = { days, lines: [] };
  else r.server = { days, lines: [], revision: 1 } as unknown as CraRecord['server'];
  return r;
};

describe('badge: working days of the month up to today not yet captured', () => {
  it('counts working days with no entry, skipping weekends and holidays (1 and 8 May 2026)', () => {
    // 2026-05-01 Fri (holiday), 04–07 Mon–Thu, 08 Fri (holiday): working days to the 7th are 4, 5, 6, 7.
    expect(missingDaysCount([mission('a')], {}, '2026-05-07', {})).toBe(4);
  });

  it('counts a 0 as captured and reads pending local edits, offline', () => {
    const records = { a: withDays('a', { '2026-05-04': 1, '2026-05-05': 0 }, true) };
    expect(missingDaysCount([mission('a')], records, '2026-05-07', {})).toBe(2);
  });

  it('a day captured on any mission is captured; days outside every mission are not missing', () => {
    const records = { a: withDays('a', { '2026-05-04': 1 }), b: withDays('b', { '2026-05-05': 1 }) };
    expect(missingDaysCount([mission('a'), mission('b', '2026-05-06')], records, '2026-05-07', {})).toBe(2);
    expect(missingDaysCount([mission('late', '2026-05-06')], {}, '2026-05-07', {})).toBe(2);
  });

  it('is 0 without an active mission', () => {
    expect(missingDaysCount([], {}, '2026-05-07', {})).toBe(0);
    expect(missingDaysCount([mission('old', '2025-01-01', '2025-12-31')], {}, '2026-05-07', {})).toBe(0);
  });
});
