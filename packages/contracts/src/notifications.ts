import { z } from 'zod';
import { LIMITS } from './common.ts';

/** What a notification is about; the web and the mail templates translate each kind. */
export const NOTIFICATION_KINDS = [
  'approval_needed',
  'approved',
  'returned',
  'rejected',
  'deadline_near',
  'escalated',
  'audit_chain_broken',
  'timetable_changed',
  'timetable_change_failed',
  'timetable_published',
  'selection_notice',
  'selection_opened',
  'selection_promoted',
  'lottery_drawn',
  'selection_class_cancelled',
  'selection_class_merged',
  'exam_published',
  'invigilation_assigned',
  'exam_paper_flagged',
  'grades_published',
] as const;
export const notificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof notificationKind>;

export const notificationsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  unread: z.enum(['true', 'false']).optional(),
});

/** Which kinds also go by email (the in-app inbox always gets every kind). */
export const notificationSettingsInput = z.object({ emailKinds: z.array(notificationKind).max(NOTIFICATION_KINDS.length) });
export type NotificationSettings = z.infer<typeof notificationSettingsInput>;

export interface NotificationView {
  id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  params: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

/**
 * SMTP settings an admin edits; they override SMTP_URL / MAIL_FROM. The
 * password is write-only: omitted keeps the stored one, null clears it.
 */
export const mailSettingsInput = z.object({
  enabled: z.boolean(),
  host: z.string().trim().max(255).nullish(),
  port: z.number().int().min(1).max(65535).nullish(),
  secure: z.boolean().default(false),
  username: z.string().trim().max(255).nullish(),
  password: z.string().max(255).nullish(),
  from: z.string().trim().max(255).nullish(),
});
export type MailSettingsInput = z.infer<typeof mailSettingsInput>;

export interface MailSettingsView {
  enabled: boolean;
  host: string | null;
  port: number | null;
  secure: boolean;
  username: string | null;
  hasPassword: boolean;
  from: string | null;
  /** Where the values come from: the admin's settings, the environment, or nowhere. */
  source: 'settings' | 'env' | 'none';
}

export const OUTBOX_STATUSES = ['pending', 'failed', 'sent'] as const;
export const outboxQuery = z.object({
  status: z.enum(OUTBOX_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

export interface OutboxItem {
  id: number;
  to: string;
  subject: string;
  status: (typeof OUTBOX_STATUSES)[number];
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}
