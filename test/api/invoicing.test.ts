import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { sellerProfile } from '../helpers/api';
import { createMission, expectError, issueInvoice, submitCra, userIdOf } from './support';

/**
 * Invoices issued at CRA validation: gapless numbering under concurrency, atomicity when
 * the write fails half-way, credit notes, payment, late penalties, payout dates and VAT.
 * Each scenario runs as its own user, so each has its own number series.
 */

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ start: '2026-05-20T09:00:00Z' });
});
afterAll(() => api.close());

const validate = (token: string, missionId: string, month: string, validatedOn: string) =>
  api.request('POST', `/v1/missions/${missionId}/cras/${month}/validate`, { token, body: { validatedOn } });

async function scalar(sql: string, args: (string | number)[]) {
  const rs = await api.deps.client.execute({ sql, args });
  return rs.rows[0] ? rs.rows[0][0] : undefined;
}
const invoiceCount = (userId: string) => scalar('SELECT count(*) FROM invoices WHERE user_id = ?', [userId]).then(Number);
const counterOf = (userId: string, kind = 'invoice') => scalar('SELECT last_sequence FROM invoice_counters WHERE user_id = ? AND kind = ? AND year = 2026', [userId, kind]);

/**
 * The freelancer's own series: a LittleBIG mission in manual-upload mode is invoiced by the freelancer (to LittleBIG
 * Connection). In mode auto the portal issues the invoice and Relais numbers nothing (test/api/issuers.test.ts).
 */
const OWN_SERIES = { invoiceMode: 'manual' } as const;

/** A complete seller profile (an invoice lacking a mandatory mention is refused); VAT-registered sellers have a VAT number. */
const profile = (vatRegime: 'franchise' | 'standard', extra: Record<string, unknown> = {}) => ({
  ...sellerProfile, vatRegime, ...(vatRegime === 'standard' ? { vatNumber: 'FR12345678901' } : {}), ...extra,
});

describe('gapless numbering', () => {
  it('gives 50 concurrent validations of 50 CRAs the numbers 2026-0001 to 2026-0050, once each', async () => {
    const email = 'fifty@example.fr';
    const token = await api.signIn(email);
    const missions: string[] = [];
    for (let i = 0; i < 50; i++) {
      const id = await createMission(api, token, { ...OWN_SERIES, clientName: `Client ${i}` });
      await submitCra(api, token, id, '2026-04', { '2026-04-06': 1 });
      missions.push(id);
    }
    const results = await Promise.all(missions.map((id) => validate(token, id, '2026-04', '2026-05-04')));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const numbers = results.map((r) => r.json.invoice.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `2026-${String(i + 1).padStart(4, '0')}`));

    const userId = await userIdOf(api, email);
    expect(await invoiceCount(userId)).toBe(50);
    expect(Number(await counterOf(userId))).toBe(50);
    // The list agrees with what each validation answered.
    const list = await api.request('GET', '/v1/invoices', { token });
    expect(list.json.invoices.map((i: { number: string }) => i.number).sort()).toEqual(numbers);
  });

  it('validates the same CRA twice at once: exactly one 201 and one 409, one invoice', async () => {
    const email = 'twice@example.fr';
    const token = await api.signIn(email);
    const id = await createMission(api, token, OWN_SERIES);
    await submitCra(api, token, id, '2026-04', { '2026-04-06': 1, '2026-04-07': 1 });
    const results = await Promise.all([validate(token, id, '2026-04', '2026-05-04'), validate(token, id, '2026-04', '2026-05-04')]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expectError(refused, 409, 'cra_locked');
    const userId = await userIdOf(api, email);
    expect(await invoiceCount(userId)).toBe(1);
    expect(Number(await counterOf(userId))).toBe(1);
  });
});

describe('numbers follow dates', () => {
  it('refuses an invoice dated before the last one issued (422 on validatedOn)', async () => {
    const token = await api.signIn('chrono@example.fr');
    const first = await createMission(api, token, OWN_SERIES);
    await issueInvoice(api, token, first, '2026-04', { '2026-04-06': 1 }, '2026-05-11');
    const second = await createMission(api, token, { ...OWN_SERIES, clientName: 'Other' });
    await submitCra(api, token, second, '2026-04', { '2026-04-07': 1 });
    const res = await validate(token, second, '2026-04', '2026-05-04');
    expectError(res, 422, 'invoice_date_before_last');
    expect(res.json.error.issues[0].path).toBe('validatedOn');
    expect((await api.request('GET', `/v1/missions/${second}/cras/2026-04`, { token })).json.state).toBe('submitted');
  });

  it('restarts the counter each year: 2026-0001, then 2027-0001', async () => {
    const token = await api.signIn('newyear@example.fr');
    const id = await createMission(api, token, { ...OWN_SERIES, endsOn: '2027-06-30' });
    // Validation dates are facts of the past: the clock walks to each validation.
    try {
      api.clock.set('2026-12-30T10:00:00Z');
      // Months later the session has lapsed (90 idle days): the freelancer signs in again.
      expect((await issueInvoice(api, await api.signIn('newyear@example.fr', { profile: false }), id, '2026-12', { '2026-12-01': 1 }, '2026-12-30')).number).toBe('2026-0001');
      api.clock.set('2027-01-04T10:00:00Z');
      expect((await issueInvoice(api, await api.signIn('newyear@example.fr', { profile: false }), id, '2027-01', { '2027-01-04': 1 }, '2027-01-04')).number).toBe('2027-0001');
    } finally {
      api.clock.set('2026-05-20T09:00:00Z');
    }
  });
});

describe('a failure half-way through validation', () => {
  let token: string;
  let userId: string;
  let missionId: string;
  let revision: number;

  beforeAll(async () => {
    const email = 'failure@example.fr';
    token = await api.signIn(email);
    userId = await userIdOf(api, email);
    // A first invoice, so the counter row exists and its value can be watched.
    const first = await createMission(api, token, { ...OWN_SERIES, clientName: 'First client' });
    expect((await issueInvoice(api, token, first, '2026-04', { '2026-04-06': 1 }, '2026-05-04')).number).toBe('2026-0001');
    missionId = await createMission(api, token, { ...OWN_SERIES, clientName: 'Second client' });
    revision = (await submitCra(api, token, missionId, '2026-04', { '2026-04-07': 1, '2026-04-08': 1 })).revision;
  });

  it('answers 500 in the error shape without a stack, and leaves no trace', async () => {
    await api.deps.client.execute("CREATE TRIGGER fail_invoice BEFORE INSERT ON invoices BEGIN SELECT RAISE(ABORT, 'injected'); END");
    try {
      const res = await validate(token, missionId, '2026-04', '2026-05-05');
      expectError(res, 500, 'internal_error');
      expect(res.text).not.toContain('injected');
      expect(res.text).not.toContain('SQLITE');
    } finally {
      await api.deps.client.execute('DROP TRIGGER fail_invoice');
    }
    const cra = await api.request('GET', `/v1/missions/${missionId}/cras/2026-04`, { token });
    expect(cra.json.state).toBe('submitted');
    expect(cra.json.revision).toBe(revision);
    expect(cra.json.validatedOn).toBeNull();
    expect(cra.headers.get('etag')).toBe(`"${revision}"`);
    expect(Number(await scalar('SELECT count(*) FROM invoices WHERE mission_id = ?', [missionId]))).toBe(0);
    expect(await invoiceCount(userId)).toBe(1);
    expect(Number(await counterOf(userId))).toBe(1);
    expect((await api.request('GET', '/v1/invoices', { token })).json.invoices).toHaveLength(1);
  });

  it('validates normally once the fault is gone, with the next number and no gap', async () => {
    const res = await validate(token, missionId, '2026-04', '2026-05-05');
    expect(res.status, res.text).toBe(201);
    expect(res.json.invoice.number).toBe('2026-0002');
    expect(res.json.cra).toMatchObject({ state: 'validated', revision: revision + 1 });
    expect(Number(await counterOf(userId))).toBe(2);
  });
});

describe('VAT on the invoice', () => {
  it('under the franchise: no VAT, even on a mission set at 20 %, and the art. 293 B mention', async () => {
    const token = await api.signIn('franchise@example.fr');
    expect((await api.request('PUT', '/v1/profile', { token, body: profile('franchise') })).status).toBe(200);
    const id = await createMission(api, token, { ...OWN_SERIES, vatRateBps: 2000 });
    const invoice = await issueInvoice(api, token, id, '2026-04', { '2026-04-06': 1, '2026-04-07': 1 }, '2026-05-04');
    // 2 days × 650 € = 1 300 €, nothing on top.
    expect(invoice).toMatchObject({ netCents: 130_000, vatCents: 0, totalCents: 130_000, vatMention: 'TVA non applicable, art. 293 B du CGI' });
  });

  it('under the standard regime at 20 %: VAT per rate, total = net + VAT, fee deducted from the total', async () => {
    const token = await api.signIn('standard@example.fr');
    expect((await api.request('PUT', '/v1/profile', { token, body: profile('standard', { vatNumber: 'FR12345678901' }) })).status).toBe(200);
    // Mode auto: the portal's expected invoice carries the same VAT and payout forecast.
    const id = await createMission(api, token, { vatRateBps: 2000 });
    const invoice = await issueInvoice(api, token, id, '2026-04', { '2026-04-06': 1, '2026-04-07': 1, '2026-04-08': 1 }, '2026-05-12');
    // 3 × 650 € = 1 950 €; VAT 20 % = 390 €; total 2 340 €.
    // Flash fee: 5 % × 650 € × 3 days = 97.50 €; payout 2 340 − 97.50 = 2 242.50 €, 3 working days
    // after Tuesday 12 May: 13, 15 (14 is Ascension), 18.
    expect(invoice).toMatchObject({ netCents: 195_000, vatCents: 39_000, totalCents: 234_000, vatMention: null, feeCents: 9_750, payoutCents: 224_250, payoutEarliest: '2026-05-18', payoutLatest: '2026-05-18' });
    expect(invoice.vat).toEqual([{ rateBps: 2000, baseCents: 195_000, vatCents: 39_000 }]);
  });
});

describe('the VAT franchise higher threshold', () => {
  it('warns hard (409) before an invoice that crosses 41 250 €, then charges VAT on it once acknowledged', async () => {
    const token = await api.signIn('threshold@example.fr');
    // Charging VAT needs the seller's VAT number (BR-S-02): without it issuing is refused (test/documents/e-invoicing.test.ts).
    await api.request('PUT', '/v1/profile', { token, body: profile('franchise', { vatNumber: 'FR12345678901' }) });
    // 3 days × 15 000 € = 45 000 € > 41 250 € (2026 higher threshold for services).
    const id = await createMission(api, token, { ...OWN_SERIES, dailyRateCents: 1_500_000 });
    await submitCra(api, token, id, '2026-04', { '2026-04-06': 1, '2026-04-07': 1, '2026-04-08': 1 });
    expectError(await validate(token, id, '2026-04', '2026-05-04'), 409, 'vat_threshold_crossed');
    expect((await api.request('GET', `/v1/missions/${id}/cras/2026-04`, { token })).json.state).toBe('submitted');
    const res = await api.request('POST', `/v1/missions/${id}/cras/2026-04/validate`, { token, body: { validatedOn: '2026-05-04', acknowledgeVatThreshold: true } });
    expect(res.status, res.text).toBe(201);
    // The crossing invoice is subject to VAT: 20 % of 45 000 € = 9 000 €, no art. 293 B mention.
    expect(res.json.invoice).toMatchObject({ netCents: 4_500_000, vatCents: 900_000, totalCents: 5_400_000, vatMention: null });
  });
});

describe('cancelling by credit note', () => {
  let token: string;
  let invoice: any;
  beforeAll(async () => {
    token = await api.signIn('cancel@example.fr');
    await api.request('PUT', '/v1/profile', { token, body: profile('standard') });
    const id = await createMission(api, token, { ...OWN_SERIES, vatRateBps: 2000, dailyRateCents: 65_001 });
    // 2.5 days × 650,01 € = 1 625,025 € → 162 503 cents (half-up); VAT 20 % = 32 500.6 → 32 501.
    invoice = await issueInvoice(api, token, id, '2026-04', { '2026-04-06': 1, '2026-04-07': 1, '2026-04-08': 0.5 }, '2026-05-04');
    expect(invoice).toMatchObject({ number: '2026-0001', netCents: 162_503, vatCents: 32_501, totalCents: 195_004 });
  });

  it('issues credit note AV-2026-0001 mirroring every amount, and marks the invoice cancelled', async () => {
    api.clock.set('2026-05-20T09:00:00Z');
    const res = await api.request('POST', `/v1/invoices/${invoice.id}/cancel`, { token });
    expect(res.status, res.text).toBe(201);
    const { invoice: cancelled, creditNote } = res.json;
    expect(cancelled).toMatchObject({ id: invoice.id, number: '2026-0001', status: 'cancelled', cancelledById: creditNote.id });
    expect(creditNote).toMatchObject({ number: 'AV-2026-0001', kind: 'credit_note', cancelsInvoiceId: invoice.id, issuedOn: '2026-05-20' });
    expect([creditNote.netCents, creditNote.vatCents, creditNote.totalCents]).toEqual([-162_503, -32_501, -195_004]);
    expect(creditNote.lines.map((l: { amountCents: number }) => l.amountCents)).toEqual(invoice.lines.map((l: { amountCents: number }) => -l.amountCents));
    expect(creditNote.vat).toEqual(invoice.vat.map((v: { rateBps: number; baseCents: number; vatCents: number }) => ({ rateBps: v.rateBps, baseCents: -v.baseCents, vatCents: -v.vatCents })));
    // The invoice itself is never modified: same number, same amounts.
    const after = await api.request('GET', `/v1/invoices/${invoice.id}`, { token });
    expect(after.json).toMatchObject({ number: '2026-0001', netCents: 162_503, totalCents: 195_004, status: 'cancelled' });
  });

  it('refuses to cancel twice (409), and to cancel a credit note (409), issuing nothing more', async () => {
    expectError(await api.request('POST', `/v1/invoices/${invoice.id}/cancel`, { token }), 409, 'already_cancelled');
    const notes = (await api.request('GET', '/v1/invoices?status=credit_note', { token })).json.invoices;
    expect(notes).toHaveLength(1);
    const res = await api.request('POST', `/v1/invoices/${notes[0].id}/cancel`, { token });
    expect(res.status).toBe(409);
    expect((await api.request('GET', '/v1/invoices', { token })).json.invoices).toHaveLength(2);
  });

  it('cancels once when two cancellations arrive at the same time', async () => {
    const id = await createMission(api, token, { ...OWN_SERIES, clientName: 'Race client', vatRateBps: 2000 });
    const other = await issueInvoice(api, token, id, '2026-04', { '2026-04-09': 1 }, '2026-05-20');
    const results = await Promise.all([1, 2].map(() => api.request('POST', `/v1/invoices/${other.id}/cancel`, { token })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const notes = (await api.request('GET', '/v1/invoices?status=credit_note', { token })).json.invoices;
    expect(notes.map((n: { number: string }) => n.number).sort()).toEqual(['AV-2026-0001', 'AV-2026-0002']);
  });

  it('keeps credit notes out of the invoice series: the next invoice is 2026-0003', async () => {
    // 2026-0001 and 2026-0002 were issued above, then cancelled by AV-2026-0001 and AV-2026-0002.
    const id = await createMission(api, token, { ...OWN_SERIES, clientName: 'Next client', vatRateBps: 2000 });
    expect((await issueInvoice(api, token, id, '2026-05', { '2026-05-04': 1 }, '2026-05-20')).number).toBe('2026-0003');
  });
});

describe('payment', () => {
  it('marks an invoice paid once; a second time is 409; a date before the invoice is 422', async () => {
    const token = await api.signIn('paid@example.fr');
    const id = await createMission(api, token, OWN_SERIES);
    const invoice = await issueInvoice(api, token, id, '2026-04', { '2026-04-06': 1 }, '2026-05-04');
    const early = await api.request('POST', `/v1/invoices/${invoice.id}/paid`, { token, body: { paidOn: '2026-05-03' } });
    expectError(early, 422, 'validation_failed');
    expect(early.json.error.issues[0].path).toBe('paidOn');
    const paid = await api.request('POST', `/v1/invoices/${invoice.id}/paid`, { token, body: { paidOn: '2026-05-18' } });
    expect(paid.status).toBe(200);
    expect(paid.json).toMatchObject({ status: 'paid', paidOn: '2026-05-18' });
    expectError(await api.request('POST', `/v1/invoices/${invoice.id}/paid`, { token, body: { paidOn: '2026-05-19' } }), 409, 'not_payable');
    expect((await api.request('GET', `/v1/invoices/${invoice.id}`, { token })).json.paidOn).toBe('2026-05-18');
  });
});

describe('an overdue invoice', () => {
  // 2 days × 650 € = 1 300 € (franchise: total = net), validated Monday 4 May 2026 with 30-day
  // terms: due Wednesday 3 June 2026.
  async function overdueInvoice(email: string, penaltyRateBps?: number) {
    api.clock.set('2026-05-20T09:00:00Z');
    const token = await api.signIn(email);
    if (penaltyRateBps !== undefined) await api.request('PUT', '/v1/profile', { token, body: profile('franchise', { penaltyRateBps }) });
    const id = await createMission(api, token, { ...OWN_SERIES, clientTermsDays: 30 });
    const invoice = await issueInvoice(api, token, id, '2026-04', { '2026-04-06': 1, '2026-04-07': 1 }, '2026-05-04');
    expect(invoice).toMatchObject({ dueOn: '2026-06-03', totalCents: 130_000, overdue: null });
    return { token, invoice };
  }
  afterAll(() => api.clock.set('2026-05-20T09:00:00Z'));

  it('is not late on its due date', async () => {
    const { token, invoice } = await overdueInvoice('duetoday@example.fr');
    api.clock.set('2026-06-03T18:00:00Z');
    expect((await api.request('GET', `/v1/invoices/${invoice.id}`, { token })).json.overdue).toBeNull();
  });

  it('shows days late, interest at 10 % a year pro rata, and the 40 € indemnity', async () => {
    const { token, invoice } = await overdueInvoice('late@example.fr');
    api.clock.set('2026-06-13T09:00:00Z');
    // Late from 4 June to 13 June: 10 days. 1 300 € × 10 % × 10 / 365 = 3.5616 € → 356 cents.
    const res = await api.request('GET', `/v1/invoices/${invoice.id}`, { token });
    expect(res.json.overdue).toEqual({ daysLate: 10, rateBps: 1000, interestCents: 356, indemnityCents: 4000, totalPenaltyCents: 4356 });
    const dashboard = await api.request('GET', '/v1/dashboard', { token });
    expect(dashboard.json.overdueInvoices.map((i: { id: string }) => i.id)).toEqual([invoice.id]);
  });

  it('never charges less than three times the legal rate (3 × 2.62 % = 7.86 %)', async () => {
    const { token, invoice } = await overdueInvoice('lowrate@example.fr', 500);
    api.clock.set('2026-06-13T09:00:00Z');
    // 1 300 € × 7.86 % × 10 / 365 = 2.7995 € → 280 cents.
    const res = await api.request('GET', `/v1/invoices/${invoice.id}`, { token });
    expect(res.json.overdue).toMatchObject({ daysLate: 10, rateBps: 786, interestCents: 280, indemnityCents: 4000 });
  });

  it('is no longer overdue once paid', async () => {
    const { token, invoice } = await overdueInvoice('paidlate@example.fr');
    api.clock.set('2026-06-13T09:00:00Z');
    await api.request('POST', `/v1/invoices/${invoice.id}/paid`, { token, body: { paidOn: '2026-06-12' } });
    expect((await api.request('GET', `/v1/invoices/${invoice.id}`, { token })).json.overdue).toBeNull();
  });
});

describe('payout dates', () => {
  it('a direct client pays on the due date, moved to the next working day when it is not one', async () => {
    const token = await api.signIn('direct@example.fr');
    const id = await createMission(api, token, { portal: 'direct', plan: undefined, clientTermsDays: 30 });
    // Validated Tuesday 14 April + 30 days = Thursday 14 May 2026, Ascension → Friday 15 May.
    const april = await issueInvoice(api, token, id, '2026-04', { '2026-04-06': 1 }, '2026-04-14');
    expect(april).toMatchObject({ regime: 'direct', dueOn: '2026-05-14', payoutEarliest: '2026-05-15', payoutLatest: '2026-05-15', feeCents: 0, payoutCents: 65_000 });
    // Validated Thursday 7 May + 30 days = Saturday 6 June → Monday 8 June.
    const may = await issueInvoice(api, token, id, '2026-05', { '2026-05-04': 1 }, '2026-05-07');
    expect(may).toMatchObject({ dueOn: '2026-06-06', payoutEarliest: '2026-06-08', payoutLatest: '2026-06-08' });
  });

  it("back-to-back: 5–8 working days after the client's due date, narrowed once the client has paid", async () => {
    const token = await api.signIn('b2b@example.fr');
    const id = await createMission(api, token, { contractSignedOn: '2025-04-27', plan: undefined, clientTermsDays: 30 });
    // Invoice Tue 12 May + 30 days = Thu 11 June; +5 working days Thu 18 June, +8 Tue 23 June.
    const invoice = await issueInvoice(api, token, id, '2026-04', { '2026-04-07': 1 }, '2026-05-12');
    expect(invoice).toMatchObject({ regime: 'back_to_back', clientDueOn: '2026-06-11', payoutEarliest: '2026-06-18', payoutLatest: '2026-06-23', feeCents: 0 });
    // The client paid Mon 1 June: +5 Mon 8 June, +8 Thu 11 June (recorded the next day: a payment date is never in the future).
    api.clock.set('2026-06-02T09:00:00Z');
    const res = await api.request('POST', `/v1/invoices/${invoice.id}/client-paid`, { token, body: { paidOn: '2026-06-01' } });
    api.clock.set('2026-05-20T09:00:00Z');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ clientPaidOn: '2026-06-01', payoutEarliest: '2026-06-08', payoutLatest: '2026-06-11' });
  });

  it("fixed date: the client's payment, early or late, does not move the payout", async () => {
    const token = await api.signIn('fixed@example.fr');
    const id = await createMission(api, token);
    const invoice = await issueInvoice(api, token, id, '2026-04', { '2026-04-07': 1 }, '2026-05-12');
    expect(invoice).toMatchObject({ payoutEarliest: '2026-05-18', payoutLatest: '2026-05-18' });
    // The client paid on 19 May, after the payout date (a payment date cannot be in the future).
    const res = await api.request('POST', `/v1/invoices/${invoice.id}/client-paid`, { token, body: { paidOn: '2026-05-19' } });
    expect(res.json).toMatchObject({ payoutEarliest: '2026-05-18', payoutLatest: '2026-05-18' });
  });

  it('manual upload: no payout date until the portal validates the uploaded invoice', async () => {
    const token = await api.signIn('manual@example.fr');
    const id = await createMission(api, token, { invoiceMode: 'manual' });
    const invoice = await issueInvoice(api, token, id, '2026-04', { '2026-04-06': 1 }, '2026-05-04');
    expect(invoice).toMatchObject({ payoutEarliest: null, payoutLatest: null });
    // Flash: upload validated Tuesday 12 May → 13, 15, 18 May.
    const res = await api.request('POST', `/v1/invoices/${invoice.id}/upload-validated`, { token, body: { validatedOn: '2026-05-12' } });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ payoutEarliest: '2026-05-18', payoutLatest: '2026-05-18' });
  });
});
