import { z } from 'zod';
import { id, transcriptBatch, transcriptListQuery, transcriptQuery, transcriptRevoke } from '@jiaowu/contracts';
import { attachmentHeader } from '../../platform/files/spreadsheet-writer.ts';
import type { App } from '../../platform/http/types.ts';
import type { RecordsService } from './records.service.ts';
import type { TranscriptsService } from './transcripts.service.ts';
import { verifyPage } from './verify.page.ts';

const tags = ['grades'];
const read = { permission: 'grades.read' as const };
const transcript = { permission: 'grades.transcript' as const };
const termQuery = z.object({ termId: id.optional() });
const codeParams = z.object({ code: z.string().max(64) });

/** 成绩: a student's record (their own, or in the reader's scope), transcripts and their public check. */
export function registerGradeRecordRoutes(
  app: App,
  { records, transcripts }: { records: RecordsService; transcripts: TranscriptsService },
) {
  app.get('/api/grades/me', { schema: { tags, querystring: termQuery }, config: read }, async (req) =>
    records.mine(req.actor, req.query.termId, req.actor.locale),
  );
  app.get(
    '/api/grades/students/:studentId',
    { schema: { tags, params: z.object({ studentId: id }), querystring: termQuery }, config: read },
    async (req) => records.ofStudent(req.actor, req.params.studentId, req.query.termId, req.actor.locale),
  );

  app.get('/api/grades/transcripts', { schema: { tags, querystring: transcriptListQuery }, config: transcript }, async (req) =>
    transcripts.list(req.actor, req.query),
  );
  app.get(
    '/api/grades/transcripts/:studentId',
    { schema: { tags, params: z.object({ studentId: id }), querystring: transcriptQuery }, config: transcript },
    async (req, reply) => {
      const { filename, pdf, code, checksum } = await transcripts.issue(req.actor, req.params.studentId, req.query);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', attachmentHeader(filename))
        .header('x-verification-code', code)
        .header('x-checksum', checksum)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
  // grades.transcript at college or all scope, or grades.manage: the service refuses a student's own scope.
  app.post('/api/grades/transcripts/batch', { schema: { tags, body: transcriptBatch }, config: transcript }, async (req, reply) => {
    const { filename, file, contentType, count } = await transcripts.batch(req.actor, req.body);
    return reply
      .header('content-type', contentType)
      .header('content-disposition', attachmentHeader(filename))
      .header('x-transcript-count', String(count))
      .header('cache-control', 'no-store')
      .send(file);
  });
  app.post(
    '/api/grades/transcripts/:code/revoke',
    { schema: { tags, params: codeParams, body: transcriptRevoke }, config: { permission: 'grades.manage' } },
    async (req) => transcripts.revoke(req.actor, req.params.code, req.body.reason),
  );

  // Public: a receiving school checks a code without signing in. Codes are 80 random bits, so
  // trying codes finds nothing; an unknown one is a 200 that says only `unknown` (the API's 404s
  // carry the error shape, and this answer is the verification's own).
  app.get('/api/verify/:code', { schema: { tags, params: codeParams }, config: { public: true, noSession: true } }, async (req, reply) =>
    reply.header('cache-control', 'no-store').send(await transcripts.verify(req.params.code)),
  );
  app.get(
    '/verify/:code',
    { schema: { hide: true, params: codeParams }, config: { public: true, noSession: true } },
    async (req, reply) => {
      const result = await transcripts.verify(req.params.code);
      return reply
        .code(result.state === 'unknown' ? 404 : 200)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex')
        .send(verifyPage(result, await transcripts.timeZone()));
    },
  );
}
