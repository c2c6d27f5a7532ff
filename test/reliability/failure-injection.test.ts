import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { createMission, issueInvoice, submitCra, userIdOf } from '../api/support';
import { expectErrorAnswer, rowsOf, send } from './support';

/**
 * A failure injected at each statement of the validation batch (worker/use-cases/
 * validate-cra.ts: sync clock, CRA lock, guards, invoice counter, invoice, outbox events,
 * guard cleanup) leaves nothing behind: every row the user owns is as before, the counter
 * has not moved, the CRA is still submitted at the same revision, no event was recorded.
 * Then, the fault removed, the same validation succeeds with the next number.
 *
 * Each fault is a SQLite trigger on the table that step writes, narrowed with WHEN to that
 * step (AFTER triggers: the step's own write has happened when the batch aborts). Each
 * step runs as its own user, so each has its own number series.
 */

type Ctx = { userId: string; craId: string };
type Step = {
  name: string;
  trigger: (c: Ctx) => string;
  /** The first invoice of the year: the counter row does not exist yet. */
  firstOfYear?: boolean;
  /** What the client is told: 500 for a fault, 409/412 when a guard itself refuses (a lost race). */
  expect?: { status: number; code: string };
};

const RAISE = "SELECT RAISE(ABORT, 'injected fault')";
const STEPS: Step[] = [
  { name: 'sync clock (users.change_seq + 1)', trigger: (c) => `CREATE TRIGGER fault AFTER UPDATE OF change_seq ON users WHEN NEW.id = '${c.userId}' BEGIN ${RAISE}; END` },
  { name: 'CRA lock (cras → validated)', trigger: (c) => `CREATE TRIGGER fault AFTER UPDATE ON cras WHEN NEW.id = '${c.craId}' BEGIN ${RAISE}; END` },
  { name: 'compare-and-set guard on the CRA', trigger: () => `CREATE TRIGGER fault BEFORE INSERT ON write_guards WHEN (SELECT count(*) FROM write_guards) = 0 BEGIN ${RAISE}; END` },
  { name: 'chronology guard', trigger: () => `CREATE TRIGGER fault BEFORE INSERT ON write_guards WHEN (SELECT count(*) FROM write_guards) = 1 BEGIN ${RAISE}; END` },
  {
    name: 'compare-and-set guard refusing (a lost race)',
    trigger: () => `CREATE TRIGGER fault BEFORE INSERT ON write_guards WHEN (SELECT count(*) FROM write_guards) = 0 BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: write_guards_ok'); END`,
    expect: { status: 412, code: 'stale_revision' },
  },
  { name: 'invoice counter step (existing row)', trigger: (c) => `CREATE TRIGGER fault AFTER UPDATE ON invoice_counters WHEN NEW.user_id = '${c.userId}' BEGIN ${RAISE}; END` },
  { name: 'invoice counter insert (first invoice of the year)', firstOfYear: true, trigger: (c) => `CREATE TRIGGER fault AFTER INSERT ON invoice_counters WHEN NEW.user_id = '${c.userId}' BEGIN ${RAISE}; END` },
  { name: 'invoice insert', trigger: (c) => `CREATE TRIGGER fault AFTER INSERT ON invoices WHEN NEW.user_id = '${c.userId}' BEGIN ${RAISE}; END` },
  { name: 'outbox: cra.validated', trigger: (c) => `CREATE TRIGGER fault AFTER INSERT ON outbox_events WHEN NEW.user_id = '${c.userId}' AND NEW.type = 'cra.validated' BEGIN ${RAISE}; END` },
  { name: 'outbox: invoice.issued', trigger: (c) => `CREATE TRIGGER fault AFTER INSERT ON outbox_events WHEN NEW.user_id = '${c.userId}' AND NEW.type = 'invoice.issued' BEGIN ${RAISE}; END` },
  { name: 'outbox: VAT franchise 80 %', trigger: (c) => `CREATE TRIGGER fault AFTER INSERT ON outbox_events WHEN NEW.user_id = '${c.userId}' AND NEW.key LIKE 'vat.threshold_approaching:%:80' BEGIN ${RAISE}; END` },
  { name: 'outbox: VAT franchise 90 %', trigger: (c) => `CREATE TRIGGER fault AFTER INSERT ON outbox_events WHEN NEW.user_id = '${c.userId}' AND NEW.key LIKE 'vat.threshold_approaching:%:90' BEGIN ${RAISE}; END` },
  { name: 'guard cleanup (last statement)', trigger: () => `CREATE TRIGGER fault BEFORE DELETE ON write_guards BEGIN ${RAISE}; END` },
];

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ start: '2026-05-20T09:00:00Z' });
});
afterAll(() => api.close());

const scalar = async (sql: string, args: (string | number)[]) => (await api.deps.client.execute({ sql, args })).rows[0]?.[0] ?? null;

describe('a failure at each step of invoice issuing', () => {
  STEPS.forEach((step, n) => {
    it(`${step.name}: leaves nothing partial, then the same validation succeeds with the next number`, async () => {
      const email = `fault-${n}@example.fr`;
      const token = await api.signIn(email);
      const userId = await userIdOf(api, email);
      // Franchise regime (the default): 650 € already invoiced, then 4 × 8 500 € = 34 650 €,
      // past 80 % and 90 % of the 37 500 € franchise base: the batch carries both VAT events.
      if (!step.firstOfYear) {
        const first = await createMission(api, token, { invoiceMode: 'manual', clientName: 'First client' });
        expect((await issueInvoice(api, token, first, '2026-04', { '2026-04-06': 1 }, '2026-05-04')).number).toBe('2026-0001');
      }
      const missionId = await createMission(api, token, { invoiceMode: 'manual', clientName: 'Big client', dailyRateCents: 850_000 });
      const submitted = await submitCra(api, token, missionId, '2026-04', { '2026-04-07': 1, '2026-04-08': 1, '2026-04-09': 1, '2026-04-10': 1 });
      const craId = String(await scalar('SELECT id FROM cras WHERE mission_id = ?', [missionId]));
      const counterBefore = await scalar("SELECT last_sequence FROM invoice_counters WHERE user_id = ? AND kind = 'invoice' AND year = 2026", [userId]);
      expect(counterBefore).toBe(step.firstOfYear ? null : 1);
      const before = await rowsOf(api, userId);
      const request = (key: string) =>
        send(api, 'POST', `/v1/missions/${missionId}/cras/2026-04/validate`, {
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key, 'if-match': `"${submitted.revision}"` },
          body: JSON.stringify({ validatedOn: '2026-05-05' }),
        });

      await api.deps.client.execute(step.trigger({ userId, craId }));
      let failed;
      try {
        failed = await request('validate-once');
      } finally {
        await api.deps.client.execute('DROP TRIGGER IF EXISTS fault');
      }
      const expected = step.expect ?? { status: 500, code: 'internal_error' };
      expectErrorAnswer(failed, expected.status, expected.code);
      expect(failed.text).not.toContain('injected');

      // Nothing partial: every row of every table the user owns is as it was. (A guard's
      // refusal is an answer like any 4xx: it is kept under its Idempotency-Key, a 500 is not.)
      const after = await rowsOf(api, userId);
      if (step.expect) {
        expect(after.idempotency_keys!.map((r: any) => [r.key, r.status])).toEqual([...before.idempotency_keys!.map((r: any) => [r.key, r.status]), ['validate-once', step.expect.status]]);
        after.idempotency_keys = before.idempotency_keys!;
      }
      expect(after).toEqual(before);
      expect(await scalar('SELECT count(*) FROM write_guards', [])).toBe(0);
      expect(await scalar("SELECT last_sequence FROM invoice_counters WHERE user_id = ? AND kind = 'invoice' AND year = 2026", [userId])).toBe(counterBefore);
      expect(await scalar('SELECT count(*) FROM invoices WHERE mission_id = ?', [missionId])).toBe(0);
      expect(await scalar("SELECT count(*) FROM outbox_events WHERE user_id = ? AND key LIKE 'cra.validated:%' AND payload LIKE ?", [userId, `%${missionId}%`])).toBe(0);
      const cra = await api.request('GET', `/v1/missions/${missionId}/cras/2026-04`, { token });
      expect(cra.json).toMatchObject({ state: 'submitted', revision: submitted.revision, validatedOn: null });
      expect(cra.headers.get('etag')).toBe(`"${submitted.revision}"`);

      // The fault gone, the same request succeeds; after a 500, with the same Idempotency-Key
      // (a failure is not replayed); after a refusal, the client re-reads and sends a new key.
      const retried = await request(step.expect ? 'validate-again' : 'validate-once');
      const ok = { ...retried, json: retried.json as any };
      expect(ok.status, ok.text).toBe(201);
      expect(ok.json.invoice.number).toBe(step.firstOfYear ? '2026-0001' : '2026-0002');
      expect(ok.json.cra).toMatchObject({ state: 'validated', revision: submitted.revision + 1 });
      expect(await scalar("SELECT last_sequence FROM invoice_counters WHERE user_id = ? AND kind = 'invoice' AND year = 2026", [userId])).toBe(step.firstOfYear ? 1 : 2);
      expect(Number(await scalar('SELECT change_seq FROM users WHERE id = ?', [userId]))).toBe(Number((before.users![0] as { change_seq: number }).change_seq) + 1);
      const events = (await api.deps.client.execute({ sql: 'SELECT key FROM outbox_events WHERE user_id = ? AND occurred_at IS NOT NULL ORDER BY key', args: [userId] })).rows.map((r) => String(r.key));
      expect(events).toEqual(expect.arrayContaining([`cra.validated:${craId}`, `invoice.issued:${ok.json.invoice.id}`, 'vat.threshold_approaching:2026:80', 'vat.threshold_approaching:2026:90']));
      expect(await scalar('SELECT count(*) FROM write_guards', [])).toBe(0);
    });
  });
});
