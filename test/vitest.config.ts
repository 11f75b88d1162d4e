import { defineConfig } from 'vitest/config';

// Unit and integration tests: plain Node (real SQLite files, real HTTP servers on 127.0.0.1).
// Component tests opt into jsdom with a `// @vitest-environment jsdom` comment at the top of the file.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
