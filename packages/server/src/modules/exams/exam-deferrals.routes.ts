import { z } from 'zod';
import {
  examDeferralInput,
  examDeferralQuery,
  examIncidentInput,
  examIncidentQuery,
  examIncidentReviewInput,
  id,
  idParams,
} from '@jiaowu/contracts';
import type { App } from '../../platform/http/types.ts';
import type { DeferralsService } from './deferrals.service.ts';
import type { IncidentsService } from './incidents.service.ts';

const tags = ['exams'];
const defer = { permission: 'exams.defer' as const };
const read = { permission: 'exams.read' as const };
const incidentsRule = { permission: 'exams.incidents' as const };
const manage = { permission: 'exams.manage' as const };

/** 缓考 (students apply, approvers act in the approval inbox) and 考场违纪 (invigilators record, the office reviews). */
export function registerExamDeferralRoutes(
  app: App,
  { deferrals, incidents }: { deferrals: DeferralsService; incidents: IncidentsService },
) {
  app.post('/api/exams/deferrals', { schema: { tags, body: examDeferralInput }, config: defer }, async (req, reply) =>
    reply.code(201).send(await deferrals.apply(req.actor, req.body)),
  );
  app.get('/api/exams/deferrals', { schema: { tags, querystring: examDeferralQuery }, config: read }, async (req) =>
    deferrals.list(req.actor, req.query),
  );
  app.get(
    '/api/exams/deferrals/exams',
    { schema: { tags, querystring: z.object({ termId: id.optional() }) }, config: defer },
    async (req) => deferrals.myExams(req.actor, req.query.termId),
  );
  app.get('/api/exams/deferrals/:id', { schema: { tags, params: idParams }, config: read }, async (req) =>
    deferrals.get(req.actor, req.params.id),
  );
  app.post('/api/exams/deferrals/:id/withdraw', { schema: { tags, params: idParams }, config: defer }, async (req) =>
    deferrals.withdraw(req.actor, req.params.id),
  );
  app.post('/api/exams/incidents', { schema: { tags, body: examIncidentInput }, config: incidentsRule }, async (req, reply) =>
    reply.code(201).send(await incidents.record(req.actor, req.body)),
  );
  app.get('/api/exams/incidents', { schema: { tags, querystring: examIncidentQuery }, config: incidentsRule }, async (req) =>
    incidents.list(req.actor, req.query),
  );
  app.get('/api/exams/incidents/duties', { schema: { tags }, config: incidentsRule }, async (req) => incidents.duties(req.actor));
  app.post(
    '/api/exams/incidents/:id/review',
    { schema: { tags, params: idParams, body: examIncidentReviewInput }, config: manage },
    async (req) => incidents.review(req.actor, req.params.id, req.body),
  );
}
