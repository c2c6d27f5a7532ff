import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { expectError } from './support';

/** Legal documents keep their file: added with it, seen again, renewed with a new one. */
describe('legal document files', () => {
  let api: TestApi;
  beforeEach(async () => (api = await createTestApi({ start: '2026-11-02T08:00:00Z' })));
  afterEach(() => api.close());

  const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`).toString('base64');

  it('stores the file, lists it without its content, gives it back byte for byte, and replaces it on renewal', async () => {
    const token = await api.signIn('docs@relais.test');
    const added = await api.request('POST', '/v1/documents', {
      token,
      body: { kind: 'social_security_certificate', label: 'URSSAF', expiresOn: '2027-05-01', file: { name: 'urssaf.pdf', contentType: 'application/pdf', base64: pdf('v1') } },
    });
    expect(added.status, added.text).toBe(201);
    expect(added.json.file).toEqual({ name: 'urssaf.pdf', contentType: 'application/pdf', bytes: Buffer.from(pdf('v1'), 'base64').length });
    const list = await api.request('GET', '/v1/documents', { token });
    expect(list.text).not.toContain(pdf('v1'));
    const file = await api.request('GET', `/v1/documents/${added.json.id}/file`, { token });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toContain('urssaf.pdf');
    expect(file.text).toContain('% v1');
    const renewed = await api.request('PATCH', `/v1/documents/${added.json.id}`, {
      token, body: { expiresOn: '2027-11-01', file: { name: 'urssaf-2.pdf', contentType: 'application/pdf', base64: pdf('v2') } },
    });
    expect(renewed.json).toMatchObject({ expiresOn: '2027-11-01', file: { name: 'urssaf-2.pdf' } });
    expect((await api.request('GET', `/v1/documents/${added.json.id}/file`, { token })).text).toContain('% v2');
    // A document without a file, and another user's: 404.
    const bare = await api.request('POST', '/v1/documents', { token, body: { kind: 'other', label: 'Sans fichier' } });
    expect(bare.json.file).toBeNull();
    expectError(await api.request('GET', `/v1/documents/${bare.json.id}/file`, { token }), 404, 'not_found');
    const other = await api.signIn('other@relais.test');
    expectError(await api.request('GET', `/v1/documents/${added.json.id}/file`, { token: other }), 404, 'not_found');
  });

  it('refuses a file that is not base64, of another type, or over 700 KB, naming the field', async () => {
    const token = await api.signIn('bad@relais.test');
    const post = (file: unknown) => api.request('POST', '/v1/documents', { token, body: { kind: 'other', label: 'X', file } });
    for (const file of [
      { name: 'a.pdf', contentType: 'application/pdf', base64: 'not base64!' },
      { name: 'a.exe', contentType: 'application/x-msdownload', base64: pdf('x') },
      { name: 'big.pdf', contentType: 'application/pdf', base64: Buffer.alloc(701 * 1024).toString('base64') },
    ]) {
      const res = await post(file);
      expect(res.status, res.text).toBe(422);
      expect(res.json.error.issues[0].path).toMatch(/^file\./);
    }
  });
});
