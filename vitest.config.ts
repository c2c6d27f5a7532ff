import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'extension/**/*.test.ts', 'worker/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/e2e/**'],
    environment: 'node',
    // Every test that builds a database gets its own file; parallel files are safe.
    testTimeout: 20_000,
  },
});
