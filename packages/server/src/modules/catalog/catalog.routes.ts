import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  copyPlanInput,
  curriculumPlanInput,
  curriculumPlanPatch,
  exportFormat,
  idParams,
  importQuery,
  importResult,
  listQuery,
  planListQuery,
} from '@jiaowu/contracts';
import { registerResourceRoutes } from '../../platform/crud/resource.routes.ts';
import { AppError } from '../../platform/errors.ts';
import { attachmentHeader, CONTENT_TYPES, renderSheet } from '../../platform/files/spreadsheet-writer.ts';
import type { App } from '../../platform/http/types.ts';
import { pickLocale } from '../../platform/i18n.ts';
import { catalogTemplate, courseExporter, planSheet } from './catalog.spreadsheets.ts';
import type { CatalogService, CatalogUpload } from './catalog.service.ts';

const tags = ['catalog'];
const read = { permission: 'catalog.read' as const };
const manage = { permission: 'catalog.manage' as const };

async function readUpload(req: FastifyRequest): Promise<CatalogUpload> {
  if (!req.isMultipart()) throw new AppError('import_no_file');
  const part = await req.file();
  if (!part || part.fieldname !== 'file') throw new AppError('import_no_file');
  return { data: await part.toBuffer(), filename: part.filename || null };
}

export function registerCatalogRoutes(app: App, { catalog }: { catalog: CatalogService }) {
  registerResourceRoutes(app, { path: 'courses', tag: 'catalog', service: catalog.courses, exporter: courseExporter });

  const plans = catalog.plans;
  const locale = (req: FastifyRequest) => pickLocale(req.headers['accept-language']);
  app.get('/api/curriculum-plans', { schema: { tags, querystring: listQuery.extend(planListQuery.shape) }, config: read }, async (req) => {
    const { majorId, collegeId, cohort, ...page } = req.query;
    return plans.list(req.actor, page, { majorId, collegeId, cohort });
  });
  app.get(
    '/api/curriculum-plans/export',
    { schema: { tags, querystring: planListQuery.extend({ format: exportFormat.default('xlsx') }) }, config: read },
    async (req, reply) => {
      const { format, ...filters } = req.query;
      const file = await renderSheet(planSheet(await plans.exportRows(req.actor, filters), locale(req)), format);
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', attachmentHeader(`curriculum-plans.${format}`))
        .send(file);
    },
  );
  app.get('/api/curriculum-plans/:id', { schema: { tags, params: idParams }, config: read }, async (req) =>
    plans.get(req.actor, req.params.id, locale(req)),
  );
  app.post('/api/curriculum-plans', { schema: { tags, body: curriculumPlanInput }, config: manage }, async (req, reply) => {
    reply.status(201);
    return plans.create(req.actor, req.body, locale(req));
  });
  app.patch('/api/curriculum-plans/:id', { schema: { tags, params: idParams, body: curriculumPlanPatch }, config: manage }, async (req) =>
    plans.update(req.actor, req.params.id, req.body, locale(req)),
  );
  app.delete('/api/curriculum-plans/:id', { schema: { tags, params: idParams }, config: manage }, async (req) => {
    await plans.remove(req.actor, req.params.id);
    return { ok: true as const };
  });
  app.post(
    '/api/curriculum-plans/:id/copy',
    { schema: { tags, params: idParams, body: copyPlanInput }, config: manage },
    async (req, reply) => {
      reply.status(201);
      return plans.copy(req.actor, req.params.id, req.body, locale(req));
    },
  );

  // Static paths win over the imports module's /api/imports/:kind, so these keep the shared URL scheme.
  for (const [path, kind] of [
    ['courses', 'courses'],
    ['curriculum-plans', 'plans'],
  ] as const) {
    app.post(
      `/api/imports/${path}`,
      {
        schema: {
          tags: ['imports'],
          consumes: ['multipart/form-data'],
          querystring: importQuery.pick({ dryRun: true }),
          response: { 200: importResult },
        },
        config: manage,
      },
      async (req) => catalog.runImport(req.actor, kind, () => readUpload(req), { dryRun: req.query.dryRun, locale: locale(req) }),
    );
    app.post(
      `/api/imports/${path}/bad-rows`,
      {
        schema: {
          tags: ['imports'],
          description:
            'The rows of a file (multipart field `file`) that the import would refuse, as an XLSX with an error column; fix and upload it again.',
          consumes: ['multipart/form-data'],
        },
        config: manage,
      },
      async (req, reply) => {
        const { file, filename } = await catalog.badRows(req.actor, kind, () => readUpload(req), locale(req));
        return reply.header('content-type', CONTENT_TYPES.xlsx).header('content-disposition', attachmentHeader(filename)).send(file);
      },
    );
    app.get(
      `/api/imports/${path}/template`,
      { schema: { tags: ['imports'], querystring: z.object({ format: exportFormat.default('xlsx') }) }, config: manage },
      async (req, reply) => {
        const { format } = req.query;
        const file = await renderSheet(catalogTemplate(kind, locale(req)), format);
        return reply
          .header('content-type', CONTENT_TYPES[format])
          .header('content-disposition', attachmentHeader(`${path}-import-template.${format}`))
          .send(file);
      },
    );
  }
}
