import { idParams, jobList, jobView } from '@jiaowu/contracts';
import type { App } from '../http/types.ts';
import type { JobService } from './jobs.service.ts';

const tags = ['jobs'];
/** Any signed-in caller; the service shows a job to its owner and to holders of its kind's permission (others get 404). */
const config = { own: true };

export function registerJobRoutes(app: App, { jobs }: { jobs: JobService }) {
  app.get(
    '/api/jobs',
    { schema: { tags, description: "The caller's own jobs, newest first.", response: { 200: jobList } }, config },
    async (req) => ({
      items: await jobs.listMine(req.actor),
    }),
  );
  app.get('/api/jobs/:id', { schema: { tags, params: idParams, response: { 200: jobView } }, config }, async (req) =>
    jobs.get(req.actor, req.params.id),
  );
  app.post(
    '/api/jobs/:id/cancel',
    {
      schema: {
        tags,
        description: 'Cancel a queued job at once, or ask a running one to stop.',
        params: idParams,
        response: { 200: jobView },
      },
      config,
    },
    async (req) => jobs.cancel(req.actor, req.params.id),
  );
}
