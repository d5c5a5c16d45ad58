import { z } from 'zod';
import { gender, roomFeature, roomType, studentStatus, teacherStatus, teacherTitle } from './org.ts';

// What each master-data resource returns (list rows, get, create, update):
// plain output types, no coercion or transforms, so the server's response
// serializer can check them and the OpenAPI document describes them. The
// joined display names (campusName …) and public codes are what lists,
// exports and imports show; `version` is the one an edit names.

const int = z.number().int();
const text = z.string();
const nullableText = z.string().nullable();

export const termItem = z.object({
  id: int,
  version: int,
  code: text,
  name: text,
  academicYear: text,
  semester: int,
  startDate: text,
  weeks: int,
  daysPerWeek: int,
  periodsPerDay: int,
  isCurrent: z.boolean(),
});
export const campusItem = z.object({ id: int, version: int, code: text, name: text, address: nullableText });
export const buildingItem = z.object({ id: int, version: int, code: text, name: text, campusId: int, campusName: text });
export const roomItem = z.object({
  id: int,
  version: int,
  code: text,
  name: text,
  buildingId: int,
  buildingName: text,
  buildingCode: text,
  campusId: int,
  campusName: text,
  type: roomType,
  capacity: int,
  examCapacity: int,
  features: z.array(roomFeature),
  unavailable: z.array(z.object({ day: int, fromPeriod: int, toPeriod: int })),
  isActive: z.boolean(),
});
export const collegeItem = z.object({ id: int, version: int, code: text, name: text, nameEn: nullableText });
export const departmentItem = z.object({ id: int, version: int, code: text, name: text, collegeId: int, collegeName: text });
export const majorItem = z.object({
  id: int,
  version: int,
  code: text,
  name: text,
  departmentId: int,
  departmentName: text,
  collegeId: int,
  collegeName: text,
  durationYears: int,
});
export const adminClassItem = z.object({
  id: int,
  version: int,
  code: text,
  name: text,
  majorId: int,
  majorName: text,
  majorCode: text,
  collegeId: int,
  collegeName: text,
  cohort: int,
  studentCount: int,
});
export const teacherItem = z.object({
  id: int,
  version: int,
  code: text,
  name: text,
  gender: gender.nullable(),
  departmentId: int,
  departmentName: text,
  departmentCode: text,
  collegeId: int,
  collegeName: text,
  title: teacherTitle.nullable(),
  email: nullableText,
  phone: nullableText,
  /** Masked (maskIdNumber) unless the caller manages this person. */
  idNumber: nullableText,
  status: teacherStatus,
});
export const studentItem = z.object({
  id: int,
  version: int,
  code: text,
  name: text,
  gender: gender.nullable(),
  adminClassId: int,
  adminClassName: text,
  adminClassCode: text,
  majorId: int,
  majorName: text,
  collegeId: int,
  collegeName: text,
  cohort: int,
  status: studentStatus,
  email: nullableText,
  phone: nullableText,
  /** Masked (maskIdNumber) unless the caller manages this person. */
  idNumber: nullableText,
});
