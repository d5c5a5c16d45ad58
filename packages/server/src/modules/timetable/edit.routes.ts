import {
  draftEditInput,
  draftGridQuery,
  draftUndoInput,
  editDraftParams,
  editLectureParams,
  slotOptionsQuery,
  summaryPageQuery,
} from '@jiaowu/contracts';
import type { App } from '../../platform/http/types.ts';
import { pickLocale } from '../../platform/i18n.ts';
import type { TimetableEditService } from './edit.service.ts';

const tags = ['timetable'];
const manage = { permission: 'timetable.manage' as const };

/** 手工调整排课方案: grid, live check of a drag, edits and undo, conflict report, summaries. */
export function registerTimetableEditRoutes(app: App, { edit }: { edit: TimetableEditService }) {
  const locale = (req: { headers: Record<string, unknown> }) => pickLocale(req.headers['accept-language'] as string | undefined);
  const base = '/api/timetable/drafts/:id';
  app.get(`${base}/grid`, { schema: { tags, params: editDraftParams, querystring: draftGridQuery }, config: manage }, async (req) =>
    edit.grid(req.actor, req.params.id, req.query),
  );
  app.get(
    `${base}/lectures/:key/options`,
    { schema: { tags, params: editLectureParams, querystring: slotOptionsQuery }, config: manage },
    async (req) => edit.options(req.actor, req.params.id, req.params.key, req.query, locale(req)),
  );
  app.post(`${base}/edits`, { schema: { tags, params: editDraftParams, body: draftEditInput }, config: manage }, async (req) =>
    edit.edit(req.actor, req.params.id, req.body),
  );
  app.post(`${base}/undo`, { schema: { tags, params: editDraftParams, body: draftUndoInput }, config: manage }, async (req) =>
    edit.undo(req.actor, req.params.id, req.body.version),
  );
  app.get(`${base}/conflicts`, { schema: { tags, params: editDraftParams }, config: manage }, async (req) =>
    edit.conflicts(req.actor, req.params.id, locale(req)),
  );
  app.get(`${base}/room-use`, { schema: { tags, params: editDraftParams, querystring: summaryPageQuery }, config: manage }, async (req) =>
    edit.roomUse(req.actor, req.params.id, req.query),
  );
  app.get(
    `${base}/teacher-load`,
    { schema: { tags, params: editDraftParams, querystring: summaryPageQuery }, config: manage },
    async (req) => edit.teacherLoad(req.actor, req.params.id, req.query),
  );
}
