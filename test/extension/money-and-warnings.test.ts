import { describe, expect, it } from 'vitest';
import { moneyGroups } from '../../extension/popup/money-groups';
import { doubleBookedDays, orderUse } from '../../extension/lib/warnings';
import type { Dashboard } from '../../extension/lib/model';

const inv = (id: string, over: Record<string, unknown> = {}) => ({
  id, number: `F-2026-${id}`, kind: 'invoice', status: 'issued', missionId: 'm1', serviceMonth: '2026-10', totalCents: 120_000, payoutCents: 117_000,
  feeCents: 3_000, plan: 'express', payoutEarliest: '2026-12-10', payoutLatest: '2026-12-10', overdue: null, payoutLate: false, paidOn: null,
  buyer: { name: 'Buyer SA' }, ...over,
});

const dash = (d: Partial<Record<string, unknown>>) =>
  ({ missions: [{ missionId: 'm1', clientName: 'Acme', portal: 'littlebig' }], upcomingPayouts: [], latePayouts: [], overdueInvoices: [], ...d }) as unknown as Dashboard;

describe('money tab grouping', () => {
  it('lists each invoice once, late first, with its client and range', () => {
    const lateOverdue = inv('2', { payoutLate: false, overdue: { daysLate: 12, totalPenaltyCents: 4_500 }, payoutEarliest: '2026-11-20', payoutLatest: '2026-11-28' });
    const g = moneyGroups(
      dash({
        upcomingPayouts: [inv('1', { payoutEarliest: '2026-12-14', payoutLatest: '2026-12-17' }), { ...lateOverdue, overdue: null }],
        latePayouts: [inv('3', { payoutLate: true })],
        overdueInvoices: [lateOverdue],
        paidThisMonth: [inv('4', { status: 'paid', paidOn: '2026-12-01' })],
      }),
    );
    expect(g.late.map((r) => r.id)).toEqual(['2', '3']);
    expect(g.late[0]).toMatchObject({ clientName: 'Acme', clientDaysLate: 12, penaltyCents: 4_500, from: '2026-11-20', to: '2026-11-28' });
    expect(g.toBePaid.map((r) => r.id)).toEqual(['1']);
    expect(g.toBePaid[0]).toMatchObject({ from: '2026-12-14', to: '2026-12-17', amountCents: 117_000, feeCents: 3_000 });
    expect(g.paidThisMonth.map((r) => r.id)).toEqual(['4']);
    const all = [...g.late, ...g.toBePaid, ...g.paidThisMonth].map((r) => r.id);
    expect(new Set(all).size).toBe(all.length);
  });

  it('names the client from the invoice when the mission is archived, and reads ledger documents', () => {
    const g = moneyGroups(
      dash({
        upcomingPayouts: [
          inv('5', { missionId: 'gone' }),
          inv('6', { number: null, kind: 'portal_invoice', document: 'expected' }),
          inv('7', { number: null, kind: 'salary_budget', document: 'salary_budget', salaryBudgetCents: 90_000 }),
        ],
      }),
    );
    expect(g.toBePaid.find((r) => r.id === '5')!.clientName).toBe('Buyer SA');
    expect(g.toBePaid.find((r) => r.id === '6')!.document).toBe('expected');
    expect(g.toBePaid.find((r) => r.id === '7')).toMatchObject({ document: 'salary_budget', amountCents: 90_000 });
  });

  it('reads a dashboard without paidThisMonth (before the field existed)', () => {
    expect(moneyGroups(dash({})).paidThisMonth).toEqual([]);
  });
});

describe('warnings', () => {
  const consumption = (consumedDays: number, budgetDays: number) => ({
    consumption: { consumedDays, budgetDays, ratioBps: Math.round((consumedDays / budgetDays) * 10_000), nearlyConsumed: consumedDays / budgetDays >= 0.8 },
  });
  it('says a purchase order of 10 days with 11 consumed is over, and 7 of 100 is not', () => {
    expect(orderUse(consumption(11, 10) as never)).toMatchObject({ over: true, near: false, ratioBps: 11_000 });
    expect(orderUse(consumption(7, 100) as never)).toMatchObject({ over: false, near: false });
    expect(orderUse(consumption(9, 10) as never)).toMatchObject({ over: false, near: true });
    expect(orderUse(consumption(10, 10) as never)).toMatchObject({ over: false });
    expect(orderUse({ consumption: null } as never)).toBeNull();
  });

  it('finds days counted on two missions', () => {
    const found = doubleBookedDays('a', { '2026-05-04': 1, '2026-05-05': 0.5, '2026-05-06': 1, '2026-05-07': 0 }, [
      { missionId: 'b', days: { '2026-05-04': 1, '2026-05-05': 0.5, '2026-05-06': 0.5, '2026-05-07': 1 } },
      { missionId: 'a', days: { '2026-05-04': 1 } },
    ]);
    expect(found.map((f) => f.date)).toEqual(['2026-05-04', '2026-05-06']);
  });
});
