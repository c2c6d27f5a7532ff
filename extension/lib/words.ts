import { formatMoney } from '../../shared/money';
import type { FeeRule } from '../../shared/payout/fees';
import { planRuleOn } from '../../shared/payout/plan-rules';
import { portalFeeOn, portalRuleFor } from '../../shared/payout/portal-rules';
import { normalizePlan } from '../../shared/payout/regimes';
import type { Locale } from './i18n';

/**
 * Names for people of the codes the API speaks in: plans, portals, page kinds, regimes,
 * SMart contract types, issuers. A code this table does not know is shown capitalised with
 * spaces (`back_to_back` → `Back to back`), never as a raw code.
 */

type Words = Readonly<Record<string, string>>;

const PLAN: Record<Locale, Words> = {
  fr: {
    basic: 'Basic (paiement à date fixe)',
    express: 'Express',
    flash: 'Flash',
    back_to_back: 'Paiement après le client',
    immediate: 'Paiement immédiat',
    direct: 'Client direct (vos conditions)',
    smart: 'SMart (salaire)',
  },
  en: {
    basic: 'Basic (fixed-date payment)',
    express: 'Express',
    flash: 'Flash',
    back_to_back: 'Paid after the client pays',
    immediate: 'Immediate payment',
    direct: 'Direct client (your terms)',
    smart: 'SMart (salary)',
  },
};

/** Short plan names, for a fee line: "Commission LittleBIG (Express, 2,5 %)". */
const PLAN_SHORT: Record<Locale, Words> = {
  fr: { basic: 'Basic', express: 'Express', flash: 'Flash', back_to_back: 'après le client', immediate: 'paiement immédiat', direct: 'direct', smart: 'SMart' },
  en: { basic: 'Basic', express: 'Express', flash: 'Flash', back_to_back: 'after the client', immediate: 'immediate payment', direct: 'direct', smart: 'SMart' },
};

const PORTAL: Record<Locale, Words> = {
  fr: { littlebig: 'LittleBIG Connection', smart: 'SMart', direct: 'Client direct', malt: 'Malt', other: 'Autre portail' },
  en: { littlebig: 'LittleBIG Connection', smart: 'SMart', direct: 'Direct client', malt: 'Malt', other: 'Other portal' },
};

/** The portal's short name in a fee label. */
const PORTAL_SHORT: Words = { littlebig: 'LittleBIG', smart: 'SMart', malt: 'Malt' };

const PAGE: Record<Locale, Words> = {
  fr: { cra: 'feuille de temps (CRA)', missions: 'liste des missions', invoices: 'liste des factures', 'quote-form': 'formulaire de devis', 'quote-list': 'liste des devis' },
  en: { cra: 'timesheet', missions: 'mission list', invoices: 'invoice list', 'quote-form': 'quote form', 'quote-list': 'quote list' },
};

const REGIME: Record<Locale, Words> = {
  fr: { fixed_date: 'paiement à date fixe', back_to_back: 'paiement après le client', direct: 'client direct', smart: 'coopérative SMart' },
  en: { fixed_date: 'fixed-date payment', back_to_back: 'paid after the client', direct: 'direct client', smart: 'SMart cooperative' },
};

const CONTRACT: Record<Locale, Words> = {
  fr: { salaried: 'Contrat salarié', salaried_artistic: 'Contrat salarié artistique', music: 'Musicien', music_chorister: 'Choriste' },
  en: { salaried: 'Salaried contract', salaried_artistic: 'Artistic salaried contract', music: 'Musician', music_chorister: 'Chorister' },
};

const ISSUER: Record<Locale, Words> = {
  fr: { freelancer: 'Vous émettez la facture', portal_mandate: 'Le portail facture en votre nom (mandat)', cooperative: 'La coopérative facture le client' },
  en: { freelancer: 'You issue the invoice', portal_mandate: 'The portal invoices on your behalf (mandate)', cooperative: 'The cooperative invoices the client' },
};

const INVOICE_MODE: Record<Locale, Words> = {
  fr: { auto: 'Facture préparée par Relais à la validation', manual: 'Je fais la facture moi-même' },
  en: { auto: 'Relais prepares the invoice at validation', manual: 'I make the invoice myself' },
};

/** `back_to_back` → `Back to back`: a readable fallback for a code no table names. */
export function humanize(code: string): string {
  const spaced = code.replace(/[_-]+/g, ' ').trim();
  return spaced ? spaced[0]!.toUpperCase() + spaced.slice(1) : code;
}

const lookup = (table: Record<Locale, Words>) => (code: string | null | undefined, locale: Locale) =>
  code == null ? '' : (table[locale][code] ?? humanize(code));

/** @example planName('back_to_back', 'fr') // 'Paiement après le client' */
export const planName = lookup(PLAN);
/** @example planShortName('express', 'fr') // 'Express' */
export const planShortName = lookup(PLAN_SHORT);
/** @example portalName('direct', 'fr') // 'Client direct' */
export const portalName = lookup(PORTAL);
/** @example pageName('quote-form', 'en') // 'quote form' */
export const pageName = lookup(PAGE);
export const regimeName = lookup(REGIME);
export const contractTypeName = lookup(CONTRACT);
export const issuerName = lookup(ISSUER);
export const invoiceModeName = lookup(INVOICE_MODE);

/** A rate in basis points as people write it: 250 → '2,5 %' (fr) / '2.5%' (en). */
export function percent(bps: number, locale: Locale): string {
  const n = (bps / 100).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 });
  return locale === 'fr' ? `${n}\u00a0%` : `${n}%`;
}

/** A fee rule as people say it: '2,5 % du TJM par jour', '20 € par jour', '6,5 %'. */
export function feeRateText(rule: FeeRule, locale: Locale): string {
  if (rule.kind === 'cents_per_day') return locale === 'fr' ? `${formatMoney(rule.cents, 'fr')} par jour` : `${formatMoney(rule.cents, 'en')} per day`;
  if (rule.kind === 'bps_of_daily_rate_per_day') return locale === 'fr' ? `${percent(rule.bps, locale)} du TJM` : `${percent(rule.bps, locale)} of the daily rate`;
  return percent(rule.bps, locale);
}

/**
 * The label of a portal's commission, apart from expense lines; `rate` is basis points or
 * an already worded rate.
 * @example feeLabel('littlebig', 'express', 250, 'fr') // 'Commission LittleBIG (Express, 2,5 %)'
 */
export function feeLabel(portal: string, plan: string | null | undefined, rate: number | string | null | undefined, locale: Locale): string {
  const who = PORTAL_SHORT[portal] ?? portalName(portal, locale);
  const rateText = typeof rate === 'number' ? (rate > 0 ? percent(rate, locale) : null) : rate || null;
  const parts = [plan ? planShortName(plan, locale) : null, rateText].filter(Boolean);
  const head = portal === 'smart' ? (locale === 'fr' ? 'Frais de gestion SMart' : 'SMart management fee') : locale === 'fr' ? `Commission ${who}` : `${who} commission`;
  return parts.length ? `${head} (${parts.join(', ')})` : head;
}

/**
 * The commission of a mission's plan and portal, named with its rate from the dated tables.
 * @example missionFeeLabel({ portal: 'littlebig', plan: 'express', contractSignedOn: '2025-06-01' }, 'fr')
 *   // 'Commission LittleBIG (Express, 2,5 % du TJM)'
 */
export function missionFeeLabel(m: { portal: string; plan: string | null; contractSignedOn?: string | null }, locale: Locale): string {
  const plan = normalizePlan(m.plan ?? '');
  const signedOn = m.contractSignedOn ?? '2100-01-01';
  const rules: FeeRule[] = [];
  try {
    const planFee = plan ? planRuleOn(plan, signedOn).fee : null;
    if (planFee) rules.push(planFee);
  } catch {
    // No plan row then: the forecast refuses too; name the commission without a rate.
  }
  const portalFee = portalFeeOn(portalRuleFor(m.portal), signedOn);
  if (portalFee) rules.push(portalFee);
  const showPlan = plan && plan !== 'direct' && plan !== 'smart' && plan !== 'back_to_back' ? plan : null;
  return feeLabel(m.portal, showPlan, rules.map((r) => feeRateText(r, locale)).join(' + ') || null, locale);
}
