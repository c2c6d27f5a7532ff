import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoicesAdapter } from '../../extension/portals/littlebig/invoices';
import { createTestApi, directMission, type TestApi } from '../helpers/api';
import { loadFixture } from '../portals/load';
import { createMission, expectError, submitCra, userIdOf } from './support';

/**
 * Who issues each invoice (DOMAIN.md "Who issues the invoice"), through the real app over libSQL: a LittleBIG
 * Connection month in mode auto is the portal's invoice (expected, then matched to what its invoices page shows),
 * in mode manual the freelancer's invoice addressed to LittleBIG Connection, a SMart month a salary budget, a direct
 * client's month the freelancer's invoice to the client.
 */
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ start: '2026-09-15T09:00:00Z' });
});
afterAll(() => api.close());

const scalar = async (sql: string, args: (string | number)[]) => (await api.deps.client.execute({ sql, args })).rows[0]?.[0] ?? null;
const counter = (userId: string) => scalar("SELECT last_sequence FROM invoice_counters WHERE user_id = ? AND kind = 'invoice'", [userId]);
/** Every working day of a month up to `count` of them, as captured days. */
function workingDays(month: string, count: number): Record<string, number> {
  const days: Record<string, number> = {};
  const holidays = new Set(['2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25', '2026-07-14', '2026-08-15']);
  for (let d = 1; d <= 31 && Object.keys(days).length < count; d++) {
    const date = `${month}-${String(d).padStart(2, '0')}`;
    const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) break;
    if (wd !== 0 && wd !== 6 && !holidays.has(date)) days[date] = 1;
  }
  return days;
}
const validate = (token: string, id: string, month: string, validatedOn: string) =>
  api.request('POST', `/v1/missions/${id}/cras/${month}/validate`, { token, body: { validatedOn } });

describe('LittleBIG Connection, invoice mode auto (billing mandate)', () => {
  it('records the expected invoice with no number of the freelancer, then takes the number read on the portal, and flags a difference', async () => {
    const token = await api.signIn('mandate@example.fr');
    const userId = await userIdOf(api, 'mandate@example.fr');
    // 780 € a day: the fixture's August invoice (15 600 €) is 20 days, its June invoice (17 160 €) 22 days.
    const id = await createMission(api, token, { portalRef: 'M-48213', dailyRateCents: 78_000, plan: 'basic', startsOn: '2026-05-04' });
    await submitCra(api, token, id, '2026-08', workingDays('2026-08', 20));
    const august = await validate(token, id, '2026-08', '2026-09-01');
    expect(august.status, august.text).toBe(201);
    expect(august.json.invoice).toMatchObject({ issuer: 'portal_mandate', status: 'expected', number: null, totalCents: 1_560_000 });
    // June: 21 days in Relais, where the portal invoiced 22.
    await submitCra(api, token, id, '2026-06', workingDays('2026-06', 21));
    const june = await validate(token, id, '2026-06', '2026-09-01');
    expect(june.json.invoice).toMatchObject({ number: null, totalCents: 1_638_000 });
    expect(await counter(userId), "the freelancer's series does not move").toBeNull();
    expect(await scalar("SELECT count(*) FROM outbox_events WHERE user_id = ? AND type = 'invoice.issued'", [userId])).toBe(0);

    // What the overlay reads on the portal's invoices page, posted as it posts it.
    const read = invoicesAdapter.read(loadFixture('littlebig/invoices').doc);
    if (!read.ok) throw new Error('the invoices fixture did not read');
    const observed = await api.request('POST', '/v1/portals/observations', { token, body: { portal: 'littlebig', page: 'invoices', missionId: id, data: read.model } });
    expect(observed.status, observed.text).toBe(201);
    const matched = observed.json.reconciled.matched as { number: string; invoiceId: string; mismatch: string[] }[];
    expect(matched.find((m) => m.invoiceId === august.json.invoice.id)).toMatchObject({ number: 'F-2026-000512', mismatch: [] });
    const juneMatch = matched.find((m) => m.invoiceId === june.json.invoice.id);
    expect(juneMatch?.number).toBe('F-2026-000455');
    expect(juneMatch!.mismatch.length, 'the total differs').toBeGreaterThan(0);

    const aug = await api.request('GET', `/v1/invoices/${august.json.invoice.id}`, { token });
    expect(aug.json).toMatchObject({ number: 'F-2026-000512', issuer: 'portal_mandate' });
    const jun = await api.request('GET', `/v1/invoices/${june.json.invoice.id}`, { token });
    expect(jun.json.mismatch, 'the difference is visible on the invoice').toBeTruthy();
    expect(await scalar("SELECT count(*) FROM outbox_events WHERE user_id = ? AND type = 'invoice.mismatch'", [userId])).toBe(1);
    // Still nothing in the freelancer's series, and no Relais PDF of the portal's invoice.
    expect(await counter(userId)).toBeNull();
    expectError(await api.request('GET', `/v1/invoices/${august.json.invoice.id}/pdf`, { token }), 409, 'not_issued_by_freelancer');
  });
});

describe('LittleBIG Connection, invoice mode manual (upload)', () => {
  it("issues the freelancer's invoice in their series, addressed to LittleBIG Connection, naming the end client and the references", async () => {
    const token = await api.signIn('upload@example.fr');
    const id = await createMission(api, token, { invoiceMode: 'manual', portalRef: 'M-48213', reference: 'BDC-2026-117' });
    await submitCra(api, token, id, '2026-08', { '2026-08-03': 1, '2026-08-04': 1 });
    const res = await validate(token, id, '2026-08', '2026-09-01');
    expect(res.status, res.text).toBe(201);
    const invoice = res.json.invoice;
    expect(invoice).toMatchObject({ number: '2026-0001', issuer: 'freelancer', payoutEarliest: null });
    const row = await api.deps.client.execute({ sql: 'SELECT buyer, lines FROM invoices WHERE id = ?', args: [invoice.id] });
    const buyer = JSON.parse(String(row.rows[0]!.buyer));
    expect(buyer).toMatchObject({ name: 'LittleBIG Connection', addressLine: '7 rue de Châteaudun', postcode: '75009', city: 'Paris', endClient: 'ACME SA' });
    const label = JSON.parse(String(row.rows[0]!.lines))[0].label as string;
    expect(label).toContain('client final ACME SA');
    expect(label).toContain('M-48213');
    expect(label).toContain('BDC-2026-117');
  });
});

describe('SMart BE (cooperative)', () => {
  it('gives no invoice in the member\'s name: a salary budget, outside the VAT franchise turnover', async () => {
    const token = await api.signIn('member@example.fr');
    const userId = await userIdOf(api, 'member@example.fr');
    const before = (await api.request('GET', '/v1/dashboard', { token })).json.vat.position.revenueCents;
    const created = await api.request('POST', '/v1/missions', {
      token,
      body: { portal: 'smart', clientName: 'Théâtre de Namur', clientCountry: 'BE', dailyRateCents: 40_000, contractSignedOn: '2026-01-05', country: 'BE',
        startsOn: '2026-01-05', endsOn: '2026-12-31', smartContractType: 'salaried_artistic', clientTermsDays: 10, vatRateBps: 2100, budgetDays: 20 },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json.issuer).toBe('cooperative');
    await submitCra(api, token, created.json.id, '2026-08', { '2026-08-03': 1, '2026-08-04': 1, '2026-08-05': 1 });
    const res = await validate(token, created.json.id, '2026-08', '2026-09-01');
    expect(res.status, res.text).toBe(201);
    expect(res.json.invoice).toMatchObject({ issuer: 'cooperative', number: null });
    expect(await counter(userId)).toBeNull();
    expect((await api.request('GET', '/v1/dashboard', { token })).json.vat.position.revenueCents, 'salary is not turnover').toBe(before);
  });
});

describe('a direct client', () => {
  it("issues the freelancer's invoice to the client, as before", async () => {
    const token = await api.signIn('direct@example.fr');
    const id = await createMission(api, token, { ...directMission, plan: undefined });
    await submitCra(api, token, id, '2026-08', { '2026-08-03': 1 });
    const res = await validate(token, id, '2026-08', '2026-09-01');
    expect(res.json.invoice).toMatchObject({ number: '2026-0001', issuer: 'freelancer', dueOn: '2026-10-01' });
    const row = await api.deps.client.execute({ sql: 'SELECT buyer FROM invoices WHERE id = ?', args: [res.json.invoice.id] });
    expect(JSON.parse(String(row.rows[0]!.buyer))).toMatchObject({ name: 'ACME SA', siren: '552100554' });
  });
});

describe('dates that cannot be in the future', () => {
  it('refuses a validation or a payment dated after today (one day of slack)', async () => {
    const token = await api.signIn('future@example.fr');
    const id = await createMission(api, token, { ...directMission, plan: undefined });
    await submitCra(api, token, id, '2026-09', { '2026-09-01': 1 });
    // Today is 2026-09-15: the 16th is within the slack, the 17th is not.
    expectError(await validate(token, id, '2026-09', '2026-09-17'), 422, 'date_in_future');
    expect((await api.request('GET', `/v1/missions/${id}/cras/2026-09`, { token })).json.state).toBe('submitted');
    const ok = await validate(token, id, '2026-09', '2026-09-14');
    expect(ok.status, ok.text).toBe(201);
    expectError(await api.request('POST', `/v1/invoices/${ok.json.invoice.id}/paid`, { token, body: { paidOn: '2026-10-01' } }), 422, 'date_in_future');
    expect((await api.request('POST', `/v1/invoices/${ok.json.invoice.id}/paid`, { token, body: { paidOn: '2026-09-15' } })).status).toBe(200);
  });
});

describe('the mission form asks only what applies', () => {
  it('creates a direct, open-ended mission with no contract date, freelancer country or end date', async () => {
    const token = await api.signIn('open@example.fr');
    const res = await api.request('POST', '/v1/missions', { token, body: { portal: 'direct', clientName: 'Boulangerie Dupont', dailyRateCents: 50_000, startsOn: '2026-09-01', budgetDays: 100 } });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ issuer: 'freelancer', endsOn: null });
  });
});

describe('the year-end VAT franchise projection', () => {
  it("counts two part-time missions at their own rhythm, not every remaining working day (computed by hand)", async () => {
    const token = await api.signIn('parttime@example.fr');
    const base = { ...directMission, plan: undefined, startsOn: '2026-09-01', endsOn: '2026-12-31' };
    expect((await api.request('POST', '/v1/missions', { token, body: { ...base, clientName: 'Alpha', dailyRateCents: 100_000, daysPerWeek: 2 } })).status).toBe(201);
    expect((await api.request('POST', '/v1/missions', { token, body: { ...base, clientName: 'Bravo', dailyRateCents: 80_000, daysPerWeek: 1.5 } })).status).toBe(201);
    const { projection } = (await api.request('GET', '/v1/dashboard', { token })).json.vat;
    // Today is Tuesday 15 September 2026, nothing invoiced yet. From the 16th each week takes its days on its first working
    // days: Alpha 1 000 € on the 1st and 2nd, Bravo 800 € on the 1st and 400 € (a half day) on the 2nd, so 1 800 € then 1 400 €,
    // 3 200 € a week (no holiday falls on a Monday or Tuesday until the year ends; 16 and 17 September make the first week).
    // After 11 weeks 35 200 €; Monday 30 November 37 000 €; Tuesday 1 December 38 400 € > 37 500 € (the 2026 base threshold).
    expect(projection.base.on).toBe('2026-12-01');
    // Monday 7 December 40 200 €; Tuesday 8 December 41 600 € > 41 250 € (the higher threshold).
    expect(projection.higher.on).toBe('2026-12-08');
  });
});
