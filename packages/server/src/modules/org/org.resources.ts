import { eq } from 'drizzle-orm';
import {
  adminClassResource as adminClassContract,
  buildingResource as buildingContract,
  campusResource as campusContract,
  collegeResource as collegeContract,
  departmentResource as departmentContract,
  majorResource as majorContract,
  roomResource as roomContract,
  studentResource as studentContract,
  teacherResource as teacherContract,
  termResource as termContract,
} from '@jiaowu/contracts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { defineResource } from '../../platform/crud/define-resource.ts';
import { scopeByColumns } from '../../platform/crud/resource.repository.ts';
import { AppError } from '../../platform/errors.ts';
import { adminClasses, buildings, campuses, colleges, departments, majors, rooms, students, teachers, terms } from './org.tables.ts';
import { adminClassStudentCount, classMajor, clearCurrentTerms } from './org.repository.ts';
import { studentTaughtBy } from '../offerings/offerings.read-model.ts';

// The server half of each organisation resource (the contract half is in
// @jiaowu/contracts): what a list shows (with joined names and the public
// codes imports and exports use), the columns of its filters and sorts, and
// which columns decide a user's data scope.

export const termResource = defineResource(termContract, {
  entity: 'terms',
  table: terms,
  selection: {
    id: terms.id,
    code: terms.code,
    name: terms.name,
    academicYear: terms.academicYear,
    semester: terms.semester,
    startDate: terms.startDate,
    weeks: terms.weeks,
    daysPerWeek: terms.daysPerWeek,
    periodsPerDay: terms.periodsPerDay,
    isCurrent: terms.isCurrent,
  },
  search: [terms.code, terms.name],
  filters: { academicYear: terms.academicYear },
  sorts: { code: terms.code, name: terms.name, academicYear: terms.academicYear, startDate: terms.startDate },
  defaultSort: terms.startDate,
  hooks: {
    // Only one current term: making one current clears the others in the same
    // transaction, each with its own audit record.
    async beforeWrite(tx, { actor, id, input }) {
      if (!input.isCurrent) return;
      const cleared = await clearCurrentTerms(tx, id);
      await writeAudit(
        tx,
        actor,
        cleared.map((t) => ({
          action: 'terms.update',
          entityType: 'terms',
          entityId: t.id,
          before: { code: t.code, isCurrent: true },
          after: { code: t.code, isCurrent: false, version: t.version },
        })),
      );
    },
  },
});

export const campusResource = defineResource(campusContract, {
  entity: 'campuses',
  table: campuses,
  selection: { id: campuses.id, code: campuses.code, name: campuses.name, address: campuses.address },
  search: [campuses.code, campuses.name],
  filters: {},
  sorts: { code: campuses.code, name: campuses.name },
  defaultSort: campuses.code,
});

export const buildingResource = defineResource(buildingContract, {
  entity: 'buildings',
  table: buildings,
  selection: { id: buildings.id, code: buildings.code, name: buildings.name, campusId: buildings.campusId, campusName: campuses.name },
  joins: [{ table: campuses, on: eq(campuses.id, buildings.campusId) }],
  search: [buildings.code, buildings.name],
  filters: { campusId: buildings.campusId },
  sorts: { code: buildings.code, name: buildings.name },
  defaultSort: buildings.code,
});

export const roomResource = defineResource(roomContract, {
  entity: 'rooms',
  table: rooms,
  selection: {
    id: rooms.id,
    code: rooms.code,
    name: rooms.name,
    buildingId: rooms.buildingId,
    buildingName: buildings.name,
    buildingCode: buildings.code,
    campusId: buildings.campusId,
    campusName: campuses.name,
    type: rooms.type,
    capacity: rooms.capacity,
    examCapacity: rooms.examCapacity,
    features: rooms.features,
    unavailable: rooms.unavailable,
    isActive: rooms.isActive,
  },
  joins: [
    { table: buildings, on: eq(buildings.id, rooms.buildingId) },
    { table: campuses, on: eq(campuses.id, buildings.campusId) },
  ],
  search: [rooms.code, rooms.name, buildings.name],
  filters: { buildingId: rooms.buildingId, campusId: buildings.campusId, type: rooms.type, isActive: rooms.isActive },
  sorts: { code: rooms.code, name: rooms.name, capacity: rooms.capacity, examCapacity: rooms.examCapacity, type: rooms.type },
  defaultSort: rooms.code,
});

export const collegeResource = defineResource(collegeContract, {
  entity: 'colleges',
  table: colleges,
  selection: { id: colleges.id, code: colleges.code, name: colleges.name, nameEn: colleges.nameEn },
  search: [colleges.code, colleges.name, colleges.nameEn],
  filters: {},
  sorts: { code: colleges.code, name: colleges.name },
  defaultSort: colleges.code,
});

export const departmentResource = defineResource(departmentContract, {
  entity: 'departments',
  table: departments,
  selection: {
    id: departments.id,
    code: departments.code,
    name: departments.name,
    collegeId: departments.collegeId,
    collegeName: colleges.name,
  },
  joins: [{ table: colleges, on: eq(colleges.id, departments.collegeId) }],
  search: [departments.code, departments.name],
  filters: { collegeId: departments.collegeId },
  sorts: { code: departments.code, name: departments.name },
  defaultSort: departments.code,
});

export const majorResource = defineResource(majorContract, {
  entity: 'majors',
  table: majors,
  selection: {
    id: majors.id,
    code: majors.code,
    name: majors.name,
    departmentId: majors.departmentId,
    departmentName: departments.name,
    collegeId: departments.collegeId,
    collegeName: colleges.name,
    durationYears: majors.durationYears,
  },
  joins: [
    { table: departments, on: eq(departments.id, majors.departmentId) },
    { table: colleges, on: eq(colleges.id, departments.collegeId) },
  ],
  search: [majors.code, majors.name],
  filters: { departmentId: majors.departmentId, collegeId: departments.collegeId },
  sorts: { code: majors.code, name: majors.name },
  defaultSort: majors.code,
});

export const adminClassResource = defineResource(adminClassContract, {
  entity: 'admin_classes',
  table: adminClasses,
  selection: {
    id: adminClasses.id,
    code: adminClasses.code,
    name: adminClasses.name,
    majorId: adminClasses.majorId,
    majorName: majors.name,
    majorCode: majors.code,
    collegeId: departments.collegeId,
    collegeName: colleges.name,
    cohort: adminClasses.cohort,
    studentCount: adminClassStudentCount,
  },
  joins: [
    { table: majors, on: eq(majors.id, adminClasses.majorId) },
    { table: departments, on: eq(departments.id, majors.departmentId) },
    { table: colleges, on: eq(colleges.id, departments.collegeId) },
  ],
  search: [adminClasses.code, adminClasses.name],
  filters: { majorId: adminClasses.majorId, collegeId: departments.collegeId, cohort: adminClasses.cohort },
  sorts: { code: adminClasses.code, name: adminClasses.name, cohort: adminClasses.cohort },
  defaultSort: adminClasses.code,
  scope: scopeByColumns({ college: departments.collegeId, department: majors.departmentId }),
});

export const teacherResource = defineResource(teacherContract, {
  entity: 'teachers',
  table: teachers,
  selection: {
    id: teachers.id,
    code: teachers.code,
    name: teachers.name,
    gender: teachers.gender,
    departmentId: teachers.departmentId,
    departmentName: departments.name,
    departmentCode: departments.code,
    collegeId: departments.collegeId,
    collegeName: colleges.name,
    title: teachers.title,
    email: teachers.email,
    phone: teachers.phone,
    idNumber: teachers.idNumber,
    status: teachers.status,
  },
  joins: [
    { table: departments, on: eq(departments.id, teachers.departmentId) },
    { table: colleges, on: eq(colleges.id, departments.collegeId) },
  ],
  search: [teachers.code, teachers.name],
  filters: { departmentId: teachers.departmentId, collegeId: departments.collegeId, title: teachers.title, status: teachers.status },
  sorts: { code: teachers.code, name: teachers.name, title: teachers.title },
  defaultSort: teachers.code,
  scope: scopeByColumns({ college: departments.collegeId, department: teachers.departmentId, teacher: teachers.id }),
  softDelete: teachers.deletedAt,
});

export const studentResource = defineResource(studentContract, {
  entity: 'students',
  table: students,
  selection: {
    id: students.id,
    code: students.code,
    name: students.name,
    gender: students.gender,
    adminClassId: students.adminClassId,
    adminClassName: adminClasses.name,
    adminClassCode: adminClasses.code,
    majorId: students.majorId,
    majorName: majors.name,
    collegeId: departments.collegeId,
    collegeName: colleges.name,
    cohort: students.cohort,
    status: students.status,
    email: students.email,
    phone: students.phone,
    idNumber: students.idNumber,
  },
  joins: [
    { table: adminClasses, on: eq(adminClasses.id, students.adminClassId) },
    { table: majors, on: eq(majors.id, students.majorId) },
    { table: departments, on: eq(departments.id, majors.departmentId) },
    { table: colleges, on: eq(colleges.id, departments.collegeId) },
  ],
  search: [students.code, students.name],
  filters: {
    adminClassId: students.adminClassId,
    majorId: students.majorId,
    collegeId: departments.collegeId,
    cohort: students.cohort,
    status: students.status,
  },
  sorts: { code: students.code, name: students.name, cohort: students.cohort, status: students.status },
  defaultSort: students.code,
  // Teaching scope: students the teacher's teaching classes reach (offerings' read model).
  scope: scopeByColumns({
    college: departments.collegeId,
    department: majors.departmentId,
    student: students.id,
    teaching: (t) => studentTaughtBy(t),
  }),
  softDelete: students.deletedAt,
  hooks: {
    // The major follows the admin class.
    async beforeWrite(tx, { input }) {
      if (input.adminClassId === undefined) return;
      const majorId = await classMajor(tx, input.adminClassId);
      if (majorId === null) {
        throw new AppError('reference_not_found', {
          params: { field: 'adminClassId' },
          fields: [{ field: 'adminClassId', code: 'reference_not_found', params: { value: input.adminClassId } }],
        });
      }
      return { majorId };
    },
  },
});

export const ORG_RESOURCES = [
  termResource,
  campusResource,
  buildingResource,
  roomResource,
  collegeResource,
  departmentResource,
  majorResource,
  adminClassResource,
  teacherResource,
  studentResource,
] as const;
