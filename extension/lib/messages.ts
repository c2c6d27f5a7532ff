import type { ProfileView } from '../../worker/routes/profile';
import type { NotificationSettings } from '../sync/api';
import type { CraContent, CraRecord, Mission, SyncError } from './model';

/**
 * Typed messages from the popup and the options page to the background, which alone
 * holds the token and talks to the API. Each request names its answer type.
 */
export type Requests = {
  'auth.status': { req: {}; res: { signedIn: boolean; apiUrl: string; email: string | null } };
  'auth.setApiUrl': { req: { apiUrl: string }; res: { apiUrl: string } };
  'auth.requestCode': { req: { email: string; locale: 'fr' | 'en' }; res: { sent: true } };
  'auth.verifyCode': { req: { email: string; code: string }; res: { signedIn: true } };
  'auth.signOut': { req: {}; res: { signedIn: false } };
  'data.refresh': { req: { missionId?: string; month?: string }; res: { ok: boolean } };
  'cra.load': { req: { missionId: string; month: string }; res: CraRecord };
  'cra.edit': { req: { missionId: string; month: string; content: CraContent }; res: CraRecord };
  'cra.resolve': { req: { missionId: string; month: string; choice: 'mine' | 'theirs' }; res: CraRecord };
  /** Queues the Submit (answers at once, offline too); the flush sends it after the edits. */
  'cra.submit': { req: { missionId: string; month: string }; res: CraRecord };
  'cra.cancelSubmit': { req: { missionId: string; month: string }; res: CraRecord };
  'missions.create': { req: { body: Record<string, unknown> }; res: Saved<Mission> };
  'missions.list': { req: {}; res: Mission[] };
  'missions.update': { req: { id: string; body: Record<string, unknown> }; res: Saved<Mission> };
  'missions.renew': { req: { id: string; body: Record<string, unknown> }; res: Saved<Mission> };
  'profile.get': { req: {}; res: ProfileView };
  'profile.save': { req: { body: Record<string, unknown> }; res: Saved<ProfileView> };
  'notifications.get': { req: {}; res: Saved<NotificationSettings> };
  'notifications.save': { req: { emailOptOut: NotificationSettings['emailOptOut'] }; res: Saved<NotificationSettings> };
  /** The invoice's PDF, fetched by the background with the token (the popup never sees it). */
  'invoices.pdf': { req: { id: string }; res: Saved<{ base64: string; filename: string }> };
  'sync.now': { req: {}; res: { pending: number; conflicts: number } };
  /** The local addresses where a Relais API answers `GET /health` (lib/detect-api.ts). */
  'api.detect': { req: {}; res: { found: string[] } };
  /** `POST /v1/simulate/payout`: one plan's fee, amount received and payout dates for a typical month. */
  'simulate.payout': { req: { body: Record<string, unknown> }; res: Saved<SimulatedPayout> };
};

/** The calculator's answer (worker/routes/simulate.ts). */
export type SimulatedPayout = {
  regime: string;
  plan: string;
  netCents: number;
  vatCents: number;
  totalCents: number;
  feeCents: number;
  payoutCents: number;
  payoutEarliest: string;
  payoutLatest: string;
  invoiceDate: string;
  clientDueOn: string | null;
};

export type MessageType = keyof Requests;
export type Message<T extends MessageType = MessageType> = { type: T } & Requests[T]['req'];
export type Reply<T extends MessageType> = { ok: true; value: Requests[T]['res'] } | { ok: false; code: string; message: string };

/**
 * The answer of a write the API may refuse for a reason the user can fix (422 with the
 * fields, 409): an expected outcome, returned rather than thrown, so the form can show each
 * field's message next to the field.
 */
export type Saved<T> = { ok: true; value: T } | { ok: false; error: SyncError };

/** Raised in the page when the background answers with a failure. */
export class BackgroundError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

type Send = (message: unknown) => Promise<unknown>;

/** Sends a typed request to the background and unwraps its answer. */
export async function ask<T extends MessageType>(send: Send, type: T, req: Requests[T]['req']): Promise<Requests[T]['res']> {
  const reply = (await send({ type, ...req })) as Reply<T> | undefined;
  if (!reply) throw new BackgroundError('no_answer', 'The background did not answer');
  if (!reply.ok) throw new BackgroundError(reply.code, reply.message);
  return reply.value;
}
