import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  sheetImportQuery,
  gradeTemplateQuery,
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
import { AppError } from '../../platform/errors.ts';
import { attachmentHeader, CONTENT_TYPES } from '../../platform/files/spreadsheet-writer.ts';
import type { App } from '../../platform/http/types.ts';
import { pickLocale } from '../../platform/i18n.ts';
import type { GradeSettingsService } from './settings.service.ts';
import type { GradeSheetsService, GradeUpload } from './sheets.service.ts';

const tags = ['grades'];
const read = { permission: 'grades.read' as const };
const enter = { permission: 'grades.enter' as const };
const manage = { permission: 'grades.manage' as const };
const classParams = z.object({ teachingClassId: id });

/** The multipart field `file` (size limited by @fastify/multipart), as imports read it. */
async function readUpload(req: FastifyRequest): Promise<GradeUpload> {
  if (!req.isMultipart()) throw new AppError('import_no_file');
  const part = await req.file();
  if (!part || part.fieldname !== 'file') throw new AppError('import_no_file');
  return { data: await part.toBuffer(), filename: part.filename || null };
}

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
  app.get(
    '/api/grades/classes/:teachingClassId/template',
    { schema: { tags, params: classParams, querystring: gradeTemplateQuery }, config: enter },
    async (req, reply) => {
      const { file, filename } = await sheets.template(
        req.actor,
        req.params.teachingClassId,
        req.query.kind,
        pickLocale(req.headers['accept-language']),
      );
      return reply.header('content-type', CONTENT_TYPES.xlsx).header('content-disposition', attachmentHeader(filename)).send(file);
    },
  );
  app.post(
    '/api/grades/classes/:teachingClassId/import',
    {
      schema: {
        tags,
        description:
          'A filled grade template (XLSX, or CSV in UTF-8 or GBK) matched by 学号: dry run by default; dryRun=false saves every row or none.',
        consumes: ['multipart/form-data'],
        params: classParams,
        querystring: sheetImportQuery,
      },
      config: enter,
    },
    async (req) =>
      sheets.importFile(req.actor, req.params.teachingClassId, () => readUpload(req), {
        kind: req.query.kind,
        version: req.query.version,
        dryRun: req.query.dryRun,
        locale: pickLocale(req.headers['accept-language']),
      }),
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
