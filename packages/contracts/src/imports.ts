import { z } from 'zod';

export const IMPORT_KINDS = ['students', 'teachers', 'rooms', 'adminClasses'] as const;
export const importKind = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof importKind>;
/** URL segment of each kind: POST /api/imports/<segment>?dryRun=true|false */
export const IMPORT_PATHS: Record<ImportKind, string> = {
  students: 'students',
  teachers: 'teachers',
  rooms: 'rooms',
  adminClasses: 'admin-classes',
};

export interface ImportColumn {
  /** Canonical header (also accepted): the English key. */
  key: string;
  /** Headers as a Chinese or English spreadsheet writes them; all are accepted. */
  zh: string;
  en: string;
  required: boolean;
}

/**
 * Columns of each import, in order. Exports of the same resource write exactly
 * these columns, so an export can be edited and imported back. References are
 * by public code (行政班代码), enumerations by value or by label in either language.
 */
export const IMPORT_COLUMNS: Record<ImportKind, ImportColumn[]> = {
  students: [
    { key: 'code', zh: '学号', en: 'Student No.', required: true },
    { key: 'name', zh: '姓名', en: 'Name', required: true },
    { key: 'gender', zh: '性别', en: 'Gender', required: false },
    { key: 'adminClassCode', zh: '行政班代码', en: 'Admin class code', required: true },
    { key: 'cohort', zh: '年级', en: 'Cohort', required: true },
    { key: 'status', zh: '学籍状态', en: 'Status', required: false },
    { key: 'email', zh: '邮箱', en: 'Email', required: false },
    { key: 'phone', zh: '电话', en: 'Phone', required: false },
    { key: 'idNumber', zh: '身份证号', en: 'ID number', required: false },
  ],
  teachers: [
    { key: 'code', zh: '工号', en: 'Staff No.', required: true },
    { key: 'name', zh: '姓名', en: 'Name', required: true },
    { key: 'gender', zh: '性别', en: 'Gender', required: false },
    { key: 'departmentCode', zh: '系代码', en: 'Department code', required: true },
    { key: 'title', zh: '职称', en: 'Title', required: false },
    { key: 'email', zh: '邮箱', en: 'Email', required: false },
    { key: 'phone', zh: '电话', en: 'Phone', required: false },
    { key: 'idNumber', zh: '身份证号', en: 'ID number', required: false },
    { key: 'status', zh: '状态', en: 'Status', required: false },
  ],
  rooms: [
    { key: 'code', zh: '教室代码', en: 'Room code', required: true },
    { key: 'name', zh: '名称', en: 'Name', required: true },
    { key: 'buildingCode', zh: '楼宇代码', en: 'Building code', required: true },
    { key: 'type', zh: '类型', en: 'Type', required: true },
    { key: 'capacity', zh: '容量', en: 'Capacity', required: true },
    { key: 'examCapacity', zh: '考试容量', en: 'Exam capacity', required: true },
    { key: 'features', zh: '设施', en: 'Features', required: false },
    { key: 'isActive', zh: '启用', en: 'Active', required: false },
  ],
  adminClasses: [
    { key: 'code', zh: '班级代码', en: 'Class code', required: true },
    { key: 'name', zh: '班级名称', en: 'Class name', required: true },
    { key: 'majorCode', zh: '专业代码', en: 'Major code', required: true },
    { key: 'cohort', zh: '年级', en: 'Cohort', required: true },
  ],
};

export const importError = z.object({
  /** 1-based spreadsheet row number (the header is row 1). */
  row: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ImportError = z.infer<typeof importError>;

export const importResult = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  valid: z.number().int(),
  errors: z.array(importError),
  /** Filled on commit. */
  created: z.number().int().optional(),
  updated: z.number().int().optional(),
  /** Of `updated`: rows whose data was already identical (nothing written, no audit record). */
  unchanged: z.number().int().optional(),
  /** Detected text encoding of a CSV file (utf-8, gb18030 for GBK files, …). */
  encoding: z.string().optional(),
  /** Number of errors found; `errors` lists at most IMPORT_MAX_ERRORS of them. */
  errorCount: z.number().int().optional(),
  /** True when `errors` was cut at IMPORT_MAX_ERRORS. */
  truncated: z.boolean().optional(),
});
export type ImportResult = z.infer<typeof importResult>;

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback)
    .transform((v) => v === 'true' || v === '1');

export const importQuery = z.object({
  dryRun: flag('true'),
  /** With dryRun=false: validate now, write in a background job, answer 202 { jobId }. */
  async: flag('false'),
});

/** Answer of an asynchronous commit; poll GET /api/jobs/:id. */
export const importJobStarted = z.object({ jobId: z.number().int() });

/** At most this many row errors are listed in a result (the count is always exact). */
export const IMPORT_MAX_ERRORS = 1000;
