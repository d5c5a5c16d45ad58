import { and, asc, eq, isNotNull, ne, notInArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../iam/iam.tables.ts';
import { teachingClasses } from '../../offerings/offerings.tables.ts';
import { rooms, terms } from '../../org/org.tables.ts';
import { enrolments } from '../../selection/selection.tables.ts';
import { examInvigilations, examPlans, examSeats, examSessions, exams } from '../exams.tables.ts';

export interface ExamsFixture {
  termId: number;
  studentId: number;
  /** Another demo student (a seat beside the student's), and their account's user name. */
  otherStudentId: number;
  /** The student's class's exam, three days ahead: deferrable. */
  futureExamId: number;
  /** The student's other class's exam, which started yesterday. */
  startedExamId: number;
  /** An exam of a class the student is not in. */
  notMineExamId: number;
  roomId: number;
  /** The demo teacher invigilates the future exam's room; another teacher's user name (no duty). */
  otherTeacherUsername: string;
}

const dayOffset = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A final-exam plan of the demo's current term: the demo student enrolled in two classes, one
 * exam three days ahead (the student seated in room R beside another student, the demo teacher
 * invigilating R), one that started yesterday, and an exam of a class the student is not in.
 */
export async function buildExamsFixture(db: Db, now: Date): Promise<ExamsFixture> {
  const [term] = await db.select().from(terms).where(eq(terms.isCurrent, true));
  const [student] = await db.select().from(users).where(eq(users.username, 'student'));
  const [teacher] = await db.select().from(users).where(eq(users.username, 'teacher'));
  const studentId = student.studentId!;
  const [other] = await db
    .select({ studentId: users.studentId })
    .from(users)
    .where(and(isNotNull(users.studentId), ne(users.studentId, studentId)))
    .limit(1);
  const [otherTeacher] = await db
    .select({ username: users.username })
    .from(users)
    .where(and(isNotNull(users.teacherId), ne(users.teacherId, teacher.teacherId!)))
    .limit(1);

  // The student's classes this term: the demo's enrolments, topped up to two of distinct courses.
  const mine = await db
    .select({ classId: enrolments.teachingClassId, courseId: enrolments.courseId })
    .from(enrolments)
    .where(and(eq(enrolments.studentId, studentId), eq(enrolments.termId, term.id), eq(enrolments.status, 'enrolled')));
  const classes = await db
    .select({ id: teachingClasses.id, courseId: teachingClasses.courseId })
    .from(teachingClasses)
    .where(
      and(
        eq(teachingClasses.termId, term.id),
        mine.length
          ? notInArray(
              teachingClasses.courseId,
              mine.map((m) => m.courseId),
            )
          : undefined,
      ),
    )
    .orderBy(asc(teachingClasses.id));
  const byCourse = new Map<number, number>();
  for (const c of classes) if (!byCourse.has(c.courseId)) byCourse.set(c.courseId, c.id);
  const spare = [...byCourse.entries()].map(([courseId, id]) => ({ classId: id, courseId }));
  while (mine.length < 2) {
    const next = spare.shift()!;
    await db
      .insert(enrolments)
      .values({ termId: term.id, studentId, teachingClassId: next.classId, courseId: next.courseId, source: 'office' });
    mine.push(next);
  }
  const notMine = spare.shift()!;

  const [plan] = await db
    .insert(examPlans)
    .values({ termId: term.id, name: '期末考试（测试）', startDate: dayOffset(now, -5), endDate: dayOffset(now, 10), dailySessions: [] })
    .returning();
  const [future, past] = await db
    .insert(examSessions)
    .values([
      { planId: plan.id, date: dayOffset(now, 3), startMin: 540, endMin: 660 },
      { planId: plan.id, date: dayOffset(now, -1), startMin: 540, endMin: 660 },
    ])
    .returning();
  const [futureExam, startedExam, notMineExam] = await db
    .insert(exams)
    .values([
      { planId: plan.id, courseId: mine[0].courseId, teachingClassId: mine[0].classId, sessionId: future.id },
      { planId: plan.id, courseId: mine[1].courseId, teachingClassId: mine[1].classId, sessionId: past.id },
      { planId: plan.id, courseId: notMine.courseId, teachingClassId: notMine.classId, sessionId: future.id },
    ])
    .returning();
  const [room] = await db.select({ id: rooms.id }).from(rooms).orderBy(asc(rooms.id)).limit(1);
  await db.insert(examSeats).values([
    { examId: futureExam.id, studentId, roomId: room.id, seatNo: 1 },
    { examId: futureExam.id, studentId: other.studentId!, roomId: room.id, seatNo: 2 },
    { examId: startedExam.id, studentId, roomId: room.id, seatNo: 1 },
  ]);
  await db
    .insert(examInvigilations)
    .values({ planId: plan.id, sessionId: future.id, roomId: room.id, teacherId: teacher.teacherId!, chief: true });
  return {
    termId: term.id,
    studentId,
    otherStudentId: other.studentId!,
    futureExamId: futureExam.id,
    startedExamId: startedExam.id,
    notMineExamId: notMineExam.id,
    roomId: room.id,
    otherTeacherUsername: otherTeacher.username,
  };
}
