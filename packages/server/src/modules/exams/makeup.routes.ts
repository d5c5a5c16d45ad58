import type { FastifyRequest } from 'fastify';
import { idParams, makeupCandidateParams, makeupCandidatesQuery, makeupImportQuery, makeupTemplateQuery } from '@jiaowu/contracts';
import { AppError } from '../../platform/errors.ts';
import { attachmentHeader, CONTENT_TYPES } from '../../platform/files/spreadsheet-writer.ts';
import type { App } from '../../platform/http/types.ts';
import { pickLocale } from '../../platform/i18n.ts';
import type { MakeupService, MakeupUpload } from './makeup.service.ts';

const tags = ['exams'];
const manage = { permission: 'exams.manage' as const };
const base = '/api/exams/plans/:id/makeup-candidates';

/** The multipart field `file` (size limited by @fastify/multipart), as imports read it. */
async function readUpload(req: FastifyRequest): Promise<MakeupUpload> {
  if (!req.isMultipart()) throw new AppError('import_no_file');
  const part = await req.file();
  if (!part || part.fieldname !== 'file') throw new AppError('import_no_file');
  return { data: await part.toBuffer(), filename: part.filename || null };
}

/** 补考名单: the office's list of who sits a make-up plan's exams (office only: `exams.manage`). */
export function registerMakeupRoutes(app: App, { makeup }: { makeup: MakeupService }) {
  const locale = (req: FastifyRequest) => pickLocale(req.headers['accept-language']);
  app.get(base, { schema: { tags, params: idParams, querystring: makeupCandidatesQuery }, config: manage }, async (req) =>
    makeup.list(req.actor, req.params.id, req.query),
  );
  app.post(`${base}/deferrals`, { schema: { tags, params: idParams }, config: manage }, async (req) =>
    makeup.addDeferrals(req.actor, req.params.id),
  );
  app.post(
    `${base}/import`,
    {
      schema: {
        tags,
        description:
          'Failed students from a CSV/XLSX file (学号, 课程代码, 备注): dry run by default; dryRun=false writes every row or none.',
        consumes: ['multipart/form-data'],
        params: idParams,
        querystring: makeupImportQuery,
      },
      config: manage,
    },
    async (req) => makeup.importFile(req.actor, req.params.id, () => readUpload(req), { dryRun: req.query.dryRun, locale: locale(req) }),
  );
  app.get(
    `${base}/template`,
    { schema: { tags, params: idParams, querystring: makeupTemplateQuery }, config: manage },
    async (req, reply) => {
      const { file, filename } = await makeup.template(req.actor, req.query.format, locale(req));
      return reply
        .header('content-type', CONTENT_TYPES[req.query.format])
        .header('content-disposition', attachmentHeader(filename))
        .send(file);
    },
  );
  app.delete(`${base}/:candidateId`, { schema: { tags, params: makeupCandidateParams }, config: manage }, async (req) =>
    makeup.remove(req.actor, req.params.id, req.params.candidateId),
  );
}
