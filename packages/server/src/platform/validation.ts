import { z } from 'zod';
import { FIELD_MESSAGES } from '@jiaowu/contracts';
import type { FieldIssue } from './errors.ts';

/** The parts of a zod issue (or fastify's wrapper of one) we need. */
export interface IssueLike {
  code?: string;
  keyword?: string;
  path?: PropertyKey[];
  instancePath?: string;
  message: string;
  params?: Record<string, unknown>;
  minimum?: unknown;
  maximum?: unknown;
}

/**
 * Maps a zod issue to a field issue with one of our message codes, so the
 * message the user reads is ours, in their language, not zod's English.
 */
export function toFieldIssue(issue: IssueLike): FieldIssue {
  const field =
    issue.path?.map(String).join('.') ?? (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const kind = issue.code ?? issue.keyword ?? 'invalid';
  const params = { ...(issue.params ?? {}) } as Record<string, unknown>;
  if (issue.minimum !== undefined) params.minimum = issue.minimum;
  if (issue.maximum !== undefined) params.maximum = issue.maximum;
  if (issue.message in FIELD_MESSAGES) return { field, code: issue.message, params };
  if (kind === 'invalid_type' && /received undefined|received null|required/i.test(issue.message)) {
    return { field, code: 'required', params };
  }
  if (kind in FIELD_MESSAGES) return { field, code: kind, params };
  return { field, code: 'invalid', params };
}

/**
 * The PATCH schema of a create schema: every field optional and no defaults.
 * `input.partial()` alone keeps `.default()`s, so a PATCH of just the name
 * would reset e.g. a student's status to `enrolled` or a term's `isCurrent`.
 */
export function patchSchema<T extends z.ZodRawShape>(input: z.ZodObject<T>) {
  const shape = Object.fromEntries(
    Object.entries(input.shape).map(([k, v]) => [k, v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : (v as z.ZodType)]),
  );
  return z.object(shape).partial() as unknown as z.ZodType<Partial<z.infer<typeof input>>>;
}
