import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { sellerProfile } from '../helpers/api';
import { createMission, submitCra, userIdOf } from '../api/support';
import { expectErrorAnswer, send } from './support';

/**
 * 200 CRAs of one user validated all at once, with 20 of them validated twice in the same
 * burst: 200 invoices numbered 2026-0001 to 2026-0200 with no gap and no duplicate, and
 * each duplicate validation refused. (test/api/invoicing.test.ts keeps its 50-CRA case.)
 */

const N = 200;
const DUPLICATES = 20;
const number = (i: number) => `2026-${String(i).padStart(4, '0')}`;

let api: TestApi;
let token: string;
let userId: string;
const missions: string[] = [];

const validate = (missionId: string) =>
  send(api, 'POST', `/v1/missions/${missionId}/cras/2026-04/validate`, { headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ validatedOn: '2026-05-04', acknowledgeVatThreshold: true }) });
const count = async (sql: string, args: string[]) => Number((await api.deps.client.execute({ sql, args })).rows[0]![0]);

beforeAll(async () => {
  api = await createTestApi({ start: '2026-05-20T09:00:00Z' });
  token = await api.signIn('two-hundred@example.fr');
  userId = await userIdOf(api, 'two-hundred@example.fr');
  // Standard VAT regime: no franchise threshold to acknowledge on the way to 200 invoices.
  const profile = await api.request('PUT', '/v1/profile', { token, body: { ...sellerProfile, vatRegime: 'standard', vatNumber: 'FR12345678901' } });
  expect(profile.status, profile.text).toBe(200);
  for (let i = 0; i < N; i++) {
    const id = await createMission(api, token, { invoiceMode: 'manual', clientName: `Client ${i}` });
    await submitCra(api, token, id, '2026-04', { '2026-04-06': 1, [`2026-04-${String(7 + (i % 3)).padStart(2, '0')}`]: 0.5 });
    missions.push(id);
  }
}, 120_000);
afterAll(() => api.close());

describe(`${N} concurrent validations`, () => {
  let results: Awaited<ReturnType<typeof validate>>[];
  let changeSeqBefore: number;

  beforeAll(async () => {
    changeSeqBefore = await count('SELECT change_seq FROM users WHERE id = ?', [userId]);
    // Every CRA once, and the first 20 a second time, interleaved, all in flight together.
    const targets = [...missions, ...missions.slice(0, DUPLICATES)].map((id, i) => ({ id, i })).sort((x, y) => ((x.i * 7919) % 223) - ((y.i * 7919) % 223));
    const answers = await Promise.all(targets.map((t) => validate(t.id)));
    results = answers;
  }, 120_000);

  it('answer 201 exactly once per CRA, and 409 to every duplicate, in the error shape', () => {
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    expect(created).toHaveLength(N);
    expect(refused).toHaveLength(DUPLICATES);
    for (const r of refused) expectErrorAnswer(r, 409, 'cra_locked');
    const craIds = created.map((r) => (r.json as any).invoice.craId as string);
    expect(new Set(craIds).size).toBe(N);
  });

  it('number the invoices 2026-0001 … 2026-0200: consecutive, no gap, no duplicate', async () => {
    const numbers = results.filter((r) => r.status === 201).map((r) => (r.json as any).invoice.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: N }, (_, i) => number(i + 1)));
    // What is stored agrees with what was answered.
    const stored = (await api.deps.client.execute({ sql: "SELECT sequence FROM invoices WHERE user_id = ? AND kind = 'invoice' ORDER BY sequence", args: [userId] })).rows.map((r) => Number(r.sequence));
    expect(stored).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(await count("SELECT last_sequence FROM invoice_counters WHERE user_id = ? AND kind = 'invoice' AND year = 2026", [userId])).toBe(N);
    const list = await api.request('GET', '/v1/invoices?limit=200', { token });
    expect(list.json.invoices.map((i: { number: string }) => i.number).sort()).toEqual(numbers);
  });

  it('issue one invoice per CRA, lock every CRA, and record each event once', async () => {
    expect(await count('SELECT count(DISTINCT cra_id) FROM invoices WHERE user_id = ?', [userId])).toBe(N);
    expect(await count("SELECT count(*) FROM cras WHERE user_id = ? AND state = 'validated'", [userId])).toBe(N);
    expect(await count("SELECT count(*) FROM outbox_events WHERE user_id = ? AND type = 'cra.validated'", [userId])).toBe(N);
    expect(await count("SELECT count(*) FROM outbox_events WHERE user_id = ? AND type = 'invoice.issued'", [userId])).toBe(N);
    // One sync step per successful validation: a refused duplicate advanced nothing.
    expect(await count('SELECT change_seq FROM users WHERE id = ?', [userId])).toBe(changeSeqBefore + N);
  });

  it('give the next CRA validated afterwards 2026-0201', async () => {
    const id = await createMission(api, token, { invoiceMode: 'manual', clientName: 'After the burst' });
    await submitCra(api, token, id, '2026-04', { '2026-04-06': 1 });
    const res = await validate(id);
    expect(res.status, res.text).toBe(201);
    expect((res.json as any).invoice.number).toBe(number(N + 1));
  });
});

describe('the same CRA validated many times at once', () => {
  it('answers exactly one 201; the others 409 cra_locked; one invoice', async () => {
    const id = await createMission(api, token, { invoiceMode: 'manual', clientName: 'Raced' });
    await submitCra(api, token, id, '2026-04', { '2026-04-06': 1 });
    const before = await count('SELECT count(*) FROM invoices WHERE user_id = ?', [userId]);
    const answers = await Promise.all(Array.from({ length: 10 }, () => validate(id)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of answers.filter((x) => x.status !== 201)) expectErrorAnswer(r, 409, 'cra_locked');
    expect(await count('SELECT count(*) FROM invoices WHERE user_id = ?', [userId])).toBe(before + 1);
    expect(await count('SELECT count(*) FROM invoices WHERE mission_id = ?', [id])).toBe(1);
  });
});
