import { and, asc, count, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { findUserContacts } from '../iam/iam.read-model.ts';
import { mailOutbox, mailSettings, notifications, notificationSettings } from './notifications.tables.ts';

type H = Db | Tx;

export type NotificationRow = typeof notifications.$inferSelect;
export type OutboxRow = typeof mailOutbox.$inferSelect;
export type MailSettingsRow = typeof mailSettings.$inferSelect;

/** The users to notify with their contact (from iam) and e-mail preferences (null: never set). */
export async function findRecipients(db: H, userIds: number[]) {
  if (!userIds.length) return [];
  const contacts = await findUserContacts(db, userIds);
  const settings = await db
    .select({ userId: notificationSettings.userId, emailKinds: notificationSettings.emailKinds })
    .from(notificationSettings)
    .where(inArray(notificationSettings.userId, userIds));
  const kinds = new Map(settings.map((s) => [s.userId, s.emailKinds]));
  return contacts.map((c) => ({ ...c, emailKinds: kinds.get(c.id) ?? null }));
}

export async function insertNotifications(tx: H, rows: (typeof notifications.$inferInsert)[]) {
  if (rows.length) await tx.insert(notifications).values(rows);
}

export async function findNotificationsPage(db: H, userId: number, unreadOnly: boolean, page: number, pageSize: number) {
  const where = and(eq(notifications.userId, userId), unreadOnly ? isNull(notifications.readAt) : undefined);
  const [items, [{ total }]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(notifications).where(where),
  ]);
  return { items, total: Number(total) };
}

export async function countUnread(db: H, userId: number) {
  const [{ n }] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(n);
}

/** Marks one (or, without id, every) unread notification of the user read; returns how many changed. */
export async function markRead(tx: H, userId: number, at: Date, id?: number) {
  const rows = await tx
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), id === undefined ? undefined : eq(notifications.id, id)))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function findNotification(db: H, id: number) {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row ?? null;
}

export async function findSettings(db: H, userId: number) {
  const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
  return row ?? null;
}

export async function upsertSettings(tx: H, userId: number, emailKinds: string[], at: Date) {
  await tx
    .insert(notificationSettings)
    .values({ userId, emailKinds, updatedAt: at })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { emailKinds, updatedAt: at } });
}

// ---------- mail settings ----------
export async function findMailSettings(db: H) {
  const [row] = await db.select().from(mailSettings).where(eq(mailSettings.id, 1));
  return row ?? null;
}

export async function upsertMailSettings(tx: H, values: Omit<typeof mailSettings.$inferInsert, 'id'>) {
  await tx
    .insert(mailSettings)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: mailSettings.id, set: values });
}

/** Locks the settings row (start-up migration of a plain password: several processes may start at once). */
export async function lockMailSettings(tx: Tx) {
  const [row] = await tx.select().from(mailSettings).where(eq(mailSettings.id, 1)).for('update');
  return row ?? null;
}

export async function updateMailPassword(tx: H, password: string | null) {
  await tx.update(mailSettings).set({ password }).where(eq(mailSettings.id, 1));
}

// ---------- outbox ----------
export async function insertOutbox(tx: H, rows: (typeof mailOutbox.$inferInsert)[]) {
  if (rows.length) await tx.insert(mailOutbox).values(rows);
}

/**
 * Claims due messages for this sender: locks them (skipping rows another
 * process holds) and pushes their next attempt out by a lease, so two
 * senders never send the same message and a crashed sender's claim expires.
 */
export async function claimDueOutbox(db: Db, now: Date, leaseUntil: Date, limit: number) {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, now)))
      .orderBy(asc(mailOutbox.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length)
      await tx
        .update(mailOutbox)
        .set({ nextAttemptAt: leaseUntil })
        .where(
          inArray(
            mailOutbox.id,
            due.map((r) => r.id),
          ),
        );
    return due;
  });
}

export async function updateOutbox(db: H, id: number, values: Partial<typeof mailOutbox.$inferInsert>) {
  await db.update(mailOutbox).set(values).where(eq(mailOutbox.id, id));
}

export async function findOutbox(db: H, id: number) {
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  return row ?? null;
}

export async function findOutboxPage(db: H, status: string | undefined, page: number, pageSize: number) {
  const where = status ? eq(mailOutbox.status, status) : undefined;
  const [items, [{ total }]] = await Promise.all([
    db
      .select()
      .from(mailOutbox)
      .where(where)
      .orderBy(desc(mailOutbox.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(mailOutbox).where(where),
  ]);
  return { items, total: Number(total) };
}

export async function countOutboxByStatus(db: H) {
  const rows = await db
    .select({ status: mailOutbox.status, n: sql<number>`count(*)::int` })
    .from(mailOutbox)
    .groupBy(mailOutbox.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
