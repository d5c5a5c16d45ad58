import { z } from 'zod';
import {
  academicRiskNotify,
  academicRiskQuery,
  gradeAnalysisQuery,
  gradeCorrectionCreate,
  gradeCorrectionQuery,
  id,
  idParams,
  makeupListQuery,
  makeupListToPlan,
} from '@jiaowu/contracts';
import type { App } from '../../platform/http/types.ts';
import { attachmentHeader, CONTENT_TYPES } from '../../platform/files/spreadsheet-writer.ts';
import type { AnalysisService } from './analysis.service.ts';
import type { CorrectionsService } from './corrections.service.ts';

const tags = ['grades'];
const read = { permission: 'grades.read' as const };
const enter = { permission: 'grades.enter' as const };
const manage = { permission: 'grades.manage' as const };
const analysis = { permission: 'grades.analysis' as const };

/** 成绩更正 (teachers ask, approvers act in the inbox), grade history, 补考名单, 成绩分析 and 学业预警. */
export function registerGradesReviewRoutes(
  app: App,
  { corrections, analyses }: { corrections: CorrectionsService; analyses: AnalysisService },
) {
  app.post('/api/grades/corrections', { schema: { tags, body: gradeCorrectionCreate }, config: enter }, async (req, reply) =>
    reply.code(201).send(await corrections.create(req.actor, req.body)),
  );
  app.get('/api/grades/corrections', { schema: { tags, querystring: gradeCorrectionQuery }, config: read }, async (req) =>
    corrections.list(req.actor, req.query),
  );
  app.get('/api/grades/corrections/:id', { schema: { tags, params: idParams }, config: read }, async (req) =>
    corrections.get(req.actor, req.params.id),
  );
  app.post('/api/grades/corrections/:id/withdraw', { schema: { tags, params: idParams }, config: enter }, async (req) =>
    corrections.withdraw(req.actor, req.params.id),
  );
  app.get('/api/grades/records/:recordId/versions', { schema: { tags, params: z.object({ recordId: id }) }, config: read }, async (req) =>
    corrections.versions(req.actor, req.params.recordId),
  );
  app.get('/api/grades/makeup-list', { schema: { tags, querystring: makeupListQuery }, config: manage }, async (req) =>
    analyses.makeupList(req.actor, req.query),
  );
  app.post('/api/grades/makeup-list/to-plan', { schema: { tags, body: makeupListToPlan }, config: manage }, async (req) =>
    analyses.makeupToPlan(req.actor, req.body),
  );
  app.get('/api/grades/analysis', { schema: { tags, querystring: gradeAnalysisQuery }, config: analysis }, async (req) =>
    analyses.analysis(req.actor, req.query),
  );
  app.get('/api/grades/analysis/export', { schema: { tags, querystring: gradeAnalysisQuery }, config: analysis }, async (req, reply) => {
    const file = await analyses.exportXlsx(req.actor, req.query);
    return reply
      .header('content-type', CONTENT_TYPES.xlsx)
      .header('content-disposition', attachmentHeader('grade-analysis.xlsx'))
      .send(file);
  });
  app.get('/api/grades/academic-risk', { schema: { tags, querystring: academicRiskQuery }, config: analysis }, async (req) =>
    analyses.academicRisk(req.actor, req.query),
  );
  app.post('/api/grades/academic-risk/notify', { schema: { tags, body: academicRiskNotify }, config: manage }, async (req) =>
    analyses.notifyRisk(req.actor, req.body),
  );
}
