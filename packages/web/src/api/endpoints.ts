import type {
  AccountItem,
  AccountSettings,
  BulkAccountRequest,
  HandoutView,
  ApiToken,
  AuthConfigResponse,
  CaptchaAnswer,
  ForgotPasswordRequest,
  AuditPage,
  ImportKind,
  ImportResult,
  LoginResponse,
  MeResponse,
  Paged,
  ResetWithTokenRequest,
  ResourceKey,
  Role,
  RoleInput,
  TimeGrid,
  User,
} from '@jiaowu/contracts';
import { IMPORT_KINDS, IMPORT_PATHS, RESOURCES, type Permission } from '@jiaowu/contracts';
import { api, del, download, get, patch, post, put, uploadForDownload, type Query } from './client.ts';

/** Typed calls of the HTTP API, one line each. */

export type Row = Record<string, unknown> & { id: number };

export const auth = {
  me: () => api<MeResponse>('/me', { quiet401: true }),
  login: (username: string, password: string, captcha?: CaptchaAnswer) =>
    api<LoginResponse>('/auth/login', { method: 'POST', body: { username, password, captcha }, quiet401: true }),
  /** What the sign-in page offers: reset by email, single sign-on. */
  config: () => api<AuthConfigResponse>('/auth/config', { quiet401: true }),
  forgot: (body: ForgotPasswordRequest) => api<unknown>('/auth/forgot', { method: 'POST', body, quiet401: true }),
  resetWithToken: (body: ResetWithTokenRequest) => api<unknown>('/auth/reset', { method: 'POST', body, quiet401: true }),
  logout: () => api<void>('/auth/logout', { method: 'POST', body: {}, quiet401: true }),
  changePassword: (currentPassword: string, newPassword: string) => post<unknown>('/me/password', { currentPassword, newPassword }),
};

const pathOf = (key: ResourceKey) => `/${RESOURCES[key].path}`;

export const resources = {
  list: (key: ResourceKey, query: Query) => get<Paged<Row>>(pathOf(key), query),
  create: (key: ResourceKey, body: unknown) => post<Row>(pathOf(key), body),
  get: (key: ResourceKey, id: number) => get<Row>(`${pathOf(key)}/${id}`),
  /** `body.version` is the version the edit is based on; an older one is refused with `stale` (409). */
  update: (key: ResourceKey, id: number, body: Record<string, unknown> & { version: number }) => patch<Row>(`${pathOf(key)}/${id}`, body),
  remove: (key: ResourceKey, id: number, version: number) => api<void>(`${pathOf(key)}/${id}`, { method: 'DELETE', query: { version } }),
  export: (key: ResourceKey, format: 'xlsx' | 'csv', query: Query) =>
    download(`${pathOf(key)}/export`, { ...query, format }, `${RESOURCES[key].path}.${format}`),
};

export const terms = {
  get: (id: number) => get<Row>(`/terms/${id}`),
  timeGrid: (id: number, campusId?: number | null) => get<TimeGrid>(`/terms/${id}/time-grid`, { campusId }),
  saveTimeGrid: (id: number, body: { campusId?: number | null; periods: TimeGrid['periods'] }) =>
    put<TimeGrid>(`/terms/${id}/time-grid`, body),
};

export interface Job {
  id: string | number;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: number;
  total: number | null;
  result: (Partial<ImportResult> & Record<string, unknown>) | null;
  error: string | { code?: string; message?: string } | null;
  /** A cancel was asked for and the running job has not stopped yet. */
  cancelRequested?: boolean;
}

/**
 * What the import wizard offers: the org imports of the imports module (commit
 * can run as a background job) and the catalog imports of the catalog module
 * (courses, curriculum plans; commit is synchronous).
 */
export type WizardImportKind = ImportKind | 'courses' | 'curriculumPlans';
export const WIZARD_IMPORT_KINDS: readonly WizardImportKind[] = [...IMPORT_KINDS, 'courses', 'curriculumPlans'];
export const WIZARD_IMPORT_PATHS: Record<WizardImportKind, string> = {
  ...IMPORT_PATHS,
  courses: 'courses',
  curriculumPlans: 'curriculum-plans',
};
/** Besides imports.run, the permission the server asks for each kind. */
export const IMPORT_MANAGE: Record<WizardImportKind, Permission> = {
  students: 'students.manage',
  teachers: 'teachers.manage',
  rooms: 'org.manage',
  adminClasses: 'org.manage',
  courses: 'catalog.manage',
  curriculumPlans: 'catalog.manage',
};
/** Kinds whose commit may run as a background job (`async=true`). */
export const importsInBackground = (kind: WizardImportKind): kind is ImportKind => (IMPORT_KINDS as readonly string[]).includes(kind);

export const imports = {
  template: (kind: WizardImportKind, format: 'xlsx' | 'csv') =>
    download(`/imports/${WIZARD_IMPORT_PATHS[kind]}/template`, { format }, `${WIZARD_IMPORT_PATHS[kind]}-template.${format}`),
  run: (kind: WizardImportKind, file: File, dryRun: boolean) => {
    const formData = new FormData();
    formData.append('file', file, file.name);
    return api<ImportResult & { jobId?: string | number }>(`/imports/${WIZARD_IMPORT_PATHS[kind]}`, {
      method: 'POST',
      formData,
      query: { dryRun, async: dryRun || !importsInBackground(kind) ? undefined : true },
    });
  },
  /** The rows of a file an import would refuse, with an error column, as an XLSX (every kind). */
  badRows: (kind: WizardImportKind, file: File) => {
    const formData = new FormData();
    formData.append('file', file, file.name);
    const path = WIZARD_IMPORT_PATHS[kind];
    return uploadForDownload(`/imports/${path}/bad-rows`, formData, `${path}-rows-to-fix.xlsx`);
  },
  job: (id: string | number) => get<Job>(`/jobs/${id}`),
  cancelJob: (id: string | number) => post<Job>(`/jobs/${id}/cancel`),
};

export const audit = {
  list: (query: Query) => get<AuditPage>('/audit', query),
};

export const users = {
  list: (query: Query) => get<Paged<User>>('/users', query),
  create: (body: unknown) => post<User>('/users', body),
  update: (id: number, body: unknown) => patch<User>(`/users/${id}`, body),
  resetPassword: (id: number, newPassword: string) => post<unknown>(`/users/${id}/reset-password`, { newPassword }),
  unlock: (id: number) => post<unknown>(`/users/${id}/unlock`),
};

/** Accounts of students and teachers (`accounts.manage`): list with filters, bulk actions, policy, handout lists. */
export const accounts = {
  list: (query: Query) => get<Paged<AccountItem>>('/accounts', query),
  bulk: (body: BulkAccountRequest) => post<{ count: number; jobId: number | null }>('/accounts/bulk', body),
  settings: () => get<AccountSettings>('/accounts/settings'),
  saveSettings: (body: AccountSettings) => put<AccountSettings>('/accounts/settings', body),
  handout: (jobId: number) => download(`/accounts/handouts/${jobId}`, {}, `initial-passwords-${jobId}.xlsx`),
  handoutRows: (jobId: number) => get<HandoutView>(`/accounts/handouts/${jobId}`, { format: 'json' }),
};

export const roles = {
  list: () => get<Role[]>('/roles'),
  create: (body: RoleInput) => post<Role>('/roles', body),
  update: (id: number, body: Partial<RoleInput>) => patch<Role>(`/roles/${id}`, body),
  remove: (id: number) => del(`/roles/${id}`),
};

export const apiTokens = {
  list: () => get<ApiToken[] | Paged<ApiToken>>('/api-tokens'),
  create: (body: { name: string; permissions: string[]; expiresInDays?: number | null }) =>
    post<{ token: string; apiToken: ApiToken }>('/api-tokens', body),
  revoke: (id: number) => post<unknown>(`/api-tokens/${id}/revoke`),
};
