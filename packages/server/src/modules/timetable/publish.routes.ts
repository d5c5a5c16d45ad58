import { createHash } from 'node:crypto';
import { exportQuery, feedInput, idParams, publishedQuery, tokenParams, versionsQuery } from '@jiaowu/contracts';
import { attachmentHeader } from '../../platform/files/spreadsheet-writer.ts';
import type { App } from '../../platform/http/types.ts';
import { pickLocale } from '../../platform/i18n.ts';
import type { ExportService } from './export.service.ts';
import type { IcsService } from './ics.service.ts';
import type { PublishService } from './publish.service.ts';
import type { PublishedService } from './published.service.ts';

const tags = ['timetable'];
const read = { permission: 'timetable.read' as const };
const manage = { permission: 'timetable.manage' as const };

/** Publication (课程确认), published timetables, exports and calendar feeds. */
export function registerPublishRoutes(
  app: App,
  { publish, published, exporter, ics }: { publish: PublishService; published: PublishedService; exporter: ExportService; ics: IcsService },
) {
  app.post('/api/timetable/drafts/:id/submit', { schema: { tags, params: idParams }, config: manage }, async (req) =>
    publish.submit(req.actor, req.params.id),
  );
  app.get('/api/timetable/drafts/:id/publication', { schema: { tags, params: idParams }, config: manage }, async (req) =>
    publish.status(req.actor, req.params.id),
  );
  app.get('/api/timetable/versions', { schema: { tags, querystring: versionsQuery }, config: read }, async (req) =>
    published.versions(req.actor, req.query.termId),
  );
  app.get('/api/timetable/published', { schema: { tags, querystring: publishedQuery }, config: read }, async (req) =>
    published.published(req.actor, req.query),
  );
  app.get('/api/timetable/export', { schema: { tags, querystring: exportQuery }, config: read }, async (req, reply) => {
    const locale = pickLocale(req.headers['accept-language']);
    const { file, filename, contentType } = await exporter.exportFile(req.actor, req.query, locale);
    return reply.header('content-type', contentType).header('content-disposition', attachmentHeader(filename)).send(file);
  });
  app.get('/api/timetable/feeds', { schema: { tags }, config: read }, async (req) => ics.list(req.actor));
  app.post('/api/timetable/feeds', { schema: { tags, body: feedInput }, config: read }, async (req, reply) => {
    reply.status(201);
    return ics.create(req.actor, req.body);
  });
  app.delete('/api/timetable/feeds/:id', { schema: { tags, params: idParams }, config: read }, async (req) =>
    ics.revoke(req.actor, req.params.id),
  );
  // The private address calendars poll: the token is the credential, there is no session.
  app.get(
    '/api/timetable/ics/:token',
    { schema: { tags, params: tokenParams }, config: { public: true, noSession: true } },
    async (req, reply) => {
      const body = await ics.ics(req.params.token);
      // Calendars poll every few hours: an unchanged timetable answers 304 without the body.
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="timetable.ics"')
        .send(body);
    },
  );
}
