import { portalKey } from '../payout/portal-rules';

/**
 * Who issues the invoice of a mission's month, to whom, in which series (DOMAIN.md "Who issues
 * the invoice"), as data: one row per portal and invoice mode. Relais issues a document in the
 * freelancer's series only where the freelancer issues it in reality.
 */

/** `freelancer`: the freelancer's own series; `portal_mandate`: the portal bills under a billing mandate (art. 289 I-2 CGI); `cooperative`: no invoice in the member's name. */
export type Issuer = 'freelancer' | 'portal_mandate' | 'cooperative';
export const ISSUERS: readonly Issuer[] = ['freelancer', 'portal_mandate', 'cooperative'];

/** A legal entity a freelancer bills (printed as the buyer). */
export type LegalEntity = { name: string; address: string; postcode: string; city: string; country: string; siren?: string };

/** What the portal checks on an invoice the freelancer uploads to it. */
export type UploadChecklist = { maxPdfBytes: number; addressee: string; references: readonly ('mission' | 'purchaseOrder')[] };

export type IssuerRule = {
  issuer: Issuer;
  /** Who is billed: the mission's client, or the portal's legal entity. */
  billed: 'client' | LegalEntity;
  /** Who issues the document, for display ("the portal", "SMart BE"…). */
  issuedBy: string;
  /** The end client and the portal's mission / purchase-order references go in the line's description. */
  referencesInDescription: boolean;
  /** The payout clock starts at CRA validation, or when the portal validates the uploaded invoice. */
  payoutClock: 'validation' | 'upload';
  upload?: UploadChecklist;
  /** Where the issuer's invoices come from (the sender a freelancer sees). */
  sentFrom?: string;
};

/**
 * LittleBIG Connection's head office (seed littlebig-connection-onboarding / DOMAIN.md): the addressee of an uploaded invoice
 * ("adressée à LITTLE BIG CONNECTION").
 */
export const LITTLEBIG_CONNECTION: LegalEntity = { name: 'LittleBIG Connection', address: '7 rue de Châteaudun', postcode: '75009', city: 'Paris', country: 'FR' };

// Seeds: littlebig-connection-payment-terms.fr.txt ("nous recevons le paiement de votre client avant de vous le reverser"),
// LittleBIG's manual-upload help (PDF under 10 MB, addressed to LITTLE BIG CONNECTION, after the CRA validation).
const LITTLEBIG_UPLOAD: UploadChecklist = { maxPdfBytes: 10_000_000, addressee: 'LITTLE BIG CONNECTION', references: ['mission', 'purchaseOrder'] };

type ModeRows = { auto: IssuerRule; manual: IssuerRule };

const direct: IssuerRule = { issuer: 'freelancer', billed: 'client', issuedBy: 'freelancer', referencesInDescription: false, payoutClock: 'validation' };

/** Portal key → the rule of each invoice mode. */
export const ISSUER_RULES: Readonly<Record<string, ModeRows>> = {
  direct: { auto: direct, manual: direct },
  littlebig: {
    auto: { issuer: 'portal_mandate', billed: LITTLEBIG_CONNECTION, issuedBy: 'LittleBIG Connection', referencesInDescription: true, payoutClock: 'validation' },
    manual: { issuer: 'freelancer', billed: LITTLEBIG_CONNECTION, issuedBy: 'freelancer', referencesInDescription: true, payoutClock: 'upload', upload: LITTLEBIG_UPLOAD },
  },
  // SMart BE invoices the client itself (mails from invoice@smartbe.be; seed smart-be-quote-order.fr.txt) and pays a salary budget.
  smart: {
    auto: { issuer: 'cooperative', billed: 'client', issuedBy: 'SMart BE', referencesInDescription: false, payoutClock: 'validation', sentFrom: 'invoice@smartbe.be' },
    manual: { issuer: 'cooperative', billed: 'client', issuedBy: 'SMart BE', referencesInDescription: false, payoutClock: 'validation', sentFrom: 'invoice@smartbe.be' },
  },
  // Malt issues the invoice to the client in the freelancer's name (billing mandate); its fee is a separate invoice.
  malt: {
    auto: { issuer: 'portal_mandate', billed: 'client', issuedBy: 'Malt', referencesInDescription: false, payoutClock: 'validation' },
    manual: { issuer: 'portal_mandate', billed: 'client', issuedBy: 'Malt', referencesInDescription: false, payoutClock: 'validation' },
  },
};

/**
 * A portal Relais has no row for: in mode `auto` the portal generates the invoice (a mandate), in mode `manual`
 * the freelancer issues it to the client named on the mission (we know no portal entity to address).
 */
export const UNKNOWN_PORTAL_ISSUERS: ModeRows = {
  auto: { issuer: 'portal_mandate', billed: 'client', issuedBy: 'portal', referencesInDescription: false, payoutClock: 'validation' },
  manual: { issuer: 'freelancer', billed: 'client', issuedBy: 'freelancer', referencesInDescription: false, payoutClock: 'upload' },
};

/**
 * The issuer rule of a mission.
 * @example issuerRuleFor({ portal: 'littlebig', invoiceMode: 'auto' }).issuer // 'portal_mandate'
 * @example issuerRuleFor({ portal: 'LittleBIG Connection', invoiceMode: 'manual' }).billed // LITTLEBIG_CONNECTION
 */
export function issuerRuleFor(m: { portal: string; invoiceMode: 'auto' | 'manual' }): IssuerRule {
  return (ISSUER_RULES[portalKey(m.portal)] ?? UNKNOWN_PORTAL_ISSUERS)[m.invoiceMode];
}

/** The issuer of a mission: `freelancer`, `portal_mandate` or `cooperative`. */
export const issuerOf = (m: { portal: string; invoiceMode: 'auto' | 'manual' }): Issuer => issuerRuleFor(m).issuer;

/** What the mission calls "the client" and who is billed: the same party for a direct client, the portal for an intermediary. */
export function partiesOf(m: { portal: string; invoiceMode: 'auto' | 'manual'; clientName: string }) {
  const rule = issuerRuleFor(m);
  const billed = rule.billed === 'client' ? { name: m.clientName, role: 'client' as const } : { ...rule.billed, role: 'portal' as const };
  return { issuer: rule.issuer, issuedBy: rule.issuedBy, client: { name: m.clientName }, billed };
}
