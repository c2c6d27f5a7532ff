import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { OptionalText, Text } from './common';

const refused = (value: string) => v.safeParse(Text(200), value);

describe('text fields', () => {
  it.each([
    ['NUL', 'ACME\u0000SA'], ['bell', 'a\u0007'], ['escape', '\u001b[31mred'], ['DEL', 'x\u007f'], ['C1', 'x\u0085y'],
    ['RLO', 'invoice\u202Efdp.exe'], ['LRE', '\u202Aa'], ['PDF', 'a\u202C'], ['LRI', '\u2066a'], ['PDI', 'a\u2069'],
    ['lone high surrogate', 'a\uD83D'], ['lone low surrogate', '\uDE00b'], ['reversed pair', '\uDE00\uD83D'],
  ])('refuses %s with a message naming it', (_, value) => {
    const r = refused(value);
    expect(r.success).toBe(false);
    expect(r.issues?.[0]?.message).toMatch(/control character|surrogate|bidirectional/);
    expect(v.safeParse(OptionalText(200), value).success).toBe(false);
  });

  it('accepts ordinary text: accents, emoji pairs, tabs and new lines, arabic, CJK', () => {
    for (const ok of ['Société Générale', 'Zapier ⚡', 'ligne 1\nligne 2\tfin', 'شركة', '株式会社', '😀 team']) expect(refused(ok).success).toBe(true);
  });

  it('accepts every well-formed string without the forbidden characters', () => {
    const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
    fc.assert(fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 50 }), (s) => {
      const result = refused(s).success;
      if (!s.trim() || forbidden.test(s)) return;
      expect(result).toBe(true);
    }));
  });
});
