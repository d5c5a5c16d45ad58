import type { FastifyReply, FastifyRequest } from 'fastify';
import { anonymousActor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { sendAppError } from '../../platform/http/error-handler.ts';
import { pickLocale } from '../../platform/i18n.ts';
import type { App } from '../../platform/http/types.ts';
import { accessRuleOf } from '../../platform/http/route-rules.ts';
import { SESSION_COOKIE, type AuthService } from './auth.service.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    csrfToken: string | null;
  }
}

/** The route's declared permission, checked before validation so a refusal never depends on the body. */
function gate(request: FastifyRequest, reply: FastifyReply) {
  const needed = request.routeOptions.config?.permission;
  if (needed && !request.actor.permissions[needed]) return sendAppError(request, reply, new AppError('forbidden'));
}

/**
 * Resolves the actor of every request: a Bearer API token, else the session
 * cookie. Cookie-authenticated writes must carry the session's CSRF token.
 *
 * Who may call a route is decided from the route the router matched (its
 * config), never from the raw URL: `/%61pi/…`, `//api/…` and `/api/…/` reach
 * the same handler as `/api/…`, so they must meet the same rule. A route
 * without `public` refuses anonymous callers here, so a forgotten service
 * check still cannot leak data to the anonymous; permissions are checked
 * again, with their scope, by each service.
 */
export function registerAuthHook(app: App, { auth }: { auth: AuthService }) {
  // A placeholder: the onRequest hook below sets the actor of every request before anything reads
  // it (Fastify wants an object decoration declared as null, and types that as the form with dependencies).
  app.decorateRequest('actor', null, []);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const locale = pickLocale(request.headers['accept-language']);
    request.actor = anonymousActor(request.ip, locale);
    // No such route: the not-found handler answers 404 (it serves nothing protected).
    if (request.is404) return;
    const config = request.routeOptions.config ?? {};
    if (!accessRuleOf(config)) return sendAppError(request, reply, new AppError('forbidden'));
    if (config.public && config.noSession) return;
    const shed = config.shed?.(request);
    if (shed) return sendAppError(request, reply, shed);

    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const actor = await auth.resolveToken(header.slice(7).trim(), request.ip, locale);
      if (!actor) return sendAppError(request, reply, new AppError('token_invalid'));
      request.actor = actor;
      return gate(request, reply);
    }

    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const resolved = await auth.resolveSession(cookie, request.ip, locale);
      if (resolved?.actor) {
        request.actor = resolved.actor;
        request.csrfToken = resolved.csrfToken ?? null;
        // Every cookie-authenticated write, sign-out included (a forged sign-out is a nuisance attack).
        if (!SAFE_METHODS.has(request.method) && config.csrf !== false) {
          if (request.headers['x-csrf-token'] !== resolved.csrfToken) return sendAppError(request, reply, new AppError('csrf_failed'));
        }
        if (resolved.mustChangePassword && !config.allowPendingPasswordChange && !config.public) {
          return sendAppError(request, reply, new AppError('password_change_required'));
        }
        return gate(request, reply);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      if (resolved?.expired && !config.public) return sendAppError(request, reply, new AppError('session_expired'));
    }
    if (!config.public) return sendAppError(request, reply, new AppError('unauthenticated'));
  });
}
