import type { Locale, TimetableOwnerKind } from '@jiaowu/contracts';
import type { DataScope } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import type { LectureRowLike, TermFacts } from './term-facts.ts';

/** Whose timetable a request asks for (at most one of these). */
export interface OwnerParams {
  adminClassId?: number;
  teacherId?: number;
  roomId?: number;
  studentId?: number;
  collegeId?: number;
}

/** A resolved owner: who, their name, and which lectures are theirs. */
export interface TimetableOwner {
  kind: TimetableOwnerKind;
  id: number | null;
  name: string;
  has(lecture: LectureRowLike): boolean;
}

/** What the owner check needs to know beyond the term's facts (looked up by the service). */
export interface OwnerLookups {
  /** With the classes they are enrolled in this term (选课): theirs beside their admin class's. */
  student: { id: number; name: string; adminClassId: number; enrolledClassIds?: readonly number[] } | null;
  collegeName: string | null;
}

const notFound = () => new AppError('not_found');

/** A student's lectures: their admin class's classes and the classes they enrolled in. */
export function studentHas(facts: TermFacts, student: { adminClassId: number; enrolledClassIds?: readonly number[] }) {
  const enrolled = new Set(student.enrolledClassIds ?? []);
  return (l: { teachingClassId: number }) =>
    enrolled.has(l.teachingClassId) || (facts.classes.get(l.teachingClassId)?.adminClassIds.includes(student.adminClassId) ?? false);
}
const schoolName = (locale: Locale) => (locale === 'en' ? 'Whole school' : '全校');

/** The admin classes a teacher's teaching classes of the term reach. */
function classesTaughtBy(facts: TermFacts, teacherId: number): Set<number> {
  const out = new Set<number>();
  for (const c of facts.classes.values()) if (c.teacherIds.includes(teacherId)) for (const a of c.adminClassIds) out.add(a);
  return out;
}

/**
 * Resolves whose timetable is asked for and checks the caller may read it, in the data scope
 * of `timetable.read`: all (office, leader); their college (secretary); a teacher themself and
 * the admin classes and students they teach; a student themself. Anything else — an unknown
 * id or one outside the scope — is the same 404, so ids outside the scope leak nothing.
 * No owner: the caller's own timetable (student: their admin class; teacher: their lectures;
 * the office: the whole school; a secretary: their college).
 */
export function resolveOwner(
  scope: DataScope,
  self: { teacherId: number | null; studentId: number | null },
  params: OwnerParams,
  facts: TermFacts,
  lookups: OwnerLookups,
  locale: Locale,
): TimetableOwner {
  const given = (['adminClassId', 'teacherId', 'roomId', 'studentId', 'collegeId'] as const).filter((k) => params[k] !== undefined);
  if (given.length > 1) throw new AppError('validation_failed', { fields: given.slice(1).map((field) => ({ field, code: 'invalid' })) });
  const all = scope.kind === 'all';
  const colleges = scope.kind === 'some' ? scope.collegeIds : [];
  const teaching = scope.kind === 'some' ? scope.teachingTeacherId : null;
  const selfTeacher = scope.kind === 'some' ? scope.selfTeacherId : null;
  const selfStudent = scope.kind === 'some' ? scope.selfStudentId : null;
  const meTeacher = teaching ?? selfTeacher;

  const adminClassOwner = (id: number): TimetableOwner => {
    const a = facts.adminClasses.get(id);
    if (!a) throw notFound();
    const ok =
      all ||
      colleges.includes(a.collegeId) ||
      (teaching !== null && classesTaughtBy(facts, teaching).has(id)) ||
      (selfStudent !== null && lookups.student?.id === selfStudent && lookups.student.adminClassId === id);
    if (!ok) throw notFound();
    return { kind: 'admin_class', id, name: a.name, has: (l) => facts.classes.get(l.teachingClassId)?.adminClassIds.includes(id) ?? false };
  };
  const teacherOwner = (id: number): TimetableOwner => {
    const t = facts.teachers.get(id);
    if (!t) throw notFound();
    const ok = all || colleges.includes(t.collegeId) || meTeacher === id;
    if (!ok) throw notFound();
    return { kind: 'teacher', id, name: t.name, has: (l) => l.teacherIds.includes(id) };
  };

  if (params.adminClassId !== undefined) return adminClassOwner(params.adminClassId);
  if (params.teacherId !== undefined) return teacherOwner(params.teacherId);
  if (params.roomId !== undefined) {
    const r = facts.rooms.get(params.roomId);
    // Rooms are shared by every college: the office and the secretaries read their use.
    if (!r || !(all || colleges.length > 0)) throw notFound();
    const id = r.id;
    return { kind: 'room', id, name: r.name, has: (l) => l.roomId === id };
  }
  if (params.studentId !== undefined) {
    const s = lookups.student;
    if (!s || s.id !== params.studentId) throw notFound();
    const a = facts.adminClasses.get(s.adminClassId);
    const ok =
      all ||
      selfStudent === s.id ||
      (a !== undefined && colleges.includes(a.collegeId)) ||
      (teaching !== null && classesTaughtBy(facts, teaching).has(s.adminClassId));
    if (!ok) throw notFound();
    return { kind: 'student', id: s.id, name: s.name, has: studentHas(facts, s) };
  }
  if (params.collegeId !== undefined) {
    const id = params.collegeId;
    if (lookups.collegeName === null || !(all || colleges.includes(id))) throw notFound();
    return { kind: 'college', id, name: lookups.collegeName, has: (l) => facts.classes.get(l.teachingClassId)?.collegeId === id };
  }
  // No owner: the caller's own.
  if (selfStudent !== null && lookups.student?.id === selfStudent) {
    return { kind: 'student', id: selfStudent, name: lookups.student.name, has: studentHas(facts, lookups.student) };
  }
  if (all) return { kind: 'school', id: null, name: schoolName(locale), has: () => true };
  if (meTeacher !== null && self.teacherId === meTeacher) return teacherOwner(meTeacher);
  if (colleges.length > 0 && lookups.collegeName !== null) {
    const id = colleges[0];
    return { kind: 'college', id, name: lookups.collegeName, has: (l) => facts.classes.get(l.teachingClassId)?.collegeId === id };
  }
  throw notFound();
}
