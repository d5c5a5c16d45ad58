import { z } from 'zod';
import { exportFormat, integer, LIMITS, listQuery, idParams, type ListQuery } from '@jiaowu/contracts';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { pickLocale } from '../i18n.ts';
import { attachmentHeader, CONTENT_TYPES, renderSheet } from '../files/spreadsheet-writer.ts';
import type { App } from '../http/types.ts';
import type { Exporter } from './resource.export.ts';
import type { ResourceService } from './resource.service.ts';

/** Query-string schema of a filter, from its column type (ids and numbers coerce, booleans parse). */
function filterSchema(col: AnyPgColumn) {
  if (col.dataType === 'number') return integer.optional();
  if (col.dataType === 'boolean') return z.enum(['true', 'false']).transform((v) => v === 'true').optional();
  return z.string().max(100).optional();
}

export function listQuerySchema(service: ResourceService) {
  const extra = Object.fromEntries(Object.entries(service.def.filters).map(([k, col]) => [k, filterSchema(col)]));
  // Sort keys from the resource's allow-list only (`?sort=__proto__` once reached the query builder).
  const sorts = Object.keys(service.def.sorts);
  const sort = sorts.length ? z.enum(sorts as [string, ...string[]]).optional() : z.undefined();
  return listQuery.extend({ ...extra, sort });
}

function splitQuery(q: Record<string, unknown>) {
  const { page, pageSize, q: search, sort, order, format: _f, ...filters } = q;
  return { query: { page, pageSize, q: search, sort, order } as ListQuery, filters: filters as Record<string, string> };
}

/**
 * The REST routes of a resource: list, export, get, create, update, delete.
 * Each is parse → service (which checks permission and scope) → respond.
 */
export function registerResourceRoutes(app: App, opts: { path: string; tag: string; service: ResourceService; exporter: Exporter; item?: z.ZodTypeAny }) {
  const { path, tag, service, exporter } = opts;
  const base = `/api/${path}`;
  const querystring = listQuerySchema(service);
  const body = service.def.input as z.ZodTypeAny;
  const patch = service.def.update as z.ZodTypeAny;
  const read = { permission: service.def.read };
  const manage = { permission: service.def.manage };

  app.get(base, { schema: { tags: [tag], querystring }, config: read }, async (req) => {
    const { query, filters } = splitQuery(req.query as Record<string, unknown>);
    return service.list(req.actor, query, filters);
  });

  app.get(`${base}/export`, { schema: { tags: [tag], querystring: querystring.extend({ format: exportFormat.default('xlsx') }) }, config: read }, async (req, reply) => {
    const { format } = req.query as { format: 'csv' | 'xlsx' };
    const { query, filters } = splitQuery(req.query as Record<string, unknown>);
    const { items } = await service.list(req.actor, { ...query, page: 1, pageSize: LIMITS.exportMaxRows }, filters);
    const sheet = exporter(items, pickLocale(req.headers['accept-language']));
    const file = await renderSheet(sheet, format);
    return reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', attachmentHeader(`${path}.${format}`))
      .send(file);
  });

  app.get(`${base}/:id`, { schema: { tags: [tag], params: idParams }, config: read }, async (req) => service.get(req.actor, req.params.id));

  app.post(base, { schema: { tags: [tag], body }, config: manage }, async (req, reply) => {
    reply.status(201);
    return service.create(req.actor, req.body as Record<string, unknown>);
  });

  app.patch(`${base}/:id`, { schema: { tags: [tag], params: idParams, body: patch }, config: manage }, async (req) =>
    service.update(req.actor, req.params.id, req.body as Record<string, unknown>),
  );

  app.delete(`${base}/:id`, { schema: { tags: [tag], params: idParams }, config: manage }, async (req) => {
    await service.remove(req.actor, req.params.id);
    return { ok: true as const };
  });
}
