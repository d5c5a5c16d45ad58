import { z } from 'zod';
import { code, id, LIMITS, locale, name } from './common.ts';
import { effectivePermissions, grant, permission, scope } from './permissions.ts';

export const password = z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax);

/** The answer to a CAPTCHA question: the signed challenge as the server sent it, and what the user typed. */
export const captchaAnswer = z.object({
  token: z.string().min(1).max(300),
  answer: z.string().trim().max(20),
});
export type CaptchaAnswer = z.infer<typeof captchaAnswer>;

/** A CAPTCHA question (in the caller's language), sent in `error.details.captcha` of `captcha_required` / `captcha_invalid`. */
export const captchaChallenge = z.object({ token: z.string(), question: z.string() });
export type CaptchaChallenge = z.infer<typeof captchaChallenge>;

export const loginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(LIMITS.passwordMax),
  /** Needed only after repeated failures (the server answers `captcha_required` with a question). */
  captcha: captchaAnswer.optional(),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export const userRoleAssignment = z.object({
  roleId: id,
  roleCode: z.string().optional(),
  /** Anchor of college/department scopes (e.g. the secretary's college). */
  collegeId: id.nullish(),
  departmentId: id.nullish(),
});

export const user = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  locale,
  isDisabled: z.boolean(),
  mustChangePassword: z.boolean(),
  teacherId: z.number().int().nullable(),
  studentId: z.number().int().nullable(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  roles: z.array(
    z.object({
      roleId: z.number().int(),
      roleCode: z.string(),
      roleName: z.string(),
      collegeId: z.number().int().nullable(),
      departmentId: z.number().int().nullable(),
    }),
  ),
});
export type User = z.infer<typeof user>;

export const loginResponse = z.object({ user, csrfToken: z.string() });
export type LoginResponse = z.infer<typeof loginResponse>;

export const meResponse = z.object({
  user,
  permissions: effectivePermissions,
  csrfToken: z.string().nullable(),
  /** The college/department that "own college" scopes resolve to. */
  collegeId: z.number().int().nullable(),
  departmentId: z.number().int().nullable(),
});
export type MeResponse = z.infer<typeof meResponse>;

export const changePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(LIMITS.passwordMax),
  newPassword: password,
});

export const createUserRequest = z.object({
  username: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[A-Za-z0-9_.@-]+$/, { message: 'code_format' }),
  displayName: name,
  email: z.email().nullish(),
  locale: locale.default('zh-CN'),
  password,
  teacherId: id.nullish(),
  studentId: id.nullish(),
  roles: z.array(userRoleAssignment).default([]),
});
export type CreateUserRequest = z.infer<typeof createUserRequest>;

export const updateUserRequest = z.object({
  displayName: name.optional(),
  email: z.email().nullish(),
  locale: locale.optional(),
  isDisabled: z.boolean().optional(),
  teacherId: id.nullish(),
  studentId: id.nullish(),
  roles: z.array(userRoleAssignment).optional(),
});
export type UpdateUserRequest = z.infer<typeof updateUserRequest>;

export const resetPasswordRequest = z.object({ newPassword: password });

export const role = z.object({
  id: z.number().int(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  description: z.string().nullable(),
  isBuiltin: z.boolean(),
  grants: z.array(grant),
  userCount: z.number().int(),
});
export type Role = z.infer<typeof role>;

export const roleInput = z.object({
  code,
  nameZh: name,
  nameEn: name,
  description: z.string().trim().max(500).nullish(),
  grants: z.array(z.object({ permission, scope })).max(100),
});
export type RoleInput = z.infer<typeof roleInput>;

export const apiToken = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  permissions: z.array(permission),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiToken>;

export const createApiTokenRequest = z.object({
  name,
  permissions: z.array(permission).min(1),
  expiresInDays: z.number().int().min(1).max(3650).nullish(),
});
/** The plain token is in this response only; the server keeps its hash. */
export const createApiTokenResponse = z.object({ token: z.string(), apiToken });

/** Forgotten password: the account is named by its username (学号/工号) or its email address. */
export const forgotPasswordRequest = z.object({
  login: z.string().trim().min(1).max(200),
  captcha: captchaAnswer.optional(),
});
export type ForgotPasswordRequest = z.infer<typeof forgotPasswordRequest>;

/** Sets a new password with the token of a reset link. */
export const resetWithTokenRequest = z.object({
  token: z.string().min(16).max(200),
  newPassword: password,
});
export type ResetWithTokenRequest = z.infer<typeof resetWithTokenRequest>;

/** What the sign-in page offers (public). */
export const authConfigResponse = z.object({
  /** Reset links can be emailed (a mail server is configured). */
  passwordResetByEmail: z.boolean(),
  /** Single sign-on (统一身份认证) when configured; `label` overrides the button's default text. */
  oidc: z.object({ label: z.string().nullable() }).nullable(),
});
export type AuthConfigResponse = z.infer<typeof authConfigResponse>;
