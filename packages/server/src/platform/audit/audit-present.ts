import {
  AUDIT_FIELD_LABELS,
  AUDIT_STATE_LABELS,
  DEFAULT_TIME_ZONE,
  ENUM_LABELS,
  FIELD_LABELS,
  RESOURCE_FIELD_LABELS,
  auditActionLabel,
  auditEntityLabel,
  maskIdNumber,
  type AuditChange,
  type AuditEntry,
  type EnumName,
  type Locale,
} from '@jiaowu/contracts';
import { formatDateTime } from '../time.ts';
import { refKey, type Names, type RefType } from './audit-names.ts';

/** A row of the log as the repository reads it. */
export type StoredEntry = Omit<AuditEntry, 'actorLabel' | 'actionLabel' | 'entityLabel' | 'entityName' | 'changes'>;

/** Fields that name other records by id. */
const REF_FIELDS: Record<string, RefType> = {
  termId: 'terms',
  fromTermId: 'terms',
  toTermId: 'terms',
  campusId: 'campuses',
  buildingId: 'buildings',
  roomId: 'rooms',
  collegeId: 'colleges',
  departmentId: 'departments',
  majorId: 'majors',
  adminClassId: 'admin_classes',
  adminClassIds: 'admin_classes',
  teacherId: 'teachers',
  teacherIds: 'teachers',
  studentId: 'students',
  courseId: 'courses',
  planId: 'curriculum_plans',
  teachingClassId: 'teaching_classes',
  sourceRequestId: 'course_requests',
  userId: 'users',
  fallbackUserIds: 'users',
  roleId: 'roles',
};

/** Entity types the page names by their own id (the record the entry is about). */
const NAMED_ENTITIES = new Set<string>([...Object.values(REF_FIELDS), 'course_requests', 'curriculum_plans', 'users', 'roles']);

/** Fields whose values are enumerations; `status` depends on what has it, `kind` is tried against each. */
const ENUM_FIELDS: Record<string, EnumName | EnumName[]> = {
  gender: 'gender',
  title: 'teacherTitle',
  features: 'roomFeature',
  roomType: 'roomType',
  roomFeatures: 'roomFeature',
  semester: 'semester',
  category: 'courseCategory',
  assessment: 'assessmentType',
  weekPattern: 'weekPattern',
  kind: ['timeWishKind', 'planGroupKind'],
  permission: 'permission',
  permissions: 'permission',
  scope: 'scope',
};
const STATUS_ENUM: Record<string, EnumName> = { students: 'studentStatus', teachers: 'teacherStatus', course_requests: 'requestStatus' };

/** Bookkeeping, not content: a version bump or a timestamp is not a change anyone made. */
const HIDDEN = new Set([
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'deletedAt',
  'weekMask',
  'workflowInstanceId',
  // Display copies the API adds beside ids (the ids are shown by name already).
  'applicantName',
  'adminClassCodes',
  'teachingClassCode',
  'instanceId',
  'taskId',
  'createdBy',
  // An approval's subject is named by its type (subjectType); its id would be a bare number.
  'subjectId',
]);

/**
 * A copy of another record's code or name kept beside its id (adminClassName
 * next to adminClassId): the id is shown by name already, so the copy would
 * only repeat the change.
 */
function isCopyOfRef(key: string, obj: Record<string, unknown>) {
  const m = /^(.+?)(Name|Code|NameEn)$/.exec(key);
  return !!m && `${m[1]}Id` in obj;
}

/** Inside a list item that points at a record ({ teacherId, share, code, name }), its code and name are copies too. */
const isCopyInItem = (key: string, obj: Record<string, unknown>) =>
  (key === 'code' || key === 'name') && Object.keys(obj).some((k) => k in REF_FIELDS);

const shown = (key: string, obj: Record<string, unknown>, nested = false) =>
  !HIDDEN.has(key) && !isCopyOfRef(key, obj) && !(nested && isCopyInItem(key, obj));

const asObject = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The field's words: the resource's own label, the shared one, or one of the audit-only fields. */
export function auditFieldLabel(entityType: string, field: string, locale: Locale): string {
  const l = RESOURCE_FIELD_LABELS[camel(entityType)]?.[field] ?? FIELD_LABELS[field] ?? AUDIT_FIELD_LABELS[field];
  return l?.[locale] ?? field;
}

/** Values that mean the same: 3 and "3.0", null and absent, objects whatever their key order. */
function canonical(v: unknown): unknown {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (Array.isArray(v)) return v.map(canonical);
  const o = asObject(v);
  if (o)
    return Object.fromEntries(
      Object.keys(o)
        .filter((k) => shown(k, o, true))
        .sort()
        .map((k) => [k, canonical(o[k])]),
    );
  return v;
}
export const sameValue = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** Runs of whole numbers read as ranges: weeks 1–16, not sixteen numbers. */
function ranges(ns: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ns.length;) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === ns[j] + 1) j++;
    out.push(j - i >= 2 ? `${ns[i]}–${ns[j]}` : ns.slice(i, j + 1).join(','));
    i = j + 1;
  }
  return out.join(',');
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/** 2026-09-07 08:00 in the school's time zone (the setting), one format in both languages. */
function formatInstant(iso: string, timeZone: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatDateTime(d, timeZone);
}

interface Ctx {
  entityType: string;
  names: Names;
  locale: Locale;
  timeZone: string;
}

/** One value in words: names behind ids, enumerations translated, lists and objects spelt out, never JSON. */
export function formatValue(field: string, v: unknown, ctx: Ctx): string | null {
  const { locale } = ctx;
  const sep = locale === 'en' ? ', ' : '、';
  if (v === undefined || v === null || v === '') return null;
  // Personal data: an audit reader sees that the number changed, never the number.
  if (field === 'idNumber' && typeof v === 'string') return maskIdNumber(v);
  if (Array.isArray(v)) {
    if (!v.length) return null;
    if (field === 'weeks' && v.every((n) => Number.isInteger(n))) return ranges(v as number[]);
    const parts = v.map((x) => formatValue(field, x, ctx)).filter((x): x is string => x !== null);
    return parts.join(asObject(v[0]) ? (locale === 'en' ? '; ' : '；') : sep);
  }
  const o = asObject(v);
  if (o) {
    const parts = Object.keys(o)
      .filter((k) => shown(k, o, true))
      .map((k) => {
        const value = formatValue(k, o[k], ctx);
        // A record in a list item speaks for itself (张伟（T001），学时比例：60), without "教师：".
        if (value === null || k in REF_FIELDS) return value;
        return `${auditFieldLabel(ctx.entityType, k, locale)}${locale === 'en' ? ': ' : '：'}${value}`;
      })
      .filter((x): x is string => x !== null);
    return parts.join(locale === 'en' ? ', ' : '，');
  }
  const ref = REF_FIELDS[field];
  if (ref) return ctx.names.get(refKey(ref, v)) ?? `${auditEntityLabel(ref, locale)} ${String(v)}`;
  const enums =
    field === 'status' ? STATUS_ENUM[ctx.entityType] : field === 'type' && ctx.entityType === 'rooms' ? 'roomType' : ENUM_FIELDS[field];
  for (const name of [enums ?? []].flat()) {
    const label = (ENUM_LABELS[name] as Record<string, Record<Locale, string>>)[String(v)];
    if (label) return label[locale];
  }
  // An instant (lockedUntil, expiresAt): a date and time in the school's zone, never ISO text.
  if (typeof v === 'string' && ISO_INSTANT.test(v)) return formatInstant(v, ctx.timeZone);
  if (field === 'state' && AUDIT_STATE_LABELS[String(v)]) return AUDIT_STATE_LABELS[String(v)][locale];
  // An approval flow and its subject are keyed by the subject's type in the singular (course_request).
  if ((field === 'flowKey' || field === 'subjectType') && typeof v === 'string') return auditEntityLabel(`${v}s`, locale);
  if (typeof v === 'boolean') return v ? (locale === 'en' ? 'Yes' : '是') : locale === 'en' ? 'No' : '否';
  return String(v);
}

/**
 * The fields an entry changed. An update lists the fields whose value differs
 * (a field missing from the after-snapshot is not known to have changed); a
 * create lists what was set, a delete what was removed.
 */
export function changesOf(
  entityType: string,
  before: unknown,
  after: unknown,
  names: Names,
  locale: Locale,
  timeZone = DEFAULT_TIME_ZONE,
): AuditChange[] {
  const b = asObject(before);
  const a = asObject(after);
  const ctx = { entityType, names, locale, timeZone };
  const keys = a ? Object.keys(a).filter((k) => shown(k, a)) : b ? Object.keys(b).filter((k) => shown(k, b)) : [];
  const out: AuditChange[] = [];
  for (const field of keys) {
    const old = b?.[field];
    const now = a?.[field];
    if (b && a && sameValue(old, now)) continue;
    const change = {
      field,
      label: auditFieldLabel(entityType, field, locale),
      before: formatValue(field, old, ctx),
      after: formatValue(field, now, ctx),
    };
    if (change.before === null && change.after === null) continue;
    out.push(change);
  }
  return out;
}

/** The ids a page of entries points at, per entity type: resolved in one batch. */
export function refsOf(entries: StoredEntry[]): Map<RefType, Set<number>> {
  const wanted = new Map<RefType, Set<number>>();
  const add = (t: RefType, id: unknown) => {
    const n = Number(id);
    if (!Number.isInteger(n)) return;
    if (!wanted.has(t)) wanted.set(t, new Set());
    wanted.get(t)!.add(n);
  };
  const walk = (field: string, v: unknown) => {
    if (Array.isArray(v)) return v.forEach((x) => walk(field, x));
    const o = asObject(v);
    if (o) return Object.entries(o).forEach(([k, x]) => walk(k, x));
    if (REF_FIELDS[field] && v != null) add(REF_FIELDS[field], v);
  };
  for (const e of entries) {
    walk('', e.before);
    walk('', e.after);
    if (e.entityId && NAMED_ENTITIES.has(e.entityType)) add(e.entityType as RefType, e.entityId);
    if (e.actorKind === 'user' && e.actorId) add('users', e.actorId);
  }
  return wanted;
}

/**
 * A stored snapshot as the API returns it: every `idNumber` (证件号码, personal data) masked, at
 * any depth. The records themselves keep it, so a change of number is still seen as a change.
 */
export function maskSnapshot(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(maskSnapshot);
  const o = asObject(v);
  if (!o) return v;
  return Object.fromEntries(
    Object.entries(o).map(([k, x]) => [k, k === 'idNumber' && typeof x === 'string' ? maskIdNumber(x) : maskSnapshot(x)]),
  );
}

/** A page of stored entries in words. */
export function presentEntries(entries: StoredEntry[], names: Names, locale: Locale, timeZone = DEFAULT_TIME_ZONE): AuditEntry[] {
  const actorLabel = (e: StoredEntry) => {
    if (e.actorKind === 'system') return locale === 'en' ? 'System' : '系统';
    if (e.actorKind === 'token') return e.actorName?.replace(/^token:/, '') ?? null;
    return (e.actorId ? names.get(refKey('users', e.actorId)) : undefined) ?? e.actorName;
  };
  return entries.map((e) => ({
    ...e,
    before: maskSnapshot(e.before),
    after: maskSnapshot(e.after),
    actorLabel: actorLabel(e),
    actionLabel: auditActionLabel(e.action, locale),
    entityLabel: auditEntityLabel(e.entityType, locale),
    entityName: e.entityId ? (names.get(refKey(e.entityType, e.entityId)) ?? null) : null,
    changes: changesOf(e.entityType, e.before, e.after, names, locale, timeZone),
  }));
}
