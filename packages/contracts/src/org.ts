import { z } from 'zod';
import { code, id, name, optionalText } from './common.ts';
import { idNumber } from './id-number.ts';

// ---------- enumerations (labels live in the i18n files, key `enum.<name>.<value>`) ----------
export const semester = z.coerce.number().int().min(1).max(3); // 1 秋季 autumn, 2 春季 spring, 3 夏季 summer
export const ROOM_TYPES = ['lecture', 'multimedia', 'lab', 'computer', 'gym'] as const;
export const roomType = z.enum(ROOM_TYPES);
export const ROOM_FEATURES = ['projector', 'air_conditioning', 'recording', 'smart_board', 'sound_system'] as const;
export const roomFeature = z.enum(ROOM_FEATURES);
export const GENDERS = ['male', 'female'] as const;
export const gender = z.enum(GENDERS);
export const TEACHER_TITLES = ['professor', 'associate_professor', 'lecturer', 'assistant', 'other'] as const;
export const teacherTitle = z.enum(TEACHER_TITLES);
export const TEACHER_STATUSES = ['active', 'retired', 'left'] as const;
export const teacherStatus = z.enum(TEACHER_STATUSES);
/** 学籍状态: 在读 / 休学 / 退学 / 毕业 / 转出 */
export const STUDENT_STATUSES = ['enrolled', 'suspended', 'withdrawn', 'graduated', 'transferred_out'] as const;
export const studentStatus = z.enum(STUDENT_STATUSES);

const isoDate = z.iso.date();
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time_format' });

/** A block of periods on one weekday when a room cannot be used. */
export const unavailableSlot = z
  .object({
    day: z.number().int().min(1).max(7),
    fromPeriod: z.number().int().min(1).max(20),
    toPeriod: z.number().int().min(1).max(20),
  })
  .refine((s) => s.toPeriod >= s.fromPeriod, { message: 'period_range', path: ['toPeriod'] });

// ---------- terms and the time grid ----------
export const termInput = z.object({
  code, // e.g. 2026-2027-1
  name,
  academicYear: z.string().regex(/^\d{4}-\d{4}$/, { message: 'academic_year_format' }),
  semester,
  startDate: isoDate,
  weeks: z.coerce.number().int().min(1).max(30),
  daysPerWeek: z.coerce.number().int().min(1).max(7).default(5),
  periodsPerDay: z.coerce.number().int().min(1).max(20).default(12),
  isCurrent: z.boolean().default(false),
});
export const term = termInput.extend({ id: z.number().int() });
export type Term = z.infer<typeof term>;

export const timePeriod = z
  .object({ period: z.number().int().min(1).max(20), startsAt: clock, endsAt: clock })
  .refine((p) => p.endsAt > p.startsAt, { message: 'time_range', path: ['endsAt'] });
/** The clock times of each period of a term (optionally per campus). */
export const timeGrid = z.object({
  termId: z.number().int(),
  campusId: z.number().int().nullable(),
  periods: z.array(timePeriod).max(20),
});
export type TimeGrid = z.infer<typeof timeGrid>;
export const timeGridInput = z.object({
  campusId: id.nullish(),
  periods: z.array(timePeriod).min(1).max(20),
});

// ---------- places ----------
export const campusInput = z.object({ code, name, address: optionalText });
export const campus = campusInput.extend({ id: z.number().int(), buildingCount: z.number().int().optional() });
export type Campus = z.infer<typeof campus>;

export const buildingInput = z.object({ code, name, campusId: id });
export const building = buildingInput.extend({ id: z.number().int(), campusName: z.string().optional() });
export type Building = z.infer<typeof building>;

export const roomInput = z.object({
  code,
  name,
  buildingId: id,
  type: roomType,
  capacity: z.coerce.number().int().min(0).max(5000),
  examCapacity: z.coerce.number().int().min(0).max(5000),
  features: z.array(roomFeature).default([]),
  unavailable: z.array(unavailableSlot).default([]),
  isActive: z.boolean().default(true),
});
export const room = roomInput.extend({
  id: z.number().int(),
  buildingName: z.string().optional(),
  campusId: z.number().int().optional(),
  campusName: z.string().optional(),
});
export type Room = z.infer<typeof room>;

// ---------- organisation ----------
export const collegeInput = z.object({ code, name, nameEn: z.string().trim().max(200).nullish() });
export const college = collegeInput.extend({ id: z.number().int() });
export type College = z.infer<typeof college>;

export const departmentInput = z.object({ code, name, collegeId: id });
export const department = departmentInput.extend({ id: z.number().int(), collegeName: z.string().optional() });
export type Department = z.infer<typeof department>;

export const majorInput = z.object({
  code,
  name,
  departmentId: id,
  durationYears: z.coerce.number().int().min(1).max(8).default(4),
});
export const major = majorInput.extend({
  id: z.number().int(),
  departmentName: z.string().optional(),
  collegeId: z.number().int().optional(),
  collegeName: z.string().optional(),
});
export type Major = z.infer<typeof major>;

/** 行政班 — the fixed class a student belongs to for the whole programme. */
export const adminClassInput = z.object({
  code,
  name,
  majorId: id,
  cohort: z.coerce.number().int().min(1990).max(2100),
});
export const adminClass = adminClassInput.extend({
  id: z.number().int(),
  majorName: z.string().optional(),
  collegeId: z.number().int().optional(),
  collegeName: z.string().optional(),
  studentCount: z.number().int().optional(),
});
export type AdminClass = z.infer<typeof adminClass>;

// ---------- people ----------
export const teacherInput = z.object({
  code, // 工号
  name,
  gender: gender.nullish(),
  departmentId: id,
  title: teacherTitle.nullish(),
  email: z.email().nullish(),
  phone: z.string().trim().max(32).nullish(),
  /** 证件号码 (see id-number.ts); personal data, masked wherever it is shown. */
  idNumber,
  status: teacherStatus.default('active'),
});
export const teacher = teacherInput.extend({
  id: z.number().int(),
  departmentName: z.string().optional(),
  collegeId: z.number().int().optional(),
  collegeName: z.string().optional(),
});
export type Teacher = z.infer<typeof teacher>;

export const studentInput = z.object({
  code, // 学号
  name,
  gender: gender.nullish(),
  adminClassId: id,
  cohort: z.coerce.number().int().min(1990).max(2100),
  status: studentStatus.default('enrolled'),
  email: z.email().nullish(),
  phone: z.string().trim().max(32).nullish(),
  /** 证件号码 (see id-number.ts); personal data, masked wherever it is shown. */
  idNumber,
});
export const student = studentInput.extend({
  id: z.number().int(),
  /** The major follows the admin class. */
  majorId: z.number().int(),
  majorName: z.string().optional(),
  adminClassName: z.string().optional(),
  adminClassCode: z.string().optional(),
  collegeId: z.number().int().optional(),
  collegeName: z.string().optional(),
});
export type Student = z.infer<typeof student>;
