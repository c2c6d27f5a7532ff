import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, directMission, sellerProfile, type TestApi } from '../helpers/api';
import { createMission, submitCra } from './support';

/**
 * A freelancer who starts using Relais mid-year (issue 14): the year's turnover and cash so far count in the VAT
 * franchise and the ceiling, and the existing invoice series goes on from the number they give — only while
 * Relais has numbered nothing in that year, so the series never skips or repeats.
 */
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ start: '2026-09-15T09:00:00Z' });
});
afterAll(() => api.close());

describe('opening balance and series start', () => {
  it('counts the turnover brought in, and numbers the next invoice from the series already in use', async () => {
    const token = await api.signIn('midyear@example.fr');
    const before = (await api.request('GET', '/v1/dashboard', { token })).json.vat.position.revenueCents as number;
    const put = await api.request('PUT', '/v1/profile', { token, body: { ...sellerProfile, opening: { year: 2026, turnoverCents: 2_500_000, collectedCents: 2_000_000, nextInvoiceNumber: 42, nextCreditNoteNumber: 3 } } });
    expect(put.status, put.text).toBe(200);
    expect(put.json.opening).toEqual({ year: 2026, turnoverCents: 2_500_000, collectedCents: 2_000_000 });
    expect((await api.request('GET', '/v1/dashboard', { token })).json.vat.position.revenueCents).toBe(before + 2_500_000);

    const id = await createMission(api, token, { ...directMission, plan: undefined });
    await submitCra(api, token, id, '2026-08', { '2026-08-03': 1, '2026-08-04': 1 });
    const v = await api.request('POST', `/v1/missions/${id}/cras/2026-08/validate`, { token, body: { validatedOn: '2026-09-01' } });
    expect(v.status, v.text).toBe(201);
    expect(v.json.invoice.number).toBe('2026-0042');
    // The turnover brought in plus the invoice (2 × 650 € excl. VAT).
    expect((await api.request('GET', '/v1/dashboard', { token })).json.vat.position.revenueCents).toBe(before + 2_500_000 + 130_000);
    const credit = await api.request('POST', `/v1/invoices/${v.json.invoice.id}/cancel`, { token, body: { reason: 'Erreur de client' } });
    expect(credit.status, credit.text).toBe(201);
    expect(JSON.stringify(credit.json)).toContain('AV-2026-0003');

    // Now that Relais has numbered invoices in 2026, the series cannot be moved: 409 naming the field, nothing changed.
    const again = await api.request('PUT', '/v1/profile', { token, body: { ...sellerProfile, opening: { year: 2026, turnoverCents: 2_500_000, nextInvoiceNumber: 10 } } });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'series_started', issues: [{ path: 'opening.nextInvoiceNumber' }] });
    // Another year is still free, and a PUT without `opening` leaves it as it was.
    expect((await api.request('PUT', '/v1/profile', { token, body: { ...sellerProfile, opening: { year: 2027, turnoverCents: 0, nextInvoiceNumber: 5 } } })).status).toBe(200);
    expect((await api.request('PUT', '/v1/profile', { token, body: sellerProfile })).json.opening).toEqual({ year: 2027, turnoverCents: 0, collectedCents: 0 });
    expect((await api.request('PUT', '/v1/profile', { token, body: { ...sellerProfile, opening: null } })).json.opening).toBeNull();
  });

  it('refuses figures that cannot be, with the field and the reason', async () => {
    const token = await api.signIn('midyear-bad@example.fr');
    for (const opening of [{ year: 2026, turnoverCents: -1 }, { year: 1999, turnoverCents: 0 }, { year: 2026, turnoverCents: 0, nextInvoiceNumber: 0 }, { year: 2026 }]) {
      const res = await api.request('PUT', '/v1/profile', { token, body: { ...sellerProfile, opening } });
      expect(res.status, JSON.stringify(opening)).toBe(422);
      expect(res.json.error.issues[0].path).toMatch(/^opening\./);
    }
  });

  it("never touches another user's series", async () => {
    const a = await api.signIn('series-a@example.fr');
    const b = await api.signIn('series-b@example.fr');
    expect((await api.request('PUT', '/v1/profile', { token: a, body: { ...sellerProfile, opening: { year: 2026, turnoverCents: 0, nextInvoiceNumber: 900 } } })).status).toBe(200);
    await api.request('PUT', '/v1/profile', { token: b, body: sellerProfile });
    const id = await createMission(api, b, { ...directMission, plan: undefined });
    await submitCra(api, b, id, '2026-08', { '2026-08-03': 1 });
    const v = await api.request('POST', `/v1/missions/${id}/cras/2026-08/validate`, { token: b, body: { validatedOn: '2026-09-01' } });
    expect(v.json.invoice.number).toBe('2026-0001');
  });
});
