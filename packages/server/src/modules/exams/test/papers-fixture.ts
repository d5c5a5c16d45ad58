import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { buildCollege, buildDepartment, buildRoom, buildTeacher, buildTerm, uniqueCode } from '../../../test/factories.ts';
import { buildUser } from '../../../test/user-factory.ts';
import { courses } from '../../catalog/catalog.tables.ts';
import { roles, userRoles, users } from '../../iam/iam.tables.ts';
import { teachingClasses } from '../../offerings/offerings.tables.ts';
import { examInvigilations, examPlans, examRooms, exams, examSessions } from '../exams.tables.ts';

/**
 * An exam of a course of the demo secretary's college, taught by the demo teacher, scheduled
 * `daysAhead` days after `now` in a room whose chief invigilator 主监考 has an account; plus a second
 * office user (the 保密室 keeper) and a secretary of another college.
 */
export async function buildPapersFixture(db: Db, now: Date, daysAhead = 10) {
  const [sec] = await db
    .select({ collegeId: userRoles.collegeId })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(eq(users.username, 'secretary'), eq(roles.code, 'secretary')));
  const collegeId = sec.collegeId!;
  const dept = await buildDepartment(db, { collegeId });
  const [teacher] = await db.select({ id: users.id, teacherId: users.teacherId }).from(users).where(eq(users.username, 'teacher'));
  const [course] = await db
    .insert(courses)
    .values({ code: uniqueCode('EXP'), name: '试卷流转测试课', credits: '3', departmentId: dept.id, category: 'required' })
    .returning();
  const term = await buildTerm(db);
  await db.insert(teachingClasses).values({
    code: uniqueCode('TC'),
    termId: term.id,
    courseId: course.id,
    collegeId,
    capacity: 40,
    teacherIds: [teacher.teacherId!],
    sessions: [2],
    weekPattern: 'all',
    weekFrom: 1,
    weekTo: 16,
    weekMask: 0xffff,
  });
  const date = new Date(now.getTime() + daysAhead * 86_400_000).toISOString().slice(0, 10);
  const [plan] = await db
    .insert(examPlans)
    .values({ termId: term.id, name: uniqueCode('期末考试'), startDate: date, endDate: date, dailySessions: [] })
    .returning();
  const [session] = await db.insert(examSessions).values({ planId: plan.id, date, startMin: 540, endMin: 660 }).returning();
  const [exam] = await db.insert(exams).values({ planId: plan.id, courseId: course.id, sessionId: session.id }).returning();
  const room = await buildRoom(db);
  await db.insert(examRooms).values({ examId: exam.id, roomId: room.id, seats: 30 });
  const chiefTeacher = await buildTeacher(db, { departmentId: dept.id });
  const chief = await buildUser(db, [{ role: 'teacher' }], { teacherId: chiefTeacher.id });
  await db
    .insert(examInvigilations)
    .values({ planId: plan.id, sessionId: session.id, roomId: room.id, teacherId: chiefTeacher.id, chief: true });
  const keeper = await buildUser(db, [{ role: 'office' }]);
  const other = await buildCollege(db);
  const otherSecretary = await buildUser(db, [{ role: 'secretary', collegeId: other.id }]);
  const userId = async (username: string) => (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0].id;
  return {
    collegeId,
    termId: term.id,
    planId: plan.id,
    examId: exam.id,
    courseId: course.id,
    sessionDate: date,
    users: {
      teacher: teacher.id,
      secretary: await userId('secretary'),
      office: await userId('office'),
      keeper: keeper.id,
      chief: chief.id,
    },
    usernames: { keeper: keeper.username, chief: chief.username, otherSecretary: otherSecretary.username },
  };
}
export type PapersFixture = Awaited<ReturnType<typeof buildPapersFixture>>;
