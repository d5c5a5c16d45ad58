import type { FastifyRequest } from 'fastify';
import { bulkQuery, bulkTemplateQuery, checkResolveInput, checksQuery, idParams } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { attachmentHeader, CONTENT_TYPES } from '../../platform/files/spreadsheet-writer.ts';
import type { App } from '../../platform/http/types.ts';
import { pickLocale } from '../../platform/i18n.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import { createBulkService, type BulkUpload } from './bulk.service.ts';
import { buildBulkTemplate } from './bulk.template.ts';
import { createChecksService } from './checks.service.ts';

/** 选课审核 and 批量选课/退课: the office's after-round tools (office only: `selection.manage`). */

const tags = ['selection'];
const manage = { permission: 'selection.manage' as const };

/** The multipart field `file` (size limited by @fastify/multipart), as imports read it. */
async function readUpload(req: FastifyRequest): Promise<BulkUpload> {
  if (!req.isMultipart()) throw new AppError('import_no_file');
  const part = await req.file();
  if (!part || part.fieldname !== 'file') throw new AppError('import_no_file');
  return { data: await part.toBuffer(), filename: fileNameOf(part.filename) };
}

/** Browsers send the name as UTF-8, some clients percent-encode it: the audit records it as people read it. */
function fileNameOf(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    return /%[0-9A-Fa-f]{2}/.test(raw) ? decodeURIComponent(raw) : raw;
  } catch {
    return raw;
  }
}

export function registerOfficeToolRoutes(app: App, deps: { db: Db; clock: () => Date; notify?: Notify }) {
  const checks = createChecksService(deps);
  const bulk = createBulkService(deps);
  const locale = (req: FastifyRequest) => pickLocale(req.headers['accept-language']);

  app.post('/api/selection/rounds/:id/checks', { schema: { tags, params: idParams }, config: manage }, async (req) =>
    checks.run(req.actor, req.params.id),
  );
  app.get(
    '/api/selection/rounds/:id/checks',
    { schema: { tags, params: idParams, querystring: checksQuery }, config: manage },
    async (req) => checks.list(req.actor, req.params.id, req.query, locale(req)),
  );
  app.post(
    '/api/selection/checks/:id/resolve',
    { schema: { tags, params: idParams, body: checkResolveInput }, config: manage },
    async (req) => checks.resolve(req.actor, req.params.id, req.body, locale(req)),
  );
  app.post(
    '/api/selection/rounds/:id/bulk',
    {
      schema: {
        tags,
        description:
          'Enrol/drop students from a CSV/XLSX file (multipart field `file`): dry run by default; dryRun=false writes every row or none.',
        consumes: ['multipart/form-data'],
        params: idParams,
        querystring: bulkQuery,
      },
      config: manage,
    },
    async (req) => bulk.run(req.actor, req.params.id, () => readUpload(req), { dryRun: req.query.dryRun, locale: locale(req) }),
  );
  app.get('/api/selection/bulk-template', { schema: { tags, querystring: bulkTemplateQuery }, config: manage }, async (req, reply) => {
    const { file, filename } = await buildBulkTemplate(req.query.format, locale(req));
    return reply
      .header('content-type', CONTENT_TYPES[req.query.format])
      .header('content-disposition', attachmentHeader(filename))
      .send(file);
  });
}
