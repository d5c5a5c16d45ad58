import { defineConfig } from 'vitest/config';

// One `npm test` runs every package's unit and integration tests. Browser
// journeys live in packages/web/e2e and run with `npm run test:e2e`.
// The files of a worker share their modules (isolate: false): every test file opens its own
// database and app, and loading the server's module graph once per worker instead of once per
// file halves the PostgreSQL run. A test that mocks a module does so in a fresh graph and takes
// the mock out again (route-rules.test.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'contracts',
          root: 'packages/contracts',
          isolate: false,
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'solver',
          root: 'packages/solver',
          isolate: false,
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'server',
          root: 'packages/server',
          isolate: false,
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
