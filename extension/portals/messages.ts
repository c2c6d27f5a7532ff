import type { OverlayPortal, PortalPage } from '../../shared/portals/reports';
import type { SmartContractType, SmartGrossCheck } from '../../shared/payout/smart';
import type { Operation } from './apply';
import type { OverlayBundle } from './bundles';
import type { CraPlan, DayDiff } from './littlebig/cra';
import type { DesiredQuote } from './smart/quote-form';

/**
 * Messages a portal content script may send to the background. They travel on their own
 * listener (background/handlers.ts, registered by background/register.ts), accepted only from tabs on a portal host; the
 * background never hands the token over, only what the overlay needs to show and fill.
 */

export type PortalMission = { id: string; portal: string; portalRef: string | null; clientName: string; dailyRateCents: number; smartContractType: SmartContractType | null };
export type PortalCra = { state: 'draft' | 'submitted' | 'validated' | 'refused'; days: Record<string, number>; lines: { kind: string; label: string; amountCents: number }[]; pending: boolean };

/**
 * A line the overlay shows, as the background words it: a `_locales` message key (without its
 * `portal_` prefix) and its arguments, already formatted (French dates, quantities, euros). The
 * overlay only looks the words up, so that formatting does not weigh on its budget.
 */
export type Say = [key: string, ...args: string[]];

/** What the background did with what a page showed. */
export type Outcome =
  | { kind: 'validated'; month: string; validatedOn: string; payoutEarliest: string | null; payoutLatest: string | null }
  | { kind: 'submitted' | 'refused'; month: string }
  | { kind: 'days_differ'; month: string; portalState: string }
  | { kind: 'invoice_paid' | 'client_paid'; number: string; paidOn: string }
  | { kind: 'no_mission'; missionRef: string }
  | { kind: 'recorded' }
  | { kind: 'failed'; message: string };
/** An outcome as the overlay gets it: with its words. */
export type SaidOutcome = Outcome & { say: Say[] };

/**
 * What Relais would change on the page the overlay read: the adapter's pure `plan`, run by the
 * background on the page's model (the page keeps only what needs its DOM: read, apply, verify),
 * so that the overlay bundles stay within the page's budget.
 */
export type CraComparison = { days: DayDiff[]; plan: CraPlan; notes: Say[] };
/** The SMart quote form: what Relais would enter (the mission's month, with the user's way out of a low gross), the operations, and the minimum gross check of that quote, or of the form's own figures without one. */
export type QuotePlan = { desired: DesiredQuote | null; ops: Operation[]; check: SmartGrossCheck | null };
export type QuoteOverride = { amountCents?: number; partTime?: boolean };

export type PortalRequests = {
  /**
   * Relais' month for a mission (by portal reference, or id). With `page`, the model the overlay
   * read (the CRA calendar, the quote form), the answer also carries the plan for that page.
   */
  'portal.month': {
    req: { portal: OverlayPortal; missionRef?: string; missionId?: string; month: string; page?: unknown; override?: QuoteOverride };
    res: { signedIn: boolean; missions: PortalMission[]; mission: PortalMission | null; cra: PortalCra | null; craPlan?: CraComparison; quotePlan?: QuotePlan; /** The only button names the overlay may press on that portal's page. */ submitLabels?: readonly string[] };
  };
  'portal.observed': { req: { portal: OverlayPortal; page: PortalPage; data: unknown }; res: { outcomes: SaidOutcome[] } };
  'portal.breakage': { req: { portal: OverlayPortal; page: PortalPage; selectorKey: string; host?: string }; res: { reported: boolean } };
  /** The overlay's words in the language the user chose for the popup (`portal_*` messages, `$ARG1$` placeholders). */
  'portal.words': { req: Record<string, never>; res: { lang: 'fr' | 'en'; words: Record<string, string> } };
};
export type PortalMessageType = keyof PortalRequests;
export const PORTAL_MESSAGE_TYPES: readonly PortalMessageType[] = ['portal.month', 'portal.observed', 'portal.breakage', 'portal.words'];

/**
 * Sent by a content script once its page is one Relais knows (the overlay for that kind of
 * page), or by an overlay when the user asks for a snapshot: the background injects the bundle
 * into the sender's frame (background/register.ts), after the same sender check.
 */
export type LoadOverlay = { type: 'portal.overlay'; bundle: OverlayBundle };
export type LoadOverlayReply = { ok: true } | { ok: false; code: string; message: string };

export type PortalReply<T extends PortalMessageType> = { ok: true; value: PortalRequests[T]['res'] } | { ok: false; code: string; message: string };

/**
 * Storage key of the breakages seen, for the popup (extension/popup/popup.tsx shows it; the
 * shape is lib/model.ts's PortalBreakage): by portal, `{ page, selectorKey, at (ISO), host }`.
 * A portal's entry goes once that page reads fine again.
 */
export const PORTAL_BREAKAGE_KEY = 'portalBreakage';
export type PortalBreakageEntry = { page: PortalPage; selectorKey: string; at: string; host: string };
export type PortalBreakage = Partial<Record<OverlayPortal, PortalBreakageEntry>>;
/** Storage key of the custom hosts the user granted: `[{ portal, origin }]`. */
export const PORTAL_HOSTS_KEY = 'portalHosts';
export type CustomPortalHost = { portal: OverlayPortal; origin: string };

/** Thrown in the page when the extension was updated or removed under it. */
export class ContextInvalidated extends Error {}

/** Sends a portal message; an invalidated extension context becomes `ContextInvalidated`. */
export async function askPortal<T extends PortalMessageType>(send: (m: unknown) => Promise<unknown>, type: T, req: PortalRequests[T]['req']): Promise<PortalRequests[T]['res']> {
  let reply: PortalReply<T> | undefined;
  try {
    reply = (await send({ type, ...req })) as PortalReply<T> | undefined;
  } catch (err) {
    if (/context invalidated|receiving end does not exist|runtime\.id|of undefined/i.test(String((err as Error)?.message ?? err))) throw new ContextInvalidated();
    throw err;
  }
  if (!reply) throw new Error('The background did not answer');
  if (!reply.ok) throw Object.assign(new Error(reply.message), { code: reply.code });
  return reply.value;
}
