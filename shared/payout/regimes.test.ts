import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { defaultPlan, normalizePlan, PLANS, plansOf, regimeFor, resolvePlan, type Regime } from './regimes';

const REGIMES: Regime[] = ['fixed_date', 'back_to_back', 'direct', 'smart'];

describe('regimeFor', () => {
  it('LittleBIG: fixed-date from a contract signed on 2025-04-28 in France, back-to-back the day before', () => {
    expect(regimeFor({ portal: 'littlebig', contractSignedOn: '2025-04-27', country: 'FR' })).toBe('back_to_back');
    expect(regimeFor({ portal: 'littlebig', contractSignedOn: '2025-04-28', country: 'FR' })).toBe('fixed_date');
    expect(regimeFor({ portal: 'littlebig', contractSignedOn: '2026-01-15', country: 'FR' })).toBe('fixed_date');
  });

  it('LittleBIG: a freelancer based outside France stays back-to-back whatever the date', () => {
    expect(regimeFor({ portal: 'littlebig', contractSignedOn: '2025-04-27', country: 'BE' })).toBe('back_to_back');
    expect(regimeFor({ portal: 'littlebig', contractSignedOn: '2025-04-28', country: 'BE' })).toBe('back_to_back');
    expect(regimeFor({ portal: 'littlebig', contractSignedOn: '2026-06-01', country: 'DE' })).toBe('back_to_back');
  });

  it('reads the country and the portal name case-insensitively', () => {
    expect(regimeFor({ portal: 'littlebig', contractSignedOn: '2025-04-28', country: 'fr' })).toBe('fixed_date');
    expect(regimeFor({ portal: 'LittleBIG Connection', contractSignedOn: '2025-04-28', country: ' Fr ' })).toBe('fixed_date');
  });

  it('SMart, direct, Malt and unknown portals', () => {
    const on = { contractSignedOn: '2026-01-05', country: 'FR' };
    expect(regimeFor({ portal: 'smart', ...on })).toBe('smart');
    expect(regimeFor({ portal: 'SMart BE', ...on })).toBe('smart');
    expect(regimeFor({ portal: 'direct', ...on })).toBe('direct');
    expect(regimeFor({ portal: 'malt', ...on })).toBe('back_to_back');
    expect(regimeFor({ portal: 'some-new-portal', ...on })).toBe('back_to_back');
  });
});

describe('plans', () => {
  it('each regime offers its plans', () => {
    expect(plansOf('fixed_date')).toEqual(['basic', 'express', 'flash']);
    expect(plansOf('back_to_back')).toEqual(['back_to_back', 'immediate']);
    expect(plansOf('direct')).toEqual(['direct']);
    expect(plansOf('smart')).toEqual(['smart']);
  });

  it('every plan belongs to exactly one regime', () => {
    for (const plan of PLANS) expect(REGIMES.filter((r) => plansOf(r).includes(plan))).toHaveLength(1);
  });

  it('fixed-date has no default plan, the others their standard one', () => {
    expect(defaultPlan('fixed_date')).toBeUndefined();
    expect(defaultPlan('back_to_back')).toBe('back_to_back');
    expect(defaultPlan('direct')).toBe('direct');
    expect(defaultPlan('smart')).toBe('smart');
  });
});

describe('normalizePlan', () => {
  it('is lenient on case, dashes, spaces and aliases', () => {
    expect(normalizePlan('FLASH')).toBe('flash');
    expect(normalizePlan(' Express ')).toBe('express');
    expect(normalizePlan('back-to-back')).toBe('back_to_back');
    expect(normalizePlan('Back To Back')).toBe('back_to_back');
    expect(normalizePlan('backtoback')).toBe('back_to_back');
    expect(normalizePlan('immediate_payment')).toBe('immediate');
    expect(normalizePlan('Immediate-Payment')).toBe('immediate');
  });

  it('returns undefined for an unknown plan', () => {
    expect(normalizePlan('gold')).toBeUndefined();
    expect(normalizePlan('')).toBeUndefined();
  });

  test.prop([fc.constantFrom(...PLANS)])('every plan name parses to itself, in any case', (plan) => {
    expect(normalizePlan(plan)).toBe(plan);
    expect(normalizePlan(plan.toUpperCase().replace(/_/g, '-'))).toBe(plan);
  });
});

describe('resolvePlan', () => {
  it('accepts a plan of the regime', () => {
    expect(resolvePlan('fixed_date', 'Flash')).toEqual({ ok: true, plan: 'flash' });
    expect(resolvePlan('back_to_back', 'immediate payment')).toEqual({ ok: true, plan: 'immediate' });
  });

  it('falls back on the default plan, except under fixed-date where it is required', () => {
    expect(resolvePlan('back_to_back', undefined)).toEqual({ ok: true, plan: 'back_to_back' });
    expect(resolvePlan('smart', undefined)).toEqual({ ok: true, plan: 'smart' });
    expect(resolvePlan('direct', '')).toEqual({ ok: true, plan: 'direct' });
    expect(resolvePlan('fixed_date', undefined)).toMatchObject({ ok: false, code: 'plan_required' });
  });

  it('refuses a plan of another regime, both ways', () => {
    expect(resolvePlan('back_to_back', 'express')).toMatchObject({ ok: false, code: 'plan_not_available' });
    expect(resolvePlan('fixed_date', 'immediate')).toMatchObject({ ok: false, code: 'plan_not_available' });
    expect(resolvePlan('fixed_date', 'back_to_back')).toMatchObject({ ok: false, code: 'plan_not_available' });
    expect(resolvePlan('direct', 'flash')).toMatchObject({ ok: false, code: 'plan_not_available' });
  });

  it('refuses an unknown plan', () => {
    const r = resolvePlan('fixed_date', 'platinum');
    expect(r).toMatchObject({ ok: false, code: 'plan_unknown' });
    if (!r.ok) expect(r.message).toContain('platinum');
  });
});
