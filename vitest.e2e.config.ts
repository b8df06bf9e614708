import { defineConfig } from 'vitest/config';

// End-to-end: the real server (built UI in dist/web) driven by Chromium. No globalSetup of the unit suite: the
// test starts its own server with its own data folder (or E2E_DATABASE_URL).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
