import {
  examPaperConfirmInput,
  examPaperHandoverInput,
  examPaperInput,
  examPaperQuery,
  examPaperRecordParams,
  idParams,
} from '@jiaowu/contracts';
import type { App } from '../../platform/http/types.ts';
import type { PapersService } from './papers.service.ts';

const tags = ['exams'];
const papers = { permission: 'exams.papers' as const };

/** 试卷流转: papers, their handovers and confirmations, the hash chain's check, and the flags. */
export function registerPaperRoutes(app: App, { service }: { service: PapersService }) {
  app.get('/api/exams/papers', { schema: { tags, querystring: examPaperQuery }, config: papers }, async (req) =>
    service.list(req.actor, req.query),
  );
  app.post('/api/exams/papers', { schema: { tags, body: examPaperInput }, config: papers }, async (req, reply) =>
    reply.code(201).send(await service.create(req.actor, req.body)),
  );
  // Declared before /:id so "flags" is never read as an id.
  app.get('/api/exams/papers/flags', { schema: { tags }, config: papers }, async (req) => service.flags(req.actor));
  app.get('/api/exams/papers/:id', { schema: { tags, params: idParams }, config: papers }, async (req) =>
    service.get(req.actor, req.params.id),
  );
  app.get('/api/exams/papers/:id/chain', { schema: { tags, params: idParams }, config: papers }, async (req) =>
    service.chain(req.actor, req.params.id),
  );
  app.get('/api/exams/papers/:id/receivers', { schema: { tags, params: idParams }, config: papers }, async (req) =>
    service.receivers(req.actor, req.params.id),
  );
  app.post(
    '/api/exams/papers/:id/handovers',
    { schema: { tags, params: idParams, body: examPaperHandoverInput }, config: papers },
    async (req, reply) => reply.code(201).send(await service.handover(req.actor, req.params.id, req.body)),
  );
  app.post(
    '/api/exams/papers/:id/handovers/:recordId/confirm',
    { schema: { tags, params: examPaperRecordParams, body: examPaperConfirmInput }, config: papers },
    async (req) => service.confirm(req.actor, req.params.id, req.params.recordId, req.body ?? {}),
  );
}
