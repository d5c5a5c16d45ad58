import {
  creditLimits as creditLimitsSchema,
  RETAKE_MODES,
  retakeMode as retakeModeSchema,
  roundScope,
  selectionMode,
  staggeredOpening,
  type PrerequisiteExpr,
  type RetakeMode,
} from '@jiaowu/contracts';
import { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { findCourseNamesByCodes, findCourseSelectionFacts } from '../catalog/catalog.read-model.ts';
import { findTeachingClassesByIds } from '../offerings/offerings.read-model.ts';
import { findOrgNames, findStudentSelectionFacts } from '../org/org.read-model.ts';
import type { VersionLecture } from '../timetable/versions.repository.ts';
import type { ClassName, DropContext, EnrolmentContext, ReservedBucket, RuleEnrolment, RuleRound, RuleStudent } from './core/rules.ts';
import * as repo from './selection.repository.ts';
import type { SelectionRoundRow } from './selection.repository.ts';

/**
 * What the enrolment transaction reads (under the student's lock) and how it becomes the rule
 * checker's input. `readSnapshot` does the reading; `contextOf` / `dropContextOf` are pure, so
 * core/rules.ts stays free of the database and the class list can build the same context.
 */

/** A teaching class with its course facts and its lectures in the published timetable. */
export interface SnapshotClass {
  teachingClassId: number;
  termId: number;
  classCode: string;
  courseId: number;
  course: {
    code: string;
    name: string;
    nameEn: string | null;
    /** Exact decimal text, as the catalog stores it ("3.0"). */
    credits: string;
    category: string;
    prerequisites: PrerequisiteExpr | null;
  };
  lectures: VersionLecture[];
  teacherIds: number[];
  /** A PE section for one gender only; null: both. */
  genderRestriction: 'male' | 'female' | null;
  /** 重修班: only for students retaking the course. */
  isRetakeClass: boolean;
}

export interface SnapshotEnrolment extends SnapshotClass {
  enrolmentId: number;
  isRetake: boolean;
  retakeMode: RetakeMode | null;
  isFixed: boolean;
}

/** Everything the checker may rule on for one request, read after the student's lock is held. */
export interface EnrolmentSnapshot {
  at: Date;
  round: SelectionRoundRow;
  student: NonNullable<Awaited<ReturnType<typeof findStudentSelectionFacts>>>;
  /** Codes of the courses the student passed (prerequisites and "already passed" are by code). */
  passedCourseCodes: string[];
  /** Courses the student failed and has not passed since (a retake 重修 of them is allowed). */
  failedCourseIds: number[];
  /** An approved credit-limit raise 超学分申请 of this round: replaces the round's maximum. */
  approvedMaxCredits: number | null;
  /** The student's enrolled classes of the term, oldest first. */
  enrolled: SnapshotEnrolment[];
  target: SnapshotClass & {
    inRound: boolean;
    /**
     * The seat row; null when the class has none (it then has no seat to give). `enrolled`
     * counts the seats held back for a random-window release too: nobody may take those.
     */
    seats: { capacity: number; enrolled: number } | null;
    reserved: ReservedBucket[];
    /** Names of the courses the target's prerequisites mention, by code. */
    prerequisiteNames: Record<string, { name: string; nameEn: string | null }>;
  };
  holds: { id: number; reason: string; source: string }[];
  /** Courses dropped in this round (the no-reselect rule), swaps excepted. */
  droppedCourseIdsInRound: number[];
}

/** The class as the checker and the words name it. */
export const classNameOf = (c: SnapshotClass): ClassName => ({
  teachingClassId: c.teachingClassId,
  code: c.classCode,
  courseId: c.courseId,
  courseCode: c.course.code,
  courseName: c.course.name,
  courseNameEn: c.course.nameEn,
});

export const isRetakeMode = (m: string | null): m is RetakeMode => m !== null && (RETAKE_MODES as readonly string[]).includes(m);

/** Reads the classes with their course facts and lectures; `extraCourseIds` are read along (passed courses' codes). */
export async function readClasses(
  tx: Tx,
  termId: number,
  ids: number[],
  extraCourseIds: number[] = [],
): Promise<{ classes: Map<number, SnapshotClass>; courseCodes: Map<number, string> }> {
  const rows = await findTeachingClassesByIds(tx, ids);
  const courses = await findCourseSelectionFacts(tx, [...rows.map((c) => c.courseId), ...extraCourseIds]);
  const byId = new Map(courses.map((c) => [c.id, c]));
  const lectures = await repo.findClassLectures(tx, termId, ids);
  const classes = new Map<number, SnapshotClass>();
  for (const c of rows) {
    const course = byId.get(c.courseId)!;
    classes.set(c.id, {
      teachingClassId: c.id,
      termId: c.termId,
      classCode: c.code,
      courseId: c.courseId,
      course: {
        code: course.code,
        name: course.name,
        nameEn: course.nameEn,
        credits: course.credits,
        category: course.category,
        prerequisites: (course.prerequisites as PrerequisiteExpr | null) ?? null,
      },
      lectures: lectures.get(c.id) ?? [],
      teacherIds: c.teacherIds,
      genderRestriction: c.genderRestriction === 'male' || c.genderRestriction === 'female' ? c.genderRestriction : null,
      isRetakeClass: c.isRetakeClass,
    });
  }
  return { classes, courseCodes: new Map(courses.map((c) => [c.id, c.code])) };
}

export function prerequisiteCodes(e: PrerequisiteExpr | null): string[] {
  if (!e) return [];
  return 'course' in e ? [e.course] : e.items.flatMap(prerequisiteCodes);
}

/**
 * The class's reserved seats 预留名额 with the group named ("2023级", the major's or college's
 * name). Names are read only for a class that has reserved seats, which few have.
 */
export async function readReserved(tx: Tx, teachingClassId: number): Promise<ReservedBucket[]> {
  return nameReserved(tx, await repo.findReservedSeats(tx, teachingClassId));
}

async function nameReserved(tx: Tx, rows: Awaited<ReturnType<typeof repo.findReservedSeats>>): Promise<ReservedBucket[]> {
  if (!rows.length) return [];
  const idsOf = (kind: string) => rows.filter((r) => r.forKind === kind).map((r) => r.forValue);
  const majors = new Map((await findOrgNames(tx, 'majors', idsOf('major'))).map((m) => [m.id, m.name]));
  const colleges = new Map((await findOrgNames(tx, 'colleges', idsOf('college'))).map((c) => [c.id, c.name]));
  return rows.map((r) => {
    const kind = r.forKind === 'major' || r.forKind === 'college' ? r.forKind : 'cohort';
    const label = kind === 'cohort' ? `${r.forValue}级` : ((kind === 'major' ? majors : colleges).get(r.forValue) ?? String(r.forValue));
    return { seats: r.seats, taken: r.taken, kind, value: r.forValue, label, until: r.until };
  });
}

/** A seat row as the checker counts it: held seats (random-window release) are as good as taken. */
export const seatsOf = (seat: { capacity: number; enrolled: number; held: number }) => ({
  capacity: seat.capacity,
  enrolled: seat.enrolled + seat.held,
});

/**
 * The snapshot of one student's request for a class, read after their lock is held: this
 * module's facts in one statement (findRequestFacts), then the student, the classes with their
 * courses and lectures from the modules that own them.
 */
export async function readSnapshot(
  tx: Tx,
  round: SelectionRoundRow,
  studentId: number,
  teachingClassId: number,
  at: Date,
): Promise<EnrolmentSnapshot> {
  const facts = await repo.findRequestFacts(tx, studentId, round.termId, round.id, teachingClassId);
  const student = await findStudentSelectionFacts(tx, studentId);
  if (!student) throw new AppError('not_found', { params: { what: 'student' } });
  const rows = facts.enrolled;
  const passedIds = facts.passedCourseIds;
  const { classes, courseCodes } = await readClasses(tx, round.termId, [teachingClassId, ...rows.map((e) => e.teachingClassId)], passedIds);
  const target = classes.get(teachingClassId);
  if (!target) throw new AppError('not_found', { params: { what: 'teaching class' } });
  const prereqCodes = prerequisiteCodes(target.course.prerequisites);
  const prerequisiteNames = prereqCodes.length
    ? Object.fromEntries((await findCourseNamesByCodes(tx, prereqCodes)).map((c) => [c.code, { name: c.name, nameEn: c.nameEn }]))
    : {};
  return {
    at,
    round,
    student,
    passedCourseCodes: passedIds.map((id) => courseCodes.get(id)).filter((c): c is string => c !== undefined),
    failedCourseIds: facts.failedCourseIds,
    approvedMaxCredits: facts.approvedMaxCredits,
    enrolled: rows.map((e) => ({
      ...classes.get(e.teachingClassId)!,
      enrolmentId: e.id,
      isRetake: e.isRetake,
      retakeMode: isRetakeMode(e.retakeMode) ? e.retakeMode : null,
      isFixed: e.isFixed,
    })),
    target: {
      ...target,
      inRound: target.termId === round.termId && facts.inRound,
      seats: facts.seat ? seatsOf(facts.seat) : null,
      reserved: await nameReserved(tx, facts.reserved),
      prerequisiteNames,
    },
    holds: facts.holds,
    droppedCourseIdsInRound: facts.droppedCourseIds,
  };
}

// ---------------------------------------------------------------- snapshot → checker input (pure)

const storedRound = z.object({
  mode: selectionMode,
  staggered: z.array(staggeredOpening),
  scope: roundScope.nullable(),
  creditLimits: creditLimitsSchema,
  retakeModes: z.array(retakeModeSchema),
});

/**
 * A round row as the checker sees it. The jsonb columns hold the contracts' shapes; they are
 * parsed, not cast, so a row written by hand with another shape fails loudly instead of
 * silently admitting everybody.
 */
export function roundOf(row: SelectionRoundRow): RuleRound {
  const r = storedRound.parse({
    mode: row.mode,
    staggered: row.staggered,
    scope: row.scope,
    creditLimits: row.creditLimits,
    retakeModes: row.retakeModes,
  });
  return {
    name: row.name,
    mode: r.mode,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    staggered: r.staggered.map((s) => ({ cohorts: s.cohorts, opensAt: new Date(s.opensAt) })),
    scope: r.scope,
    isPilot: row.isPilot,
    creditLimits: r.creditLimits,
    maxClasses: row.maxClasses,
    dropsAllowed: row.dropsAllowed,
    dropDeadline: row.dropDeadline,
    noReselectAfterDrop: row.noReselectAfterDrop,
    retakeModes: r.retakeModes,
  };
}

/** The student as the checker sees them. */
export function studentOf(s: EnrolmentSnapshot): RuleStudent {
  const g = s.student.gender;
  return {
    id: s.student.id,
    cohort: s.student.cohort,
    majorId: s.student.majorId,
    collegeId: s.student.collegeId,
    adminClassId: s.student.adminClassId,
    gender: g === 'male' || g === 'female' ? g : null,
    passedCourseCodes: new Set(s.passedCourseCodes),
    failedCourseIds: new Set(s.failedCourseIds),
    holds: s.holds.map((h) => ({ reason: h.reason })),
    approvedMaxCredits: s.approvedMaxCredits,
  };
}

const enrolmentOf = (e: SnapshotEnrolment): RuleEnrolment => ({
  ...classNameOf(e),
  id: e.enrolmentId,
  credits: Number(e.course.credits),
  lectures: e.lectures,
  status: 'enrolled',
  isRetake: e.isRetake,
  retakeMode: e.retakeMode,
  fixed: e.isFixed,
});

export interface RequestOptions {
  /** The retake mode asked for; omitted: the one the class implies. */
  retakeMode?: RetakeMode | null;
  /** A swap or conditional waitlist entry: the enrolment given up for the target. */
  replacing?: number | null;
  byOffice?: boolean;
}

/** The checker's input for a request to take the snapshot's target. */
export function contextOf(s: EnrolmentSnapshot, req: RequestOptions = {}): EnrolmentContext {
  const t = s.target;
  return {
    student: studentOf(s),
    round: roundOf(s.round),
    now: s.at,
    target: {
      ...classNameOf(t),
      credits: Number(t.course.credits),
      capacity: t.seats?.capacity ?? 0,
      enrolled: t.seats?.enrolled ?? 0,
      reserved: t.reserved,
      genderRestriction: t.genderRestriction,
      lectures: t.lectures,
      isRetakeClass: t.isRetakeClass,
      prerequisites: t.course.prerequisites,
      prerequisiteNames: t.prerequisiteNames,
    },
    classInRound: t.inRound,
    enrolments: s.enrolled.map(enrolmentOf),
    droppedCourseIds: new Set(s.droppedCourseIdsInRound),
    retakeMode: req.retakeMode ?? null,
    replacing: req.replacing ?? null,
    byOffice: req.byOffice ?? false,
  };
}

/** The checker's input for dropping one of the snapshot's enrolments; null when it is not enrolled. */
export function dropContextOf(s: EnrolmentSnapshot, enrolmentId: number, byOffice = false): DropContext | null {
  const e = s.enrolled.find((x) => x.enrolmentId === enrolmentId);
  if (!e) return null;
  return { student: studentOf(s), round: roundOf(s.round), now: s.at, enrolment: enrolmentOf(e), byOffice };
}
