import {
  adminClassInput,
  buildingInput,
  campusInput,
  collegeInput,
  departmentInput,
  majorInput,
  roomInput,
  studentInput,
  teacherInput,
  termInput,
} from './org.ts';
import { defineResource, type FieldSpec } from './resource-define.ts';
import {
  adminClassItem,
  buildingItem,
  campusItem,
  collegeItem,
  departmentItem,
  majorItem,
  roomItem,
  studentItem,
  teacherItem,
  termItem,
} from './resource-items.ts';

export { defineResource, version, type FieldKind, type FieldSpec, type ResourceContract } from './resource-define.ts';

/**
 * Each organisation resource, declared once (defineResource): fields, create
 * and update schemas, the item it returns, list filters and sorts. The server
 * adds table, joins and scope (server `defineResource`); the web's list,
 * filters and forms, the export columns and the import templates read it.
 */
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

/** The code and name fields every resource has; `example` is a code of the demo school's form. */
const codeName = (example: string) =>
  [
    { key: 'code', kind: 'text', required: true, list: true, placeholder: example },
    { key: 'name', kind: 'text', required: true, list: true },
  ] as const satisfies FieldSpec<'code' | 'name'>[];

export const termResource = defineResource({
  key: 'terms',
  path: 'terms',
  read: 'org.read',
  manage: 'org.manage',
  input: termInput,
  item: termItem,
  fields: [
    ...codeName('2026-2027-1'),
    { key: 'academicYear', kind: 'text', required: true, list: true, placeholder: '2026-2027' },
    { key: 'semester', kind: 'enum', enum: 'semester', required: true, list: true },
    { key: 'startDate', kind: 'date', required: true, list: true, placeholder: '2026-09-07' },
    { key: 'weeks', kind: 'number', required: true, list: true, placeholder: '18' },
    { key: 'daysPerWeek', kind: 'number', required: true, placeholder: '5' },
    { key: 'periodsPerDay', kind: 'number', required: true, placeholder: '12' },
    { key: 'isCurrent', kind: 'bool', list: true },
  ],
  filters: ['academicYear'],
  sorts: ['code', 'name', 'academicYear', 'startDate'],
});

export const campusResource = defineResource({
  key: 'campuses',
  path: 'campuses',
  read: 'org.read',
  manage: 'org.manage',
  input: campusInput,
  item: campusItem,
  fields: [...codeName('C1'), { key: 'address', kind: 'text', list: true }],
  filters: [],
  sorts: ['code', 'name'],
});

export const buildingResource = defineResource({
  key: 'buildings',
  path: 'buildings',
  read: 'org.read',
  manage: 'org.manage',
  input: buildingInput,
  item: buildingItem,
  fields: [...codeName('A'), { key: 'campusId', kind: 'ref', ref: 'campuses', display: 'campusName', required: true, list: true }],
  filters: ['campusId'],
  sorts: ['code', 'name'],
});

export const roomResource = defineResource({
  key: 'rooms',
  path: 'rooms',
  read: 'org.read',
  manage: 'org.manage',
  importable: true,
  input: roomInput,
  item: roomItem,
  fields: [
    ...codeName('A101'),
    { key: 'campusId', kind: 'ref', ref: 'campuses', display: 'campusName', list: true, readOnly: true },
    { key: 'buildingId', kind: 'ref', ref: 'buildings', display: 'buildingName', required: true, list: true },
    { key: 'type', kind: 'enum', enum: 'roomType', required: true, list: true },
    { key: 'capacity', kind: 'number', required: true, list: true, placeholder: '60' },
    { key: 'examCapacity', kind: 'number', required: true, list: true, placeholder: '30' },
    { key: 'features', kind: 'enumList', enum: 'roomFeature', list: true },
    { key: 'unavailable', kind: 'slots' },
    { key: 'isActive', kind: 'bool', list: true },
  ],
  filters: ['buildingId', 'campusId', 'type', 'isActive'],
  sorts: ['code', 'name', 'capacity', 'examCapacity', 'type'],
});

export const collegeResource = defineResource({
  key: 'colleges',
  path: 'colleges',
  read: 'org.read',
  manage: 'org.manage',
  input: collegeInput,
  item: collegeItem,
  fields: [...codeName('01'), { key: 'nameEn', kind: 'text', list: true }],
  filters: [],
  sorts: ['code', 'name'],
});

export const departmentResource = defineResource({
  key: 'departments',
  path: 'departments',
  read: 'org.read',
  manage: 'org.manage',
  input: departmentInput,
  item: departmentItem,
  fields: [...codeName('0101'), { key: 'collegeId', kind: 'ref', ref: 'colleges', display: 'collegeName', required: true, list: true }],
  filters: ['collegeId'],
  sorts: ['code', 'name'],
});

export const majorResource = defineResource({
  key: 'majors',
  path: 'majors',
  read: 'org.read',
  manage: 'org.manage',
  input: majorInput,
  item: majorItem,
  fields: [
    ...codeName('080901'),
    { key: 'collegeId', kind: 'ref', ref: 'colleges', display: 'collegeName', list: true, readOnly: true },
    { key: 'departmentId', kind: 'ref', ref: 'departments', display: 'departmentName', required: true, list: true },
    { key: 'durationYears', kind: 'number', required: true, list: true, placeholder: '4' },
  ],
  filters: ['departmentId', 'collegeId'],
  sorts: ['code', 'name'],
});

export const adminClassResource = defineResource({
  key: 'adminClasses',
  path: 'admin-classes',
  read: 'org.read',
  manage: 'org.manage',
  importable: true,
  input: adminClassInput,
  item: adminClassItem,
  fields: [
    ...codeName('CS2401'),
    { key: 'collegeId', kind: 'ref', ref: 'colleges', display: 'collegeName', list: true, readOnly: true },
    { key: 'majorId', kind: 'ref', ref: 'majors', display: 'majorName', required: true, list: true },
    { key: 'cohort', kind: 'number', required: true, list: true, placeholder: '2024' },
    { key: 'studentCount', kind: 'number', list: true, readOnly: true },
  ],
  filters: ['majorId', 'collegeId', 'cohort'],
  sorts: ['code', 'name', 'cohort'],
});

export const teacherResource = defineResource({
  key: 'teachers',
  path: 'teachers',
  read: 'teachers.read',
  manage: 'teachers.manage',
  importable: true,
  input: teacherInput,
  item: teacherItem,
  fields: [
    ...codeName('T20100001'),
    { key: 'gender', kind: 'enum', enum: 'gender', list: true },
    { key: 'collegeId', kind: 'ref', ref: 'colleges', display: 'collegeName', list: true, readOnly: true },
    { key: 'departmentId', kind: 'ref', ref: 'departments', display: 'departmentName', required: true, list: true },
    { key: 'title', kind: 'enum', enum: 'teacherTitle', list: true },
    { key: 'email', kind: 'text', placeholder: 'name@example.edu.cn' },
    { key: 'phone', kind: 'text', placeholder: '13800138000' },
    { key: 'idNumber', kind: 'text', sensitive: true, placeholder: '110105198001010024' },
    { key: 'status', kind: 'enum', enum: 'teacherStatus', list: true },
  ],
  filters: ['departmentId', 'collegeId', 'title', 'status'],
  sorts: ['code', 'name', 'title'],
});

export const studentResource = defineResource({
  key: 'students',
  path: 'students',
  read: 'students.read',
  manage: 'students.manage',
  importable: true,
  input: studentInput,
  item: studentItem,
  fields: [
    ...codeName('2024010101'),
    { key: 'gender', kind: 'enum', enum: 'gender', list: true },
    { key: 'collegeId', kind: 'ref', ref: 'colleges', display: 'collegeName', list: true, readOnly: true },
    { key: 'majorId', kind: 'ref', ref: 'majors', display: 'majorName', list: true, readOnly: true },
    { key: 'adminClassId', kind: 'ref', ref: 'adminClasses', display: 'adminClassName', required: true, list: true },
    { key: 'cohort', kind: 'number', required: true, list: true, placeholder: '2024' },
    { key: 'status', kind: 'enum', enum: 'studentStatus', list: true },
    { key: 'email', kind: 'text', placeholder: 'name@example.edu.cn' },
    { key: 'phone', kind: 'text', placeholder: '13800138000' },
    { key: 'idNumber', kind: 'text', sensitive: true, placeholder: '110105200601010028' },
  ],
  filters: ['adminClassId', 'majorId', 'collegeId', 'cohort', 'status'],
  sorts: ['code', 'name', 'cohort', 'status'],
});

export const RESOURCES = {
  terms: termResource,
  campuses: campusResource,
  buildings: buildingResource,
  rooms: roomResource,
  colleges: collegeResource,
  departments: departmentResource,
  majors: majorResource,
  adminClasses: adminClassResource,
  teachers: teacherResource,
  students: studentResource,
} satisfies Record<ResourceKey, { key: ResourceKey }>;

/** A resource contract viewed without its specific types (generic pages, exports, templates). */
export type ResourceSpec = Pick<(typeof RESOURCES)[ResourceKey], 'key' | 'path' | 'read' | 'manage' | 'importable'> & {
  fields: FieldSpec[];
};

/** Which query-string filters each list endpoint accepts (all optional). */
export function filterKeys(key: ResourceKey): string[] {
  return [...RESOURCES[key].filters];
}
