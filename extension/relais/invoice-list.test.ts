import { describe, expect, it } from 'vitest';
import { apiStatusFor, dunningOf, filterInvoices, invoiceState, mergePage, sendableByRelais } from './invoice-list';

const base = { kind: 'invoice', status: 'issued', regime: 'direct', missionId: 'm1', issuedOn: '2026-10-01', dueOn: '2026-10-31' };

describe('the Relais invoice list', () => {
  it('merges pages without showing an invoice twice', () => {
    const merged = mergePage([{ id: 'a' }, { id: 'b' }], [{ id: 'b' }, { id: 'c' }, { id: 'c' }]);
    expect(merged.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  it('gives each invoice one state: late once past due and unpaid, paid, cancelled, credit note, expected', () => {
    expect(invoiceState({ id: '1', ...base }, '2026-10-31')).toBe('issued');
    expect(invoiceState({ id: '1', ...base }, '2026-11-01')).toBe('late');
    expect(invoiceState({ id: '1', ...base, clientPaidOn: '2026-10-30' }, '2026-11-05')).toBe('issued');
    expect(invoiceState({ id: '1', ...base, status: 'paid' }, '2026-12-01')).toBe('paid');
    expect(invoiceState({ id: '1', ...base, status: 'cancelled' }, '2026-12-01')).toBe('cancelled');
    expect(invoiceState({ id: '1', ...base, kind: 'credit_note', status: 'credit_note' }, '2026-12-01')).toBe('credit_note');
    expect(invoiceState({ id: '1', status: 'expected' }, '2026-12-01')).toBe('expected');
  });

  it('filters by state and by mission, and asks the API for the matching status', () => {
    const list = [{ id: '1', ...base }, { id: '2', ...base, status: 'paid' }, { id: '3', ...base, missionId: 'm2', dueOn: '2026-12-31' }];
    expect(filterInvoices(list, { state: 'late', missionId: 'all' }, '2026-11-05').map((i) => i.id)).toEqual(['1']);
    expect(filterInvoices(list, { state: 'all', missionId: 'm2' }, '2026-11-05').map((i) => i.id)).toEqual(['3']);
    expect(apiStatusFor('late')).toBe('issued');
    expect(apiStatusFor('all')).toBeUndefined();
    expect(apiStatusFor('credit_note')).toBe('credit_note');
  });

  it('chases only unpaid freelancer invoices to direct clients, at the step the days late reach', () => {
    expect(dunningOf({ id: '1', ...base }, '2026-10-31')).toBeNull();
    expect(dunningOf({ id: '1', ...base }, '2026-11-01')).toEqual({ step: 1, daysLate: 1 });
    expect(dunningOf({ id: '1', ...base }, '2026-11-08')).toEqual({ step: 2, daysLate: 8 });
    expect(dunningOf({ id: '1', ...base }, '2026-11-20')).toEqual({ step: 3, daysLate: 20 });
    expect(dunningOf({ id: '1', ...base, regime: 'fixed_date' }, '2026-11-20')).toBeNull();
    expect(dunningOf({ id: '1', ...base, issuer: 'portal_mandate' }, '2026-11-20')).toBeNull();
    expect(dunningOf({ id: '1', ...base, status: 'paid' }, '2026-11-20')).toBeNull();
    expect(sendableByRelais({ id: '1', issuer: 'cooperative' })).toBe(false);
    expect(sendableByRelais({ id: '1' })).toBe(true);
  });
});
