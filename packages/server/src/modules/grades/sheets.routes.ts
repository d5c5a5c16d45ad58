import { z } from 'zod';
import {
  gradeBulkPublish,
  gradeRules,
  gradeSheetKind,
  gradeSheetListQuery,
  gradeSheetPublish,
  gradeSheetSave,
  gradeSheetSubmit,
  id,
  idParams,
} from '@jiaowu/contracts';
import type { App } from '../../platform/http/types.ts';
import type { GradeSettingsService } from './settings.service.ts';
import type { GradeSheetsService } from './sheets.service.ts';

const tags = ['grades'];
const read = { permission: 'grades.read' as const };
const enter = { permission: 'grades.enter' as const };
const manage = { permission: 'grades.manage' as const };
const classParams = z.object({ teachingClassId: id });

/** 成绩登记、审核与公布: a class's grade sheet, its submission and publication; the school's grade rules. */
export function registerGradeSheetRoutes(app: App, { sheets, settings }: { sheets: GradeSheetsService; settings: GradeSettingsService }) {
  app.get(
    '/api/grades/classes/:teachingClassId',
    { schema: { tags, params: classParams, querystring: z.object({ kind: gradeSheetKind.default('normal') }) }, config: read },
    async (req) => sheets.get(req.actor, req.params.teachingClassId, req.query.kind),
  );
  app.put(
    '/api/grades/classes/:teachingClassId',
    { schema: { tags, params: classParams, body: gradeSheetSave }, config: enter },
    async (req) => sheets.save(req.actor, req.params.teachingClassId, req.body),
  );
  app.post(
    '/api/grades/classes/:teachingClassId/submit',
    { schema: { tags, params: classParams, body: gradeSheetSubmit }, config: enter },
    async (req) => sheets.submit(req.actor, req.params.teachingClassId, req.body),
  );
  app.post(
    '/api/grades/classes/:teachingClassId/publish',
    { schema: { tags, params: classParams, body: gradeSheetPublish }, config: manage },
    async (req) => sheets.publish(req.actor, req.params.teachingClassId, req.body),
  );
  app.post('/api/grades/publish', { schema: { tags, body: gradeBulkPublish }, config: manage }, async (req) =>
    sheets.publishMany(req.actor, req.body),
  );
  app.get('/api/grades/sheets', { schema: { tags, querystring: gradeSheetListQuery }, config: read }, async (req) =>
    sheets.list(req.actor, req.query),
  );
  app.get('/api/grades/sheets/:id', { schema: { tags, params: idParams }, config: read }, async (req) =>
    sheets.getById(req.actor, req.params.id),
  );
  app.get('/api/grades/settings', { schema: { tags }, config: { own: true } }, async (req) => settings.get(req.actor));
  app.put('/api/grades/settings', { schema: { tags, body: gradeRules }, config: manage }, async (req) => settings.put(req.actor, req.body));
}
