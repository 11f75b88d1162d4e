import { defineConfig } from 'vitest/config';

// End-to-end: the real serve shell (child process, real SQLite file) driven through Debian's Chromium with
// playwright-core. Needs `npm run build:renderer` first (npm run test:e2e does it). One file at a time: 2 cores.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
