import type { IsoDate } from '../dates';
import { inForceOn } from '../dated-table';
import { portalRuleFor } from './portal-rules';

/**
 * Payout regimes and plans (DOMAIN.md, "Payout regimes (LittleBIG Connection)", "Direct
 * clients", "SMart BE"). The regime follows from the portal, the contract signature date
 * and the freelancer's country; the plan is chosen within the regime.
 */
export type Regime = 'fixed_date' | 'back_to_back' | 'direct' | 'smart';
export type Plan = 'basic' | 'express' | 'flash' | 'back_to_back' | 'immediate' | 'direct' | 'smart';

export const PLANS: readonly Plan[] = ['basic', 'express', 'flash', 'back_to_back', 'immediate', 'direct', 'smart'];

const PLANS_OF: Readonly<Record<Regime, readonly Plan[]>> = {
  fixed_date: ['basic', 'express', 'flash'],
  back_to_back: ['back_to_back', 'immediate'],
  direct: ['direct'],
  smart: ['smart'],
};

// fixed_date has no default: the freelancer picks Basic, Express or Flash before the mission starts.
const DEFAULT_PLAN: Readonly<Record<Regime, Plan | undefined>> = {
  fixed_date: undefined,
  back_to_back: 'back_to_back',
  direct: 'direct',
  smart: 'smart',
};

/**
 * The regime of a contract, from the portal's dated table (portal-rules.ts). LittleBIG:
 * signed on or after 2025-04-28 by a freelancer based in France (country 'FR', any case)
 * → fixed_date, else back_to_back. 'smart' → smart, 'direct' → direct, known portals by
 * their row (Malt: back_to_back), unknown portals → back_to_back.
 * @example regimeFor({ portal: 'littlebig', contractSignedOn: '2025-04-28', country: 'fr' }) // 'fixed_date'
 * @example regimeFor({ portal: 'littlebig', contractSignedOn: '2025-04-27', country: 'FR' }) // 'back_to_back'
 * @example regimeFor({ portal: 'littlebig', contractSignedOn: '2025-06-01', country: 'BE' }) // 'back_to_back'
 */
export function regimeFor(terms: { portal: string; contractSignedOn: IsoDate; country: string }): Regime {
  const country = terms.country.trim().toUpperCase();
  const rows = portalRuleFor(terms.portal).regimes.filter((row) => row.countries === undefined || row.countries.includes(country));
  return inForceOn(rows, terms.contractSignedOn)?.regime ?? 'back_to_back';
}

/** The plans a regime offers. */
export function plansOf(regime: Regime): readonly Plan[] {
  return PLANS_OF[regime];
}

/** The regime's standard plan; undefined for fixed_date, where the plan must be chosen. */
export function defaultPlan(regime: Regime): Plan | undefined {
  return DEFAULT_PLAN[regime];
}

const PLAN_ALIASES: Readonly<Record<string, Plan>> = {
  immediate_payment: 'immediate',
  backtoback: 'back_to_back',
};

/**
 * Lenient plan parse: case-insensitive, '-' and spaces read as '_', a few aliases.
 * @example normalizePlan('Back-to-Back') // 'back_to_back'
 * @example normalizePlan('Immediate payment') // 'immediate'
 * @example normalizePlan('gold') // undefined
 */
export function normalizePlan(raw: string): Plan | undefined {
  const key = raw.trim().toLowerCase().replace(/[-\s]+/g, '_');
  const aliased = PLAN_ALIASES[key];
  if (aliased) return aliased;
  return (PLANS as readonly string[]).includes(key) ? (key as Plan) : undefined;
}

export type PlanResult =
  | { ok: true; plan: Plan }
  | { ok: false; code: 'plan_not_available' | 'plan_required' | 'plan_unknown'; message: string };

/**
 * The plan of a contract: the given plan (normalized) when the regime offers it, else the
 * regime's default plan.
 * @example resolvePlan('fixed_date', 'Flash') // { ok: true, plan: 'flash' }
 * @example resolvePlan('fixed_date', undefined) // { ok: false, code: 'plan_required', … }
 * @example resolvePlan('back_to_back', 'express') // { ok: false, code: 'plan_not_available', … }
 */
export function resolvePlan(regime: Regime, plan: string | undefined): PlanResult {
  if (plan === undefined || plan.trim() === '') {
    const fallback = defaultPlan(regime);
    if (fallback) return { ok: true, plan: fallback };
    return { ok: false, code: 'plan_required', message: `The ${regime} regime needs a chosen plan: ${plansOf(regime).join(', ')}.` };
  }
  const normalized = normalizePlan(plan);
  if (!normalized) return { ok: false, code: 'plan_unknown', message: `Unknown payment plan "${plan}"; known plans: ${PLANS.join(', ')}.` };
  if (!plansOf(regime).includes(normalized)) {
    return {
      ok: false,
      code: 'plan_not_available',
      message: `The plan ${normalized} is not offered under the ${regime} regime; available: ${plansOf(regime).join(', ')}.`,
    };
  }
  return { ok: true, plan: normalized };
}
