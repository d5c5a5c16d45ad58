import { schoolSettingsInput } from '@jiaowu/contracts';
import type { App } from '../../platform/http/types.ts';
import type { SchoolSettingsService } from './school-settings.service.ts';

/** The school's settings: read by anyone (the web needs the time zone before sign-in), edited by admins. */
export function registerSchoolSettingsRoutes(app: App, { schoolSettings }: { schoolSettings: SchoolSettingsService }) {
  const tags = ['organisation'];
  app.get('/api/settings/school', { schema: { tags }, config: { public: true } }, async () => schoolSettings.get());
  app.put('/api/settings/school', { schema: { tags, body: schoolSettingsInput }, config: { permission: 'settings.manage' } }, async (req) =>
    schoolSettings.put(req.actor, req.body),
  );
}
