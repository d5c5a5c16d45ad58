import { FIELD_MESSAGES } from '@jiaowu/contracts';
import type { FieldIssue } from './errors.ts';

/** The parts of a zod issue (or fastify's wrapper of one) we need. */
export interface IssueLike {
  code?: string;
  keyword?: string;
  path?: PropertyKey[];
  instancePath?: string;
  /** Absent on some of fastify's validation errors. */
  message?: string;
  params?: Record<string, unknown>;
  minimum?: unknown;
  maximum?: unknown;
}

/**
 * Maps a zod issue to a field issue with one of our message codes, so the
 * message the user reads is ours, in their language, not zod's English.
 */
export function toFieldIssue(issue: IssueLike): FieldIssue {
  const field = issue.path?.map(String).join('.') ?? (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const kind = issue.code ?? issue.keyword ?? 'invalid';
  const params = { ...(issue.params ?? {}) } as Record<string, unknown>;
  if (issue.minimum !== undefined) params.minimum = issue.minimum;
  if (issue.maximum !== undefined) params.maximum = issue.maximum;
  const message = issue.message ?? '';
  if (message in FIELD_MESSAGES) return { field, code: message, params };
  if (kind === 'invalid_type' && /received undefined|received null|required/i.test(message)) {
    return { field, code: 'required', params };
  }
  if (kind in FIELD_MESSAGES) return { field, code: kind, params };
  return { field, code: 'invalid', params };
}
