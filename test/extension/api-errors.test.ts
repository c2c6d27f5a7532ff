import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiErrorText, fieldErrorText, fieldReason, KNOWN_ERROR_CODES, KNOWN_ISSUE_KINDS } from '../../extension/lib/api-errors';
import { feeLabel, planName, portalName } from '../../extension/lib/words';

const root = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}
const files = [...sources('worker'), ...sources('shared')].map((f) => readFileSync(join(root, f), 'utf8'));
const extensionFiles = [...sources('extension/entrypoints'), ...sources('extension/sync'), ...sources('extension/portals/background')]
  .map((f) => readFileSync(join(root, f), 'utf8'));

/** Every code the API can answer, read from how the source emits them. */
function emittedCodes(texts: string[]): Set<string> {
  const emit =
    /(?:failure\(\s*\d+,\s*|fail\(\s*c,\s*\d+,\s*|errorBody\(\s*|unprocessable\(\s*c,\s*|\bcode:\s*|refuse\(\s*|coded\(\s*|Error\(\s*)'([a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z]+)'/g;
  const union = /code:\s*((?:'[a-z_]+'\s*\|\s*)+'[a-z_]+')/g;
  const out = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(emit)) out.add(m[1]!);
    for (const m of text.matchAll(union)) for (const c of m[1]!.matchAll(/'([a-z_]+)'/g)) out.add(c[1]!);
  }
  return out;
}

describe('API error wording', () => {
  const apiCodes = emittedCodes(files);
  // Non-code values that the `code:` pattern also catches (a portal name, a plan, a field).
  const notCodes = new Set(['auto', 'manual', 'direct', 'smart', 'littlebig', 'immediate', 'back_to_back', 'part_time', 'credit_note']);

  it('finds the codes the API emits (the collector itself works)', () => {
    for (const c of ['validation_failed', 'stale_revision', 'plan_not_available', 'unauthorized', 'invoice_date_before_last', 'internal_error']) {
      expect(apiCodes).toContain(c);
    }
    expect(apiCodes.size).toBeGreaterThan(30);
  });

  it('has French and English text for every code the API and the extension emit', () => {
    const missing = [...apiCodes, ...emittedCodes(extensionFiles)].filter((c) => !notCodes.has(c) && !KNOWN_ERROR_CODES.includes(c));
    expect(missing).toEqual([]);
    for (const code of KNOWN_ERROR_CODES) {
      const fr = apiErrorText({ status: 409, code, message: 'An English developer message' }, 'fr');
      const en = apiErrorText({ status: 409, code, message: 'An English developer message' }, 'en');
      expect(fr, code).not.toContain('English developer');
      expect(fr, code).not.toBe(en);
      expect(fr.length, code).toBeGreaterThan(8);
    }
  });

  it('says a network failure in the user’s language', () => {
    expect(apiErrorText(new TypeError('Failed to fetch'), 'fr')).toMatch(/ne joint pas l’API/);
    expect(apiErrorText({ status: 0, code: 'offline', message: 'Failed to fetch' }, 'en')).toMatch(/cannot reach the API/);
    expect(apiErrorText({ code: 'failed', message: 'NetworkError when attempting to fetch resource.' }, 'fr')).toMatch(/ne joint pas/);
  });

  it('falls back on the status for codes it does not know, never on the message', () => {
    expect(apiErrorText({ status: 429, code: 'slow_down_please', message: 'Too many' }, 'fr')).toMatch(/Trop de demandes/);
    expect(apiErrorText({ status: 503, code: 'x_y', message: 'Service down' }, 'fr')).toMatch(/indisponible/);
    expect(apiErrorText({ status: 401, code: 'token_gone', message: 'The token is unknown' }, 'fr')).toMatch(/reconnectez-vous/);
    expect(apiErrorText({ status: 412, code: 'something', message: 'stale' }, 'en')).toMatch(/read it again/);
    expect(apiErrorText({ code: 'http_504', message: 'Gateway Timeout' }, 'en')).toMatch(/server failed/);
    expect(apiErrorText({ status: 418, code: 'teapot', message: 'I am a teapot' }, 'fr')).not.toMatch(/teapot/);
  });

  it('reads the numbers and lists the API puts in its messages', () => {
    expect(apiErrorText({ status: 422, code: 'invalid_code', message: 'The code is wrong (4 tries left)' }, 'fr')).toBe('Code incorrect (encore 4 essais).');
    const plan = apiErrorText({ status: 422, code: 'plan_not_available', message: 'The plan express is not offered by Malt; available: back_to_back.' }, 'fr');
    expect(plan).toContain('Paiement après le client');
    expect(plan).not.toContain('back_to_back');
  });

  it('words a 422 with its fields', () => {
    const text = apiErrorText(
      { status: 422, code: 'validation_failed', message: 'The body is invalid', issues: [{ path: 'dailyRateCents', code: 'min_value', message: 'must be positive' }] },
      'fr',
    );
    expect(text).toContain('TJM : doit être supérieur à zéro');
  });
});

describe('validation issue wording', () => {
  it('has both languages for every valibot action the schemas use', () => {
    const used = new Set<string>();
    for (const text of files) for (const m of text.matchAll(/\bv\.([a-zA-Z]+)\(/g)) used.add(m[1]!);
    const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    // Actions that transform or wrap and never raise an issue of their own.
    const silent = new Set(['optional', 'nullable', 'nullish', 'pipe', 'trim', 'transform', 'forward', 'safe_parse', 'parse', 'is', 'partial',
      'to_lower_case', 'to_upper_case', 'unknown', 'fallback', 'brand', 'readonly', 'description', 'metadata', 'title', 'flatten', 'strict_object',
      'get_dot_path', 'summarize', 'required', 'omit', 'pick', 'merge', 'config', 'message']);
    const missing = [...used].map(snake).filter((k) => !silent.has(k) && !KNOWN_ISSUE_KINDS.includes(k));
    expect(missing).toEqual([]);
  });

  it('recognises every custom message of the schemas in French', () => {
    const custom = new Set<string>();
    for (const text of files) {
      for (const m of text.matchAll(/v\.[a-zA-Z]+\((?:[^()'`]|\([^()]*\))*?['`]((?:must|is not|Expected)[^'`]*)['`]\s*\)/g)) custom.add(m[1]!);
    }
    expect(custom.size).toBeGreaterThan(10);
    for (const message of custom) {
      const fr = fieldReason({ path: 'x', code: 'check', message: message.replace(/\$\{[^}]+\}/g, '100') }, 'fr');
      expect(fr, message).not.toBe('valeur invalide');
      expect(fr, message).not.toMatch(/\bmust\b|\bExpected\b/);
    }
  });

  it('names the field and the reason', () => {
    expect(fieldErrorText({ path: 'iban', code: 'check', message: 'is not a valid IBAN' }, 'fr')).toBe('IBAN : IBAN invalide');
    expect(fieldErrorText({ path: 'lines.0.amountCents', code: 'min_value', message: 'must not be negative' }, 'en')).toBe(
      'Lines, no. 1, Amount: cannot be negative',
    );
    expect(fieldErrorText({ path: 'startsOn', code: 'regex', message: 'Expected a date written YYYY-MM-DD' }, 'fr')).toBe('Date de début : date attendue (JJ/MM/AAAA)');
    expect(fieldReason({ path: 'n', code: 'min_value', message: 'Invalid value: Expected >=1 but received 0' }, 'fr')).toBe('au moins 1');
    expect(fieldReason({ path: 'n', code: 'picklist', message: 'Invalid type: Expected "a" | "b"' }, 'en')).toBe('not one of the offered values');
    expect(fieldReason({ path: 'n', code: 'brand_new_kind', message: 'weird' }, 'fr')).toBe('valeur invalide');
  });
});

describe('words for codes', () => {
  it('names plans, portals and the portal commission', () => {
    expect(planName('back_to_back', 'fr')).toBe('Paiement après le client');
    expect(planName('gold_plus', 'en')).toBe('Gold plus');
    expect(portalName('direct', 'fr')).toBe('Client direct');
    expect(feeLabel('littlebig', 'express', 250, 'fr')).toBe('Commission LittleBIG (Express, 2,5\u00a0%)');
    expect(feeLabel('malt', null, 1000, 'en')).toBe('Malt commission (10%)');
  });
});

describe('mission commission label', () => {
  it('names the plan and its rate from the dated tables', async () => {
    const { missionFeeLabel } = await import('../../extension/lib/words');
    expect(missionFeeLabel({ portal: 'littlebig', plan: 'express', contractSignedOn: '2025-06-01' }, 'fr')).toBe('Commission LittleBIG (Express, 2,5\u00a0% du TJM)');
    expect(missionFeeLabel({ portal: 'littlebig', plan: 'immediate', contractSignedOn: '2024-06-01' }, 'en')).toMatch(/^LittleBIG commission \(immediate payment, €20(\.00)? per day\)$/);
    expect(missionFeeLabel({ portal: 'smart', plan: 'smart', contractSignedOn: null }, 'fr')).toBe('Frais de gestion SMart (6,5\u00a0%)');
    expect(missionFeeLabel({ portal: 'direct', plan: 'direct', contractSignedOn: null }, 'fr')).toBe('Commission Client direct');
  });
});
