import { idParams, mailSettingsInput, notificationSettingsInput, notificationsQuery, outboxQuery } from '@jiaowu/contracts';
import { pickLocale } from '../../platform/i18n.ts';
import type { App } from '../../platform/http/types.ts';
import type { NotificationService } from './notifications.service.ts';

const ok = { ok: true as const };
const sm = { permission: 'settings.manage' as const };
/** The caller's own notifications and settings: the service reads them by the caller's user id. */
const own = { own: true };

/** The in-app inbox (any signed-in user, own notifications only) and the admin's mail settings and outbox. */
export function registerNotificationRoutes(app: App, { notifications }: { notifications: NotificationService }) {
  const tags = ['notifications'];
  const loc = (req: { headers: Record<string, unknown> }) => pickLocale(req.headers['accept-language'] as string | undefined);

  app.get('/api/notifications', { schema: { tags, querystring: notificationsQuery }, config: own }, async (req) =>
    notifications.list(req.actor, req.query, loc(req)),
  );
  app.get('/api/notifications/unread-count', { schema: { tags }, config: own }, async (req) => notifications.unreadCount(req.actor));
  app.post('/api/notifications/:id/read', { schema: { tags, params: idParams }, config: own }, async (req) => {
    await notifications.markRead(req.actor, req.params.id);
    return ok;
  });
  app.post('/api/notifications/read-all', { schema: { tags }, config: own }, async (req) => notifications.markAllRead(req.actor));
  app.get('/api/notifications/settings', { schema: { tags }, config: own }, async (req) => notifications.getSettings(req.actor));
  app.put('/api/notifications/settings', { schema: { tags, body: notificationSettingsInput }, config: own }, async (req) =>
    notifications.updateSettings(req.actor, req.body),
  );

  app.get('/api/admin/mail-settings', { schema: { tags }, config: sm }, async (req) => notifications.getMailSettings(req.actor));
  app.put('/api/admin/mail-settings', { schema: { tags, body: mailSettingsInput }, config: sm }, async (req) =>
    notifications.updateMailSettings(req.actor, req.body),
  );
  app.get('/api/admin/outbox', { schema: { tags, querystring: outboxQuery }, config: sm }, async (req) =>
    notifications.listOutbox(req.actor, req.query),
  );
  app.post('/api/admin/outbox/:id/retry', { schema: { tags, params: idParams }, config: sm }, async (req) =>
    notifications.retryOutbox(req.actor, req.params.id),
  );
}
