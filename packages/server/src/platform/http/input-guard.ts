import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldIssue } from '../errors.ts';
import { sendAppError } from './error-handler.ts';
import type { App } from './types.ts';

const MAX_DEPTH = 20;

/** Paths (`a.b.0`) of every string or key holding U+0000 in a parsed query, params or JSON body. */
export function findNulPaths(value: unknown, path: string[] = [], out: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(path.join('.'));
  } else if (value && typeof value === 'object' && depth < MAX_DEPTH && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) out.push([...path, k.replaceAll('\u0000', '\\0')].join('.'));
      else findNulPaths(v, [...path, k], out, depth + 1);
    }
  }
  return out;
}

/**
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere in the input made the
 * query fail with a 500. The shared zod primitives refuse it field by field;
 * this guard refuses it for every string field of every route before
 * validation, so a hand-written `z.string()` cannot reopen the hole.
 */
export function registerInputGuard(app: App) {
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const fields: FieldIssue[] = [];
    for (const part of [request.params, request.query, request.body]) {
      for (const field of findNulPaths(part)) fields.push({ field, code: 'nul_char' });
    }
    if (fields.length) return sendAppError(request, reply, new AppError('validation_failed', { fields }));
  });
}
