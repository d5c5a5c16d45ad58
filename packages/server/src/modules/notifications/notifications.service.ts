import {
  NOTIFICATION_KINDS,
  type Locale,
  type MailSettingsInput,
  type MailSettingsView,
  type NotificationKind,
  type NotificationView,
  type OutboxItem,
} from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, systemActor, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { isSealed, openSecret, sealSecret } from '../../platform/secrets/secret-box.ts';
import { findSchoolTimeZone } from '../org/school-settings.read-model.ts';
import { createMailSender, resolveMailConfig, type MailEnv, type OutgoingMail } from './mail-transport.ts';
import { renderEmail, renderNotification, type NotificationParams } from './notifications.messages.ts';
import * as repo from './notifications.repository.ts';
import { flushOutbox } from './use-cases/flush-outbox.ts';

export interface NotifyInput {
  userIds: number[];
  kind: NotificationKind;
  params: NotificationParams;
  /** Path in the web app (e.g. /workflow/instances/12). */
  link: string | null;
}

/** What other modules call: writes inbox rows and outbox rows in the caller's transaction. */
export type Notify = (tx: Db | Tx, input: NotifyInput) => Promise<void>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const asLocale = (l: string | null): Locale => (l === 'en' ? 'en' : 'zh-CN');

function requireUser(actor: Actor): number {
  if (actor.kind !== 'user' || !actor.userId) throw new AppError(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
  return actor.userId;
}

/** What the SMTP password is sealed for (AES-GCM associated data). */
const MAIL_PASSWORD = 'mail_settings.password';

/**
 * In-app notifications, per-user email preferences, and email through an SMTP
 * outbox. `secretKey` seals the SMTP password stored in the database.
 */
export function createNotificationService({
  db,
  clock,
  env = {},
  secretKey,
}: {
  db: Db;
  clock: () => Date;
  env?: MailEnv;
  secretKey: Buffer;
}) {
  const seal = (plain: string) => sealSecret(secretKey, MAIL_PASSWORD, plain);
  const openPassword = (stored: string) => openSecret(secretKey, MAIL_PASSWORD, stored);

  const notify: Notify = async (tx, { userIds, kind, params, link }) => {
    const ids = [...new Set(userIds)];
    if (!ids.length) return;
    const now = clock();
    const recipients = (await repo.findRecipients(tx, ids)).filter((r) => !r.isDisabled);
    await repo.insertNotifications(
      tx,
      recipients.map((r) => ({ userId: r.id, kind, params, link, createdAt: now })),
    );
    // Mail only when a server is configured; otherwise the in-app inbox is the channel.
    if (!resolveMailConfig(await repo.findMailSettings(tx), env)) return;
    const timeZone = await findSchoolTimeZone(tx);
    const url = link ? `${(env.publicUrl ?? 'http://localhost:3000').replace(/\/$/, '')}${link}` : null;
    await repo.insertOutbox(
      tx,
      recipients
        .filter((r) => r.email && (r.emailKinds ?? NOTIFICATION_KINDS).includes(kind))
        .map((r) => {
          const mail = renderEmail(kind, params, asLocale(r.locale), url, timeZone);
          return {
            userId: r.id,
            toAddress: r.email!,
            subject: mail.subject,
            textBody: mail.text,
            htmlBody: mail.html,
            status: 'pending',
            nextAttemptAt: now,
            createdAt: now,
          };
        }),
    );
  };

  const present = (n: repo.NotificationRow, locale: Locale, timeZone: string): NotificationView => ({
    id: n.id,
    kind: n.kind as NotificationKind,
    ...renderNotification(n.kind as NotificationKind, n.params as NotificationParams, locale, timeZone),
    link: n.link,
    params: n.params as Record<string, unknown>,
    createdAt: n.createdAt.toISOString(),
    readAt: iso(n.readAt),
  });

  const presentOutbox = (m: repo.OutboxRow): OutboxItem => ({
    id: m.id,
    to: m.toAddress,
    subject: m.subject,
    status: m.status as OutboxItem['status'],
    attempts: m.attempts,
    nextAttemptAt: iso(m.nextAttemptAt),
    lastError: m.lastError,
    createdAt: m.createdAt.toISOString(),
    sentAt: iso(m.sentAt),
  });

  async function getMailSettings(actor: Actor): Promise<MailSettingsView> {
    requireAccess(actor, 'settings.manage');
    const row = await repo.findMailSettings(db);
    const config = resolveMailConfig(row, env);
    if (row) {
      return {
        enabled: row.enabled,
        host: row.host,
        port: row.port,
        secure: row.secure,
        username: row.username,
        hasPassword: !!row.password,
        from: row.fromAddress,
        source: 'settings',
      };
    }
    return {
      enabled: !!config,
      host: config?.host ?? null,
      port: config?.port ?? null,
      secure: config?.secure ?? false,
      username: config?.user ?? null,
      hasPassword: !!config?.pass,
      from: config?.from ?? null,
      source: config ? 'env' : 'none',
    };
  }

  return {
    notify,

    async list(actor: Actor, query: { page: number; pageSize: number; unread?: 'true' | 'false' }, locale: Locale) {
      const userId = requireUser(actor);
      const { items, total } = await repo.findNotificationsPage(db, userId, query.unread === 'true', query.page, query.pageSize);
      const timeZone = await findSchoolTimeZone(db);
      return { items: items.map((n) => present(n, locale, timeZone)), total };
    },

    async unreadCount(actor: Actor) {
      return { count: await repo.countUnread(db, requireUser(actor)) };
    },

    async markRead(actor: Actor, id: number) {
      const userId = requireUser(actor);
      const row = await repo.findNotification(db, id);
      if (!row || row.userId !== userId) throw new AppError('not_found');
      await db.transaction(async (tx) => {
        if (await repo.markRead(tx, userId, clock(), id)) {
          await writeAudit(tx, actor, { action: 'notifications.read', entityType: 'notifications', entityId: id });
        }
      });
    },

    async markAllRead(actor: Actor) {
      const userId = requireUser(actor);
      return db.transaction(async (tx) => {
        const count = await repo.markRead(tx, userId, clock());
        if (count) await writeAudit(tx, actor, { action: 'notifications.read_all', entityType: 'notifications', after: { count } });
        return { count };
      });
    },

    async getSettings(actor: Actor) {
      const row = await repo.findSettings(db, requireUser(actor));
      return { emailKinds: (row?.emailKinds ?? [...NOTIFICATION_KINDS]) as NotificationKind[] };
    },

    async updateSettings(actor: Actor, input: { emailKinds: NotificationKind[] }) {
      const userId = requireUser(actor);
      const emailKinds = [...new Set(input.emailKinds)];
      await db.transaction(async (tx) => {
        await repo.upsertSettings(tx, userId, emailKinds, clock());
        await writeAudit(tx, actor, { action: 'notifications.settings', entityType: 'users', entityId: userId, after: { emailKinds } });
      });
      return { emailKinds };
    },

    getMailSettings,

    async updateMailSettings(actor: Actor, input: MailSettingsInput) {
      requireAccess(actor, 'settings.manage');
      const before = await repo.findMailSettings(db);
      // Omitted keeps the stored password (sealing it if it predates encryption); null clears it.
      const kept = before?.password ?? null;
      const password =
        input.password === undefined ? (kept && !isSealed(kept) ? seal(kept) : kept) : input.password ? seal(input.password) : null;
      await db.transaction(async (tx) => {
        await repo.upsertMailSettings(tx, {
          enabled: input.enabled,
          host: input.host ?? null,
          port: input.port ?? null,
          secure: input.secure,
          username: input.username ?? null,
          password,
          fromAddress: input.from ?? null,
          updatedAt: clock(),
        });
        // The password never reaches the audit log either.
        await writeAudit(tx, actor, {
          action: 'mail_settings.update',
          entityType: 'mail_settings',
          entityId: 1,
          after: { ...input, password: input.password === undefined ? undefined : input.password ? '***' : null },
        });
      });
      return getMailSettings(actor);
    },

    async listOutbox(actor: Actor, query: { status?: string; page: number; pageSize: number }) {
      requireAccess(actor, 'settings.manage');
      const { items, total } = await repo.findOutboxPage(db, query.status, query.page, query.pageSize);
      return { items: items.map(presentOutbox), total, counts: await repo.countOutboxByStatus(db) };
    },

    /** Sends a failed (or waiting) message again at the next flush, with a fresh attempt budget. */
    async retryOutbox(actor: Actor, id: number) {
      requireAccess(actor, 'settings.manage');
      const row = await repo.findOutbox(db, id);
      if (!row) throw new AppError('not_found');
      if (row.status === 'sent') throw new AppError('conflict');
      await db.transaction(async (tx) => {
        await repo.updateOutbox(tx, id, { status: 'pending', attempts: 0, nextAttemptAt: clock() });
        await writeAudit(tx, actor, {
          action: 'mail_outbox.retry',
          entityType: 'mail_outbox',
          entityId: id,
          before: { status: row.status, lastError: row.lastError },
        });
      });
      return presentOutbox((await repo.findOutbox(db, id))!);
    },

    /** Whether email can be sent (settings or environment). */
    mailConfigured: async () => !!resolveMailConfig(await repo.findMailSettings(db), env),

    /**
     * Sends one message now, outside the outbox; false when no mail server is configured. For
     * messages that must not be stored in readable form, such as a password reset link (the
     * outbox keeps every body); the caller handles a failure (no retry).
     */
    async sendNow(mail: OutgoingMail): Promise<boolean> {
      const row = await repo.findMailSettings(db);
      const config = resolveMailConfig(row && { ...row, password: row.password ? openPassword(row.password) : null }, env);
      if (!config) return false;
      const sender = createMailSender(config);
      try {
        await sender.send(mail);
      } finally {
        sender.close();
      }
      return true;
    },

    /** The sender job: app.ts runs it periodically; tests call it with a moved clock. */
    flushOutbox: (now: Date = clock()) => flushOutbox(db, env, now, openPassword),

    /**
     * Start-up step: a password saved before passwords were encrypted is
     * sealed in place (once; audited). Returns whether one was sealed.
     */
    async sealStoredPassword(): Promise<boolean> {
      return db.transaction(async (tx) => {
        const row = await repo.lockMailSettings(tx);
        if (!row?.password || isSealed(row.password)) return false;
        await repo.updateMailPassword(tx, seal(row.password));
        await writeAudit(tx, systemActor, { action: 'mail_settings.password_encrypted', entityType: 'mail_settings', entityId: 1 });
        return true;
      });
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Notifications (tests call `app.notifications.flushOutbox(now)`). */
    notifications: NotificationService;
  }
}
