import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { fieldLabel } from '@jiaowu/contracts';
import { ZodError } from 'zod';
import { AppError, statusOf, type FieldIssue } from '../errors.ts';
import { errorMessage, fieldMessage, pickLocale } from '../i18n.ts';
import { toFieldIssue } from '../validation.ts';
import { translateDbError } from '../db-errors.ts';

function localeOf(request: FastifyRequest) {
  return pickLocale(request.headers['accept-language']);
}

function fieldsBody(fields: FieldIssue[], locale: ReturnType<typeof pickLocale>) {
  return fields.map((f) => ({
    field: f.field,
    code: f.code,
    message: fieldMessage(f.code, locale, f.params),
  }));
}

/** Sends `{ error: { code, message, details } }` with the message in the caller's language. */
export function sendAppError(request: FastifyRequest, reply: FastifyReply, err: AppError) {
  const locale = localeOf(request);
  const details: Record<string, unknown> = { ...(err.details ?? {}) };
  if (err.fields.length) details.fields = fieldsBody(err.fields, locale);
  // `{field}` in a message is a field key (collegeId); the user reads its label (学院).
  const params = typeof err.params.field === 'string' ? { ...err.params, field: fieldLabel('', err.params.field, locale) } : err.params;
  const status = statusOf(err.code);
  // Every 429 says when to come back, so clients back off instead of hammering.
  if (status === 429) reply.header('retry-after', String(retryAfterSeconds(err)));
  return reply.status(status).send({
    error: { code: err.code, message: errorMessage(err.code, locale, params), details },
  });
}

function retryAfterSeconds(err: AppError) {
  const seconds = Number(err.params.seconds);
  return Number.isFinite(seconds) && seconds >= 1 ? Math.ceil(seconds) : 60;
}

/**
 * A multipart body the parser (busboy) could not read: cut off, or a broken
 * part header. These come as plain errors without a status; they are the
 * client's fault, not ours.
 */
function isMalformedMultipart(error: FastifyError, request: FastifyRequest) {
  if (error.statusCode || error.code || !/^multipart\//i.test(request.headers['content-type'] ?? '')) return false;
  return /^(Unexpected end of (form|multipart data)|Malformed part header|Multipart: Boundary not found|Part terminated early)/i.test(
    error.message,
  );
}

/**
 * Errors the router raises before any route or hook runs (a broken
 * percent-encoding, a path parameter over the length limit): same shape.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  // Fastify's frameworkErrors handler returns nothing; the reply is sent, not awaited.
  void reply.status(status).send({
    error: { code: 'validation_failed', message: errorMessage('validation_failed', localeOf(request)), details: { reason: error.code } },
  });
}

/** One place maps every failure to a status and a translated body. */
export function registerErrorHandler(app: FastifyInstance, opts: { spaFallback?: boolean } = {}) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext;
      const fields = error.validation.map((v) => toFieldIssue(v));
      const locale = localeOf(request);
      return reply.status(400).send({
        error: {
          code: 'validation_failed',
          message: errorMessage('validation_failed', locale),
          details: { in: context, fields: fieldsBody(fields, locale) },
        },
      });
    }
    if (error instanceof ZodError) {
      return sendAppError(request, reply, new AppError('validation_failed', { fields: error.issues.map(toFieldIssue) }));
    }
    let appError: AppError | null = error instanceof AppError ? error : null;
    if (!appError) {
      try {
        translateDbError(error);
      } catch (e) {
        if (e instanceof AppError) appError = e;
      }
    }
    if (appError) return sendAppError(request, reply, appError);
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) {
      return sendAppError(request, reply, new AppError('payload_too_large'));
    }
    if (isMalformedMultipart(error, request)) return sendAppError(request, reply, new AppError('malformed_body'));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors (bad JSON, wrong content type): keep the status, translate the frame.
      const locale = localeOf(request);
      return reply.status(error.statusCode).send({
        error: { code: 'validation_failed', message: errorMessage('validation_failed', locale), details: { reason: error.message } },
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: errorMessage('internal', localeOf(request)), details: {} } });
  });

  app.setNotFoundHandler((request, reply) => {
    // The web app owns every other GET path (client-side routes such as /students).
    if (opts.spaFallback && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return (reply as FastifyReply & { sendFile(f: string): FastifyReply }).sendFile('index.html');
    }
    return reply
      .status(404)
      .send({ error: { code: 'route_not_found', message: errorMessage('route_not_found', localeOf(request)), details: {} } });
  });
}
