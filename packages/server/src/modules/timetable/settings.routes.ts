import {
  availabilityPut,
  availabilityQuery,
  idParams,
  linkClassQuery,
  linkInput,
  termQuery,
  timetableSettingsPut,
} from '@jiaowu/contracts';
import type { App } from '../../platform/http/types.ts';
import { pickLocale } from '../../platform/i18n.ts';
import type { AvailabilityService } from './availability.service.ts';
import type { LinksService } from './links.service.ts';
import type { ReadinessService } from './readiness.service.ts';
import type { TimetableSettingsService } from './settings.service.ts';

const tags = ['timetable'];
const read = { permission: 'timetable.read' as const };
const manage = { permission: 'timetable.manage' as const };
const change = { permission: 'timetable.change' as const };

export interface TimetableSettingsRouteDeps {
  ttSettings: TimetableSettingsService;
  availability: AvailabilityService;
  links: LinksService;
  readiness: ReadinessService;
}

/** 排课设置, 时间偏好, 同时上课, 排课前检查: what the office controls before a solve. */
export function registerTimetableSettingsRoutes(app: App, { ttSettings, availability, links, readiness }: TimetableSettingsRouteDeps) {
  const locale = (req: { headers: Record<string, unknown> }) => pickLocale(req.headers['accept-language'] as string | undefined);
  app.get('/api/timetable/settings', { schema: { tags, querystring: termQuery }, config: read }, async (req) =>
    ttSettings.get(req.actor, req.query.termId),
  );
  app.put('/api/timetable/settings', { schema: { tags, body: timetableSettingsPut }, config: manage }, async (req) =>
    ttSettings.update(req.actor, req.body),
  );
  app.get('/api/timetable/availability', { schema: { tags, querystring: availabilityQuery }, config: read }, async (req) =>
    availability.get(req.actor, req.query.termId, req.query.teacherId),
  );
  app.put('/api/timetable/availability', { schema: { tags, body: availabilityPut }, config: change }, async (req) =>
    availability.update(req.actor, req.body, locale(req)),
  );
  app.get('/api/timetable/links', { schema: { tags, querystring: termQuery }, config: manage }, async (req) =>
    links.list(req.actor, req.query.termId),
  );
  app.get('/api/timetable/links/classes', { schema: { tags, querystring: linkClassQuery }, config: manage }, async (req) =>
    links.searchClasses(req.actor, req.query),
  );
  app.post('/api/timetable/links', { schema: { tags, body: linkInput }, config: manage }, async (req, reply) => {
    reply.status(201);
    return links.create(req.actor, req.body);
  });
  app.delete('/api/timetable/links/:id', { schema: { tags, params: idParams }, config: manage }, async (req) => {
    await links.remove(req.actor, req.params.id);
    return { ok: true as const };
  });
  app.get('/api/timetable/readiness', { schema: { tags, querystring: termQuery }, config: read }, async (req) =>
    readiness.get(req.actor, req.query.termId, locale(req)),
  );
}
