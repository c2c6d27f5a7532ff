import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BODIES_FILE, bodyJsonSchema, openApiBodiesModule } from '../scripts/generate-openapi';
import { app } from './app';
import { buildOpenApiDocument, OPERATIONS } from './openapi';

describe('OpenAPI document', () => {
  it('lists every route the app serves, and nothing it does not', () => {
    const served = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && !['/health', '/docs', '/v1/openapi.json'].includes(r.path))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`));
    expect([...served].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !served.has(r))).toEqual([]);
  });

  it('serves, byte for byte, the document the valibot schemas give through @valibot/to-json-schema', async () => {
    const res = await app.request('/v1/openapi.json');
    expect(res.status).toBe(200);
    const expected = JSON.stringify(buildOpenApiDocument((op) => bodyJsonSchema(op.body)));
    expect(await res.text()).toBe(expected);
    // Not vacuous: the bodies are there, with their constraints.
    const doc = JSON.parse(expected) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: object } }> } }>> };
    const put = doc.paths['/v1/missions/{id}/cras/{month}']!.put!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(put.properties ?? {})).toContain('days');
  });

  it('has its build-time bodies up to date with the schemas (else: npm run openapi:generate)', () => {
    expect(readFileSync(BODIES_FILE, 'utf8'), 'worker/openapi-bodies.generated.ts is stale: run npm run openapi:generate').toBe(openApiBodiesModule());
  });
});
