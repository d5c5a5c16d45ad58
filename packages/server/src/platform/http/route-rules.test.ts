import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Database } from '../../db/client.ts';
import { cloneTestDatabase } from '../../test/test-db.ts';
import type { App } from './types.ts';

// A module that registers one route and forgets to say who may call it.
vi.mock('../jobs/jobs.routes.ts', () => ({
  registerJobRoutes(app: App) {
    app.get('/api/jobs/:id', async () => ({ leaked: true }));
  },
}));

let database: Database;
beforeAll(async () => {
  database = await cloneTestDatabase('base');
});
afterAll(() => database.close());

describe('deny by default', () => {
  it('refuses to build an app with a route that declares no access rule, naming the route', async () => {
    await expect(buildApp({ db: database.db, webDist: '/nonexistent' })).rejects.toThrow(
      /GET \/api\/jobs\/:id must declare exactly one access rule/,
    );
  });
});
