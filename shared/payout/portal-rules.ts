import type { IsoDate } from '../dates';
import { inForceOn, SINCE_ALWAYS, type Dated } from '../dated-table';
import type { FeeRule } from './fees';
import type { Plan, Regime } from './regimes';

/**
 * Which regime, which plans and which portal-level fee apply per portal, as data
 * (DOMAIN.md, "Dates in the forecast": "a portal's fee and delay rules are data").
 * Plan-level delays and fees (Express, Flash, immediate payment, SMart) are in plan-rules.ts.
 */

/** A regime in force from a contract signature date, optionally only for freelancers based in some countries. */
export type RegimeRow = Dated & { readonly regime: Regime; readonly countries?: readonly string[] };

export type PortalRule = {
  readonly label: string;
  /** Looked up by contract signature date; rows restricted to `countries` apply only there. */
  readonly regimes: readonly RegimeRow[];
  /** When set, only these plans of the regime are offered on this portal. */
  readonly plans?: readonly Plan[];
  /** A fee the portal keeps on every invoice whatever the plan, by contract signature date. */
  readonly fees?: readonly (Dated & { readonly fee: FeeRule | null })[];
};

export const PORTAL_RULES: Readonly<Record<string, PortalRule>> = {
  // DOMAIN.md "Payout regimes (LittleBIG Connection)"; seeds littlebig-connection-payment-terms.fr.txt
  // ("Si vous avez signé votre contrat à partir du 28 avril 2025 et que vous êtes basé en France")
  // and littlebig-connection-faq.en.txt ("or if you're not based in France ... paid after your client has settled it").
  littlebig: {
    label: 'LittleBIG Connection',
    regimes: [
      { from: SINCE_ALWAYS, regime: 'back_to_back' },
      { from: '2025-04-28', regime: 'fixed_date', countries: ['FR'] },
    ],
  },
  // DOMAIN.md "SMart BE (cooperative)".
  smart: { label: 'SMart BE', regimes: [{ from: SINCE_ALWAYS, regime: 'smart' }] },
  // DOMAIN.md "Direct clients".
  direct: { label: 'Direct client', regimes: [{ from: SINCE_ALWAYS, regime: 'direct' }] },
  // DOMAIN.md "Dates in the forecast": "Malt keeps 10 % of the freelancer's amount excluding VAT at payment".
  // Paid once the client has paid, like back-to-back; immediate payment is a LittleBIG option, not Malt's.
  malt: {
    label: 'Malt',
    regimes: [{ from: SINCE_ALWAYS, regime: 'back_to_back' }],
    plans: ['back_to_back'],
    fees: [{ from: SINCE_ALWAYS, fee: { kind: 'bps_of_net', bps: 1_000 } }],
  },
};

/**
 * A portal Relais has no rule for: paid after the client, no fee, no paid options (we do
 * not know its fees, so we promise none).
 */
export const UNKNOWN_PORTAL: PortalRule = {
  label: 'Other portal',
  regimes: [{ from: SINCE_ALWAYS, regime: 'back_to_back' }],
  plans: ['back_to_back'],
};

const PORTAL_ALIASES: Readonly<Record<string, string>> = {
  littlebigconnection: 'littlebig',
  lbc: 'littlebig',
  smartbe: 'smart',
};

/**
 * The key of a portal name: lower case, letters and digits only, aliases resolved.
 * @example portalKey('LittleBIG Connection') // 'littlebig'
 */
export function portalKey(portal: string): string {
  const compact = portal.toLowerCase().replace(/[^a-z0-9]/g, '');
  return PORTAL_ALIASES[compact] ?? compact;
}

/** The rule of a portal by name (case-insensitive), or {@link UNKNOWN_PORTAL}. */
export function portalRuleFor(portal: string): PortalRule {
  return PORTAL_RULES[portalKey(portal)] ?? UNKNOWN_PORTAL;
}

/**
 * Whether a portal's regime depends on the contract's signature date or the freelancer's country (then both must be
 * given); a direct client or a single-regime portal needs neither.
 * @example contractTermsMatter('littlebig') // true
 * @example contractTermsMatter('direct') // false
 */
export function contractTermsMatter(portal: string): boolean {
  const rule = portalRuleFor(portal);
  return rule.regimes.length > 1 || rule.regimes.some((r) => r.countries !== undefined);
}

/** The portal-level fee in force for a contract signed on `signedOn` (null: none). */
export function portalFeeOn(rule: PortalRule, signedOn: IsoDate): FeeRule | null {
  return inForceOn(rule.fees ?? [], signedOn)?.fee ?? null;
}
