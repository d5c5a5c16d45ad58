import type { FastifyContextConfig, RouteOptions } from 'fastify';

/**
 * Deny by default: every route says who may call it in its config — `public`,
 * `own` (any signed-in caller; the service checks ownership) or a
 * `permission`. A route without one is a mistake that would otherwise ship
 * reachable by anyone signed in, so registering it throws and buildApp fails
 * at startup, naming the route.
 */
export function accessRuleOf(config: FastifyContextConfig | undefined): 'public' | 'own' | 'permission' | null {
  if (!config) return null;
  const rules = [config.public && 'public', config.own && 'own', config.permission && 'permission'].filter(Boolean);
  if (rules.length !== 1) return null;
  return rules[0] as 'public' | 'own' | 'permission';
}

export function assertAccessRule(route: Pick<RouteOptions, 'method' | 'url' | 'config'>) {
  const config = route.config as FastifyContextConfig | undefined;
  if (accessRuleOf(config)) return;
  const methods = [route.method].flat().join(',');
  const declared = config ? JSON.stringify({ public: config.public, own: config.own, permission: config.permission }) : 'none';
  throw new Error(
    `Route ${methods} ${route.url} must declare exactly one access rule in its config (public, own or permission); it has ${declared}`,
  );
}

/**
 * Routes that plugins register (the API docs UI, the static web app) are public
 * files: marks them so inside the plugin's scope, without a session lookup.
 */
export function markPublicFiles(route: RouteOptions) {
  route.config = { ...(route.config ?? {}), public: true, noSession: true };
}
