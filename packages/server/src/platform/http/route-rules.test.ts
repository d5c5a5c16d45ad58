import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client.ts';
import { cloneTestDatabase } from '../../test/test-db.ts';
import type { App } from './types.ts';

let database: Database;
beforeAll(async () => {
  database = await cloneTestDatabase('base');
});
afterAll(() => database.close());

describe('deny by default', () => {
  it('refuses to build an app with a route that declares no access rule, naming the route', async () => {
    // A module that registers one route and forgets to say who may call it. The suite shares
    // modules between the files of a worker: the mock goes into a fresh module graph and is
    // taken out again, so neither an earlier file's real routes nor this mock leak across.
    vi.resetModules();
    vi.doMock('../jobs/jobs.routes.ts', () => ({
      registerJobRoutes(app: App) {
        app.get('/api/jobs/:id', async () => ({ leaked: true }));
      },
    }));
    try {
      const { buildApp } = await import('../../app.ts');
      await expect(buildApp({ db: database.db, webDist: '/nonexistent' })).rejects.toThrow(
        /GET \/api\/jobs\/:id must declare exactly one access rule/,
      );
    } finally {
      vi.doUnmock('../jobs/jobs.routes.ts');
      vi.resetModules();
    }
  });
});
