import { expect } from 'vitest';
import { app } from '../../worker/app';
import type { TestApi } from '../helpers/api';
import { createMission, issueInvoice, submitCra } from '../api/support';
import { unsubscribeToken as signUnsubscribeToken } from '../../worker/notifications/unsubscribe-links';

/**
 * What the reliability suite shares: the route table read from the app itself (so a new
 * route is fuzzed and checked for tenant isolation without anyone listing it), the one
 * error shape, and a user owning one of each resource.
 */

export type Route = { method: string; path: string; key: string; params: string[] };

/** Every route the app serves, once each (Hono lists a route once per middleware/validator). */
export function routeTable(): Route[] {
  const seen = new Map<string, Route>();
  for (const r of app.routes) {
    if (r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    if (!seen.has(key)) seen.set(key, { method: r.method, path: r.path, key, params: [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]!) });
  }
  return [...seen.values()];
}

/** Routes reachable without a bearer token (the rest sit behind requireAuth). */
export const PUBLIC_PREFIXES = ['/health', '/v1/auth/code', '/v1/auth/token', '/v1/simulate/', '/v1/unsubscribe/', '/v1/openapi.json', '/docs', '/calendar/'];
export const isPublic = (path: string) => PUBLIC_PREFIXES.some((p) => path === p || path.startsWith(p));

/**
 * Successes that are not JSON, as documented (README, worker/routes): the reference page,
 * the unsubscribe pages, the ICS feed, invoice documents and the accountant's CSV.
 */
const NON_JSON_SUCCESS = new Set([
  'GET /docs',
  'GET /v1/unsubscribe/:token',
  'POST /v1/unsubscribe/:token',
  'GET /calendar/:file',
  'GET /v1/invoices/:id/pdf',
  'GET /v1/invoices/:id/xml',
  'GET /v1/invoices/:id/ubl',
  'GET /v1/exports/invoices.csv',
  'GET /v1/documents/:id/file',
]);
/** The unsubscribe link is opened by a person in a browser: an unknown token gets an HTML page (404). */
const NON_JSON_ERROR = new Set(['POST /v1/unsubscribe/:token 404']);

const STACK_OR_CLASS = [
  /\n\s*at /,
  /\bat [\w.<>]+ \(/,
  /\b(?:TypeError|RangeError|SyntaxError|ReferenceError|EvalError|URIError|AggregateError|LibsqlError|SqliteError|ValiError|HTTPException|DrizzleError)\b/,
  /SQLITE_[A-Z]/,
  /node_modules|\/work\/|file:\/\//,
];

export type Answer = { status: number; text: string; contentType: string | null; json: unknown };

/**
 * The properties every answer must have, as a list of broken ones (empty when fine):
 * never a 5xx, never a stack trace or an error class, every non-2xx body exactly
 * `{error:{code,message,issues?}}` (bar the documented HTML unsubscribe page).
 * `route` is the matched route's key, or null when the request matched none.
 */
export function answerProblems(route: string | null, a: Answer): string[] {
  const problems: string[] = [];
  if (a.status >= 500) problems.push(`status ${a.status}`);
  for (const re of STACK_OR_CLASS) if (re.test(a.text)) problems.push(`body matches ${re}`);
  if (a.status >= 200 && a.status < 300) {
    if (a.status === 204) {
      if (a.text !== '') problems.push('204 with a body');
    } else if (!(route && NON_JSON_SUCCESS.has(route)) && (a.json === undefined || !a.contentType?.startsWith('application/json'))) {
      problems.push('2xx body is not JSON');
    }
    return problems;
  }
  if (route && NON_JSON_ERROR.has(`${route} ${a.status}`) && a.contentType?.startsWith('text/html')) return problems;
  problems.push(...errorShapeProblems(a));
  return problems;
}

export function errorShapeProblems(a: Answer): string[] {
  const out: string[] = [];
  if (!a.contentType?.startsWith('application/json')) out.push(`error content-type ${a.contentType}`);
  const body = a.json as { error?: Record<string, unknown> } | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [...out, 'error body is not a JSON object'];
  if (Object.keys(body).join() !== 'error') out.push(`error body keys ${Object.keys(body).join()}`);
  const e = body.error;
  if (!e || typeof e !== 'object') return [...out, 'no error object'];
  const extra = Object.keys(e).filter((k) => !['code', 'message', 'issues'].includes(k));
  if (extra.length) out.push(`unexpected error keys ${extra.join()}`);
  if (typeof e.code !== 'string' || !/^[a-z0-9_]+$/.test(e.code)) out.push(`error.code ${JSON.stringify(e.code)}`);
  if (typeof e.message !== 'string' || !e.message) out.push('error.message missing');
  if ('issues' in e) {
    const issues = e.issues as unknown;
    if (!Array.isArray(issues) || issues.length === 0) out.push('issues is not a non-empty array');
    else for (const i of issues as Record<string, unknown>[]) {
      if (typeof i?.path !== 'string' || typeof i?.message !== 'string' || ('code' in i && typeof i.code !== 'string')) out.push(`bad issue ${JSON.stringify(i).slice(0, 200)}`);
      const k = Object.keys(i ?? {}).filter((x) => !['path', 'code', 'message'].includes(x));
      if (k.length) out.push(`unexpected issue keys ${k.join()}`);
    }
  }
  return out;
}

/** Sends a request straight to the app; headers and body exactly as given. */
export async function send(api: TestApi, method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const res = await app.fetch(new Request(`http://relais.test${path}`, { method, headers: init.headers, body: init.body }), { deps: api.deps });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, contentType: res.headers.get('content-type'), json };
}

/** Asserts the API's error shape and status on an answer (as test/api/support.ts expectError, for raw answers). */
export function expectErrorAnswer(a: Answer, status: number, code?: string) {
  expect(a.status, a.text).toBe(status);
  expect(errorShapeProblems(a)).toEqual([]);
  if (code) expect((a.json as { error: { code: string } }).error.code).toBe(code);
  for (const re of STACK_OR_CLASS) expect(a.text).not.toMatch(re);
}

export type Owned = {
  token: string;
  userId: string;
  missionId: string;
  /** A second mission whose CRA of 2026-04 is submitted and 2026-03 is refused. */
  otherMissionId: string;
  /** The validated month of `missionId`, with its invoice. */
  validatedMonth: string;
  /** An open ledger conflict (portal vs user) of `missionId`'s validated month. */
  conflictId: string;
  /** A submitted month of `otherMissionId`. */
  submittedMonth: string;
  invoiceId: string;
  /** A cancelled invoice and its credit note. */
  cancelledInvoiceId: string;
  creditNoteId: string;
  documentId: string;
  webhookId: string;
  tokenId: string;
  personalToken: string;
  portalReportId: string;
  unsubscribeToken: string;
  calendarFile: string;
};

/** A user who owns one of each resource, created through the API. */
export async function seedUser(api: TestApi, email: string, clientName: string): Promise<Owned> {
  const token = await api.signIn(email);
  const userId = String((await api.deps.client.execute({ sql: 'SELECT id FROM users WHERE email = ?', args: [email] })).rows[0]!.id);
  const ok = async (method: string, path: string, body?: unknown, status = 201) => {
    const res = await api.request(method, path, { token, body });
    expect(res.status, `${method} ${path}: ${res.text}`).toBe(status);
    return res.json;
  };
  const missionId = await createMission(api, token, { portal: 'direct', plan: undefined, clientName, portalRef: `${clientName}-REF`, clientSiren: '552100554' });
  const invoice = await issueInvoice(api, token, missionId, '2026-04', { '2026-04-06': 1, '2026-04-07': 1 }, '2026-05-04');
  const cancelled = await issueInvoice(api, token, missionId, '2026-03', { '2026-03-09': 1 }, '2026-05-05');
  const cancel = await ok('POST', `/v1/invoices/${cancelled.id}/cancel`);
  const otherMissionId = await createMission(api, token, { clientName: `${clientName} bis` });
  await submitCra(api, token, otherMissionId, '2026-04', { '2026-04-08': 1 });
  await submitCra(api, token, otherMissionId, '2026-03', { '2026-03-10': 1 });
  await ok('POST', `/v1/missions/${otherMissionId}/cras/2026-03/refuse`, { reason: 'wrong day' }, 200);
  const document = await ok('POST', '/v1/documents', { kind: 'liability_insurance', label: `${clientName} RC Pro`, expiresOn: '2026-12-31', file: { name: 'rc-pro.pdf', contentType: 'application/pdf', base64: 'JVBERi0xLjQK' } });
  const webhook = await ok('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['*'], description: `${clientName} hook` });
  const pat = await ok('POST', '/v1/tokens', { name: `${clientName} script` });
  const report = await ok('POST', '/v1/portals/reports', { portal: 'littlebig', page: 'cra', selectorKey: 'dayInput', extensionVersion: '0.1.0' });
  // The portal shows April validated on another day than the user recorded: a conflict for the user to settle.
  const portalMissionId = await createMission(api, token, { clientName: `${clientName} portail`, portalRef: `${clientName}-LB` });
  await issueInvoice(api, token, portalMissionId, '2026-04', { '2026-04-06': 1, '2026-04-07': 1 }, '2026-05-04');
  await ok('POST', '/v1/portals/observations', {
    portal: 'littlebig', page: 'cra', missionId: portalMissionId,
    data: { missionRef: `${clientName}-LB`, month: '2026-04', state: 'validated', days: { '2026-04-06': 1, '2026-04-07': 1 }, lockedDays: [], expenses: [], validatedOn: '2026-05-03' },
  });
  const conflict = (await ok('GET', '/v1/ledger/conflicts', undefined, 200)).conflicts[0];
  expect(conflict, 'a seeded ledger conflict').toBeDefined();
  await ok('GET', '/v1/notifications/settings', undefined, 200);
  // As a notification mail carries it (signed: no row is stored for it).
  const unsubscribeToken = await signUnsubscribeToken(api.deps, userId);
  const calendar = await ok('POST', '/v1/exports/calendar');
  return {
    token,
    userId,
    missionId,
    otherMissionId,
    validatedMonth: '2026-04',
    submittedMonth: '2026-04',
    invoiceId: invoice.id,
    cancelledInvoiceId: cancelled.id,
    creditNoteId: cancel.creditNote.id,
    documentId: document.id,
    webhookId: webhook.id,
    tokenId: pat.id,
    personalToken: pat.token,
    portalReportId: report.id,
    conflictId: conflict.id as string,
    unsubscribeToken,
    calendarFile: String(calendar.url).split('/').pop()!,
  };
}

/** Every row a user owns, table by table, to show that nothing of theirs changed. */
export async function rowsOf(api: TestApi, userId: string): Promise<Record<string, unknown[]>> {
  const tables = (await api.deps.client.execute("SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) p WHERE p.name = 'user_id')")).rows.map((r) => String(r.name));
  const out: Record<string, unknown[]> = {};
  for (const t of tables.sort()) {
    const rs = await api.deps.client.execute({ sql: `SELECT * FROM "${t}" WHERE user_id = ? ORDER BY rowid`, args: [userId] });
    out[t] = rs.rows.map((r) => ({ ...r }));
  }
  out.users = (await api.deps.client.execute({ sql: 'SELECT * FROM users WHERE id = ?', args: [userId] })).rows.map((r) => ({ ...r }));
  return out;
}
