import { idParams } from '@jiaowu/contracts';
import type { App } from '../http/types.ts';
import type { JobService } from './jobs.service.ts';

export function registerJobRoutes(app: App, { jobs }: { jobs: JobService }) {
  app.get('/api/jobs/:id', { schema: { tags: ['jobs'], params: idParams }, config: { own: true } }, async (req) => jobs.get(req.actor, req.params.id));
}
