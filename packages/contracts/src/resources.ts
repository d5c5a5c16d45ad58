import type { EnumName } from './labels.ts';
import type { Permission } from './permissions.ts';

/**
 * Describes each organisation resource once, for the generic list/edit pages
 * of the web app, the export columns and the import templates. The zod
 * schemas in org.ts remain the source of validation.
 */
export type FieldKind = 'text' | 'number' | 'enum' | 'enumList' | 'ref' | 'date' | 'bool' | 'slots';

export interface FieldSpec {
  key: string;
  kind: FieldKind;
  enum?: EnumName;
  /** For kind `ref`: the resource the id points at, and the field holding its display name. */
  ref?: ResourceKey;
  display?: string;
  required?: boolean;
  /** Shown in the list table. */
  list?: boolean;
  sortable?: boolean;
  /** Offered as a list filter (query parameter with the same key). */
  filter?: boolean;
  /** Not editable (derived by the server). */
  readOnly?: boolean;
}

export const RESOURCE_KEYS = [
  'terms',
  'campuses',
  'buildings',
  'rooms',
  'colleges',
  'departments',
  'majors',
  'adminClasses',
  'teachers',
  'students',
] as const;
export type ResourceKey = (typeof RESOURCE_KEYS)[number];

export interface ResourceSpec {
  key: ResourceKey;
  /** URL path segment under /api. */
  path: string;
  read: Permission;
  manage: Permission;
  fields: FieldSpec[];
  /** Importable from CSV/XLSX (see IMPORT_COLUMNS). */
  importable?: boolean;
}

const codeName: FieldSpec[] = [
  { key: 'code', kind: 'text', required: true, list: true, sortable: true },
  { key: 'name', kind: 'text', required: true, list: true, sortable: true },
];

export const RESOURCES: Record<ResourceKey, ResourceSpec> = {
  terms: {
    key: 'terms', path: 'terms', read: 'org.read', manage: 'org.manage',
    fields: [
      ...codeName,
      { key: 'academicYear', kind: 'text', required: true, list: true, sortable: true, filter: true },
      { key: 'semester', kind: 'enum', enum: 'semester', required: true, list: true },
      { key: 'startDate', kind: 'date', required: true, list: true, sortable: true },
      { key: 'weeks', kind: 'number', required: true, list: true },
      { key: 'daysPerWeek', kind: 'number', required: true },
      { key: 'periodsPerDay', kind: 'number', required: true },
      { key: 'isCurrent', kind: 'bool', list: true },
    ],
  },
  campuses: {
    key: 'campuses', path: 'campuses', read: 'org.read', manage: 'org.manage',
    fields: [...codeName, { key: 'address', kind: 'text', list: true }],
  },
  buildings: {
    key: 'buildings', path: 'buildings', read: 'org.read', manage: 'org.manage',
    fields: [
      ...codeName,
      { key: 'campusId', kind: 'ref', ref: 'campuses', display: 'campusName', required: true, list: true, filter: true },
    ],
  },
  rooms: {
    key: 'rooms', path: 'rooms', read: 'org.read', manage: 'org.manage', importable: true,
    fields: [
      ...codeName,
      { key: 'campusId', kind: 'ref', ref: 'campuses', display: 'campusName', list: true, filter: true, readOnly: true },
      { key: 'buildingId', kind: 'ref', ref: 'buildings', display: 'buildingName', required: true, list: true, filter: true },
      { key: 'type', kind: 'enum', enum: 'roomType', required: true, list: true, filter: true, sortable: true },
      { key: 'capacity', kind: 'number', required: true, list: true, sortable: true },
      { key: 'examCapacity', kind: 'number', required: true, list: true, sortable: true },
      { key: 'features', kind: 'enumList', enum: 'roomFeature', list: true },
      { key: 'unavailable', kind: 'slots' },
      { key: 'isActive', kind: 'bool', list: true, filter: true },
    ],
  },
  colleges: {
    key: 'colleges', path: 'colleges', read: 'org.read', manage: 'org.manage',
    fields: [...codeName, { key: 'nameEn', kind: 'text', list: true }],
  },
  departments: {
    key: 'departments', path: 'departments', read: 'org.read', manage: 'org.manage',
    fields: [
      ...codeName,
      { key: 'collegeId', kind: 'ref', ref: 'colleges', display: 'collegeName', required: true, list: true, filter: true },
    ],
  },
  majors: {
    key: 'majors', path: 'majors', read: 'org.read', manage: 'org.manage',
    fields: [
      ...codeName,
      { key: 'collegeId', kind: 'ref', ref: 'colleges', display: 'collegeName', list: true, filter: true, readOnly: true },
      { key: 'departmentId', kind: 'ref', ref: 'departments', display: 'departmentName', required: true, list: true, filter: true },
      { key: 'durationYears', kind: 'number', required: true, list: true },
    ],
  },
  adminClasses: {
    key: 'adminClasses', path: 'admin-classes', read: 'org.read', manage: 'org.manage', importable: true,
    fields: [
      ...codeName,
      { key: 'collegeId', kind: 'ref', ref: 'colleges', display: 'collegeName', list: true, filter: true, readOnly: true },
      { key: 'majorId', kind: 'ref', ref: 'majors', display: 'majorName', required: true, list: true, filter: true },
      { key: 'cohort', kind: 'number', required: true, list: true, sortable: true, filter: true },
      { key: 'studentCount', kind: 'number', list: true, readOnly: true },
    ],
  },
  teachers: {
    key: 'teachers', path: 'teachers', read: 'teachers.read', manage: 'teachers.manage', importable: true,
    fields: [
      ...codeName,
      { key: 'gender', kind: 'enum', enum: 'gender', list: true },
      { key: 'collegeId', kind: 'ref', ref: 'colleges', display: 'collegeName', list: true, filter: true, readOnly: true },
      { key: 'departmentId', kind: 'ref', ref: 'departments', display: 'departmentName', required: true, list: true, filter: true },
      { key: 'title', kind: 'enum', enum: 'teacherTitle', list: true, filter: true },
      { key: 'email', kind: 'text' },
      { key: 'phone', kind: 'text' },
      { key: 'status', kind: 'enum', enum: 'teacherStatus', list: true, filter: true },
    ],
  },
  students: {
    key: 'students', path: 'students', read: 'students.read', manage: 'students.manage', importable: true,
    fields: [
      ...codeName,
      { key: 'gender', kind: 'enum', enum: 'gender', list: true },
      { key: 'collegeId', kind: 'ref', ref: 'colleges', display: 'collegeName', list: true, filter: true, readOnly: true },
      { key: 'majorId', kind: 'ref', ref: 'majors', display: 'majorName', list: true, filter: true, readOnly: true },
      { key: 'adminClassId', kind: 'ref', ref: 'adminClasses', display: 'adminClassName', required: true, list: true, filter: true },
      { key: 'cohort', kind: 'number', required: true, list: true, sortable: true, filter: true },
      { key: 'status', kind: 'enum', enum: 'studentStatus', list: true, filter: true, sortable: true },
      { key: 'email', kind: 'text' },
      { key: 'phone', kind: 'text' },
    ],
  },
};

/** Which query-string filters each list endpoint accepts (all optional). */
export function filterKeys(key: ResourceKey): string[] {
  return RESOURCES[key].fields.filter((f) => f.filter).map((f) => f.key);
}
