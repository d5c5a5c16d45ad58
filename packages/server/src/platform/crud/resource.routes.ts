import { z } from 'zod';
import { exportFormat, integer, LIMITS, listQuery, idParams, okBody, paged, version, type ListQuery } from '@jiaowu/contracts';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { pickLocale } from '../i18n.ts';
import { attachmentHeader, CONTENT_TYPES, renderSheet } from '../files/spreadsheet-writer.ts';
import type { App } from '../http/types.ts';
import type { Exporter } from './resource.export.ts';
import { maskRow, sensitiveKeys } from './resource.masking.ts';
import type { ResourceService } from './resource.service.ts';
import type { AnyContract, InputOf, PatchOf } from './resource.types.ts';

/** Query-string schema of a filter, from its column type (ids and numbers coerce, booleans parse). */
function filterSchema(col: AnyPgColumn) {
  if (col.dataType === 'number') return integer.optional();
  if (col.dataType === 'boolean')
    return z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional();
  return z.string().max(100).optional();
}

export function listQuerySchema(service: ResourceService) {
  const columns: Record<string, AnyPgColumn> = service.def.filters;
  const extra = Object.fromEntries(Object.entries(columns).map(([k, col]) => [k, filterSchema(col)]));
  // Sort keys from the resource's allow-list only (`?sort=__proto__` once reached the query builder).
  const sorts = Object.keys(service.def.sorts);
  const sort = sorts.length ? z.enum(sorts as [string, ...string[]]).optional() : z.undefined();
  return listQuery.extend({ ...extra, sort });
}

function splitQuery(q: Record<string, unknown>) {
  const { page, pageSize, q: search, sort, order, format: _f, ...filters } = q;
  return { query: { page, pageSize, q: search, sort, order } as ListQuery, filters: filters as Record<string, string> };
}

/** `If-Match: "3"` (or W/"3", or 3) → 3; the version an edit was based on, for clients that keep it out of the body. */
const ifMatch = z.object({
  'if-match': z
    .string()
    .regex(/^(W\/)?"?\d+"?$/, { message: 'invalid' })
    .optional(),
});
function versionFrom(body: { version?: number } | undefined, headers: z.infer<typeof ifMatch>): number | undefined {
  if (body?.version !== undefined) return body.version;
  const tag = headers['if-match'];
  return tag === undefined ? undefined : Number(tag.replace(/\D/g, ''));
}

/**
 * The REST routes of a resource: list, export, get, create, update, delete.
 * Each is parse → service (which checks permission, scope and version) →
 * respond; the response schemas come from the contract, so the OpenAPI
 * document describes what each route returns.
 */
export function registerResourceRoutes<C extends AnyContract>(
  app: App,
  opts: { path: string; tag: string; service: ResourceService<C>; exporter: Exporter },
) {
  const { path, tag, service, exporter } = opts;
  const { contract } = service.def;
  const base = `/api/${path}`;
  const querystring = listQuerySchema(service as ResourceService);
  const item = contract.item;
  const read = { permission: service.def.read };
  const manage = { permission: service.def.manage };

  app.get(base, { schema: { tags: [tag], querystring, response: { 200: paged(item) } }, config: read }, async (req) => {
    const { query, filters } = splitQuery(req.query);
    return service.list(req.actor, query, filters);
  });

  app.get(
    `${base}/export`,
    { schema: { tags: [tag], querystring: querystring.extend({ format: exportFormat.default('xlsx') }) }, config: read },
    async (req, reply) => {
      const format = req.query.format === 'csv' ? 'csv' : 'xlsx';
      const { query, filters } = splitQuery(req.query);
      const { items } = await service.list(req.actor, { ...query, page: 1, pageSize: LIMITS.exportMaxRows }, filters);
      // Exports leave the system: personal data is masked in them for everybody, managers included.
      const keys = sensitiveKeys(contract.fields);
      const sheet = exporter(
        items.map((r) => maskRow(r, keys)),
        pickLocale(req.headers['accept-language']),
      );
      const file = await renderSheet(sheet, format);
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', attachmentHeader(`${path}.${format}`))
        .send(file);
    },
  );

  app.get(`${base}/:id`, { schema: { tags: [tag], params: idParams, response: { 200: item } }, config: read }, async (req) =>
    service.get(req.actor, req.params.id),
  );

  app.post(base, { schema: { tags: [tag], body: contract.input, response: { 201: item } }, config: manage }, async (req, reply) => {
    reply.status(201);
    // Validated by the contract's input schema; the generic route cannot see its output type.
    return service.create(req.actor, req.body as InputOf<C>);
  });

  app.patch(
    `${base}/:id`,
    { schema: { tags: [tag], params: idParams, headers: ifMatch, body: contract.update, response: { 200: item } }, config: manage },
    async (req) => {
      const { version: _v, ...input } = req.body;
      return service.update(req.actor, req.params.id, input as PatchOf<C>, versionFrom(req.body, req.headers));
    },
  );

  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags: [tag],
        params: idParams,
        headers: ifMatch,
        querystring: z.object({ version: version.optional() }),
        response: { 200: okBody },
      },
      config: manage,
    },
    async (req) => {
      // A DELETE has no body: the version comes as If-Match or `?version=`.
      await service.remove(req.actor, req.params.id, versionFrom(req.query, req.headers));
      return { ok: true as const };
    },
  );
}
