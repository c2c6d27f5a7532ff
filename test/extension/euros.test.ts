import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { centsToInput, parseEuros } from '../../extension/lib/euros';
import { formatMoney } from '../../shared/money';
import { MAX_AMOUNT_CENTS } from '../../shared/schemas/common';

describe('euros typed in the popup → integer cents', () => {
  it('reads the ways people write an amount', () => {
    expect(parseEuros('12')).toEqual({ ok: true, cents: 1200 });
    expect(parseEuros('12,5')).toEqual({ ok: true, cents: 1250 });
    expect(parseEuros('12.05')).toEqual({ ok: true, cents: 1205 });
    expect(parseEuros(' 1 234,56 € ')).toEqual({ ok: true, cents: 123456 });
    expect(parseEuros('0,10')).toEqual({ ok: true, cents: 10 });
    // 0.1 + 0.2 style float traps do not exist on digits.
    expect(parseEuros('19,99')).toEqual({ ok: true, cents: 1999 });
    expect(parseEuros('1,15')).toEqual({ ok: true, cents: 115 });
  });

  it('refuses what it would have to guess', () => {
    expect(parseEuros('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseEuros('12,345')).toEqual({ ok: false, reason: 'format' });
    expect(parseEuros('1.234,56')).toEqual({ ok: false, reason: 'format' });
    expect(parseEuros('-5')).toEqual({ ok: false, reason: 'format' });
    expect(parseEuros('12 €50')).toEqual({ ok: false, reason: 'format' });
    expect(parseEuros('1e3')).toEqual({ ok: false, reason: 'format' });
    expect(parseEuros('10000000,01')).toEqual({ ok: false, reason: 'too_large' });
    expect(parseEuros('999999999999')).toEqual({ ok: false, reason: 'too_large' });
  });

  test.prop([fc.integer({ min: 0, max: MAX_AMOUNT_CENTS }), fc.constantFrom('fr' as const, 'en' as const)])('reads back what it writes, and what formatMoney prints in French', (cents, locale) => {
    expect(parseEuros(centsToInput(cents, locale))).toEqual({ ok: true, cents });
    expect(parseEuros(formatMoney(cents, 'fr'))).toEqual({ ok: true, cents });
  });
});
