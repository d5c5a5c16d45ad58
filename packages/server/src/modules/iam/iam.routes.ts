import { z } from 'zod';
import {
  changePasswordRequest,
  createApiTokenRequest,
  createUserRequest,
  idParams,
  listQuery,
  loginRequest,
  resetPasswordRequest,
  roleInput,
  updateUserRequest,
} from '@jiaowu/contracts';
import { pickLocale } from '../../platform/i18n.ts';
import type { App } from '../../platform/http/types.ts';
import type { AdminService } from './admin.service.ts';
import { SESSION_COOKIE, type AuthService } from './auth.service.ts';

const ok = { ok: true as const };
const um = { permission: 'users.manage' as const };

export function registerIamRoutes(
  app: App,
  {
    auth,
    admin,
    secureCookies,
    sessionMaxHours,
  }: { auth: AuthService; admin: AdminService; secureCookies: boolean; sessionMaxHours: number },
) {
  const tags = ['accounts'];
  const loc = (req: { headers: Record<string, unknown> }) => pickLocale(req.headers['accept-language'] as string | undefined);

  app.post('/api/auth/login', { schema: { tags, body: loginRequest }, config: { public: true, csrf: false } }, async (req, reply) => {
    const result = await auth.login({ ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null, locale: loc(req) });
    reply.setCookie(SESSION_COOKIE, result.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      maxAge: sessionMaxHours * 3600,
    });
    return { user: result.user, csrfToken: result.csrfToken };
  });

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
