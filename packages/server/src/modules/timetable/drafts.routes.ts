import { compareQuery, draftCreateInput, draftListQuery, draftPatch, idParams, resolveInput, solveInput } from '@jiaowu/contracts';
import type { App } from '../../platform/http/types.ts';
import { pickLocale } from '../../platform/i18n.ts';
import type { DraftsService } from './drafts.service.ts';

const tags = ['timetable'];
const manage = { permission: 'timetable.manage' as const };

/** 排课方案: drafts of a term's timetable, their solves, comparison and re-solve (office only). */
export function registerDraftRoutes(app: App, { drafts }: { drafts: DraftsService }) {
  const locale = (req: { headers: Record<string, unknown> }) => pickLocale(req.headers['accept-language'] as string | undefined);
  app.get('/api/timetable/drafts', { schema: { tags, querystring: draftListQuery }, config: manage }, async (req) =>
    drafts.list(req.actor, req.query.termId),
  );
  app.get('/api/timetable/drafts/compare', { schema: { tags, querystring: compareQuery }, config: manage }, async (req) =>
    drafts.compare(req.actor, req.query.ids, locale(req)),
  );
  app.post('/api/timetable/drafts', { schema: { tags, body: draftCreateInput }, config: manage }, async (req, reply) => {
    reply.status(201);
    return drafts.create(req.actor, req.body);
  });
  app.post('/api/timetable/drafts/resolve', { schema: { tags, body: resolveInput }, config: manage }, async (req, reply) => {
    reply.status(202);
    return drafts.resolve(req.actor, req.body, locale(req));
  });
  app.get('/api/timetable/drafts/:id', { schema: { tags, params: idParams }, config: manage }, async (req) =>
    drafts.get(req.actor, req.params.id, locale(req)),
  );
  app.patch('/api/timetable/drafts/:id', { schema: { tags, params: idParams, body: draftPatch }, config: manage }, async (req) =>
    drafts.rename(req.actor, req.params.id, req.body),
  );
  app.delete('/api/timetable/drafts/:id', { schema: { tags, params: idParams }, config: manage }, async (req) => {
    await drafts.remove(req.actor, req.params.id);
    return { ok: true as const };
  });
  app.post(
    '/api/timetable/drafts/:id/solve',
    { schema: { tags, params: idParams, body: solveInput }, config: manage },
    async (req, reply) => {
      reply.status(202);
      return drafts.solve(req.actor, req.params.id, req.body);
    },
  );
  app.get('/api/timetable/drafts/:id/moves', { schema: { tags, params: idParams }, config: manage }, async (req) =>
    drafts.moves(req.actor, req.params.id, locale(req)),
  );
}
