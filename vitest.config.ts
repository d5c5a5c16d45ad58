import { defineConfig } from 'vitest/config';

// One `npm test` runs every package's unit and integration tests. Browser
// journeys live in packages/web/e2e and run with `npm run test:e2e`.
// Each test file gets its own modules (isolate, vitest's default). Sharing them (isolate: false)
// halves the PostgreSQL run, but module-level caches keyed per process, not per database (the
// remembered list totals of platform/crud/resource.repository.ts), then leak one file's figures
// into another's database; key those by database first.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'contracts',
          root: 'packages/contracts',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'solver',
          root: 'packages/solver',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        // The web app's pure logic (retries, which actions a card offers); pages are covered by the browser journeys.
        test: {
          name: 'web',
          root: 'packages/web',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'server',
          root: 'packages/server',
          include: ['src/**/*.test.ts'],
          globalSetup: ['src/test/global-setup.ts'],
          // Cheap password hashing in tests; production uses scrypt N=2^17.
          env: { JIAOWU_SCRYPT_LOG_N: '12' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
