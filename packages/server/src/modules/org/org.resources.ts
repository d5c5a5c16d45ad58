import { eq, sql } from 'drizzle-orm';
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
} from '@jiaowu/contracts';
import type { ResourceDef } from '../../platform/crud/resource.types.ts';
import { AppError } from '../../platform/errors.ts';
import { patchSchema } from '../../platform/validation.ts';
import { adminClasses, buildings, campuses, colleges, departments, majors, rooms, students, teachers, terms } from './org.tables.ts';
import { classMajor } from './org.repository.ts';
import { studentTaughtBy } from '../offerings/offerings.read-model.ts';

// Each organisation resource, declared once: what a list shows (with joined
// names and the public codes imports and exports use), what it filters and
// sorts on, and which columns decide a user's data scope.

export const termResource: ResourceDef = {
  key: 'terms', entity: 'terms', table: terms, read: 'org.read', manage: 'org.manage',
  selection: {
    id: terms.id, code: terms.code, name: terms.name, academicYear: terms.academicYear, semester: terms.semester,
    startDate: terms.startDate, weeks: terms.weeks, daysPerWeek: terms.daysPerWeek, periodsPerDay: terms.periodsPerDay,
    isCurrent: terms.isCurrent,
  },
  search: [terms.code, terms.name],
  filters: { academicYear: terms.academicYear },
  sorts: { code: terms.code, name: terms.name, academicYear: terms.academicYear, startDate: terms.startDate },
  defaultSort: terms.startDate,
  input: termInput, update: patchSchema(termInput),
  toRow: async (tx, input) => {
    // Only one current term: setting one clears the others in the same transaction.
    // The lock makes two concurrent "make current" writes take turns; otherwise
    // each clears the old current term and both new ones stay current.
    if (input.isCurrent) {
      await tx.execute(sql`lock table ${terms} in share row exclusive mode`);
      await tx.update(terms).set({ isCurrent: false }).where(eq(terms.isCurrent, true));
    }
    return input;
  },
};

export const campusResource: ResourceDef = {
  key: 'campuses', entity: 'campuses', table: campuses, read: 'org.read', manage: 'org.manage',
  selection: { id: campuses.id, code: campuses.code, name: campuses.name, address: campuses.address },
  search: [campuses.code, campuses.name],
  filters: {},
  sorts: { code: campuses.code, name: campuses.name },
  defaultSort: campuses.code,
  input: campusInput, update: patchSchema(campusInput),
};

export const buildingResource: ResourceDef = {
  key: 'buildings', entity: 'buildings', table: buildings, read: 'org.read', manage: 'org.manage',
  selection: { id: buildings.id, code: buildings.code, name: buildings.name, campusId: buildings.campusId, campusName: campuses.name },
  joins: (qb) => qb.innerJoin(campuses, eq(campuses.id, buildings.campusId)),
  search: [buildings.code, buildings.name],
  filters: { campusId: buildings.campusId },
  sorts: { code: buildings.code, name: buildings.name },
  defaultSort: buildings.code,
  input: buildingInput, update: patchSchema(buildingInput),
  refFields: { campus: 'campusId' },
};

export const roomResource: ResourceDef = {
  key: 'rooms', entity: 'rooms', table: rooms, read: 'org.read', manage: 'org.manage',
  selection: {
    id: rooms.id, code: rooms.code, name: rooms.name, buildingId: rooms.buildingId, buildingName: buildings.name,
    buildingCode: buildings.code, campusId: buildings.campusId, campusName: campuses.name, type: rooms.type,
    capacity: rooms.capacity, examCapacity: rooms.examCapacity, features: rooms.features, unavailable: rooms.unavailable,
    isActive: rooms.isActive,
  },
  joins: (qb) => qb.innerJoin(buildings, eq(buildings.id, rooms.buildingId)).innerJoin(campuses, eq(campuses.id, buildings.campusId)),
  search: [rooms.code, rooms.name, buildings.name],
  filters: { buildingId: rooms.buildingId, campusId: buildings.campusId, type: rooms.type, isActive: rooms.isActive },
  sorts: { code: rooms.code, name: rooms.name, capacity: rooms.capacity, examCapacity: rooms.examCapacity, type: rooms.type },
  defaultSort: rooms.code,
  input: roomInput, update: patchSchema(roomInput),
  refFields: { building: 'buildingId' },
};

export const collegeResource: ResourceDef = {
  key: 'colleges', entity: 'colleges', table: colleges, read: 'org.read', manage: 'org.manage',
  selection: { id: colleges.id, code: colleges.code, name: colleges.name, nameEn: colleges.nameEn },
  search: [colleges.code, colleges.name, colleges.nameEn],
  filters: {},
  sorts: { code: colleges.code, name: colleges.name },
  defaultSort: colleges.code,
  input: collegeInput, update: patchSchema(collegeInput),
};

export const departmentResource: ResourceDef = {
  key: 'departments', entity: 'departments', table: departments, read: 'org.read', manage: 'org.manage',
  selection: { id: departments.id, code: departments.code, name: departments.name, collegeId: departments.collegeId, collegeName: colleges.name },
  joins: (qb) => qb.innerJoin(colleges, eq(colleges.id, departments.collegeId)),
  search: [departments.code, departments.name],
  filters: { collegeId: departments.collegeId },
  sorts: { code: departments.code, name: departments.name },
  defaultSort: departments.code,
  input: departmentInput, update: patchSchema(departmentInput),
  refFields: { college: 'collegeId' },
};

export const majorResource: ResourceDef = {
  key: 'majors', entity: 'majors', table: majors, read: 'org.read', manage: 'org.manage',
  selection: {
    id: majors.id, code: majors.code, name: majors.name, departmentId: majors.departmentId, departmentName: departments.name,
    collegeId: departments.collegeId, collegeName: colleges.name, durationYears: majors.durationYears,
  },
  joins: (qb) => qb.innerJoin(departments, eq(departments.id, majors.departmentId)).innerJoin(colleges, eq(colleges.id, departments.collegeId)),
  search: [majors.code, majors.name],
  filters: { departmentId: majors.departmentId, collegeId: departments.collegeId },
  sorts: { code: majors.code, name: majors.name },
  defaultSort: majors.code,
  input: majorInput, update: patchSchema(majorInput),
  refFields: { department: 'departmentId' },
};

const classStudentCount = sql<number>`(select count(*)::int from ${students} s where s.admin_class_id = ${adminClasses.id} and s.deleted_at is null)`;

export const adminClassResource: ResourceDef = {
  key: 'adminClasses', entity: 'admin_classes', table: adminClasses, read: 'org.read', manage: 'org.manage',
  selection: {
    id: adminClasses.id, code: adminClasses.code, name: adminClasses.name, majorId: adminClasses.majorId, majorName: majors.name,
    majorCode: majors.code, collegeId: departments.collegeId, collegeName: colleges.name, cohort: adminClasses.cohort,
    studentCount: classStudentCount.as('student_count'),
  },
  joins: (qb) =>
    qb.innerJoin(majors, eq(majors.id, adminClasses.majorId))
      .innerJoin(departments, eq(departments.id, majors.departmentId))
      .innerJoin(colleges, eq(colleges.id, departments.collegeId)),
  search: [adminClasses.code, adminClasses.name],
  filters: { majorId: adminClasses.majorId, collegeId: departments.collegeId, cohort: adminClasses.cohort },
  sorts: { code: adminClasses.code, name: adminClasses.name, cohort: adminClasses.cohort },
  defaultSort: adminClasses.code,
  scope: { college: departments.collegeId, department: majors.departmentId },
  input: adminClassInput, update: patchSchema(adminClassInput),
  refFields: { major: 'majorId' },
};

export const teacherResource: ResourceDef = {
  key: 'teachers', entity: 'teachers', table: teachers, read: 'teachers.read', manage: 'teachers.manage',
  selection: {
    id: teachers.id, code: teachers.code, name: teachers.name, gender: teachers.gender, departmentId: teachers.departmentId,
    departmentName: departments.name, departmentCode: departments.code, collegeId: departments.collegeId, collegeName: colleges.name,
    title: teachers.title, email: teachers.email, phone: teachers.phone, status: teachers.status,
  },
  joins: (qb) => qb.innerJoin(departments, eq(departments.id, teachers.departmentId)).innerJoin(colleges, eq(colleges.id, departments.collegeId)),
  search: [teachers.code, teachers.name],
  filters: { departmentId: teachers.departmentId, collegeId: departments.collegeId, title: teachers.title, status: teachers.status },
  sorts: { code: teachers.code, name: teachers.name, title: teachers.title },
  defaultSort: teachers.code,
  scope: { college: departments.collegeId, department: teachers.departmentId, teacher: teachers.id },
  softDelete: teachers.deletedAt,
  input: teacherInput, update: patchSchema(teacherInput),
  refFields: { department: 'departmentId' },
};

export const studentResource: ResourceDef = {
  key: 'students', entity: 'students', table: students, read: 'students.read', manage: 'students.manage',
  selection: {
    id: students.id, code: students.code, name: students.name, gender: students.gender, adminClassId: students.adminClassId,
    adminClassName: adminClasses.name, adminClassCode: adminClasses.code, majorId: students.majorId, majorName: majors.name,
    collegeId: departments.collegeId, collegeName: colleges.name, cohort: students.cohort, status: students.status,
    email: students.email, phone: students.phone,
  },
  joins: (qb) =>
    qb.innerJoin(adminClasses, eq(adminClasses.id, students.adminClassId))
      .innerJoin(majors, eq(majors.id, students.majorId))
      .innerJoin(departments, eq(departments.id, majors.departmentId))
      .innerJoin(colleges, eq(colleges.id, departments.collegeId)),
  search: [students.code, students.name],
  filters: {
    adminClassId: students.adminClassId, majorId: students.majorId, collegeId: departments.collegeId,
    cohort: students.cohort, status: students.status,
  },
  sorts: { code: students.code, name: students.name, cohort: students.cohort, status: students.status },
  defaultSort: students.code,
  // Teaching scope: students the teacher's teaching classes reach (offerings' read model).
  scope: { college: departments.collegeId, department: majors.departmentId, student: students.id, teaching: (t) => studentTaughtBy(t) },
  softDelete: students.deletedAt,
  input: studentInput, update: patchSchema(studentInput),
  refFields: { admin_class: 'adminClassId' },
  toRow: async (tx, input) => {
    if (input.adminClassId === undefined) return input;
    const majorId = await classMajor(tx, Number(input.adminClassId));
    if (majorId === null) {
      throw new AppError('reference_not_found', {
        params: { field: 'adminClassId' },
        fields: [{ field: 'adminClassId', code: 'reference_not_found', params: { value: input.adminClassId } }],
      });
    }
    return { ...input, majorId };
  },
};

export const ORG_RESOURCES = [
  termResource, campusResource, buildingResource, roomResource, collegeResource,
  departmentResource, majorResource, adminClassResource, teacherResource, studentResource,
];
