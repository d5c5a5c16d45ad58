import {
  copyRequestsInput,
  courseRequestInput,
  courseRequestListQuery,
  courseRequestPatch,
  idParams,
  listQuery,
  prefillCreateInput,
  prefillPreviewInput,
  requestBatchInput,
  requestExportQuery,
  requestListSort,
  requestSummaryQuery,
  teachingClassListQuery,
} from '@jiaowu/contracts';
import { attachmentHeader, CONTENT_TYPES, renderSheet } from '../../platform/files/spreadsheet-writer.ts';
import type { App } from '../../platform/http/types.ts';
import { pickLocale } from '../../platform/i18n.ts';
import { requestSheet } from './offerings.spreadsheets.ts';
import type { OfferingsService } from './offerings.service.ts';

const tags = ['offerings'];
const read = { permission: 'offerings.read' as const };
const file = { permission: 'offerings.file' as const };

export function registerOfferingsRoutes(app: App, { offerings }: { offerings: OfferingsService }) {
  const locale = (req: { headers: Record<string, unknown> }) => pickLocale(req.headers['accept-language'] as string | undefined);
  app.get(
    '/api/course-requests',
    { schema: { tags, querystring: listQuery.extend(courseRequestListQuery.shape).extend(requestListSort.shape) }, config: read },
    async (req) => {
      const { termId, collegeId, courseId, status, ...page } = req.query;
      return offerings.list(req.actor, page, { termId, collegeId, courseId, status });
    },
  );
  app.get('/api/course-requests/summary', { schema: { tags, querystring: requestSummaryQuery }, config: read }, async (req) =>
    offerings.summary(req.actor, req.query),
  );
  app.get('/api/course-requests/export', { schema: { tags, querystring: requestExportQuery }, config: read }, async (req, reply) => {
    const { format, ...filters } = req.query;
    const { rows, timeZone } = await offerings.exportRows(req.actor, filters);
    const file = await renderSheet(requestSheet(rows, locale(req), timeZone), format);
    return reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', attachmentHeader(`course-requests.${format}`))
      .send(file);
  });
  app.post('/api/course-requests/batch', { schema: { tags, body: requestBatchInput }, config: file }, async (req) =>
    offerings.batch(req.actor, req.body, locale(req)),
  );
  app.get('/api/course-requests/:id', { schema: { tags, params: idParams }, config: read }, async (req) =>
    offerings.get(req.actor, req.params.id),
  );
  app.post('/api/course-requests', { schema: { tags, body: courseRequestInput }, config: file }, async (req, reply) => {
    reply.status(201);
    return offerings.create(req.actor, req.body);
  });
  app.patch('/api/course-requests/:id', { schema: { tags, params: idParams, body: courseRequestPatch }, config: file }, async (req) =>
    offerings.update(req.actor, req.params.id, req.body),
  );
  app.delete('/api/course-requests/:id', { schema: { tags, params: idParams }, config: file }, async (req) => {
    await offerings.remove(req.actor, req.params.id);
    return { ok: true as const };
  });
  app.post('/api/course-requests/:id/submit', { schema: { tags, params: idParams }, config: file }, async (req) =>
    offerings.submit(req.actor, req.params.id),
  );
  app.post('/api/course-requests/:id/withdraw', { schema: { tags, params: idParams }, config: file }, async (req) =>
    offerings.withdraw(req.actor, req.params.id),
  );
  app.post('/api/course-requests/prefill', { schema: { tags, body: prefillCreateInput }, config: file }, async (req) =>
    offerings.prefill(req.actor, req.body),
  );
  app.post('/api/course-requests/prefill/preview', { schema: { tags, body: prefillPreviewInput }, config: file }, async (req) =>
    offerings.prefillPreview(req.actor, req.body),
  );
  app.post('/api/course-requests/copy', { schema: { tags, body: copyRequestsInput }, config: file }, async (req) =>
    offerings.copy(req.actor, req.body),
  );

  app.get(
    '/api/teaching-classes',
    { schema: { tags, querystring: listQuery.extend(teachingClassListQuery.shape) }, config: read },
    async (req) => {
      const { termId, courseId, collegeId, ...page } = req.query;
      return offerings.listClasses(req.actor, page, { termId, courseId, collegeId });
    },
  );
  app.get('/api/teaching-classes/:id', { schema: { tags, params: idParams }, config: read }, async (req) =>
    offerings.getClass(req.actor, req.params.id),
  );
  app.get('/api/teaching-classes/:id/students', { schema: { tags, params: idParams, querystring: listQuery }, config: read }, async (req) =>
    offerings.listClassStudents(req.actor, req.params.id, req.query),
  );
}
