import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/setup/global.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // Test files share a worker's module cache instead of importing the whole server afresh each: on a 2-core machine
    // the imports took 548 of 411 s of the suite (summed over both workers), and CI ran past its 15 minutes. Sharing
    // is safe here: every file gets its own database and its own server (platform/testing.ts), files in a worker run
    // one after another, and module-level caches are keyed by ids that are unique across those databases.
    isolate: false,
  },
});
