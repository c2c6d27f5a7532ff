/**
 * Median milliseconds to render one invoice PDF (PDF/A-3 Factur-X, CII included), the
 * issue's budget being 30 ms. `npx tsx test/documents/bench-pdf.ts`; `npm run bench` can
 * import `benchInvoicePdf`. The first render (module load, font decode) is excluded.
 */
import { pathToFileURL } from 'node:url';
import { renderInvoicePdf } from '../../worker/documents/render';
import type { InvoiceDocument } from '../../worker/documents/types';

export const sampleInvoice: InvoiceDocument = {
  kind: 'invoice',
  number: '2026-0042',
  issuedOn: '2026-05-04',
  dueOn: '2026-06-03',
  serviceMonth: '2026-04',
  cancels: null,
  currency: 'EUR',
  seller: {
    legalName: 'Studio Martin', legalForm: 'sasu', siret: '73282932000074', vatNumber: 'FR40732829320',
    address: { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', country: 'FR' },
    iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP', shareCapitalCents: 1_000_000, rcs: 'RCS Lyon 732 829 320',
  },
  buyer: {
    name: 'ACME SA', siren: '552100554', address: { lines: ['1 avenue de la République'], postcode: '75011', city: 'Paris', country: 'FR' }, country: 'FR',
    vatNumber: 'FR12552100554', electronicAddress: { value: '552100554', scheme: '0225' },
  },
  purchaseOrderRef: 'BDC-2026-117',
  treatment: 'standard',
  lines: [
    { label: 'Prestation Développement back-end – avril 2026', quantity: 19.5, unitCents: 65_000, vatRateBps: 2000, unit: 'day', amountCents: 1_267_500 },
    { label: 'Astreinte week-end', quantity: 2, unitCents: 20_000, vatRateBps: 2000, unit: 'unit', amountCents: 40_000 },
  ],
  vat: [{ rateBps: 2000, baseCents: 1_307_500, vatCents: 261_500 }],
  vatMention: null,
  netCents: 1_307_500,
  vatCents: 261_500,
  totalCents: 1_569_000,
  penaltyRateBps: 1000,
};

/** Wall and CPU time per render (CPU time is steadier when other work shares the machine). */
export async function benchInvoicePdf(runs = 50): Promise<{ medianMs: number; p90Ms: number; cpuMedianMs: number; bytes: number }> {
  const first = await renderInvoicePdf(sampleInvoice);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await renderInvoicePdf(sampleInvoice);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { medianMs: median(wall), p90Ms: [...wall].sort((a, b) => a - b)[Math.floor(runs * 0.9)]!, cpuMedianMs: median(cpu), bytes: first.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchInvoicePdf(50);
  console.log(`invoice PDF: median ${r.medianMs.toFixed(1)} ms (CPU ${r.cpuMedianMs.toFixed(1)} ms), p90 ${r.p90Ms.toFixed(1)} ms over 50 runs (${r.bytes} bytes); budget 30 ms`);
}
