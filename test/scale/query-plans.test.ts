import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, InArgs } from '@libsql/client';
import { createTestApi, type TestApi } from '../helpers/api';
import { captureSql, type CapturedStatement } from '../helpers/sql-capture';
import { isPublic, routeTable, seedUser, send, type Owned } from '../reliability/support';
import { purgeExpired } from '../../worker/notifications/purge';
import { runScheduler } from '../../worker/notifications/scheduler';
import { createMission, issueInvoice } from '../api/support';

/**
 * Every statement the app sends during a representative run (one user owning one of each
 * resource, then every route of the app's own table called with that user's ids, the
 * scheduler and the purge), planned with `EXPLAIN QUERY PLAN` on a multi-tenant database:
 * no full scan of a per-user table, no temporary B-tree sort over a user's unbounded rows.
 * Plans are checked twice: as deployed (no statistics) and after `ANALYZE` on many users,
 * where the planner knows user_id is selective and status columns are not.
 */

/** Plans that are fine, each with the reason; matched on the statement and the plan line. */
const ALLOWED: { sql: RegExp; plan: RegExp; reason: string }[] = [
];

let api: TestApi;
let owner: Owned;
const statements: CapturedStatement[] = [];

/** Fills a route's parameters with the owner's own ids (every id-bearing route is reached by its owner). */
function ownPaths(path: string, o: Owned): string[] {
  const ids: Record<string, string[]> = {
    '/v1/missions/:id': [o.missionId, o.otherMissionId],
    '/v1/invoices/:id': [o.invoiceId, o.creditNoteId],
    '/v1/documents/:id': [o.documentId],
    '/v1/tokens/:id': [o.tokenId],
    '/v1/webhooks/:id': [o.webhookId],
  };
  const prefix = Object.keys(ids).find((p) => path === p || path.startsWith(`${p}/`));
  let out = prefix ? ids[prefix]!.map((id) => path.replace(':id', id)) : [path];
  out = out.flatMap((p) => (p.includes(':month') ? ['2026-04', '2026-05'].map((m) => p.replace(':month', m)) : [p]));
  return out.map((p) => p.replace(':token', o.unsubscribeToken).replace(':file', o.calendarFile));
}

const LIST_QUERY: Record<string, string[]> = {
  '/v1/invoices': ['', '?year=2026', '?status=issued', '?year=2026&status=paid', '?limit=1'],
  '/v1/exports/invoices.csv': ['?year=2026'],
  '/v1/sync': ['?since=0', '?since=3', '?since=0&limit=1'],
  '/v1/documents': ['', '?limit=1'],
  '/v1/webhooks/:id/deliveries': ['', '?limit=1'],
};
const BODY: Record<string, unknown> = {
  'PATCH /v1/missions/:id': { clientName: 'Renamed' },
  'PUT /v1/missions/:id/cras/:month': { days: { '2026-05-04': 1 }, lines: [] },
  'POST /v1/missions/:id/renewals': { startsOn: '2027-01-01', endsOn: '2027-06-30', budgetDays: 100 },
  'POST /v1/invoices/:id/paid': { paidOn: '2026-05-20' },
  'POST /v1/invoices/:id/client-paid': { paidOn: '2026-05-20' },
  'POST /v1/invoices/:id/upload-validated': { validatedOn: '2026-05-20' },
  'PATCH /v1/documents/:id': { label: 'Renamed' },
  'PATCH /v1/webhooks/:id': { description: 'Renamed' },
  'PUT /v1/profile': { legalName: 'Jeanne Test', siret: '73282932000074' },
  'POST /v1/missions/:id/cras/:month/refuse': { reason: 'checked' },
  'POST /v1/missions/:id/cras/:month/validate': { validatedOn: '2026-05-20' },
};
/** Routes that end what the rest of the run needs (deleting, revoking): called last. */
const LAST = /^DELETE |\/logout$/;

async function callEveryRoute(o: Owned) {
  const routes = routeTable().filter((r) => !r.path.startsWith('/v1/auth/'));
  const ordered = [...routes.filter((r) => !LAST.test(r.key)), ...routes.filter((r) => LAST.test(r.key))];
  for (const r of ordered) {
    for (const path of ownPaths(r.path, o)) {
      for (const query of LIST_QUERY[r.path] ?? ['']) {
        const body = BODY[r.key];
        const headers: Record<string, string> = isPublic(r.path) ? {} : { authorization: `Bearer ${o.token}` };
        if (body !== undefined) headers['content-type'] = 'application/json';
        if (r.key === 'PUT /v1/missions/:id/cras/:month') {
          // As the extension sends it: an idempotency key and the revision it edits.
          const cur = await send(api, 'GET', path, { headers });
          headers['idempotency-key'] = `plan-${path}`;
          const etag = (cur.json as { revision?: number } | undefined)?.revision;
          if (etag !== undefined) headers['if-match'] = `"${etag}"`;
        }
        const answer = await send(api, r.method, path + query, { headers, body: body === undefined ? undefined : JSON.stringify(body) });
        // The next page's statement too (a cursor condition plans differently from the first page's).
        const next = (answer.json as { nextCursor?: unknown } | undefined)?.nextCursor;
        if (typeof next === 'string') await send(api, r.method, `${path}${query}${query ? '&' : '?'}cursor=${encodeURIComponent(next)}`, { headers });
      }
    }
  }
}

beforeAll(async () => {
  api = await createTestApi({ start: '2026-05-20T09:00:00Z' });
  const stop = captureSql(api.deps.client, statements);
  owner = await seedUser(api, 'plans@scale.test', 'Plan Industries');
  // A second mission month with history, so the CRA and dashboard reads see other months.
  const m = await createMission(api, owner.token, { clientName: 'History SA', startsOn: '2025-09-01' });
  await issueInvoice(api, owner.token, m, '2026-02', { '2026-02-02': 1 }, '2026-05-06');
  await callEveryRoute(owner);
  // The scheduler's reminders and fan-out on the due days (each run ends with the purge).
  for (const day of ['2026-05-20T09:00:00Z', '2026-05-29T09:00:00Z', '2026-06-30T09:00:00Z']) {
    api.clock.set(day);
    await runScheduler(api.deps);
  }
  // The purge with rows past every retention period, one row per table (its statements, not its effect).
  api.clock.set('2026-12-01T09:00:00Z');
  const purged = await purgeExpired(api.deps, { maxRowsPerTable: 1 });
  expect(purged.rows.outbox_events).toBe(1);
  stop();
  await seedTenants(api.deps.client, 300);
}, 120_000);

afterAll(() => api?.close());

/** Copies every row of every table (the one user's data, over and over) as `copies` other tenants. */
async function seedTenants(client: Client, copies: number) {
  const tables = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\'")).rows.map((r) => String(r.name));
  // Copies are inserted table by table; each copy's references point at the same copy.
  await client.execute('PRAGMA foreign_keys = OFF');
  for (const table of tables) {
    const cols = (await client.execute(`SELECT name, type FROM pragma_table_info('${table}')`)).rows.map((r) => ({ name: String(r.name), type: String(r.type) }));
    // Text keys get a per-copy suffix so unique indexes hold; other columns are copied as they are.
    const keyed = (c: string) => /(^id$|_id$|^key$|^email$|_hash$|^unsubscribe_token$)/.test(c);
    if (!cols.some((c) => keyed(c.name) && c.type === 'TEXT')) continue;
    const select = cols.map((c) => (keyed(c.name) && c.type === 'TEXT' ? `CASE WHEN "${c.name}" IS NULL THEN NULL ELSE "${c.name}" || '~' || n END` : `"${c.name}"`));
    await client.execute(`WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ${copies})
      INSERT OR IGNORE INTO "${table}" (${cols.map((c) => `"${c.name}"`).join(', ')}) SELECT ${select.join(', ')} FROM "${table}", k`);
  }
  await client.execute('PRAGMA foreign_keys = ON');
}

/** Tables holding one row set per user: they grow with the number of users. */
async function perUserTables(client: Client): Promise<Set<string>> {
  const rs = await client.execute("SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) p WHERE p.name = 'user_id')");
  return new Set([...rs.rows.map((r) => String(r.name)), 'users']);
}

/** `alias → table` for the tables a statement names (`FROM invoices i`, `JOIN cras AS c`). */
function aliases(sql: string): Map<string, string> {
  const out = new Map<string, string>();
  const keywords = /^(WHERE|ON|JOIN|LEFT|INNER|CROSS|GROUP|ORDER|LIMIT|UNION|SET|VALUES|SELECT|AND|OR|USING|AS)$/i;
  for (const m of sql.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO)\s+"?(\w+)"?(?:\s+(?:AS\s+)?"?(\w+)"?)?/gi)) {
    out.set(m[1]!, m[1]!);
    if (m[2] && !keywords.test(m[2])) out.set(m[2], m[1]!);
  }
  return out;
}

/** A statement as a reader needs it in a failure: its tables and conditions, not its column list. */
const shortSql = (sql: string) => {
  const flat = sql.replace(/\s+/g, ' ');
  const from = flat.search(/ from /i);
  return (from > 0 ? `${flat.slice(0, 20)}…${flat.slice(from)}` : flat).slice(0, 400);
};

type Finding = { sql: string; plan: string };

async function findings(client: Client, sent: CapturedStatement[] = statements): Promise<Finding[]> {
  const perUser = await perUserTables(client);
  const distinct = new Map<string, CapturedStatement>();
  for (const s of sent) if (!/^\s*(PRAGMA|CREATE|BEGIN|COMMIT|ROLLBACK)/i.test(s.sql)) distinct.set(s.sql, s);
  const out: Finding[] = [];
  for (const s of distinct.values()) {
    const rs = await client.execute({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: (s.args ?? []) as InArgs });
    const names = aliases(s.sql);
    const touchesUserRows = [...names.values()].some((t) => perUser.has(t));
    for (const row of rs.rows) {
      const detail = String(row.detail);
      const scanned = /^SCAN (\w+)/.exec(detail)?.[1];
      const bad = (scanned !== undefined && perUser.has(names.get(scanned) ?? scanned)) || (/USE TEMP B-TREE/.test(detail) && touchesUserRows);
      if (bad && !ALLOWED.some((a) => a.sql.test(s.sql) && a.plan.test(detail))) out.push({ sql: shortSql(s.sql), plan: detail });
    }
  }
  return out;
}

describe('query plans on a multi-tenant database', () => {
  it('recorded the statements of every kind of request', () => {
    const distinct = new Set(statements.map((s) => s.sql));
    expect(distinct.size).toBeGreaterThan(80);
    for (const table of ['invoices', 'cras', 'purchase_orders', 'legal_documents', 'outbox_events', 'webhook_deliveries', 'idempotency_keys', 'email_deliveries', 'auth_codes', 'sign_in_events', 'server_keys']) {
      expect([...distinct].some((s) => s.includes(table)), table).toBe(true);
    }
  });

  it('the check catches a scan, a scan through an alias and a sort of a user\'s rows', async () => {
    const bad = await findings(api.deps.client, [
      { sql: 'SELECT * FROM legal_documents WHERE label = ?', args: ['x'] },
      { sql: 'SELECT d.id FROM cras AS d WHERE d.state = ?', args: ['draft'] },
      { sql: 'SELECT * FROM invoices WHERE user_id = ? ORDER BY net_cents', args: [owner.userId] },
      { sql: 'SELECT * FROM invoices WHERE user_id = ? ORDER BY issued_on DESC, kind ASC, sequence DESC', args: [owner.userId] },
    ]);
    expect(bad.map((f) => f.plan)).toEqual(['SCAN legal_documents', 'SCAN d', 'USE TEMP B-TREE FOR ORDER BY']);
  });

  it('as deployed (no statistics): no scan of a per-user table, no temporary sort of a user\'s rows', async () => {
    expect(await findings(api.deps.client)).toEqual([]);
  });

  it('after ANALYZE on 300 tenants: the same', async () => {
    await api.deps.client.execute('ANALYZE');
    try {
      expect(await findings(api.deps.client)).toEqual([]);
    } finally {
      await api.deps.client.batch(['DELETE FROM sqlite_stat1', 'ANALYZE sqlite_schema'], 'write').catch(() => undefined);
    }
  });
});
