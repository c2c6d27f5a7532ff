import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, littlebigMission, type TestApi } from '../helpers/api';
import { expectError } from './support';

let api: TestApi;
let token: string;
beforeAll(async () => {
  api = await createTestApi();
  token = await api.signIn('text@example.fr');
});
afterAll(() => api.close());

describe('text fields refuse control characters, lone surrogates and bidi overrides', () => {
  it.each([['NUL', 'ACME\u0000'], ['RLO', 'ACME \u202Efdp'], ['isolate', '\u2068ACME'], ['lone surrogate', 'ACME\uD800']])('%s in a mission client name → 422 on clientName', async (_, clientName) => {
    const res = await api.request('POST', '/v1/missions', { token, body: { ...littlebigMission, clientName } });
    expectError(res, 422, 'validation_failed');
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain('clientName');
  });

  it('a token name too', async () => {
    expectError(await api.request('POST', '/v1/tokens', { token, body: { name: 'ci\u202E' } }), 422, 'validation_failed');
  });
});
