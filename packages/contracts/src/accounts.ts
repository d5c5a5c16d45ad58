import { z } from 'zod';
import { id, LIMITS, text } from './common.ts';
import { user } from './auth.ts';

/**
 * How initial passwords of student and teacher accounts are made: `random` (per person, handed out
 * as a list) or `id_last6` (the last six characters of the ID number; a person without one gets a
 * random password).
 */
export const PASSWORD_POLICIES = ['random', 'id_last6'] as const;
export const passwordPolicy = z.enum(PASSWORD_POLICIES);
export type PasswordPolicy = z.infer<typeof passwordPolicy>;

export const accountSettings = z.object({ passwordPolicy });
export type AccountSettings = z.infer<typeof accountSettings>;

/** Whose account: linked to a student (学生), a teacher (教师), or neither (staff, 职员). */
export const ACCOUNT_KINDS = ['student', 'teacher', 'staff'] as const;
export const accountKind = z.enum(ACCOUNT_KINDS);
export type AccountKind = z.infer<typeof accountKind>;

/** `unissued`: created with its person, initial password not yet issued (cannot sign in). */
export const ACCOUNT_STATUSES = ['active', 'disabled', 'unissued', 'locked'] as const;
export const accountStatus = z.enum(ACCOUNT_STATUSES);
export type AccountStatus = z.infer<typeof accountStatus>;

/** Filters of the accounts list, also the "all matching" selection of a bulk action. */
export const accountFilter = z.object({
  q: text(100).optional(),
  kind: accountKind.optional(),
  collegeId: id.optional(),
  status: accountStatus.optional(),
});
export type AccountFilter = z.infer<typeof accountFilter>;

export const accountListQuery = accountFilter.extend({
  page: z.coerce.number().int().min(1).max(LIMITS.pageMax).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

/** A user as the accounts list shows it: with the person behind it. */
export const accountItem = user.extend({
  kind: accountKind,
  /** 学号 / 工号 of the linked person. */
  personCode: z.string().nullable(),
  /** 班级 of a student, 学院 of a teacher. */
  groupName: z.string().nullable(),
  collegeName: z.string().nullable(),
  passwordIssued: z.boolean(),
});
export type AccountItem = z.infer<typeof accountItem>;

export const BULK_ACCOUNT_ACTIONS = ['reset_password', 'disable', 'enable'] as const;

/** Either the selected ids or every account matching `filter` ("all matching"). */
export const bulkAccountRequest = z
  .object({
    action: z.enum(BULK_ACCOUNT_ACTIONS),
    ids: z
      .array(id)
      .max(LIMITS.pageSizeMax * 10)
      .optional(),
    filter: accountFilter.optional(),
  })
  .refine((b) => (b.ids === undefined) !== (b.filter === undefined), { message: 'ids_or_filter', path: ['ids'] });
export type BulkAccountRequest = z.infer<typeof bulkAccountRequest>;

/** A reset runs as a job (`jobId`, its handout list downloadable when it succeeded); disable/enable answer at once. */
export const bulkAccountResponse = z.object({ count: z.number().int(), jobId: z.number().int().nullable() });

/** Result of an `accounts.issue_passwords` job. */
export const issuePasswordsResult = z.object({
  issued: z.number().int(),
  /** Until when the handout list can be downloaded (it is deleted then). */
  handoutExpiresAt: z.string().nullable(),
});
export type IssuePasswordsResult = z.infer<typeof issuePasswordsResult>;

/** A handout list as the printable view reads it; `password` null: the last six characters of the ID number. */
export const handoutView = z.object({
  rows: z.array(z.object({ code: z.string(), name: z.string(), group: z.string(), password: z.string().nullable() })),
  expiresAt: z.string(),
});
export type HandoutView = z.infer<typeof handoutView>;
