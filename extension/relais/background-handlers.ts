import type { SyncError } from '../lib/model';
import { isRelaisType, type FileAnswer, type RelaisRequests, type RelaisResult, type RelaisType } from './messages';

/** Where the API is and the token to show it: the background's, read when each call is made. */
export type RelaisConnection = () => Promise<{ baseUrl: string; token: string | null }>;
type Deps = { connection: RelaisConnection; fetch: typeof fetch; extensionOrigin: string; extensionId: string; afterWrite?: () => Promise<unknown> };
type Sender = { id?: string; url?: string; tab?: { url?: string } };

const enc = encodeURIComponent;
const offline = (err: unknown): SyncError => ({ status: 0, code: 'offline', message: err instanceof Error ? err.message : String(err) });

async function errorOf(res: Response): Promise<SyncError> {
  const json = (await res.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown; issues?: unknown } } | null;
  const e = json?.error ?? {};
  const issues = Array.isArray(e.issues)
    ? (e.issues as { path?: unknown; code?: unknown; message?: unknown }[]).map((i) => ({ path: String(i.path ?? ''), message: String(i.message ?? ''), ...(i.code ? { code: String(i.code) } : {}) }))
    : undefined;
  return { status: res.status, code: String(e.code ?? `http_${res.status}`), message: String(e.message ?? res.statusText), ...(issues ? { issues } : {}) };
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The Relais page's API calls, made by the background with the token (the page never sees
 * it). Writes carry an Idempotency-Key, so a retried click is applied once.
 */
export function relaisHandlers(deps: Deps) {
  async function request(method: string, path: string, body?: unknown): Promise<Response> {
    const { baseUrl, token } = await deps.connection();
    if (!token) throw Object.assign(new Error('signed out'), { signedOut: true });
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['idempotency-key'] = crypto.randomUUID();
    return deps.fetch(`${baseUrl.replace(/\/+$/, '')}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }
  async function json<T>(method: string, path: string, body?: unknown): Promise<RelaisResult<T>> {
    let res: Response;
    try {
      res = await request(method, path, body);
    } catch (err) {
      if ((err as { signedOut?: boolean }).signedOut) return { ok: false, error: { status: 401, code: 'signed_out', message: 'signed out' } };
      return { ok: false, error: offline(err) };
    }
    if (!res.ok) return { ok: false, error: await errorOf(res) };
    if (method !== 'GET') await deps.afterWrite?.().catch(() => undefined);
    return { ok: true, value: (res.status === 204 ? null : await res.json()) as T };
  }
  async function file(path: string, fallbackName: string): Promise<RelaisResult<FileAnswer>> {
    let res: Response;
    try {
      res = await request('GET', path);
    } catch (err) {
      if ((err as { signedOut?: boolean }).signedOut) return { ok: false, error: { status: 401, code: 'signed_out', message: 'signed out' } };
      return { ok: false, error: offline(err) };
    }
    if (!res.ok) return { ok: false, error: await errorOf(res) };
    const bytes = new Uint8Array(await res.arrayBuffer());
    const filename = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
    return { ok: true, value: { base64: base64Of(bytes), filename, contentType: res.headers.get('content-type') ?? 'application/octet-stream' } };
  }
  const cra = (r: { missionId: string; month: string }) => `/v1/missions/${enc(r.missionId)}/cras/${enc(r.month)}`;

  const handlers: { [T in RelaisType]: (req: RelaisRequests[T]['req']) => Promise<RelaisResult<RelaisRequests[T]['res']>> } = {
    'relais.missions': async () => {
      const r = await json<{ missions: Record<string, unknown>[] }>('GET', '/v1/missions');
      return r.ok ? { ok: true, value: r.value.missions } : r;
    },
    'relais.cra.get': (r) => json('GET', cra(r)),
    'relais.cra.validate': (r) => json('POST', `${cra(r)}/validate`, { validatedOn: r.validatedOn, ...(r.acknowledgeVatThreshold ? { acknowledgeVatThreshold: true } : {}) }),
    'relais.cra.refuse': (r) => json('POST', `${cra(r)}/refuse`, { reason: r.reason }),
    'relais.invoices.list': async (r) => {
      const q = new URLSearchParams({ year: String(r.year), limit: String(r.limit ?? 50) });
      if (r.status) q.set('status', r.status);
      if (r.cursor) q.set('cursor', r.cursor);
      const res = await json<{ invoices: Record<string, unknown>[]; nextCursor?: string | null }>('GET', `/v1/invoices?${q}`);
      return res.ok ? { ok: true, value: { invoices: res.value.invoices, nextCursor: res.value.nextCursor ?? null } } : res;
    },
    'relais.invoices.get': (r) => json('GET', `/v1/invoices/${enc(r.id)}`),
    'relais.invoices.paid': (r) => json('POST', `/v1/invoices/${enc(r.id)}/paid`, { paidOn: r.paidOn, ...(r.amountCents !== undefined ? { amountCents: r.amountCents } : {}) }),
    'relais.invoices.cancel': (r) => json('POST', `/v1/invoices/${enc(r.id)}/cancel`),
    'relais.invoices.file': (r) => file(`/v1/invoices/${enc(r.id)}/${r.format}`, `facture-${r.id}.${r.format === 'pdf' ? 'pdf' : 'xml'}`),
    'relais.invoices.send': (r) =>
      json('POST', `/v1/invoices/${enc(r.id)}/send`, { to: r.to, kind: r.kind, confirmed: true, ...(r.step ? { step: r.step } : {}), ...(r.locale ? { locale: r.locale } : {}) }),
    'relais.invoices.sendings': (r) => json('GET', `/v1/invoices/${enc(r.id)}/sendings`),
    'relais.profile': () => json('GET', '/v1/profile'),
    'relais.documents.list': () => json('GET', '/v1/documents'),
    'relais.documents.add': (r) => json('POST', '/v1/documents', r.body),
    'relais.documents.update': (r) => json('PATCH', `/v1/documents/${enc(r.id)}`, r.body),
    'relais.documents.file': (r) => file(`/v1/documents/${enc(r.id)}/file`, `document-${r.id}`),
    'relais.webhooks.list': () => json('GET', '/v1/webhooks'),
    'relais.webhooks.add': (r) => json('POST', '/v1/webhooks', { url: r.url, events: r.events, ...(r.description ? { description: r.description } : {}) }),
    'relais.webhooks.update': (r) => json('PATCH', `/v1/webhooks/${enc(r.id)}`, r.body),
    'relais.webhooks.test': (r) => json('POST', `/v1/webhooks/${enc(r.id)}/test`),
    'relais.webhooks.deliveries': (r) => json('GET', `/v1/webhooks/${enc(r.id)}/deliveries`),
    'relais.webhooks.remove': (r) => json('DELETE', `/v1/webhooks/${enc(r.id)}`),
    'relais.tokens.list': () => json('GET', '/v1/tokens'),
    'relais.tokens.add': (r) => json('POST', '/v1/tokens', { name: r.name }),
    'relais.tokens.revoke': (r) => json('DELETE', `/v1/tokens/${enc(r.id)}`),
    'relais.exports.csv': (r) => file(`/v1/exports/invoices.csv?year=${r.year}&dialect=${r.dialect}`, `factures-${r.year}.csv`),
    'relais.exports.calendar': () => json('POST', '/v1/exports/calendar'),
  };

  /**
   * Answers a Relais message, or `undefined` when it is not one or not from an extension page:
   * content scripts (a portal's page, a web page) get nothing, whatever they post.
   */
  return function handle(message: unknown, sender: Sender): Promise<RelaisResult<unknown>> | undefined {
    const m = message as { type?: unknown } | null;
    if (!isRelaisType(m?.type)) return undefined;
    if (sender.id !== deps.extensionId || !(sender.url ?? '').startsWith(deps.extensionOrigin) || sender.tab?.url?.startsWith('http')) return undefined;
    const handler = handlers[m.type] as ((req: unknown) => Promise<RelaisResult<unknown>>) | undefined;
    return handler?.(m);
  };
}
