import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { addDays, daysBetween } from '../dates';
import { isWorkingDay, workingDaysBetween } from '../calendar/working-days';
import { applyBps, lineAmount } from '../money';
import { forecastPayout, type InvoicedAmounts, type PayoutForecast, type PayoutTerms } from './forecast';
import { portalRuleFor } from './portal-rules';
import { plansOf, regimeFor } from './regimes';

const LBC_FR: PayoutTerms = { portal: 'littlebig', contractSignedOn: '2025-06-02', country: 'FR' };
const LBC_OLD: PayoutTerms = { portal: 'littlebig', contractSignedOn: '2024-09-01', country: 'FR' };

/** 20 days at 500 €, 20 % VAT. */
function invoice(over: Partial<InvoicedAmounts> = {}): InvoicedAmounts {
  return { daysInvoiced: 20, dailyRateCents: 50_000, netCents: 1_000_000, vatCents: 200_000, clockStartsOn: '2026-05-12', ...over };
}

function ok(result: ReturnType<typeof forecastPayout>): PayoutForecast {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`);
  return result.value;
}

describe('fixed-date guarantee (LittleBIG, signed from 2025-04-28, based in France)', () => {
  it('Flash validated Tuesday 2026-05-12 is paid Monday 2026-05-18 (Thursday 14 is Ascension), minus 5 % of the daily rate per day', () => {
    const f = ok(forecastPayout({ ...LBC_FR, plan: 'flash' }, invoice()));
    expect(f).toMatchObject({ regime: 'fixed_date', plan: 'flash', invoiceDate: '2026-05-12', payoutEarliest: '2026-05-18', payoutLatest: '2026-05-18' });
    // 5 % × 500 € × 20 days = 500 €
    expect(f).toMatchObject({ totalCents: 1_200_000, feeCents: 50_000, payoutCents: 1_150_000 });
  });

  it('Express: 650 €/day × 20.5 days, fee 33 313 cents after half-up', () => {
    // 2.5 % × 65 000 × 20.5 = 250 × 65 000 × 20 500 / 10 000 000 = 33 312.5 → 33 313.
    // net 1 332 500 + VAT 266 500 = 1 599 000; payout 1 599 000 − 33 313 = 1 565 687.
    const net = lineAmount(20.5, 65_000);
    const f = ok(forecastPayout({ ...LBC_FR, plan: 'express' }, invoice({ daysInvoiced: 20.5, dailyRateCents: 65_000, netCents: net, vatCents: 266_500, clockStartsOn: '2026-06-01' })));
    expect(f).toMatchObject({ netCents: 1_332_500, totalCents: 1_599_000, feeCents: 33_313, payoutCents: 1_565_687 });
    expect(f.payoutEarliest).toBe('2026-07-01'); // + 30 days, a Wednesday
  });

  it('Express fee is on the daily rate, not on expense lines in the net', () => {
    const f = ok(forecastPayout({ ...LBC_FR, plan: 'express' }, invoice({ netCents: 1_080_000, vatCents: 216_000 })));
    expect(f.feeCents).toBe(25_000); // 2.5 % × 500 € × 20, the 800 € of expenses bear no fee
  });

  it('Basic: 60 calendar days, no fee; a date on a holiday or a weekend moves to the next working day', () => {
    const holiday = ok(forecastPayout({ ...LBC_FR, plan: 'basic' }, invoice({ clockStartsOn: '2026-03-02' })));
    expect(holiday).toMatchObject({ feeCents: 0, payoutCents: 1_200_000, payoutEarliest: '2026-05-04', payoutLatest: '2026-05-04' }); // 05-01 Labour Day (Fri)
    const weekend = ok(forecastPayout({ ...LBC_FR, plan: 'basic' }, invoice({ clockStartsOn: '2026-04-08' })));
    expect(weekend.payoutLatest).toBe('2026-06-08'); // 06-07 is a Sunday
  });

  it('Express date on 8 May (Victory Day) moves to Monday 11', () => {
    expect(ok(forecastPayout({ ...LBC_FR, plan: 'express' }, invoice({ clockStartsOn: '2026-04-08' }))).payoutLatest).toBe('2026-05-11');
  });

  it("the client's early or late payment changes nothing", () => {
    const base = ok(forecastPayout({ ...LBC_FR, plan: 'basic' }, invoice()));
    expect(ok(forecastPayout({ ...LBC_FR, plan: 'basic' }, invoice({ clientPaidOn: '2026-05-20' })))).toEqual(base);
    expect(ok(forecastPayout({ ...LBC_FR, plan: 'basic' }, invoice({ clientPaidOn: '2026-09-30' })))).toEqual(base);
  });

  it('the plan must be chosen, and only among Basic, Express, Flash', () => {
    expect(forecastPayout(LBC_FR, invoice())).toMatchObject({ ok: false, code: 'plan_required' });
    expect(forecastPayout({ ...LBC_FR, plan: 'immediate' }, invoice())).toMatchObject({ ok: false, code: 'plan_not_available' });
    expect(forecastPayout({ ...LBC_FR, plan: 'turbo' }, invoice())).toMatchObject({ ok: false, code: 'plan_unknown' });
  });

  it('clientDueOn is only reported when client terms are given', () => {
    expect(ok(forecastPayout({ ...LBC_FR, plan: 'basic' }, invoice())).clientDueOn).toBeNull();
    expect(ok(forecastPayout({ ...LBC_FR, plan: 'basic', clientTermsDays: 45 }, invoice())).clientDueOn).toBe('2026-06-26');
  });
});

describe('back-to-back (LittleBIG before 2025-04-28, or based outside France)', () => {
  it('forecasts 5 to 8 working days after the client due date (default 30 days), no fee', () => {
    // 2026-05-12 + 30 = Thursday 2026-06-11: 5th working day after = Thu 18, 8th = Tue 23.
    const f = ok(forecastPayout(LBC_OLD, invoice()));
    expect(f).toMatchObject({ regime: 'back_to_back', plan: 'back_to_back', clientDueOn: '2026-06-11', payoutEarliest: '2026-06-18', payoutLatest: '2026-06-23', feeCents: 0, payoutCents: 1_200_000 });
  });

  it('uses the mission terms (45 days)', () => {
    // 2026-05-12 + 45 = Friday 2026-06-26 → Fri 3 Jul .. Wed 8 Jul
    expect(ok(forecastPayout({ ...LBC_OLD, clientTermsDays: 45 }, invoice()))).toMatchObject({ clientDueOn: '2026-06-26', payoutEarliest: '2026-07-03', payoutLatest: '2026-07-08' });
  });

  it("narrows the range once the client's payment is known", () => {
    // paid Monday 2026-06-01: 5th working day = Mon 8, 8th = Thu 11
    const f = ok(forecastPayout(LBC_OLD, invoice({ clientPaidOn: '2026-06-01' })));
    expect(f).toMatchObject({ clientDueOn: '2026-06-11', payoutEarliest: '2026-06-08', payoutLatest: '2026-06-11' });
  });

  it('applies to a freelancer based in Belgium signing after 2025-04-28, who cannot pick a fixed-date plan', () => {
    const be = { portal: 'littlebig', contractSignedOn: '2025-06-02', country: 'BE' };
    expect(ok(forecastPayout(be, invoice())).regime).toBe('back_to_back');
    expect(forecastPayout({ ...be, plan: 'flash' }, invoice())).toMatchObject({ ok: false, code: 'plan_not_available' });
  });

  it('immediate payment: 20 € per day invoiced, 3 to 5 working days after validation', () => {
    // validated 2026-05-12: +3 = Mon 18, +5 = Wed 20 (Ascension skipped); fee 20 € × 20.5 = 410 €
    const f = ok(forecastPayout({ ...LBC_OLD, plan: 'immediate' }, invoice({ daysInvoiced: 20.5, netCents: 1_025_000, vatCents: 205_000 })));
    expect(f).toMatchObject({ plan: 'immediate', feeCents: 41_000, totalCents: 1_230_000, payoutCents: 1_189_000, payoutEarliest: '2026-05-18', payoutLatest: '2026-05-20', clientDueOn: '2026-06-11' });
    // A quarter-day rounds half-up on the thousandths: 20 € × 0.25 = 5 €
    expect(ok(forecastPayout({ ...LBC_OLD, plan: 'immediate' }, invoice({ daysInvoiced: 0.25 }))).feeCents).toBe(500);
  });
});

describe('other portals', () => {
  it('Malt keeps 10 % of the net excluding VAT; payout + fee = total', () => {
    const f = ok(forecastPayout({ portal: 'malt', contractSignedOn: '2026-01-05', country: 'FR' }, invoice()));
    expect(f).toMatchObject({ regime: 'back_to_back', plan: 'back_to_back', feeCents: 100_000, payoutCents: 1_100_000 });
    expect(forecastPayout({ portal: 'Malt', contractSignedOn: '2026-01-05', country: 'FR', plan: 'immediate' }, invoice())).toMatchObject({ ok: false, code: 'plan_not_available' });
  });

  it('an unknown portal is paid after the client, with no fee', () => {
    expect(ok(forecastPayout({ portal: 'freework', contractSignedOn: '2026-01-05', country: 'FR' }, invoice()))).toMatchObject({ regime: 'back_to_back', feeCents: 0, payoutCents: 1_200_000 });
  });
});

describe('direct clients', () => {
  const DIRECT: PayoutTerms = { portal: 'direct', contractSignedOn: '2026-01-05', country: 'FR' };

  it('invoice dated at validation, due after 30 days by default, paid on the due date', () => {
    // 2026-05-12 + 30 = Thursday 2026-06-11
    expect(ok(forecastPayout(DIRECT, invoice()))).toMatchObject({ regime: 'direct', plan: 'direct', invoiceDate: '2026-05-12', clientDueOn: '2026-06-11', payoutEarliest: '2026-06-11', payoutLatest: '2026-06-11', feeCents: 0, payoutCents: 1_200_000 });
  });

  it('a due date on a holiday is expected the next working day', () => {
    // 2026-04-01 + 30 = Friday 1 May → Monday 4 May
    expect(ok(forecastPayout(DIRECT, invoice({ clockStartsOn: '2026-04-01' })))).toMatchObject({ clientDueOn: '2026-05-01', payoutEarliest: '2026-05-04' });
  });

  it('accepts exactly 60 days and refuses more (art. L441-10 Code de commerce)', () => {
    expect(ok(forecastPayout({ ...DIRECT, clientTermsDays: 60 }, invoice())).clientDueOn).toBe('2026-07-11');
    const refused = forecastPayout({ ...DIRECT, clientTermsDays: 61 }, invoice());
    expect(refused).toMatchObject({ ok: false, code: 'terms_too_long' });
    if (!refused.ok) expect(refused.message).toContain('60');
  });

  it("a known payment fixes the date", () => {
    expect(ok(forecastPayout(DIRECT, invoice({ clientPaidOn: '2026-06-03' })))).toMatchObject({ payoutEarliest: '2026-06-03', payoutLatest: '2026-06-03' });
  });
});

describe('SMart BE', () => {
  const SMART: PayoutTerms = { portal: 'smart', contractSignedOn: '2026-01-05', country: 'BE' };

  it('keeps 6.5 % of the net; the VAT is not the member’s; paid 1 to 7 working days after the work; client due in 10 days', () => {
    // net 10 000 €, 21 % VAT 2 100 €; fee 650 €; payout 9 350 €
    const f = ok(forecastPayout(SMART, invoice({ netCents: 1_000_000, vatCents: 210_000 })));
    expect(f).toMatchObject({ regime: 'smart', plan: 'smart', totalCents: 1_210_000, feeCents: 65_000, payoutCents: 935_000, clientDueOn: '2026-05-22' });
    // 2026-05-12: +1 = Wed 13, +7 = Fri 22 (Ascension 14 is a Belgian holiday too)
    expect(f).toMatchObject({ payoutEarliest: '2026-05-13', payoutLatest: '2026-05-22' });
  });

  it('counts working days on the Belgian calendar: 8 May is worked in Belgium', () => {
    // From Wed 2026-05-06: 7, 8, 11, 12, 13, (14 Ascension), 15, 18 → Mon 18 (on the French calendar, Tue 19).
    const f = ok(forecastPayout(SMART, invoice({ clockStartsOn: '2026-05-06', netCents: 100_000, vatCents: 0 })));
    expect(f).toMatchObject({ payoutEarliest: '2026-05-07', payoutLatest: '2026-05-18' });
  });

  it('rounds the 6.5 % half-up', () => {
    // 6.5 % of 123.45 € = 8.02425 € → 802 cents; 6.5 % of 10.10 € = 0.6565 € → 66 cents
    expect(ok(forecastPayout(SMART, invoice({ netCents: 12_345, vatCents: 0 }))).feeCents).toBe(802);
    expect(ok(forecastPayout(SMART, invoice({ netCents: 1_010, vatCents: 0 }))).feeCents).toBe(66);
  });
});

describe('malformed input is a programmer error', () => {
  it('throws on fractional cents, finer than thousandths days, bad dates, negative terms', () => {
    expect(() => forecastPayout(LBC_OLD, invoice({ netCents: 10.5 }))).toThrow(RangeError);
    expect(() => forecastPayout(LBC_OLD, invoice({ daysInvoiced: 1.0005 }))).toThrow(RangeError);
    expect(() => forecastPayout(LBC_OLD, invoice({ daysInvoiced: -1 }))).toThrow(RangeError);
    expect(() => forecastPayout(LBC_OLD, invoice({ clockStartsOn: '2026-02-30' }))).toThrow(RangeError);
    expect(() => forecastPayout({ ...LBC_OLD, clientTermsDays: -1 }, invoice())).toThrow(RangeError);
  });
});

// ---- properties ------------------------------------------------------------

const dateBetween = (from: string, days: number) => fc.integer({ min: 0, max: days }).map((n) => addDays(from, n));

/** Valid terms: the plan is one the portal offers under the contract's regime (or absent where a default exists). */
const termsArb = fc
  .record({
    portal: fc.constantFrom('littlebig', 'LittleBIG', 'smart', 'direct', 'malt', 'freework'),
    contractSignedOn: dateBetween('2024-10-01', 400),
    country: fc.constantFrom('FR', 'fr', 'BE', 'DE'),
    clientTermsDays: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  })
  .chain((t) => {
    const regime = regimeFor(t);
    const offered = portalRuleFor(t.portal).plans;
    const plans = plansOf(regime).filter((p) => offered === undefined || offered.includes(p));
    const plan = fc.constantFrom(...plans);
    return fc.record({ plan: regime === 'fixed_date' ? plan : fc.option(plan, { nil: undefined }) }).map(({ plan }): PayoutTerms => ({ ...t, plan }));
  });

const invoiceArb = fc
  .record({
    daysMilli: fc.integer({ min: 0, max: 31_000 }),
    dailyRateCents: fc.integer({ min: 0, max: 300_000 }),
    extraCents: fc.integer({ min: 0, max: 200_000 }),
    vatBps: fc.constantFrom(0, 550, 1_000, 2_000, 2_100),
    clockStartsOn: dateBetween('2025-05-01', 1_500),
    paidAfter: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
  })
  .map(({ daysMilli, dailyRateCents, extraCents, vatBps, clockStartsOn, paidAfter }): InvoicedAmounts => {
    const days = daysMilli / 1000;
    const netCents = lineAmount(days, dailyRateCents) + extraCents;
    return {
      daysInvoiced: days,
      dailyRateCents,
      netCents,
      vatCents: applyBps(netCents, vatBps),
      clockStartsOn,
      ...(paidAfter === undefined ? {} : { clientPaidOn: addDays(clockStartsOn, paidAfter) }),
    };
  });

describe('forecast properties', () => {
  test.prop([termsArb, invoiceArb])('payout + fee = total for every regime with a portal fee (all but SMart); SMart pays net − fee', (terms, inv) => {
    const f = ok(forecastPayout(terms, inv));
    expect(f.totalCents).toBe(f.netCents + f.vatCents);
    if (f.regime === 'smart') {
      expect(f.feeCents).toBe(applyBps(f.netCents, 650));
      expect(f.payoutCents + f.feeCents).toBe(f.netCents);
    } else expect(f.payoutCents + f.feeCents).toBe(f.totalCents);
  });

  test.prop([termsArb, invoiceArb])('no amount is fractional', (terms, inv) => {
    const f = ok(forecastPayout(terms, inv));
    for (const key of ['netCents', 'vatCents', 'totalCents', 'feeCents', 'payoutCents'] as const) expect(Number.isInteger(f[key])).toBe(true);
  });

  test.prop([termsArb, invoiceArb])('the payout window is ordered, made of working days, and never before the clock starts', (terms, inv) => {
    const { payoutEarliest, payoutLatest, regime } = ok(forecastPayout(terms, inv));
    expect(payoutEarliest <= payoutLatest).toBe(true);
    // The payer's calendar: Belgian for SMart BE, French for everyone else.
    const calendar = regime === 'smart' ? ({ country: 'BE' } as const) : {};
    expect(isWorkingDay(payoutEarliest, calendar)).toBe(true);
    expect(isWorkingDay(payoutLatest, calendar)).toBe(true);
    expect(payoutEarliest >= inv.clockStartsOn).toBe(true);
  });

  test.prop([dateBetween('2025-04-28', 400), invoiceArb, fc.constantFrom('basic', 'express', 'flash')])(
    "a fixed-date payout is never earlier than the plan's delay, and at most a few days later",
    (signedOn, inv, plan) => {
      const f = ok(forecastPayout({ portal: 'littlebig', contractSignedOn: signedOn, country: 'FR', plan }, inv));
      expect(f.payoutEarliest).toBe(f.payoutLatest);
      if (plan === 'flash') {
        expect(workingDaysBetween(addDays(inv.clockStartsOn, 1), f.payoutLatest)).toHaveLength(3);
      } else {
        const delay = plan === 'basic' ? 60 : 30;
        const waited = daysBetween(inv.clockStartsOn, f.payoutLatest);
        expect(waited).toBeGreaterThanOrEqual(delay);
        expect(waited).toBeLessThanOrEqual(delay + 4); // at worst a holiday next to a weekend
      }
    },
  );

  test.prop([dateBetween('2025-04-28', 400), invoiceArb, fc.constantFrom('basic', 'express', 'flash'), fc.integer({ min: -30, max: 120 })])(
    "a fixed-date payout ignores the client's payment date",
    (signedOn, inv, plan, paidAfter) => {
      const terms = { portal: 'littlebig', contractSignedOn: signedOn, country: 'FR', plan };
      const { clientPaidOn: _ignored, ...unpaid } = inv;
      expect(forecastPayout(terms, { ...unpaid, clientPaidOn: addDays(inv.clockStartsOn, paidAfter) })).toEqual(forecastPayout(terms, unpaid));
    },
  );

  test.prop([invoiceArb, fc.integer({ min: 0, max: 90 })])('back-to-back: a known payment gives a window of 5 to 8 working days after it', (inv, paidAfter) => {
    const paid = addDays(inv.clockStartsOn, paidAfter);
    const f = ok(forecastPayout(LBC_OLD, { ...inv, clientPaidOn: paid }));
    expect(workingDaysBetween(addDays(paid, 1), f.payoutEarliest)).toHaveLength(5);
    expect(workingDaysBetween(addDays(paid, 1), f.payoutLatest)).toHaveLength(8);
  });
});
