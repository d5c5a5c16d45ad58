import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { exportFormat, IMPORT_PATHS, importJobStarted, importQuery, importResult } from '@jiaowu/contracts';
import { AppError } from '../../platform/errors.ts';
import { attachmentHeader, CONTENT_TYPES } from '../../platform/files/spreadsheet-writer.ts';
import type { App } from '../../platform/http/types.ts';
import { pickLocale } from '../../platform/i18n.ts';
import { KIND_BY_PATH } from './kinds/index.ts';
import type { ImportService, Upload } from './imports.service.ts';

const tags = ['imports'];
/** Checked again, with the resource's manage permission and scope, by the service. */
const config = { permission: 'imports.run' as const };
const params = z.object({ kind: z.enum(Object.values(IMPORT_PATHS) as [string, ...string[]]) });

/** Reads the multipart field `file` (size limited by @fastify/multipart). */
async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError('import_no_file');
  const part = await req.file();
  if (!part || part.fieldname !== 'file') throw new AppError('import_no_file');
  return { data: await part.toBuffer(), filename: part.filename || null };
}

export function registerImportRoutes(app: App, { imports }: { imports: ImportService }) {
  app.post(
    '/api/imports/:kind',
    {
      schema: {
        tags,
        description: 'Import a CSV/XLSX file (multipart field `file`): dry run by default; dryRun=false writes all rows or none.',
        consumes: ['multipart/form-data'],
        params,
        querystring: importQuery,
        response: { 200: importResult, 202: importJobStarted },
      },
      config,
    },
    async (req, reply) => {
      const locale = pickLocale(req.headers['accept-language']);
      const { dryRun, async } = req.query;
      const out = await imports.run(req.actor, KIND_BY_PATH[req.params.kind], () => readUpload(req), { dryRun, async, locale });
      return out.kind === 'job' ? reply.status(202).send({ jobId: out.jobId }) : out.result;
    },
  );

  app.post(
    '/api/imports/:kind/bad-rows',
    {
      schema: {
        tags,
        description:
          'The rows of a file (multipart field `file`) that an import would refuse, as an XLSX with an error column; fix and upload it again.',
        consumes: ['multipart/form-data'],
        params,
      },
      config,
    },
    async (req, reply) => {
      const locale = pickLocale(req.headers['accept-language']);
      const { file, filename } = await imports.badRows(req.actor, KIND_BY_PATH[req.params.kind], () => readUpload(req), locale);
      return reply.header('content-type', CONTENT_TYPES.xlsx).header('content-disposition', attachmentHeader(filename)).send(file);
    },
  );

  app.get(
    '/api/imports/:kind/template',
    { schema: { tags, params, querystring: z.object({ format: exportFormat.default('xlsx') }) }, config },
    async (req, reply) => {
      const { format } = req.query;
      const { file, filename } = await imports.template(
        req.actor,
        KIND_BY_PATH[req.params.kind],
        format,
        pickLocale(req.headers['accept-language']),
      );
      return reply.header('content-type', CONTENT_TYPES[format]).header('content-disposition', attachmentHeader(filename)).send(file);
    },
  );
}
