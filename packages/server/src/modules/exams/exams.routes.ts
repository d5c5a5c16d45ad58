import { z } from 'zod';
import {
  examInput,
  examMoveInput,
  examPatch,
  examPlanInput,
  examRuleInput,
  examPlansQuery,
  examScheduleExportQuery,
  examSolveInput,
  examUnavailabilityInput,
  examUnavailabilityQuery,
  examsQuery,
  id,
  idParams,
  invigilationSwapInput,
  invigilationsQuery,
  sittingsQuery,
} from '@jiaowu/contracts';
import { attachmentHeader } from '../../platform/files/spreadsheet-writer.ts';
import type { App } from '../../platform/http/types.ts';
import { pickLocale } from '../../platform/i18n.ts';
import type { ExamAvailabilityService } from './availability.service.ts';
import type { ExamPlansService } from './plans.service.ts';
import type { ScheduleExportService } from './schedule-export.service.ts';
import type { ExamScheduleService } from './schedule.service.ts';
import type { TicketsService } from './tickets.service.ts';

const read = { permission: 'exams.read' as const };
const manage = { permission: 'exams.manage' as const };
const tags = ['exams'];
const examParams = z.object({ id, examId: id });

/** 考务: exam plans and their lists, scheduling, hand moves, publication, sittings and duties. */
export function registerExamRoutes(
  app: App,
  { plans, schedule, availability }: { plans: ExamPlansService; schedule: ExamScheduleService; availability: ExamAvailabilityService },
) {
  app.get('/api/exams/plans', { schema: { tags, querystring: examPlansQuery }, config: read }, async (req) =>
    plans.list(req.actor, req.query.termId),
  );
  app.post('/api/exams/plans', { schema: { tags, body: examPlanInput }, config: manage }, async (req, reply) =>
    reply.code(201).send(await plans.create(req.actor, req.body)),
  );
  app.get('/api/exams/plans/:id', { schema: { tags, params: idParams }, config: read }, async (req) => plans.get(req.actor, req.params.id));
  app.get('/api/exams/plans/:id/sessions', { schema: { tags, params: idParams }, config: read }, async (req) =>
    plans.sessions(req.actor, req.params.id),
  );
  app.get('/api/exams/plans/:id/exams', { schema: { tags, params: idParams, querystring: examsQuery }, config: read }, async (req) =>
    plans.exams(req.actor, req.params.id, req.query),
  );
  app.post('/api/exams/plans/:id/exams', { schema: { tags, params: idParams, body: examInput }, config: manage }, async (req, reply) =>
    reply.code(201).send(await plans.addExam(req.actor, req.params.id, req.body)),
  );
  app.patch('/api/exams/plans/:id/exams/:examId', { schema: { tags, params: examParams, body: examPatch }, config: manage }, async (req) =>
    plans.patchExam(req.actor, req.params.id, req.params.examId, req.body),
  );
  app.delete('/api/exams/plans/:id/exams/:examId', { schema: { tags, params: examParams }, config: manage }, async (req) =>
    plans.removeExam(req.actor, req.params.id, req.params.examId),
  );
  app.get('/api/exams/plans/:id/rules', { schema: { tags, params: idParams }, config: read }, async (req) =>
    plans.rules(req.actor, req.params.id),
  );
  app.post('/api/exams/plans/:id/rules', { schema: { tags, params: idParams, body: examRuleInput }, config: manage }, async (req, reply) =>
    reply.code(201).send(await plans.addRule(req.actor, req.params.id, req.body)),
  );
  app.delete(
    '/api/exams/plans/:id/rules/:ruleId',
    { schema: { tags, params: z.object({ id, ruleId: id }) }, config: manage },
    async (req) => plans.removeRule(req.actor, req.params.id, req.params.ruleId),
  );
  app.post('/api/exams/plans/:id/submit', { schema: { tags, params: idParams }, config: manage }, async (req) =>
    plans.submit(req.actor, req.params.id),
  );
  app.post('/api/exams/plans/:id/solve', { schema: { tags, params: idParams, body: examSolveInput }, config: manage }, async (req, reply) =>
    reply.code(202).send(await schedule.solve(req.actor, req.params.id, req.body)),
  );
  app.post(
    '/api/exams/plans/:id/exams/:examId/check-move',
    { schema: { tags, params: examParams, body: z.object({ sessionId: id }) }, config: manage },
    async (req) => schedule.checkMove(req.actor, req.params.id, req.params.examId, req.body.sessionId),
  );
  app.post(
    '/api/exams/plans/:id/exams/:examId/move',
    { schema: { tags, params: examParams, body: examMoveInput }, config: manage },
    async (req) => schedule.move(req.actor, req.params.id, req.params.examId, req.body),
  );
  app.post('/api/exams/plans/:id/publish', { schema: { tags, params: idParams }, config: manage }, async (req) =>
    schedule.publish(req.actor, req.params.id),
  );
  app.get('/api/exams/plans/:id/invigilation-load', { schema: { tags, params: idParams }, config: manage }, async (req) =>
    schedule.load(req.actor, req.params.id),
  );
  app.get(
    '/api/exams/plans/:id/unavailability',
    { schema: { tags, params: idParams, querystring: examUnavailabilityQuery }, config: read },
    async (req) => availability.list(req.actor, req.params.id, req.query.teacherId),
  );
  app.put(
    '/api/exams/plans/:id/unavailability',
    { schema: { tags, params: idParams, body: examUnavailabilityInput }, config: read },
    async (req) => availability.replace(req.actor, req.params.id, req.body),
  );
  app.get('/api/exams/sittings', { schema: { tags, querystring: sittingsQuery }, config: read }, async (req) =>
    schedule.sittings(req.actor, req.query),
  );
  app.get('/api/exams/invigilations', { schema: { tags, querystring: invigilationsQuery }, config: read }, async (req) =>
    schedule.invigilations(req.actor, req.query),
  );
  app.post(
    '/api/exams/invigilations/:id/swap',
    { schema: { tags, params: idParams, body: invigilationSwapInput }, config: manage },
    async (req) => schedule.swap(req.actor, req.params.id, req.body.teacherId),
  );
}

/** 考试安排表: a student's, teacher's, room's or college's published exams as XLSX or PDF. */
export function registerScheduleExportRoutes(app: App, { exporter }: { exporter: ScheduleExportService }) {
  app.get('/api/exams/schedules/export', { schema: { tags, querystring: examScheduleExportQuery }, config: read }, async (req, reply) => {
    const { file, filename, contentType } = await exporter.exportFile(req.actor, req.query, pickLocale(req.headers['accept-language']));
    return reply
      .header('content-type', contentType)
      .header('content-disposition', attachmentHeader(filename))
      .header('cache-control', 'no-store')
      .send(file);
  });
}

/** 准考证: a student's ticket as PDF, and the public check its QR code opens. */
export function registerTicketRoutes(app: App, { tickets }: { tickets: TicketsService }) {
  app.get(
    '/api/exams/tickets/:studentId',
    {
      schema: {
        tags,
        params: z.object({ studentId: id }),
        querystring: z.object({ format: z.literal('pdf').default('pdf'), termId: id.optional() }),
      },
      config: read,
    },
    async (req, reply) => {
      const { filename, pdf } = await tickets.ticket(req.actor, req.params.studentId, req.query.termId, req.actor.locale);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
  app.get(
    '/api/exams/tickets/verify/:token',
    { schema: { tags, params: z.object({ token: z.string().max(80) }) }, config: { public: true } },
    async (req, reply) => reply.header('cache-control', 'no-store').send(await tickets.verify(req.params.token)),
  );
}
