import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { lineAmount } from '../money';
import { computeInvoice, creditNoteLines, type InvoiceLineInput } from './lines';
import { FRANCHISE_MENTION } from './mentions';

const line = (quantity: number, unitCents: number, vatRateBps = 2000): InvoiceLineInput => ({ label: 'Conseil', quantity, unitCents, vatRateBps });

describe('computeInvoice', () => {
  it('rounds each line half-up to the cent: 0.5 × 1 001 cents = 501', () => {
    const inv = computeInvoice([line(0.5, 1001)], { vatRegime: 'standard' });
    expect(inv.lines[0]!.amountCents).toBe(501);
    expect(inv.netCents).toBe(501);
    expect(inv.vat).toEqual([{ rateBps: 2000, baseCents: 501, vatCents: 100 }]); // 100.2 → 100
    expect(inv.totalCents).toBe(601);
  });

  it('totals are the sum of rounded lines, not the rounding of the sum', () => {
    const inv = computeInvoice([line(0.5, 1001), line(0.5, 1001), line(0.5, 1001)], { vatRegime: 'standard' });
    expect(inv.netCents).toBe(1503); // 3 × 501, whereas 1.5 × 1 001 = 1 501.5 would give 1 502
  });

  it('computes VAT per rate, highest rate first', () => {
    const inv = computeInvoice([line(20, 65_000, 2000), line(1, 12_345, 550), line(1.5, 10_000, 2000)], { vatRegime: 'standard' });
    expect(inv.vat).toEqual([
      { rateBps: 2000, baseCents: 1_315_000, vatCents: 263_000 },
      { rateBps: 550, baseCents: 12_345, vatCents: 679 }, // 678.975 → 679
    ]);
    expect(inv.netCents).toBe(1_327_345);
    expect(inv.vatCents).toBe(263_679);
    expect(inv.totalCents).toBe(1_591_024);
    expect(inv.vatMention).toBeNull();
  });

  it('computes VAT on the sum of a rate’s lines, not line by line', () => {
    // per line 0.55 → 1 cent each (2 in all); on the 20-cent base 1.1 → 1 cent
    const inv = computeInvoice([line(1, 10, 550), line(1, 10, 550)], { vatRegime: 'standard' });
    expect(inv.vatCents).toBe(1);
  });

  it('under the franchise charges no VAT and carries the art. 293 B mention', () => {
    const inv = computeInvoice([line(20, 65_000, 2000), line(1, 12_345, 550)], { vatRegime: 'franchise' });
    expect(inv.lines.every((l) => l.vatRateBps === 0)).toBe(true);
    expect(inv.vat).toEqual([{ rateBps: 0, baseCents: 1_312_345, vatCents: 0 }]);
    expect(inv.vatCents).toBe(0);
    expect(inv.totalCents).toBe(inv.netCents);
    expect(inv.vatMention).toBe(FRANCHISE_MENTION);
    expect(inv.vatMention).toBe('TVA non applicable, art. 293 B du CGI');
  });

  it('keeps label and unit on the computed lines', () => {
    const inv = computeInvoice([{ label: 'Mission mai 2026', quantity: 20.5, unitCents: 65_000, vatRateBps: 2000, unit: 'day' }], { vatRegime: 'standard' });
    expect(inv.lines[0]).toEqual({ label: 'Mission mai 2026', quantity: 20.5, unitCents: 65_000, vatRateBps: 2000, unit: 'day', amountCents: 1_332_500 });
  });

  it('gives zero totals for no lines', () => {
    expect(computeInvoice([], { vatRegime: 'standard' })).toEqual({ lines: [], vat: [], netCents: 0, vatCents: 0, totalCents: 0, vatMention: null });
  });

  it('refuses quantities finer than a thousandth, fractional cents and bad rates', () => {
    expect(() => computeInvoice([line(0.0001, 100)], { vatRegime: 'standard' })).toThrow(RangeError);
    expect(() => computeInvoice([line(1, 10.5)], { vatRegime: 'standard' })).toThrow(RangeError);
    expect(() => computeInvoice([line(1, 100, 19.6)], { vatRegime: 'standard' })).toThrow(RangeError);
    expect(() => computeInvoice([line(1, 100, -100)], { vatRegime: 'standard' })).toThrow(RangeError);
  });
});

describe('creditNoteLines', () => {
  it('negates quantities and nothing else', () => {
    expect(creditNoteLines([{ ...line(20.5, 65_000), unit: 'day' }, line(0, 100)])).toEqual([{ ...line(-20.5, 65_000), unit: 'day' }, line(0, 100)]);
  });

  it('mirrors the invoice exactly, half-cent lines included', () => {
    const lines = [line(0.5, 1001, 2000), line(1, 10, 550), line(1, 10, 550)];
    const inv = computeInvoice(lines, { vatRegime: 'standard' });
    const av = computeInvoice(creditNoteLines(lines), { vatRegime: 'standard' });
    expect(av.lines.map((l) => l.amountCents)).toEqual([-501, -10, -10]);
    expect(av.vat).toEqual([
      { rateBps: 2000, baseCents: -501, vatCents: -100 },
      { rateBps: 550, baseCents: -20, vatCents: -1 },
    ]);
    expect(av.totalCents).toBe(-inv.totalCents);
  });
});

const lineArb = fc.record({
  label: fc.constant('x'),
  quantity: fc.integer({ min: -50_000, max: 50_000 }).map((m) => m / 1000),
  unitCents: fc.integer({ min: 0, max: 50_000_000 }),
  vatRateBps: fc.constantFrom(0, 210, 550, 850, 1000, 2000),
});
const regimeArb = fc.constantFrom('franchise' as const, 'standard' as const);

describe('invoice properties', () => {
  test.prop([fc.array(lineArb, { maxLength: 12 }), regimeArb])('totals equal the sum of rounded lines', (lines, vatRegime) => {
    const inv = computeInvoice(lines, { vatRegime });
    expect(inv.netCents).toBe(lines.reduce((s, l) => s + lineAmount(l.quantity, l.unitCents), 0));
    expect(inv.vat.reduce((s, v) => s + v.baseCents, 0)).toBe(inv.netCents);
    expect(inv.vatCents).toBe(inv.vat.reduce((s, v) => s + v.vatCents, 0));
    expect(inv.totalCents).toBe(inv.netCents + inv.vatCents);
    expect(new Set(inv.vat.map((v) => v.rateBps)).size).toBe(inv.vat.length);
  });

  test.prop([fc.array(lineArb, { maxLength: 12 }), regimeArb])('no amount is fractional', (lines, vatRegime) => {
    const inv = computeInvoice(lines, { vatRegime });
    const amounts = [inv.netCents, inv.vatCents, inv.totalCents, ...inv.lines.map((l) => l.amountCents), ...inv.vat.flatMap((v) => [v.baseCents, v.vatCents])];
    for (const a of amounts) expect(Number.isSafeInteger(a)).toBe(true);
  });

  test.prop([fc.array(lineArb, { maxLength: 12 }), regimeArb])('credit note + invoice = 0', (lines, vatRegime) => {
    const inv = computeInvoice(lines, { vatRegime });
    const av = computeInvoice(creditNoteLines(lines), { vatRegime });
    expect(inv.netCents + av.netCents).toBe(0);
    expect(inv.vatCents + av.vatCents).toBe(0);
    expect(inv.totalCents + av.totalCents).toBe(0);
    inv.lines.forEach((l, i) => expect(l.amountCents + av.lines[i]!.amountCents).toBe(0));
    inv.vat.forEach((v, i) => expect(v.vatCents + av.vat[i]!.vatCents).toBe(0));
  });

  test.prop([fc.array(lineArb, { maxLength: 12 })])('the franchise never charges VAT', (lines) => {
    const inv = computeInvoice(lines, { vatRegime: 'franchise' });
    expect(inv.vatCents).toBe(0);
    expect(inv.totalCents).toBe(inv.netCents);
  });
});
