import { z } from 'zod';
import {
  changePasswordRequest,
  createApiTokenRequest,
  createUserRequest,
  forgotPasswordRequest,
  idParams,
  listQuery,
  loginRequest,
  resetPasswordRequest,
  resetWithTokenRequest,
  roleInput,
  updateUserRequest,
} from '@jiaowu/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { pickLocale } from '../../platform/i18n.ts';
import type { App } from '../../platform/http/types.ts';
import type { AdminService } from './admin.service.ts';
import { SESSION_COOKIE, type AuthService } from './auth.service.ts';
import { OIDC_COOKIE, OIDC_COOKIE_PATH, type OidcService } from './oidc.ts';
import type { PasswordResetService } from './password-reset.service.ts';

const ok = { ok: true as const };
const um = { permission: 'users.manage' as const };

export function registerIamRoutes(
  app: App,
  {
    auth,
    admin,
    secureCookies,
    sessionMaxHours,
    passwordReset,
    oidc,
    mailConfigured,
  }: {
    auth: AuthService;
    admin: AdminService;
    secureCookies: boolean;
    sessionMaxHours: number;
    passwordReset: PasswordResetService;
    oidc: OidcService;
    mailConfigured: () => Promise<boolean>;
  },
) {
  const tags = ['accounts'];
  const loc = (req: { headers: Record<string, unknown> }) => pickLocale(req.headers['accept-language'] as string | undefined);
  const setSession = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      maxAge: sessionMaxHours * 3600,
    });
  const signInContext = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] ?? null, locale: loc(req) });

  app.post('/api/auth/login', { schema: { tags, body: loginRequest }, config: { public: true, csrf: false } }, async (req, reply) => {
    const result = await auth.login({ ...req.body, ...signInContext(req) });
    setSession(reply, result.token);
    return { user: result.user, csrfToken: result.csrfToken };
  });

  app.get('/api/auth/config', { schema: { tags }, config: { public: true } }, async () => ({
    passwordResetByEmail: await mailConfigured(),
    oidc: oidc.info(),
  }));

  // Same answer whether or not the account exists (see password-reset.service.ts).
  app.post('/api/auth/forgot', { schema: { tags, body: forgotPasswordRequest }, config: { public: true, csrf: false } }, async (req) => {
    await passwordReset.request(req.body, req.ip, loc(req));
    return ok;
  });

  app.post('/api/auth/reset', { schema: { tags, body: resetWithTokenRequest }, config: { public: true, csrf: false } }, async (req) => {
    await passwordReset.reset(req.body, req.ip);
    return ok;
  });

  // ---------- single sign-on (统一身份认证): browser navigations, so answers are redirects ----------
  const ssoError = (reply: FastifyReply, code: string) => reply.redirect(`/login?sso_error=${encodeURIComponent(code)}`);

  app.get(
    '/api/auth/oidc/start',
    { schema: { tags, querystring: z.object({ returnTo: z.string().max(500).optional() }) }, config: { public: true } },
    async (req, reply) => {
      try {
        const { url, cookie, maxAgeSeconds } = await oidc.start(req.query.returnTo);
        reply.setCookie(OIDC_COOKIE, cookie, {
          path: OIDC_COOKIE_PATH,
          httpOnly: true,
          // Lax: the provider's redirect back is a top-level navigation, which carries Lax cookies.
          sameSite: 'lax',
          secure: secureCookies,
          maxAge: maxAgeSeconds,
        });
        return reply.redirect(url);
      } catch (err) {
        if (err instanceof AppError) return ssoError(reply, err.code);
        throw err;
      }
    },
  );

  app.get(
    '/api/auth/oidc/callback',
    { schema: { tags, querystring: z.record(z.string(), z.string().max(4000)) }, config: { public: true } },
    async (req, reply) => {
      reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
      try {
        const result = await oidc.callback(new URLSearchParams(req.query), req.cookies[OIDC_COOKIE], signInContext(req));
        setSession(reply, result.token);
        return reply.redirect(result.returnTo);
      } catch (err) {
        if (err instanceof AppError) return ssoError(reply, err.code);
        throw err;
      }
    },
  );

  app.post('/api/auth/logout', { schema: { tags }, config: { public: true } }, async (req, reply) => {
    await auth.logout(req.actor);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return ok;
  });

  app.get('/api/me', { schema: { tags }, config: { own: true, allowPendingPasswordChange: true } }, async (req) =>
    auth.me(req.actor, req.csrfToken, loc(req)),
  );

  app.post(
    '/api/me/password',
    { schema: { tags, body: changePasswordRequest }, config: { own: true, allowPendingPasswordChange: true } },
    async (req) => {
      await auth.changePassword(req.actor, req.body.currentPassword, req.body.newPassword);
      return ok;
    },
  );

  // ---------- users ----------
  app.get('/api/users', { schema: { tags, querystring: listQuery }, config: um }, async (req) =>
    admin.listUsers(req.actor, req.query.q, req.query.page, req.query.pageSize, loc(req)),
  );
  app.get('/api/users/:id', { schema: { tags, params: idParams }, config: um }, async (req) =>
    admin.getUser(req.actor, req.params.id, loc(req)),
  );
  app.post('/api/users', { schema: { tags, body: createUserRequest }, config: um }, async (req, reply) => {
    reply.status(201);
    return admin.createUser(req.actor, req.body, loc(req));
  });
  app.patch('/api/users/:id', { schema: { tags, params: idParams, body: updateUserRequest }, config: um }, async (req) =>
    admin.updateUser(req.actor, req.params.id, req.body, loc(req)),
  );
  app.post('/api/users/:id/reset-password', { schema: { tags, params: idParams, body: resetPasswordRequest }, config: um }, async (req) => {
    await admin.resetPassword(req.actor, req.params.id, req.body.newPassword);
    return ok;
  });
  app.post('/api/users/:id/unlock', { schema: { tags, params: idParams }, config: um }, async (req) => {
    await admin.unlockUser(req.actor, req.params.id);
    return ok;
  });

  // ---------- roles ----------
  app.get('/api/roles', { schema: { tags }, config: um }, async (req) => admin.listRoles(req.actor));
  app.post('/api/roles', { schema: { tags, body: roleInput }, config: um }, async (req, reply) => {
    reply.status(201);
    return admin.createRole(req.actor, req.body);
  });
  app.patch('/api/roles/:id', { schema: { tags, params: idParams, body: roleInput.partial() }, config: um }, async (req) =>
    admin.updateRole(req.actor, req.params.id, req.body),
  );
  app.delete('/api/roles/:id', { schema: { tags, params: idParams }, config: um }, async (req) => {
    await admin.deleteRole(req.actor, req.params.id);
    return ok;
  });

  // ---------- API tokens ----------
  app.get('/api/api-tokens', { schema: { tags }, config: um }, async (req) => admin.listTokens(req.actor));
  app.post('/api/api-tokens', { schema: { tags, body: createApiTokenRequest }, config: um }, async (req, reply) => {
    reply.status(201);
    return admin.createToken(req.actor, req.body);
  });
  app.post('/api/api-tokens/:id/revoke', { schema: { tags, params: idParams, body: z.object({}).optional() }, config: um }, async (req) => {
    await admin.revokeToken(req.actor, req.params.id);
    return ok;
  });
}
