import type { z } from 'zod';
import { RESOURCES, type ResourceKey } from '@jiaowu/contracts';

// The web validates with the server's own zod schemas: each resource's
// contract (RESOURCES[key].input), no copy kept here.

function fieldSchema(key: ResourceKey, field: string): z.ZodType | undefined {
  const shape: Record<string, z.ZodType> = RESOURCES[key].input.shape;
  return shape[field];
}

/** Whether a field accepts null (nullish optional fields are cleared with null on edit). */
export function acceptsNull(key: ResourceKey, field: string): boolean {
  const schema = fieldSchema(key, field);
  return !!schema && schema.safeParse(null).success;
}

/** The schema's default of a field (e.g. status `active`, isActive `true`), if it has one. */
export function defaultOf(key: ResourceKey, field: string): unknown {
  const parsed = fieldSchema(key, field)?.safeParse(undefined);
  return parsed?.success ? parsed.data : undefined;
}
