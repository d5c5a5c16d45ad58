import { pickLocale } from '../../platform/i18n.ts';
import type { App } from '../../platform/http/types.ts';
import type { HomeService } from './home.service.ts';

/** The home page's one request: each section is scoped by the service to what the caller may read. */
export function registerHomeRoutes(app: App, { home }: { home: HomeService }) {
  app.get('/api/home', { schema: { tags: ['home'] }, config: { own: true } }, async (req) =>
    home.home(req.actor, pickLocale(req.headers['accept-language'])),
  );
}
