import { describe, expect, it } from 'vitest';
import { app } from './app';
import { OPERATIONS } from './openapi';

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
});
