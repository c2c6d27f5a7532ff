import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { lineAmount } from '../money';
import { simulatePayout } from './simulate';

describe('simulatePayout', () => {
  it('Express, 650 €/day × 20.5 days with 20 % VAT, validated 2026-04-08: paid Monday 11 May (8 May is a holiday)', () => {
    const r = simulatePayout({ portal: 'littlebig', contractSignedOn: '2025-05-01', country: 'FR', plan: 'express', dailyRateCents: 65_000, days: 20.5, validatedOn: '2026-04-08', vatRateBps: 2_000 });
    expect(r).toEqual({
      ok: true,
      value: {
        regime: 'fixed_date',
        plan: 'express',
        netCents: 1_332_500,
        vatCents: 266_500,
        totalCents: 1_599_000,
        feeCents: 33_313,
        payoutCents: 1_565_687,
        invoiceDate: '2026-04-08',
        clientDueOn: null,
        payoutEarliest: '2026-05-11',
        payoutLatest: '2026-05-11',
      },
    });
  });

  it('no VAT rate means no VAT (micro-entrepreneur franchise)', () => {
    const r = simulatePayout({ portal: 'direct', contractSignedOn: '2026-01-05', country: 'FR', dailyRateCents: 40_000, days: 3, validatedOn: '2026-05-12' });
    expect(r).toMatchObject({ ok: true, value: { netCents: 120_000, vatCents: 0, totalCents: 120_000, payoutCents: 120_000 } });
  });

  it('passes the client payment and the terms through', () => {
    const paid = simulatePayout({ portal: 'littlebig', contractSignedOn: '2024-01-10', country: 'FR', clientTermsDays: 45, dailyRateCents: 50_000, days: 1, validatedOn: '2026-05-12', clientPaidOn: '2026-06-01' });
    expect(paid).toMatchObject({ ok: true, value: { clientDueOn: '2026-06-26', payoutEarliest: '2026-06-08', payoutLatest: '2026-06-11' } });
  });

  it('passes refusals through', () => {
    expect(simulatePayout({ portal: 'direct', contractSignedOn: '2026-01-05', country: 'FR', clientTermsDays: 90, dailyRateCents: 1, days: 1, validatedOn: '2026-05-12' })).toMatchObject({ ok: false, code: 'terms_too_long' });
    expect(simulatePayout({ portal: 'littlebig', contractSignedOn: '2026-01-05', country: 'FR', dailyRateCents: 1, days: 1, validatedOn: '2026-05-12' })).toMatchObject({ ok: false, code: 'plan_required' });
  });

  test.prop([fc.integer({ min: 0, max: 31_000 }), fc.integer({ min: 0, max: 300_000 })])('net is days × daily rate rounded half-up', (daysMilli, rate) => {
    const r = simulatePayout({ portal: 'malt', contractSignedOn: '2026-01-05', country: 'FR', dailyRateCents: rate, days: daysMilli / 1000, validatedOn: '2026-05-12', vatRateBps: 2_000 });
    expect(r.ok && r.value.netCents).toBe(lineAmount(daysMilli / 1000, rate));
  });
});
