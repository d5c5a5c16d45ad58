import type { FastifyRequest } from 'fastify';
import { gradeImportQuery, gradeImportTemplateQuery } from '@jiaowu/contracts';
import { AppError } from '../../platform/errors.ts';
import { attachmentHeader, CONTENT_TYPES } from '../../platform/files/spreadsheet-writer.ts';
import type { App } from '../../platform/http/types.ts';
import { pickLocale } from '../../platform/i18n.ts';
import type { GradeImportUpload, HistoricalImportService } from './historical-import.service.ts';

const tags = ['grades'];
const manage = { permission: 'grades.manage' as const };
const base = '/api/grades/imports/historical';

/** The multipart field `file` (size limited by @fastify/multipart), as imports read it. */
async function readUpload(req: FastifyRequest): Promise<GradeImportUpload> {
  if (!req.isMultipart()) throw new AppError('import_no_file');
  const part = await req.file();
  if (!part || part.fieldname !== 'file') throw new AppError('import_no_file');
  return { data: await part.toBuffer(), filename: part.filename || null };
}

/** 历史成绩导入: the office brings the old system's grades (office only: `grades.manage`). */
export function registerHistoricalImportRoutes(app: App, { historicalImport }: { historicalImport: HistoricalImportService }) {
  const locale = (req: FastifyRequest) => pickLocale(req.headers['accept-language']);
  app.post(
    base,
    {
      schema: {
        tags,
        description:
          'Historical grades from a CSV/XLSX file (学号, 学期, 课程代码, 成绩, 考试性质, 学分, 课程名称): dry run by default; dryRun=false writes every row or none, as published records marked migrated.',
        consumes: ['multipart/form-data'],
        querystring: gradeImportQuery,
      },
      config: manage,
    },
    async (req) => historicalImport.importFile(req.actor, () => readUpload(req), req.query, locale(req)),
  );
  app.get(`${base}/template`, { schema: { tags, querystring: gradeImportTemplateQuery }, config: manage }, async (req, reply) => {
    const { file, filename } = await historicalImport.template(req.actor, req.query.format, locale(req));
    return reply
      .header('content-type', CONTENT_TYPES[req.query.format])
      .header('content-disposition', attachmentHeader(filename))
      .send(file);
  });
}
