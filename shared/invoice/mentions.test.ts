import { describe, expect, it } from 'vitest';
import { FRANCHISE_MENTION, INDEMNITY_MENTION, NO_DISCOUNT_MENTION, formatRateFr, penaltyRateMention } from './mentions';

describe('legal mentions', () => {
  it('are the exact legal texts', () => {
    expect(FRANCHISE_MENTION).toBe('TVA non applicable, art. 293 B du CGI');
    expect(INDEMNITY_MENTION).toBe('Indemnité forfaitaire pour frais de recouvrement : 40 €');
    expect(NO_DISCOUNT_MENTION).toBe("Pas d'escompte pour paiement anticipé");
  });

  it('writes the penalty rate the French way', () => {
    expect(penaltyRateMention(1000)).toBe('Pénalités de retard : 10 % par an');
    expect(penaltyRateMention(786)).toBe('Pénalités de retard : 7,86 % par an');
    expect(penaltyRateMention(1050)).toBe('Pénalités de retard : 10,5 % par an');
  });

  it('formats rates without trailing zeros', () => {
    expect(formatRateFr(0)).toBe('0 %');
    expect(formatRateFr(5)).toBe('0,05 %');
    expect(formatRateFr(550)).toBe('5,5 %');
    expect(formatRateFr(2000)).toBe('20 %');
    expect(formatRateFr(10_000)).toBe('100 %');
  });

  it('refuses rates that are not whole basis points', () => {
    expect(() => formatRateFr(7.5)).toThrow(RangeError);
    expect(() => formatRateFr(-1)).toThrow(RangeError);
  });
});
