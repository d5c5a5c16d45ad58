import { and, asc, eq, isNotNull, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { courses } from '../../catalog/catalog.tables.ts';
import { examDeferrals, examPlans, exams } from '../../exams/exams.tables.ts';
import { examIncidents } from '../../exams/incidents.tables.ts';
import { roles, userRoles, users } from '../../iam/iam.tables.ts';
import { teachingClasses } from '../../offerings/offerings.tables.ts';
import { departments, students, terms } from '../../org/org.tables.ts';
import { enrolments } from '../../selection/selection.tables.ts';

export interface SheetsFixture {
  termId: number;
  courseId: number;
  /** The demo teacher's class: seven students, the first the demo student. */
  classId: number;
  /** Another teacher's class of the same course. */
  otherClassId: number;
  /** [demo student, four more, one deferred 缓考, one caught cheating 作弊] */
  studentIds: number[];
  makeupPlanId: number;
}

const dayOffset = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A course of its own (考试, 3 credits) in the demo's current term, in the demo secretary's college:
 * the demo teacher's class with seven students (one with an approved deferral, one with a
 * confirmed cheating incident in the class's final exam), another teacher's class, and an open
 * make-up plan of the term.
 */
export async function buildSheetsFixture(db: Db, now: Date): Promise<SheetsFixture> {
  const [term] = await db.select().from(terms).where(eq(terms.isCurrent, true));
  const [teacher] = await db.select().from(users).where(eq(users.username, 'teacher'));
  const [student] = await db.select().from(users).where(eq(users.username, 'student'));
  const [secretaryRole] = await db
    .select({ collegeId: userRoles.collegeId })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(eq(users.username, 'secretary'), isNotNull(userRoles.collegeId)));
  const collegeId = secretaryRole.collegeId!;
  const [dept] = await db.select().from(departments).where(eq(departments.collegeId, collegeId)).limit(1);
  const [otherTeacher] = await db
    .select({ teacherId: users.teacherId })
    .from(users)
    .where(and(isNotNull(users.teacherId), ne(users.teacherId, teacher.teacherId!)))
    .limit(1);
  const [course] = await db
    .insert(courses)
    .values({
      code: 'GRD101',
      name: '成绩测试课程',
      nameEn: 'Grading Test Course',
      credits: '3.0',
      departmentId: dept.id,
      category: 'required',
    })
    .returning();
  const cls = (code: string, teacherId: number) => ({
    code,
    termId: term.id,
    courseId: course.id,
    collegeId,
    teachers: [{ teacherId, share: 100 }],
    teacherIds: [teacherId],
    capacity: 60,
    sessions: [2],
    weekPattern: 'all',
    weekFrom: 1,
    weekTo: 16,
    weekMask: 0xffff,
  });
  const [mine, other] = await db
    .insert(teachingClasses)
    .values([cls('GRD101-01', teacher.teacherId!), cls('GRD101-02', otherTeacher.teacherId!)])
    .returning();
  const others = await db
    .select({ id: students.id })
    .from(students)
    .where(ne(students.id, student.studentId!))
    .orderBy(asc(students.code))
    .limit(6);
  const studentIds = [student.studentId!, ...others.map((s) => s.id)];
  await db
    .insert(enrolments)
    .values(
      studentIds.map((studentId) => ({ termId: term.id, studentId, teachingClassId: mine.id, courseId: course.id, source: 'office' })),
    );
  const [plan] = await db
    .insert(examPlans)
    .values({
      termId: term.id,
      name: '期末考试（成绩测试）',
      startDate: dayOffset(now, -10),
      endDate: dayOffset(now, -1),
      dailySessions: [],
    })
    .returning();
  const [exam] = await db.insert(exams).values({ planId: plan.id, courseId: course.id, teachingClassId: mine.id }).returning();
  await db.insert(examDeferrals).values({ examId: exam.id, studentId: studentIds[5], reason: '住院', status: 'approved', decidedAt: now });
  await db
    .insert(examIncidents)
    .values({ examId: exam.id, studentId: studentIds[6], kind: 'cheating', status: 'confirmed', reviewedAt: now });
  const [makeup] = await db
    .insert(examPlans)
    .values({
      termId: term.id,
      kind: 'makeup',
      sourceTermId: term.id,
      name: '补考（成绩测试）',
      startDate: dayOffset(now, 30),
      endDate: dayOffset(now, 40),
      dailySessions: [],
    })
    .returning();
  return { termId: term.id, courseId: course.id, classId: mine.id, otherClassId: other.id, studentIds, makeupPlanId: makeup.id };
}
