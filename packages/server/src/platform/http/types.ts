import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../access.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Resolved by the auth hook for every request (anonymous when not signed in). */
    actor: Actor;
  }
  interface FastifyContextConfig {
    /** Routes reachable without signing in (login, health). */
    public?: boolean;
    /** Reachable while a password change is pending (me, password change, logout). */
    allowPendingPasswordChange?: boolean;
    /**
     * The permission a caller must hold (at any scope) to reach the route;
     * checked before the body is even parsed. Services still check it with
     * the scope: this gate is the coarse, declared half of the check.
     */
    permission?: import('@jiaowu/contracts').Permission;
    /**
     * Any signed-in caller, limited by the service to what is their own (their
     * notifications, inbox tasks, jobs): the service checks the owner id.
     */
    own?: boolean;
    /**
     * A public route that never looks at the caller's cookie or token (static
     * files, API docs, health, metrics with its own token): no session lookup.
     */
    noSession?: boolean;
    /** `false` exempts a cookie-authenticated write from the CSRF check (sign-in only). */
    csrf?: boolean;
    /**
     * Load shedding before the caller is even resolved: an error (a 429) when the route's work
     * cannot be taken now, so refusing costs no database round trip (course selection's rush).
     * Whoever passes still meets every check after it.
     */
    shed?: (request: import('fastify').FastifyRequest) => import('../errors.ts').AppError | null;
  }
  interface FastifyInstance {
    /** Every registered route, for the authorization test. */
    registeredRoutes: { method: string; url: string; config: FastifyContextConfig }[];
    /** The Prometheus registry, for the separate metrics listener (METRICS_PORT). */
    metricsRegistry: import('prom-client').Registry;
  }
}

/** The Fastify instance with zod typing, as route modules receive it. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
