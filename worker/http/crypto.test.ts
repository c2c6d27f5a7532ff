import { describe, expect, it } from 'vitest';
import { sha256Hex, sha256HexSubtle } from './crypto';

describe('sha256Hex', () => {
  it('gives the FIPS 180-2 digests', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it("hashes the same bytes as Web Crypto (the Workers' path), whatever the text", async () => {
    const texts = ['PUT /v1/missions/x/cras/2026-05\n"3"\n{"days":{}}', 'Société Générale — 1 500,00 €', '👩‍💻 emoji', 'lone \ud800 surrogate', 'x'.repeat(100_000)];
    for (const t of texts) expect(await sha256Hex(t)).toBe(await sha256HexSubtle(t));
  });
});
