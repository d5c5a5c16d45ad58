import { z } from 'zod';
import { id, idParams, RESOURCES, RESOURCE_LABELS, timeGridInput, type ResourceKey } from '@jiaowu/contracts';
import { genericExporter, type Exporter } from '../../platform/crud/resource.export.ts';
import { registerResourceRoutes } from '../../platform/crud/resource.routes.ts';
import type { App } from '../../platform/http/types.ts';
import type { OrgService } from './org.service.ts';
import { ORG_EXPORTERS } from './org.spreadsheets.ts';

export function registerOrgRoutes(app: App, { org }: { org: OrgService }) {
  for (const [key, service] of Object.entries(org.resources)) {
    const spec = RESOURCES[key as ResourceKey];
    const exporter: Exporter = ORG_EXPORTERS[key as ResourceKey] ?? genericExporter(spec.key, RESOURCE_LABELS[key]?.en ?? key);
    registerResourceRoutes(app, { path: spec.path, tag: 'organisation', service, exporter });
  }

  app.get(
    '/api/terms/:id/time-grid',
    {
      schema: { tags: ['organisation'], params: idParams, querystring: z.object({ campusId: id.optional() }) },
      config: { permission: 'org.read' },
    },
    async (req) => org.getTimeGrid(req.actor, req.params.id, req.query.campusId ?? null),
  );

  app.put(
    '/api/terms/:id/time-grid',
    { schema: { tags: ['organisation'], params: idParams, body: timeGridInput }, config: { permission: 'org.manage' } },
    async (req) => org.setTimeGrid(req.actor, req.params.id, req.body),
  );
}
