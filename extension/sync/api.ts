import { hc, type ClientResponse } from 'hono/client';
import type { AppType } from '../../worker/app';
import type { EventType } from '../../shared/notifications/events';
import type { CraContent, SyncError } from '../lib/model';

/**
 * The API as the background sees it: the typed `hono/client` over the worker's `AppType`.
 * Every call answers `{ ok, status, value | error }`; a network failure answers status 0.
 */
export type ApiResult<T> = { ok: true; status: number; value: T; etag: string | null } | { ok: false; status: number; error: SyncError };

export type ApiConfig = { baseUrl: string; token: string | null; fetch: typeof fetch };

/** The body of a call's successful answers, read from the API's own route types. */
type OkBody<R> = R extends ClientResponse<infer B, infer S, any> ? (S extends 200 | 201 | 202 ? B : never) : never;

async function settle<R extends ClientResponse<unknown, number, string>>(call: () => Promise<R>): Promise<ApiResult<OkBody<R>>> {
  return settleResponse<OkBody<R>>(call as unknown as () => Promise<Response>);
}

async function settleResponse<T>(call: () => Promise<Response>): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await call();
  } catch (err) {
    return { ok: false, status: 0, error: { status: 0, code: 'offline', message: err instanceof Error ? err.message : String(err) } };
  }
  const text = await res.text().catch(() => '');
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (res.ok) return { ok: true, status: res.status, value: json as T, etag: res.headers.get('etag') };
  const error = json?.error ?? {};
  const issues = Array.isArray(error.issues) ? (error.issues as { path?: unknown; code?: unknown; message?: unknown }[]).map((i) => ({
        path: String(i.path ?? ''),
        ...(typeof i.code === 'string' ? { code: i.code } : {}),
        message: String(i.message ?? ''),
      })) : undefined;
  return { ok: false, status: res.status, error: { status: res.status, code: String(error.code ?? `http_${res.status}`), message: String(error.message ?? res.statusText), ...(issues ? { issues } : {}) } };
}

/** `"3"` → 3. */
export const revisionOf = (etag: string | null, fallback: number) => {
  const m = /(\d+)/.exec(etag ?? '');
  return m ? Number(m[1]) : fallback;
};

/** `GET/PUT /v1/notifications/settings` (shared/notifications/events.ts). */
export type NotificationSettings = { emailOptOut: EventType[]; eventTypes: EventType[]; unsubscribed?: boolean };

export function createApi(config: ApiConfig) {
  const headers = (): Record<string, string> => (config.token ? { authorization: `Bearer ${config.token}` } : {});
  const client = hc<AppType>(config.baseUrl.replace(/\/+$/, ''), { fetch: config.fetch, headers });
  const cras = client.v1.missions[':id'].cras[':month'];
  const mission = client.v1.missions[':id'];
  return {
    requestCode: (email: string, locale: 'fr' | 'en') => settle(() => client.v1.auth.code.$post({ json: { email, locale } })),
    verifyCode: (email: string, code: string) => settle(() => client.v1.auth.token.$post({ json: { email, code } })),
    /** Revokes the token on the server (sign-out ends the session there, not only here). */
    logout: () => settleResponse<null>(() => client.v1.auth.logout.$post() as unknown as Promise<Response>),
    missions: () => settle(() => client.v1.missions.$get()),
    simulatePayout: (body: Record<string, unknown>) => settle(() => client.v1.simulate.payout.$post({ json: body as never })),
    createMission: (body: Record<string, unknown>) => settle(() => client.v1.missions.$post({ json: body as never })),
    profile: () => settle(() => client.v1.profile.$get()),
    putProfile: (body: Record<string, unknown>) => settle(() => client.v1.profile.$put({ json: body as never })),
    patchMission: (id: string, body: Record<string, unknown>) => settle(() => mission.$patch({ param: { id }, json: body as never })),
    renewMission: (id: string, body: Record<string, unknown>) => settle(() => mission.renewals.$post({ param: { id }, json: body as never })),
    notificationSettings: () => settle(() => client.v1.notifications.settings.$get()),
    putNotificationSettings: (emailOptOut: EventType[]) => settle(() => client.v1.notifications.settings.$put({ json: { emailOptOut } })),
    /** An invoice's PDF (Factur-X) as base64, so it can cross the message channel to the popup. */
    invoicePdf: async (id: string): Promise<ApiResult<{ base64: string; filename: string }>> => {
      let res: Response;
      try {
        res = (await client.v1.invoices[':id'].pdf.$get({ param: { id } })) as unknown as Response;
      } catch (err) {
        return { ok: false, status: 0, error: { status: 0, code: 'offline', message: err instanceof Error ? err.message : String(err) } };
      }
      if (!res.ok) return settleResponse(() => Promise.resolve(res));
      const bytes = new Uint8Array(await res.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      const filename = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `facture-${id}.pdf`;
      return { ok: true, status: res.status, value: { base64: btoa(binary), filename }, etag: null };
    },
    dashboard: () => settle(() => client.v1.dashboard.$get()),
    /** One page of `GET /v1/sync`: what changed since `since`, the cursor to ask from next, and `more`. */
    sync: (since: number, limit?: number) =>
      settle(() => client.v1.sync.$get({ query: { since: String(since), ...(limit === undefined ? {} : { limit: String(limit) }) } })),
    getCra: (missionId: string, month: string) => settle(() => cras.$get({ param: { id: missionId, month } })),
    putCra: (missionId: string, month: string, content: CraContent, revision: number, idempotencyKey: string) =>
      settle(() =>
        cras.$put({ param: { id: missionId, month }, json: content }, { headers: { 'if-match': `"${revision}"`, 'idempotency-key': idempotencyKey } }),
      ),
    submitCra: (missionId: string, month: string, revision: number, idempotencyKey: string) =>
      settle(() => cras.submit.$post({ param: { id: missionId, month } }, { headers: { 'if-match': `"${revision}"`, 'idempotency-key': idempotencyKey } })),
  };
}

export type Api = ReturnType<typeof createApi>;
