import type { CraLine } from '../../shared/cra/schemas';
import type { CraView } from '../../worker/use-cases/cra-view';
import type { MissionView } from '../../worker/use-cases/mission-view';
import type { buildDashboard } from '../../worker/use-cases/build-dashboard';

/**
 * What the extension keeps in `storage.local`. The background writes the data; the popup
 * reads the cache keys (never `token`) to render at once, listens for changes, and writes
 * only its own `ui` key (last tab, mission and month).
 */

export type Mission = MissionView;
export type Dashboard = Awaited<ReturnType<typeof buildDashboard>>;
export type ServerCra = CraView;

/** The editable part of a CRA: what a PUT sends. */
export type CraContent = { days: Record<string, number>; lines: CraLine[] };

/** One field the API refused (422), e.g. `{ path: 'iban', message: 'is not a valid IBAN' }`. */
export type FieldIssue = { path: string; code?: string; message: string };

export type SyncError = { status: number; code: string; message: string; issues?: FieldIssue[] };

/**
 * A Submit the user asked for, kept until the API takes it: sent after the month's pending
 * edits, with its own Idempotency-Key, on the revision those edits produced. `content` is
 * what the user saw when they pressed Submit: if the month changed elsewhere meanwhile, the
 * submit is dropped and said so rather than submitting a version they never saw.
 */
export type PendingSubmit = { idempotencyKey: string; content: CraContent; queuedAt: number };

/**
 * One mission-month as the extension knows it. `local` holds the user's edits not yet
 * accepted by the API (null when in sync); edits coalesce there, so one PUT carries them
 * all. `revision` is the server revision `local` was made from (the PUT's If-Match).
 */
export type CraRecord = {
  missionId: string;
  month: string;
  server: ServerCra | null;
  revision: number;
  local: CraContent | null;
  /** Bumped on every local edit: a PUT in flight knows whether the user typed meanwhile. */
  localVersion: number;
  /** Idempotency-Key of the content in `local`: a retry of the same content reuses it. */
  idempotencyKey: string | null;
  /** What was last sent: if the answer was lost, a 412 against the same content is ours. */
  lastSent: CraContent | null;
  /** Server version that disagreed (412): the user chooses; nothing is overwritten. */
  conflict: ServerCra | null;
  /** A refusal that retrying will not fix (409 locked, 422): shown, not retried. */
  error: SyncError | null;
  attempts: number;
  nextAttemptAt: number;
  syncedAt: number | null;
  /** A queued Submit (absent in records stored before submits were queued). */
  submit?: PendingSubmit | null;
  /** Why a queued Submit was dropped (409 locked, 422, changed elsewhere): shown until the next one. */
  submitError?: SyncError | null;
};

export type Profile = { alsaceMoselle: boolean; vatRegime: 'franchise' | 'standard' };

export type UiState = { tab: 'cra' | 'money'; missionId: string | null; month: string | null };

/** Written by the portal overlays when a page no longer matches its selectors. */
export type PortalBreakage = Record<string, { page: string; selectorKey: string; at: string }>;

export type Status = { online: boolean; lastError: string | null; lastSyncAt: number | null };

/** Storage keys. `token` is read by the background only. */
export const KEYS = {
  token: 'token',
  apiUrl: 'apiUrl',
  email: 'email',
  missions: 'missions',
  profile: 'profile',
  dashboard: 'dashboard',
  ui: 'ui',
  status: 'status',
  portalBreakage: 'portalBreakage',
} as const;

export const DEFAULT_API_URL = 'http://127.0.0.1:8787';

export const craKey = (missionId: string, month: string) => `cra:${missionId}:${month}`;

/** The CRA as the user sees it: their pending edits, else the server's. */
export function effectiveContent(record: CraRecord | undefined | null): CraContent {
  if (!record) return { days: {}, lines: [] };
  if (record.local) return record.local;
  if (record.server) return { days: record.server.days, lines: record.server.lines as CraLine[] };
  return { days: {}, lines: [] };
}

export function emptyRecord(missionId: string, month: string): CraRecord {
  return { missionId, month, server: null, revision: 0, local: null, localVersion: 0, idempotencyKey: null, lastSent: null, conflict: null, error: null, attempts: 0, nextAttemptAt: 0, syncedAt: null, submit: null, submitError: null };
}
