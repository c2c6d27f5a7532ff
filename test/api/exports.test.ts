import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { createMission, expectError, issueInvoice } from './support';
import { foldLine } from '../../worker/use-cases/payout-calendar';

/** The accountant's CSV and the payout calendar (ICS) through the real app. */

let api: TestApi;
let token: string;
const DIRECT = { portal: 'direct', plan: undefined, clientTermsDays: 30 };
let first: any;
let second: any;
let creditNote: any;
beforeAll(async () => {
  api = await createTestApi({ start: '2026-05-20T09:00:00Z' });
  token = await api.signIn('exports@example.fr');
  // Direct clients: invoices of the freelancer's own series, with payout dates (a LittleBIG auto mission's invoice is the portal's).
  const a = await createMission(api, token, { ...DIRECT, clientName: 'ACME, "Paris" SA' });
  first = await issueInvoice(api, token, a, '2026-04', { '2026-04-06': 1, '2026-04-07': 1 }, '2026-05-04');
  const b = await createMission(api, token, { ...DIRECT, clientName: 'Société Générale des Études Très Longues et Accentuées de la Région Île-de-France', endsOn: '2027-06-30' });
  second = await issueInvoice(api, token, b, '2026-04', { '2026-04-08': 1 }, '2026-05-11');
  api.clock.set('2027-01-04T09:00:00Z'); // a validation date is never in the future
  // Months later the session has lapsed (90 idle days): the freelancer signs in again.
  await issueInvoice(api, await api.signIn('exports@example.fr', { profile: false }), b, '2026-12', { '2026-12-01': 1 }, '2027-01-04'); // 2027: out of the 2026 export
  api.clock.set('2026-05-20T09:00:00Z');
  const res = await api.request('POST', `/v1/invoices/${first.id}/cancel`, { token });
  expect(res.status, res.text).toBe(201);
  creditNote = res.json.creditNote;
});
afterAll(() => api.close());

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF records) for reading the export back. */
function parseCsv(text: string, sep = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) { row.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += ch;
  }
  return rows;
}

describe('GET /v1/exports/invoices.csv', () => {
  it("lists the year's invoices and credit notes, UTF-8 with a BOM, RFC 4180 quoted", async () => {
    const res = await api.request('GET', '/v1/exports/invoices.csv?year=2026', { token });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('factures-2026.csv');
    // Response.text() drops a BOM while decoding: read the bytes as a spreadsheet would.
    const { app } = await import('../../worker/app');
    const raw = await app.fetch(new Request('http://relais.test/v1/exports/invoices.csv?year=2026', { headers: { authorization: `Bearer ${token}` } }), { deps: api.deps });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.text.endsWith('\r\n')).toBe(true);
    expect(res.text).toContain('"ACME, ""Paris"" SA"');
    const rows = parseCsv(res.text);
    expect(rows[0]).toEqual(['Numéro', 'Type', 'Date', 'Échéance', 'Période', 'Client', 'Montant HT', 'TVA', 'Montant TTC', 'Statut', 'Payée le', 'Facture annulée']);
    expect(rows.slice(1).map((r) => r.slice(0, 2))).toEqual([
      ['2026-0001', 'Facture'],
      ['2026-0002', 'Facture'],
      ['AV-2026-0001', 'Avoir'],
    ]);
    expect(rows[1]).toEqual(['2026-0001', 'Facture', '2026-05-04', first.dueOn, '2026-04', 'ACME, "Paris" SA', '1300.00', '0.00', '1300.00', 'Annulée', '', '']);
    expect(rows[3]).toEqual(['AV-2026-0001', 'Avoir', creditNote.issuedOn, '', '2026-04', 'ACME, "Paris" SA', '-1300.00', '0.00', '-1300.00', 'Avoir', '', '2026-0001']);
    expect(rows[2]![5]).toBe('Société Générale des Études Très Longues et Accentuées de la Région Île-de-France');
  });

  it('shows the paid date once paid, and only the asked year', async () => {
    api.clock.set('2026-06-02T09:00:00Z'); // a payment date is never in the future
    await api.request('POST', `/v1/invoices/${second.id}/paid`, { token, body: { paidOn: '2026-06-01' } });
    api.clock.set('2026-05-20T09:00:00Z');
    const rows = parseCsv((await api.request('GET', '/v1/exports/invoices.csv?year=2026', { token })).text);
    expect(rows.find((r) => r[0] === '2026-0002')!.slice(9, 11)).toEqual(['Payée', '2026-06-01']);
    const next = parseCsv((await api.request('GET', '/v1/exports/invoices.csv?year=2027', { token })).text);
    expect(next.slice(1).map((r) => r[0])).toEqual(['2027-0001']);
  });

  it('speaks French Excel on request: semicolons and decimal commas', async () => {
    const res = await api.request('GET', '/v1/exports/invoices.csv?year=2026&dialect=excel-fr', { token });
    expect(res.status).toBe(200);
    const rows = parseCsv(res.text, ';');
    expect(rows[0]).toHaveLength(12);
    expect(rows[1]!.slice(5, 9)).toEqual(['ACME, "Paris" SA', '1300,00', '0,00', '1300,00']);
    expect(res.text).toContain(';"ACME, ""Paris"" SA";'); // the quote still needs quoting; the comma alone would not
    const bad = await api.request('GET', '/v1/exports/invoices.csv?year=2026&dialect=tsv', { token });
    expectError(bad, 422, 'validation_failed');
    expect(bad.json.error.issues[0].path).toBe('dialect');
  });

  it('answers 422 on a missing or bad year', async () => {
    for (const q of ['', '?year=26', '?year=abcd', '?year=1999', '?year=2100']) {
      const res = await api.request('GET', `/v1/exports/invoices.csv${q}`, { token });
      expectError(res, 422, 'validation_failed');
      expect(res.json.error.issues[0].path).toBe('year');
    }
  });

  it("never shows another user's invoices", async () => {
    const other = await api.signIn('exports-other@example.fr');
    const res = await api.request('GET', '/v1/exports/invoices.csv?year=2026', { token: other });
    expect(res.status).toBe(200);
    expect(parseCsv(res.text)).toHaveLength(1); // the header alone
    expect((await api.request('GET', '/v1/exports/invoices.csv?year=2026')).status).toBe(401);
  });
});

describe('the payout calendar', () => {
  let url: string;
  beforeAll(async () => {
    const res = await api.request('POST', '/v1/exports/calendar', { token });
    expect(res.status, res.text).toBe(201);
    url = res.json.url;
  });
  const pathOf = (u: string) => new URL(u).pathname;

  it('gives a secret, unguessable URL whose token is stored only hashed', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:0\/calendar\/cal_[A-Za-z0-9_-]{43}\.ics$/);
    const token = pathOf(url).slice('/calendar/'.length, -'.ics'.length);
    const rows = await api.deps.client.execute('SELECT token_hash FROM calendar_feeds');
    expect(rows.rows.map((r) => r[0])).not.toContain(token);
    expect(rows.rows).toHaveLength(1);
  });

  it('serves one all-day VEVENT per expected payout, folded and escaped per RFC 5545', async () => {
    const res = await api.request('GET', pathOf(url));
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const ics = res.text;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    // Every physical line is at most 75 octets; CRLF everywhere.
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
    const unfolded = ics.replace(/\r\n /g, '');
    // 2026-0001 is cancelled and 2026-0002 is paid: only 2027-0001's payout is still expected.
    const events = unfolded.split('BEGIN:VEVENT').slice(1);
    expect(events).toHaveLength(1);
    const list = (await api.request('GET', '/v1/invoices?year=2027', { token })).json.invoices;
    const expected = list[0];
    expect(events[0]).toContain(`UID:payout-${expected.id}@relais`);
    expect(events[0]).toContain(`DTSTART;VALUE=DATE:${expected.payoutEarliest.replace(/-/g, '')}`);
    expect(events[0]).toMatch(/SUMMARY:Paiement attendu [\d ]+\\,\d\d € – Société Générale des Études Très Longues et Accentuées de la Région Île-de-France/);
    expect(unfolded).toContain('\\n'); // the description's line break, escaped
  });

  it('lists each issued, unpaid invoice once, with a stable UID', async () => {
    const a = await createMission(api, token, { ...DIRECT, clientName: 'Semi; colon, client', endsOn: '2027-06-30' });
    api.clock.set('2027-01-05T09:00:00Z');
    const inv = await issueInvoice(api, await api.signIn('exports@example.fr', { profile: false }), a, '2027-01', { '2027-01-05': 1 }, '2027-01-05');
    api.clock.set('2026-05-20T09:00:00Z');
    const ics = (await api.request('GET', pathOf(url))).text.replace(/\r\n /g, '');
    expect(ics.split('BEGIN:VEVENT')).toHaveLength(3);
    expect(ics).toContain(`UID:payout-${inv.id}@relais`);
    expect(ics).toContain('Semi\\; colon\\, client');
    expect((await api.request('GET', pathOf(url))).text.replace(/\r\n /g, '')).toBe(ics);
  });

  it('answers 404 on a wrong token, and the old URL dies when a new one is issued', async () => {
    expectError(await api.request('GET', '/calendar/cal_wrongwrongwrongwrongwrongwrongwrong.ics'), 404, 'not_found');
    expectError(await api.request('GET', '/calendar/whatever'), 404, 'not_found');
    const again = await api.request('POST', '/v1/exports/calendar', { token });
    expect(again.json.url).not.toBe(url);
    expectError(await api.request('GET', pathOf(url)), 404, 'not_found');
    expect((await api.request('GET', pathOf(again.json.url))).status).toBe(200);
  });
});

describe('RFC 5545 folding', () => {
  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const l of folded) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(line);
  });
});
