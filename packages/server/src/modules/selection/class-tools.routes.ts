import {
  cancelClassInput,
  classCapacityInput,
  classToolsRoundQuery,
  idParams,
  mergeClassesInput,
  reservedSeatInput,
  studentSelectionQuery,
} from '@jiaowu/contracts';
import { z } from 'zod';
import type { App } from '../../platform/http/types.ts';
import { pickLocale } from '../../platform/i18n.ts';
import type { ClassToolsService } from './class-tools.service.ts';

const tags = ['selection'];
const read = { permission: 'selection.read' as const };
const manage = { permission: 'selection.manage' as const };
const classParams = z.object({ teachingClassId: idParams.shape.id });
const studentParams = z.object({ studentId: idParams.shape.id });

/** 选课管理 · 教学班: capacity, reserved seats 预留名额, cancel 停开, merge 合班, one student's selection. */
export function registerClassToolsRoutes(app: App, tools: ClassToolsService) {
  const base = '/api/selection/office';
  app.patch(
    `${base}/classes/:teachingClassId/capacity`,
    { schema: { tags, params: classParams, body: classCapacityInput }, config: manage },
    async (req) => tools.changeCapacity(req.actor, req.params.teachingClassId, req.body.capacity),
  );
  app.get(`${base}/classes/:teachingClassId/reserved-seats`, { schema: { tags, params: classParams }, config: manage }, async (req) =>
    tools.reservedSeats(req.actor, req.params.teachingClassId),
  );
  app.post(
    `${base}/classes/:teachingClassId/reserved-seats`,
    { schema: { tags, params: classParams, body: reservedSeatInput }, config: manage },
    async (req, reply) => {
      reply.status(201);
      return tools.addReserved(req.actor, req.params.teachingClassId, req.body);
    },
  );
  app.patch(`${base}/reserved-seats/:id`, { schema: { tags, params: idParams, body: reservedSeatInput }, config: manage }, async (req) =>
    tools.updateReserved(req.actor, req.params.id, req.body),
  );
  app.delete(`${base}/reserved-seats/:id`, { schema: { tags, params: idParams }, config: manage }, async (req) =>
    tools.removeReserved(req.actor, req.params.id),
  );
  app.get(
    `${base}/classes/:teachingClassId/cancel`,
    { schema: { tags, params: classParams, querystring: classToolsRoundQuery }, config: manage },
    async (req) => tools.cancelPreview(req.actor, req.params.teachingClassId, req.query.roundId),
  );
  app.post(
    `${base}/classes/:teachingClassId/cancel`,
    { schema: { tags, params: classParams, body: cancelClassInput }, config: manage },
    async (req) => tools.cancel(req.actor, req.params.teachingClassId, req.body),
  );
  app.post(`${base}/classes/merge`, { schema: { tags, body: mergeClassesInput }, config: manage }, async (req) =>
    tools.merge(req.actor, req.body),
  );
  app.get(
    `${base}/students/:studentId/selection`,
    { schema: { tags, params: studentParams, querystring: studentSelectionQuery }, config: read },
    async (req) =>
      tools.studentSelection(
        req.actor,
        req.params.studentId,
        req.query.termId,
        pickLocale(req.headers['accept-language'] as string | undefined),
      ),
  );
}
