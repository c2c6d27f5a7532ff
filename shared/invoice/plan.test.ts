import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { planInvoice, type PlanMission, type PlanProfile } from './plan';

/**
 * planInvoice, the one place that decides which document a validated month yields (DOMAIN.md "Who issues the
 * invoice"), over generated missions and months: exactly one document; a number of the freelancer's series only
 * for the freelancer's own invoice; a LittleBIG mandate month an expected portal invoice, a SMart month a salary
 * budget, a direct month an invoice to the client, a LittleBIG manual month an invoice to LittleBIG Connection
 * naming the end client; and the figures adding up.
 */

const seller: PlanProfile['seller'] = {
  legalName: 'Camille Dupont EI',
  legalForm: 'ei',
  siret: '73282932000074',
  vatNumber: 'FR12732829320',
  address: { line1: '3 rue des Lilas', postalCode: '69001', city: 'Lyon', country: 'FR' },
  shareCapitalCents: null,
  rcs: null,
};

const mission = (portal: string, invoiceMode: 'auto' | 'manual', rate: number, plan: string): PlanMission => ({
  id: 'm1',
  portal,
  invoiceMode,
  clientName: 'ACME SA',
  clientSiren: '552100554',
  clientAddress: null,
  clientCountry: portal === 'smart' ? 'BE' : 'FR',
  contractSignedOn: '2026-01-05',
  country: portal === 'smart' ? 'BE' : 'FR',
  clientTermsDays: 30,
  vatRateBps: portal === 'smart' ? 2100 : 2000,
  portalRef: portal === 'littlebig' ? 'M-48213' : null,
  service: 'Conseil en architecture',
  clientBuyer: { portal, name: 'ACME SA', siren: '552100554', addressLine: '1 avenue de la République', postcode: '75011', city: 'Paris', country: portal === 'smart' ? 'BE' : 'FR', purchaseOrderRef: 'BDC-2026-0117' },
  orders: [{ startsOn: '2026-01-05', endsOn: '2026-12-31', dailyRateCents: rate, plan, reference: 'BDC-2026-0117' }],
});

const KINDS = [
  { portal: 'littlebig', invoiceMode: 'auto', plan: 'basic', shape: 'expected', kind: 'portal_invoice', issuer: 'portal_mandate', series: false },
  { portal: 'littlebig', invoiceMode: 'manual', plan: 'express', shape: 'invoice', kind: 'invoice', issuer: 'freelancer', series: true },
  { portal: 'smart', invoiceMode: 'auto', plan: 'smart', shape: 'salaryBudget', kind: 'salary_budget', issuer: 'cooperative', series: false },
  { portal: 'direct', invoiceMode: 'auto', plan: 'direct', shape: 'invoice', kind: 'invoice', issuer: 'freelancer', series: true },
] as const;

const month = fc.record({
  kind: fc.constantFrom(...KINDS),
  m: fc.integer({ min: 2, max: 10 }),
  worked: fc.uniqueArray(fc.integer({ min: 1, max: 28 }), { minLength: 1, maxLength: 20 }),
  half: fc.boolean(),
  rate: fc.integer({ min: 10_000, max: 150_000 }),
  vatRegime: fc.constantFrom('franchise' as const, 'standard' as const),
});

describe('planInvoice: exactly the documents that exist', () => {
  test.prop([month], { numRuns: 300 })('one document of the right kind, issuer, buyer and series, whose figures add up', ({ kind, m, worked, half, rate, vatRegime }) => {
    const mm = `2026-${String(m).padStart(2, '0')}` as const;
    const days = Object.fromEntries(worked.map((d, i) => [`${mm}-${String(d).padStart(2, '0')}`, half && i === 0 ? 0.5 : 1]));
    const validatedOn = `2026-${String(m + 1).padStart(2, '0')}-05`;
    const plan = planInvoice(
      { month: mm, craId: 'c1', days, lines: [], validatedOn },
      mission(kind.portal, kind.invoiceMode, rate, kind.plan),
      { vatRegime, penaltyRateBps: 1000, country: kind.portal === 'smart' ? 'BE' : 'FR', seller },
      // Far under the franchise thresholds: the crossing rules are tested apart (franchise-vat.test.ts).
      { revenueBeforeCents: 0, lastSeriesIssuedOn: null, latestPastDate: '2026-12-31' },
      { documentId: 'd1' },
    );
    if (!plan.ok) throw new Error(`refused: ${JSON.stringify(plan)}`);
    const d = plan.document;
    expect({ shape: plan.shape, kind: d.kind, issuer: d.issuer, series: d.consumesSeries }).toEqual({ shape: kind.shape, kind: kind.kind, issuer: kind.issuer, series: kind.series });
    expect(d.status).toBe(kind.shape === 'expected' ? 'expected' : 'issued');
    // Who is billed: the client directly, or LittleBIG Connection with the end client named.
    if (kind.portal === 'direct') expect(d.buyer.name).toBe('ACME SA');
    if (kind.portal === 'littlebig') {
      expect(d.buyer.name).toMatch(/LittleBIG Connection/);
      expect(JSON.stringify(d.buyer)).toContain('ACME SA');
    }
    // The service on the line, never the client's name in its place.
    for (const line of d.lines) expect(line.label).not.toBe('ACME SA');
    // Figures: the days and the rate make the net; net + VAT = total; the payout never exceeds what is billed.
    const daysWorked = Object.values(days).reduce((a, b) => a + b, 0);
    expect(d.daysMilli).toBe(Math.round(daysWorked * 1000));
    expect(d.netCents).toBe(d.lines.reduce((s, l) => s + l.amountCents, 0));
    expect(d.totalCents).toBe(d.netCents + d.vatCents);
    expect(d.vat.reduce((s, v) => s + v.vatCents, 0)).toBe(d.vatCents);
    if (vatRegime === 'franchise' && kind.series) expect(d.vatCents).toBe(0);
    expect(d.payoutCents).toBeGreaterThanOrEqual(0);
    expect(d.payoutCents).toBeLessThanOrEqual(d.totalCents);
    expect(d.feeCents).toBeGreaterThanOrEqual(0);
    if (d.payoutEarliest && d.payoutLatest) expect(d.payoutEarliest <= d.payoutLatest).toBe(true);
    expect(d.issuedOn >= `${mm}-01`).toBe(true);
    // One document per month, and only the freelancer's own invoice announces an issued invoice of the series.
    expect(plan.events.filter((e) => e.type === 'invoice.issued').length).toBe(kind.series ? 1 : 0);
  });
});
