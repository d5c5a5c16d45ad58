import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser journeys: `npm run test:e2e` from the repo root. One real server
// (demo school, fresh data dir) and headless Chromium; files run one at a time.
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  test: {
    name: 'e2e',
    root: here,
    include: ['**/*.e2e.ts'],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
