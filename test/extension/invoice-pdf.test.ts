import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { createApi } from '../../extension/sync/api';
import { createMission, issueInvoice } from '../api/support';
import { createTestApi, type TestApi } from '../helpers/api';

/** The popup's PDF link: the background's API client fetches the Factur-X file with the token. */
let api: TestApi;
let token: string;
const client = (t: string) => createApi({ baseUrl: 'http://relais.test', token: t, fetch: async (input, init) => app.fetch(new Request(input as RequestInfo, init), { deps: api.deps }) });

beforeEach(async () => {
  api = await createTestApi({ start: '2026-11-02T09:00:00Z' });
  token = await api.signIn('pdf@relais.test');
});
afterEach(() => api.close());

describe('invoice PDF for the popup', () => {
  it('comes back as base64 of a real PDF with the invoice number as file name; another user gets not_found', async () => {
    const missionId = await createMission(api, token, { portal: 'direct', plan: undefined });
    const invoice = await issueInvoice(api, token, missionId, '2026-10', { '2026-10-05': 1 }, '2026-11-02');
    const res = await client(token).invoicePdf(invoice.id);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(atob(res.value.base64).slice(0, 8)).toBe('%PDF-1.7');
    expect(res.value.filename).toContain(invoice.number);
    const other = await client(await api.signIn('other@relais.test')).invoicePdf(invoice.id);
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error).toMatchObject({ status: 404, code: 'not_found' });
  });
});
