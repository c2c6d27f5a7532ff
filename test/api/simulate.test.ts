import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { expectError } from './support';

/**
 * POST /v1/simulate/payout, without auth. Every expected figure is worked out by hand from
 * DOMAIN.md in the comment above it. Calendar facts used: 2026 Easter is 5 April, so
 * Easter Monday 6 April, Ascension Thursday 14 May, Whit Monday 25 May; 1 May and 8 May 2026
 * are Fridays; 12 May 2026 is a Tuesday.
 */

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ start: '2026-05-20T09:00:00Z' });
});
afterAll(() => api.close());

const fixedDate = { portal: 'littlebig', contractSignedOn: '2025-06-02', country: 'FR' };
const backToBack = { portal: 'littlebig', contractSignedOn: '2025-04-27', country: 'FR' };
const simulate = (body: Record<string, unknown>) => api.request('POST', '/v1/simulate/payout', { body });
const issuePaths = (res: { json: any }) => (res.json?.error?.issues ?? []).map((i: { path: string }) => i.path);

describe('fixed-date guarantee (signed on or after 2025-04-28, based in France)', () => {
  it('Flash validated Tuesday 2026-05-12: paid Monday 18 May, minus 5 % of the rate per day', async () => {
    // 3 working days from the day after: Wed 13, (Thu 14 Ascension), Fri 15, Mon 18.
    // Net 10 × 500 € = 5 000 €; fee 5 % × 500 € × 10 = 250 €; payout 4 750 €.
    const res = await simulate({ ...fixedDate, plan: 'flash', dailyRateCents: 50_000, days: 10, validatedOn: '2026-05-12' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ regime: 'fixed_date', netCents: 500_000, vatCents: 0, totalCents: 500_000, feeCents: 25_000, payoutCents: 475_000, payoutEarliest: '2026-05-18', payoutLatest: '2026-05-18' });
  });

  it('needs no token, and ignores a bad one', async () => {
    const body = { ...fixedDate, plan: 'flash', dailyRateCents: 50_000, days: 1, validatedOn: '2026-05-12' };
    expect((await api.request('POST', '/v1/simulate/payout', { body, token: 'rls_garbage' })).status).toBe(200);
  });

  it('Basic: 60 calendar days, moved off a weekend to the next working day, no fee', async () => {
    // Tue 17 March + 60 days = Sat 16 May → Mon 18 May.
    const res = await simulate({ ...fixedDate, plan: 'basic', dailyRateCents: 50_000, days: 10, validatedOn: '2026-03-17' });
    expect(res.json).toMatchObject({ feeCents: 0, payoutCents: 500_000, payoutEarliest: '2026-05-18', payoutLatest: '2026-05-18' });
  });

  it('Basic: 60 days landing on a holiday moves past it and the weekend after', async () => {
    // Mon 2 March + 60 days = Fri 1 May (holiday) → Sat, Sun → Mon 4 May.
    const res = await simulate({ ...fixedDate, plan: 'basic', dailyRateCents: 50_000, days: 1, validatedOn: '2026-03-02' });
    expect(res.json).toMatchObject({ payoutEarliest: '2026-05-04', payoutLatest: '2026-05-04' });
  });

  it('Express: 30 days, fee 2.5 % of the rate per day rounded half-up once, deducted from the total with VAT', async () => {
    // Wed 8 April + 30 days = Fri 8 May (holiday) → Mon 11 May.
    // Net 20.5 × 650 € = 13 325 €; VAT 20 % = 2 665 €; total 15 990 €.
    // Fee 2.5 % × 650 € × 20.5 = 333.125 € = 33 312.5 cents → 33 313; payout 1 599 000 − 33 313 = 1 565 687.
    const res = await simulate({ ...fixedDate, plan: 'express', dailyRateCents: 65_000, days: 20.5, validatedOn: '2026-04-08', vatRateBps: 2000 });
    expect(res.json).toMatchObject({ netCents: 1_332_500, vatCents: 266_500, totalCents: 1_599_000, feeCents: 33_313, payoutCents: 1_565_687, payoutEarliest: '2026-05-11', payoutLatest: '2026-05-11' });
  });

  it('takes fractional days exactly: half a day, and 2.25 days at an odd rate', async () => {
    // Express, ½ day × 650 €: net 325 €; fee 2.5 % × 650 × 0.5 = 8.125 € → 813 cents (half-up).
    const half = await simulate({ ...fixedDate, plan: 'express', dailyRateCents: 65_000, days: 0.5, validatedOn: '2026-05-12' });
    expect(half.json).toMatchObject({ netCents: 32_500, feeCents: 813, payoutCents: 31_687 });
    // Flash, 2.25 × 650.01 € = 1 462.5225 € → 146 252 cents; fee 5 % × 65 001 × 2.25 = 7 312.6125 → 7 313.
    const odd = await simulate({ ...fixedDate, plan: 'flash', dailyRateCents: 65_001, days: 2.25, validatedOn: '2026-05-12' });
    expect(odd.json).toMatchObject({ netCents: 146_252, feeCents: 7_313, payoutCents: 138_939 });
  });

  it('starts on 2025-04-28 exactly', async () => {
    const res = await simulate({ ...fixedDate, contractSignedOn: '2025-04-28', plan: 'flash', dailyRateCents: 50_000, days: 1, validatedOn: '2026-05-12' });
    expect(res.json.regime).toBe('fixed_date');
  });
});

describe('back-to-back (signed before 2025-04-28, or based outside France)', () => {
  it('forecasts 5 to 8 working days after invoice date + client terms, with no fee', async () => {
    // Invoice Tue 12 May + 30 days = Thu 11 June (client due date).
    // +5 working days: Fri 12, Mon 15, 16, 17, Thu 18 June; +8: Fri 19, Mon 22, Tue 23 June.
    const res = await simulate({ ...backToBack, dailyRateCents: 50_000, days: 10, validatedOn: '2026-05-12', clientTermsDays: 30 });
    expect(res.json).toMatchObject({ regime: 'back_to_back', feeCents: 0, payoutCents: 500_000, payoutEarliest: '2026-06-18', payoutLatest: '2026-06-23' });
  });

  it('follows the client terms of the mission (45 days)', async () => {
    // Tue 12 May + 45 days = Fri 26 June; +5: Mon 29, Tue 30, Wed 1, Thu 2, Fri 3 July; +8: Mon 6, Tue 7, Wed 8 July.
    const res = await simulate({ ...backToBack, plan: 'back_to_back', dailyRateCents: 50_000, days: 10, validatedOn: '2026-05-12', clientTermsDays: 45 });
    expect(res.json).toMatchObject({ payoutEarliest: '2026-07-03', payoutLatest: '2026-07-08' });
  });

  it("narrows the range to 5–8 working days after the client's payment once it is known", async () => {
    // Client paid Mon 1 June: +5: 2, 3, 4, 5, Mon 8 June; +8: 9, 10, Thu 11 June.
    const res = await simulate({ ...backToBack, dailyRateCents: 50_000, days: 10, validatedOn: '2026-05-12', clientTermsDays: 30, clientPaidOn: '2026-06-01' });
    expect(res.json).toMatchObject({ payoutEarliest: '2026-06-08', payoutLatest: '2026-06-11' });
  });

  it('skips holidays when counting after the payment', async () => {
    // Client paid Thu 7 May: (Fri 8 holiday) Mon 11, 12, 13, (14 Ascension) Fri 15, Mon 18 → +5;
    // Tue 19, Wed 20, Thu 21 → +8.
    const res = await simulate({ ...backToBack, dailyRateCents: 50_000, days: 10, validatedOn: '2026-04-15', clientTermsDays: 30, clientPaidOn: '2026-05-07' });
    expect(res.json).toMatchObject({ payoutEarliest: '2026-05-18', payoutLatest: '2026-05-21' });
  });

  it('immediate payment: 20 € per day invoiced, 3 to 5 working days after validation', async () => {
    // Fee 20 € × 10 = 200 €; payout 5 000 − 200 = 4 800 €.
    // From Tue 12 May: Wed 13, Fri 15, Mon 18 (+3); Tue 19, Wed 20 (+5).
    const res = await simulate({ ...backToBack, plan: 'immediate', dailyRateCents: 50_000, days: 10, validatedOn: '2026-05-12', clientTermsDays: 30 });
    expect(res.json).toMatchObject({ regime: 'back_to_back', plan: 'immediate', feeCents: 20_000, payoutCents: 480_000, payoutEarliest: '2026-05-18', payoutLatest: '2026-05-20' });
  });

  it('immediate payment on fractional days: 20 € × 2.5 = 50 €', async () => {
    const res = await simulate({ ...backToBack, plan: 'immediate', dailyRateCents: 50_000, days: 2.5, validatedOn: '2026-05-12' });
    expect(res.json).toMatchObject({ netCents: 125_000, feeCents: 5_000, payoutCents: 120_000 });
  });

  it('applies to a freelancer based in Belgium even when signed after 2025-04-28', async () => {
    const res = await simulate({ portal: 'littlebig', contractSignedOn: '2025-06-02', country: 'BE', dailyRateCents: 50_000, days: 10, validatedOn: '2026-05-12', clientTermsDays: 30 });
    expect(res.json).toMatchObject({ regime: 'back_to_back', feeCents: 0, payoutEarliest: '2026-06-18', payoutLatest: '2026-06-23' });
    const flash = await simulate({ portal: 'littlebig', contractSignedOn: '2025-06-02', country: 'BE', plan: 'flash', dailyRateCents: 50_000, days: 10, validatedOn: '2026-05-12' });
    expectError(flash, 422, 'plan_not_available');
    expect(issuePaths(flash)).toEqual(['plan']);
  });

  it('refuses the fixed-date plans to a contract signed 2025-04-27', async () => {
    for (const plan of ['flash', 'express', 'basic']) {
      expectError(await simulate({ ...backToBack, plan, dailyRateCents: 50_000, days: 1, validatedOn: '2026-05-12' }), 422, 'plan_not_available');
    }
  });

  it('refuses immediate payment to a fixed-date contract', async () => {
    expectError(await simulate({ ...fixedDate, plan: 'immediate', dailyRateCents: 50_000, days: 1, validatedOn: '2026-05-12' }), 422, 'plan_not_available');
  });
});

describe('direct clients and SMart', () => {
  it('direct: paid on the due date, moved off a holiday, no fee', async () => {
    // Tue 14 April + 30 days = Thu 14 May (Ascension) → Fri 15 May.
    const res = await simulate({ portal: 'direct', contractSignedOn: '2025-06-02', country: 'FR', dailyRateCents: 50_000, days: 2, validatedOn: '2026-04-14', clientTermsDays: 30 });
    expect(res.json).toMatchObject({ regime: 'direct', feeCents: 0, payoutCents: 100_000, payoutEarliest: '2026-05-15', payoutLatest: '2026-05-15' });
  });

  it('direct: terms beyond the legal 60 days are refused on clientTermsDays', async () => {
    const res = await simulate({ portal: 'direct', contractSignedOn: '2025-06-02', country: 'FR', dailyRateCents: 50_000, days: 2, validatedOn: '2026-04-14', clientTermsDays: 61 });
    expect(res.status).toBe(422);
    expect(issuePaths(res)).toEqual(['clientTermsDays']);
  });

  it('SMart: keeps 6.5 % of the amount excluding VAT and pays within 7 working days', async () => {
    // Net 10 × 400 € = 4 000 €; VAT 21 % = 840 € (collected for the state, not the member's);
    // fee 6.5 % × 4 000 € = 260 €; the member gets 4 000 − 260 = 3 740 €.
    // 7 working days after Tue 12 May: 13, 15, 18, 19, 20, 21, Fri 22 May.
    const res = await simulate({ portal: 'smart', contractSignedOn: '2025-06-02', country: 'BE', dailyRateCents: 40_000, days: 10, validatedOn: '2026-05-12', vatRateBps: 2100 });
    expect(res.json).toMatchObject({ regime: 'smart', netCents: 400_000, vatCents: 84_000, totalCents: 484_000, feeCents: 26_000, payoutCents: 374_000, payoutLatest: '2026-05-22' });
    expect(res.json.payoutEarliest <= res.json.payoutLatest).toBe(true);
    expect(res.json.payoutEarliest > '2026-05-12').toBe(true);
  });
});

describe('invalid input: 422 naming the field', () => {
  const valid = { ...fixedDate, plan: 'flash', dailyRateCents: 50_000, days: 10, validatedOn: '2026-05-12' };
  const without = (key: keyof typeof valid) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key));

  for (const field of ['portal', 'contractSignedOn', 'country', 'dailyRateCents', 'days', 'validatedOn'] as const) {
    it(`missing ${field}`, async () => {
      const res = await simulate(without(field));
      expectError(res, 422, 'validation_failed');
      expect(issuePaths(res)).toEqual([field]);
    });
  }

  const bad: [string, Record<string, unknown>, string][] = [
    ['a date that does not exist', { validatedOn: '2026-02-30' }, 'validatedOn'],
    ['a date in another format', { contractSignedOn: '02/06/2025' }, 'contractSignedOn'],
    ['a client payment date that does not exist', { clientPaidOn: '2026-13-01' }, 'clientPaidOn'],
    ['a negative rate', { dailyRateCents: -50_000 }, 'dailyRateCents'],
    ['a zero rate', { dailyRateCents: 0 }, 'dailyRateCents'],
    ['a rate in fractional cents', { dailyRateCents: 500.5 }, 'dailyRateCents'],
    ['negative days', { days: -1 }, 'days'],
    ['days finer than a thousandth', { days: 1.0001 }, 'days'],
    ['days as a string', { days: '10' }, 'days'],
    ['a VAT rate over 100 %', { vatRateBps: 10_001 }, 'vatRateBps'],
  ];
  for (const [what, change, field] of bad) {
    it(`refuses ${what}`, async () => {
      const res = await simulate({ ...valid, ...change });
      expectError(res, 422, 'validation_failed');
      // Every issue is on that field (a malformed date may break two of its rules).
      expect([...new Set(issuePaths(res))]).toEqual([field]);
    });
  }

  it('refuses an unknown plan on the plan field', async () => {
    const res = await simulate({ ...valid, plan: 'gold' });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('plan_unknown');
    expect(issuePaths(res)).toEqual(['plan']);
  });

  it('asks for a plan on a fixed-date contract', async () => {
    const res = await simulate(without('plan'));
    expect(res.status).toBe(422);
    expect(issuePaths(res)).toEqual(['plan']);
  });
});
