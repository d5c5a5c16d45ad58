import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { colleges, departments, students, teachers } from '../org/org.tables.ts';
import { constraintFieldsOf } from '../../db/constraint-fields.ts';

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    locale: text('locale').notNull().default('zh-CN'),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** Demo accounts skip the forced first-login password change. */
    isDemo: boolean('is_demo').notNull().default(false),
    isDisabled: boolean('is_disabled').notNull().default(false),
    teacherId: integer('teacher_id').references(() => teachers.id),
    studentId: integer('student_id').references(() => students.id),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One account per person: a person's account is updated, never created twice (accounts.sync).
    uniqueIndex('users_student_id_unique')
      .on(t.studentId)
      .where(sql`student_id is not null`),
    uniqueIndex('users_teacher_id_unique')
      .on(t.teacherId)
      .where(sql`teacher_id is not null`),
    // Sign-in and the account sync look names up case-insensitively.
    index('users_username_lower_idx').on(sql`lower(${t.username})`),
  ],
);

export const roles = pgTable('roles', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  description: text('description'),
  isBuiltin: boolean('is_builtin').notNull().default(false),
});

export const rolePermissions = pgTable(
  'role_permissions',
  {
    roleId: integer('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    permission: text('permission').notNull(),
    scope: text('scope').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.permission] })],
);

export const userRoles = pgTable(
  'user_roles',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roleId: integer('role_id')
      .notNull()
      .references(() => roles.id),
    /** Anchors of college/department scopes for this assignment. */
    collegeId: integer('college_id').references(() => colleges.id),
    departmentId: integer('department_id').references(() => departments.id),
  },
  (t) => [uniqueIndex('user_roles_unique').on(t.userId, t.roleId)],
);

/** Server-side sessions; the cookie carries a random token whose SHA-256 is `id`. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** How the user signed in: `password`, or `oidc` (single sign-on, which skips the forced change of a local password). */
    method: text('method').notNull().default('password'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Every sign-in attempt, for throttling per account and per IP. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    ip: text('ip'),
    success: boolean('success').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_attempts_user_idx').on(t.username, t.at), index('login_attempts_ip_idx').on(t.ip, t.at)],
);

/**
 * Sign-in counters, one row per account name (`user:<lower-case name>`, known or not) and per
 * client address (`ip:<address>`). An attempt is counted here BEFORE its password is verified,
 * under a row lock, so parallel tries cannot all read the same count (see `login-throttle.ts`).
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  /** Failed or still-running attempts since `windowStart`; a success resets (account) or returns one (address). */
  failures: integer('failures').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  /** When the last verified attempt started: the slow-down delay runs from here. */
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

/** Tokens for other systems (finance, SIS); only the hash is stored. */
export const apiTokens = pgTable('api_tokens', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  permissions: text('permissions').array().notNull(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/**
 * Which permissions of a built-in role's release definition have been applied
 * to it (seed/roles.ts): a definition grant not listed here is new in this
 * release and is added on start; one listed but missing from the role was
 * removed by an admin and stays removed.
 */
export const roleGrantDefaults = pgTable(
  'role_grant_defaults',
  {
    roleId: integer('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    permission: text('permission').notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.permission] })],
);

/**
 * Links of "forgot password" emails. Only the SHA-256 of the link's random token is kept, so a copy
 * of the database cannot be used to reset anyone's password; a link works once and until `expiresAt`.
 */
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set when the link is used, or when a newer link of the same user replaces it. */
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('password_reset_tokens_user_idx').on(t.userId)],
);

/**
 * CAPTCHA challenges already answered (right or wrong): a challenge is signed, so the server keeps
 * nothing when it asks, only the nonce once it is answered, until the challenge would have expired.
 */
export const captchaUses = pgTable('captcha_uses', {
  nonce: text('nonce').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** School-wide account settings: one row (id 1), written by the office or an administrator. */
export const accountSettings = pgTable('account_settings', {
  id: integer('id').primaryKey().default(1),
  /** `random` | `id_last6` (see PASSWORD_POLICIES in contracts). */
  passwordPolicy: text('password_policy').notNull().default('random'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The handout list (initial passwords) an issue-passwords job produced, as rows (学号/工号, 姓名,
 * 班级/学院, password or null when it is the ID number's last six), kept only until `expires_at`
 * (a day): the office downloads it as XLSX or prints it from the job; expired lists are deleted
 * hourly and whenever a list is written or read, and a download after that is refused.
 */
export const accountHandouts = pgTable('account_handouts', {
  jobId: integer('job_id').primaryKey(),
  rows: jsonb('rows').$type<HandoutRow[]>().notNull(),
  createdBy: integer('created_by'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** One person of a handout list; `password` null: the last six characters of the ID number. */
export interface HandoutRow {
  code: string;
  name: string;
  group: string;
  password: string | null;
}

/** Constraint → API field of this module's tables, for translateDbError (collected in db/constraint-registry.ts). */
export const iamConstraintFields = constraintFieldsOf(
  [
    users,
    roles,
    rolePermissions,
    userRoles,
    sessions,
    loginAttempts,
    loginThrottle,
    apiTokens,
    roleGrantDefaults,
    passwordResetTokens,
    captchaUses,
    accountSettings,
    accountHandouts,
  ],
  {
    // A user's roles are edited as the `roles` list of the user form.
    user_roles_role_id_roles_id_fk: 'roles',
  },
);
