import type {
  ApiToken,
  AuditEntry,
  ImportKind,
  ImportResult,
  LoginResponse,
  MeResponse,
  Paged,
  ResourceKey,
  Role,
  RoleInput,
  TimeGrid,
  User,
} from '@jiaowu/contracts';
import { IMPORT_PATHS, RESOURCES } from '@jiaowu/contracts';
import { api, del, download, get, patch, post, put, type Query } from './client.ts';

/** Typed calls of the HTTP API, one line each. */

export type Row = Record<string, unknown> & { id: number };

export const auth = {
  me: () => api<MeResponse>('/me', { quiet401: true }),
  login: (username: string, password: string) =>
    api<LoginResponse>('/auth/login', { method: 'POST', body: { username, password }, quiet401: true }),
  logout: () => api<void>('/auth/logout', { method: 'POST', body: {}, quiet401: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    post<unknown>('/me/password', { currentPassword, newPassword }),
};

const pathOf = (key: ResourceKey) => `/${RESOURCES[key].path}`;

export const resources = {
  list: (key: ResourceKey, query: Query) => get<Paged<Row>>(pathOf(key), query),
  create: (key: ResourceKey, body: unknown) => post<Row>(pathOf(key), body),
  update: (key: ResourceKey, id: number, body: unknown) => patch<Row>(`${pathOf(key)}/${id}`, body),
  remove: (key: ResourceKey, id: number) => del(`${pathOf(key)}/${id}`),
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
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  total: number | null;
  result: (Partial<ImportResult> & Record<string, unknown>) | null;
  error: string | { code?: string; message?: string } | null;
}

export const imports = {
  template: (kind: ImportKind, format: 'xlsx' | 'csv') =>
    download(`/imports/${IMPORT_PATHS[kind]}/template`, { format }, `${IMPORT_PATHS[kind]}-template.${format}`),
  run: (kind: ImportKind, file: File, dryRun: boolean) => {
    const formData = new FormData();
    formData.append('file', file, file.name);
    return api<ImportResult & { jobId?: string | number }>(`/imports/${IMPORT_PATHS[kind]}`, {
      method: 'POST',
      formData,
      query: { dryRun, async: dryRun ? undefined : true },
    });
  },
  job: (id: string | number) => get<Job>(`/jobs/${id}`),
};

export const audit = {
  list: (query: Query) => get<Paged<AuditEntry>>('/audit', query),
};

export const users = {
  list: (query: Query) => get<Paged<User>>('/users', query),
  create: (body: unknown) => post<User>('/users', body),
  update: (id: number, body: unknown) => patch<User>(`/users/${id}`, body),
  resetPassword: (id: number, newPassword: string) => post<unknown>(`/users/${id}/reset-password`, { newPassword }),
  unlock: (id: number) => post<unknown>(`/users/${id}/unlock`),
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
