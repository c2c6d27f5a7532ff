import type { OverlayPortal, PortalPage } from '../../shared/portals/reports';
import type { SmartContractType } from '../../shared/payout/smart';

/**
 * Messages a portal content script may send to the background. They travel on their own
 * listener (background/portal-handlers.ts), accepted only from tabs on a portal host; the
 * background never hands the token over, only what the overlay needs to show and fill.
 */

export type PortalMission = { id: string; portal: string; portalRef: string | null; clientName: string; dailyRateCents: number; smartContractType: SmartContractType | null };
export type PortalCra = { state: 'draft' | 'submitted' | 'validated' | 'refused'; days: Record<string, number>; lines: { kind: string; label: string; amountCents: number }[]; pending: boolean };

/** What the background did with what a page showed. */
export type Outcome =
  | { kind: 'validated'; month: string; validatedOn: string; payoutEarliest: string | null; payoutLatest: string | null }
  | { kind: 'submitted' | 'refused'; month: string }
  | { kind: 'days_differ'; month: string; portalState: string }
  | { kind: 'invoice_paid' | 'client_paid'; number: string; paidOn: string }
  | { kind: 'no_mission'; missionRef: string }
  | { kind: 'recorded' }
  | { kind: 'failed'; message: string };

export type PortalRequests = {
  'portal.month': { req: { portal: OverlayPortal; missionRef?: string; missionId?: string; month: string }; res: { signedIn: boolean; missions: PortalMission[]; mission: PortalMission | null; cra: PortalCra | null } };
  'portal.observed': { req: { portal: OverlayPortal; page: PortalPage; data: unknown }; res: { outcomes: Outcome[] } };
  'portal.breakage': { req: { portal: OverlayPortal; page: PortalPage; selectorKey: string; host?: string }; res: { reported: boolean } };
};
export type PortalMessageType = keyof PortalRequests;
export const PORTAL_MESSAGE_TYPES: readonly PortalMessageType[] = ['portal.month', 'portal.observed', 'portal.breakage'];

/**
 * Sent by a content script once its page is one Relais knows: the background injects the
 * portal's overlay bundle into that tab (background/register.ts), after the same sender check.
 */
export type LoadOverlay = { type: 'portal.overlay'; portal: OverlayPortal };
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
