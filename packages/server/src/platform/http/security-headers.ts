import helmet from '@fastify/helmet';
import type { App } from './types.ts';

/**
 * Security headers on every response (API, web app, docs). The CSP is the one
 * the built SPA and the Swagger UI run under: scripts only from our origin
 * (Vite and swagger-ui emit no inline script), inline styles allowed because
 * Ant Design's CSS-in-JS and swagger-ui inject <style> elements, data: images
 * for icons. No framing anywhere (clickjacking). HSTS only behind HTTPS
 * (SECURE_COOKIES=1): over plain HTTP it would lock a browser out of a
 * development or intranet server.
 */
export async function registerSecurityHeaders(app: App, { https }: { https: boolean }) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    hsts: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    // Cross-origin isolation would block nothing we serve but could break embedding images in reports; not needed.
    crossOriginEmbedderPolicy: false,
  });
}
