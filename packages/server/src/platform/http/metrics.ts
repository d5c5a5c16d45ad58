import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { AppError } from '../errors.ts';
import { sendAppError } from './error-handler.ts';
import type { App } from './types.ts';

export interface MetricsOptions {
  /** METRICS_TOKEN: serve /metrics on the app's own listener to callers sending `Authorization: Bearer <token>`. */
  token?: string;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time comparison of the presented Bearer token with the configured one. */
function bearerMatches(header: string | undefined, token: string) {
  if (!header?.startsWith('Bearer ')) return false;
  return timingSafeEqual(digest(header.slice(7).trim()), digest(token));
}

/**
 * Prometheus metrics: process defaults and request durations by route. The
 * figures (routes, load, memory) are not for the public: /metrics is on the
 * app's listener only with a token (METRICS_TOKEN); otherwise main.ts serves
 * them on a separate listener bound to 127.0.0.1 (METRICS_PORT), or nowhere.
 * Returns the registry for that listener.
 */
export function registerMetrics(app: App, options: MetricsOptions = {}): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    duration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  const { token } = options;
  if (token) {
    // Public to the session/API-token hook: the metrics token is checked here, not as an API token.
    app.get('/metrics', { schema: { hide: true }, config: { public: true, noSession: true } }, async (req, reply) => {
      if (!bearerMatches(req.headers.authorization, token)) return sendAppError(req, reply, new AppError('token_invalid'));
      return reply.header('content-type', registry.contentType).send(await registry.metrics());
    });
  }
  return registry;
}

/** The separate metrics listener (METRICS_PORT): /metrics only, no auth, for a scraper on the same host. */
export function buildMetricsServer(registry: Registry): FastifyInstance {
  const server = Fastify({ logger: false });
  server.get('/metrics', async (_req, reply) => reply.header('content-type', registry.contentType).send(await registry.metrics()));
  return server;
}
