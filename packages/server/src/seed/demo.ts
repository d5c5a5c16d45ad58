import { count } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../modules/iam/iam.tables.ts';
import { insertUser, replaceUserRoles } from '../modules/iam/iam.repository.ts';
import { hashPassword } from '../modules/iam/passwords.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { systemActor } from '../platform/access.ts';
import { seedDemoSchool } from './demo-school.ts';
import { seedDemoCatalog } from '../modules/catalog/demo-catalog.ts';
import { seedDemoRequestHistory } from '../modules/offerings/demo-request-history.ts';
import { seedDemoTimetableInputs } from '../modules/timetable/demo-timetable-inputs.ts';
import { ensureBuiltinRoles } from './roles.ts';
import { seedDemoPeopleAccounts } from './demo-accounts.ts';
import { seedDemoTimetables } from '../modules/timetable/demo-timetable.ts';
import { seedDemoCreditRaise } from '../modules/selection/credit-raise.demo.ts';
import { DEMO_LOTTERY_SEED, seedDemoSelection, type DemoSelection } from '../modules/selection/selection.demo.ts';
import { createDrawService } from '../modules/selection/draw.service.ts';
import { seedDemoExamPapers, seedDemoExams } from '../modules/exams/exams.demo.ts';
import { seedDemoGrades } from '../modules/grades/grades.demo.ts';

export const DEMO_PASSWORD = 'demo1234';

export const DEMO_ACCOUNTS = [
  { username: 'admin', role: 'admin', zh: '系统管理员', en: 'System administrator' },
  { username: 'office', role: 'office', zh: '教务处', en: 'Academic office' },
  { username: 'secretary', role: 'secretary', zh: '计算机学院教务员', en: 'Secretary, College of Computer Science' },
  { username: 'teacher', role: 'teacher', zh: '教师', en: 'Teacher' },
  { username: 'student', role: 'student', zh: '学生', en: 'Student' },
  { username: 'leader', role: 'leader', zh: '领导（只读）', en: 'Leader (read-only)' },
] as const;

export async function isEmpty(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  return Number(n) === 0;
}

/**
 * The demo school, its six accounts and an account for every demo student and
 * teacher (password demo1234, exempt from the first-login password change).
 * Runs once, on an empty database.
 */
export async function seedDemo(db: Db) {
  const roleIds = await ensureBuiltinRoles(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let selection: DemoSelection | null = null;
  let currentTermId = 0;
  const userIds: Record<string, number> = {};
  await db.transaction(async (tx) => {
    const anchors = await seedDemoSchool(tx);
    currentTermId = anchors.termId;
    await seedDemoCatalog(tx, anchors);
    const names: Record<string, string> = {
      admin: '管理员',
      office: '教务处王老师',
      secretary: '计算机学院刘老师',
      teacher: '张伟',
      student: '李明',
      leader: '陈校长',
    };
    for (const a of DEMO_ACCOUNTS) {
      const user = await insertUser(tx, {
        username: a.username,
        displayName: names[a.username],
        passwordHash,
        isDemo: true,
        email: `${a.username}@demo.edu.cn`,
        teacherId: a.username === 'teacher' ? anchors.teacherId : null,
        studentId: a.username === 'student' ? anchors.studentId : null,
      });
      userIds[a.username] = user.id;
      await replaceUserRoles(tx, user.id, [
        { roleId: roleIds[a.role], collegeId: a.role === 'secretary' ? anchors.secretaryCollegeId : null },
      ]);
    }
    const people = await seedDemoPeopleAccounts(tx, { passwordHash, roleIds });
    // After the accounts: the secretary files, the office decides.
    await seedDemoRequestHistory(tx, anchors);
    // Then every other teaching class of both terms, from the curriculum plans.
    await seedDemoTimetableInputs(tx, anchors);
    // Then both terms solved and published, and the demo teacher's change requests.
    const timetables = await seedDemoTimetables(tx, anchors);
    // Then course selection of the current term: fixed required classes, finished rounds, an open add/drop round.
    const seeded = await seedDemoSelection(tx, anchors, new Date());
    selection = seeded;
    // A student's 超学分申请 waiting in the secretary's approval inbox.
    await seedDemoCreditRaise(tx, anchors.secretaryCollegeId, seeded.addDropRoundId, new Date());
    // Grades of the two previous terms (autumn 2025 migrated from the old system), one correction,
    // and the demo teacher's class being entered; passed/failed courses become the grades' own.
    const grades = await seedDemoGrades(
      tx,
      anchors,
      { teacher: userIds.teacher!, office: userIds.office!, secretary: userIds.secretary! },
      new Date(),
    );
    await writeAudit(tx, systemActor, {
      action: 'system.seed_demo',
      entityType: 'system',
      after: { accounts: DEMO_ACCOUNTS.map((a) => a.username), peopleAccounts: people, timetables, selection, grades },
    });
  });
  // The lottery round 预选 closed before the term: drawn from its recorded seed, as the office did then.
  const demoSelection = selection as DemoSelection | null;
  if (demoSelection) {
    const drawing = createDrawService({ db, clock: () => new Date() });
    await drawing.draw(systemActor, demoSelection.lotteryRoundId, { seed: DEMO_LOTTERY_SEED }, 'zh-CN');
    // Then the term's final exams, scheduled from those enrolments and published.
    const exams = await seedDemoExams(db, currentTermId);
    // And the first papers on their way through printing and the strongroom 试卷流转.
    await seedDemoExamPapers(db, exams.planId, { teacher: userIds.teacher!, secretary: userIds.secretary!, office: userIds.office! });
  }
}

/** A non-demo install gets one admin account that must change its password at first login. */
export async function seedInitialAdmin(db: Db, password: string) {
  const roleIds = await ensureBuiltinRoles(db);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const user = await insertUser(tx, { username: 'admin', displayName: 'Administrator', passwordHash, mustChangePassword: true });
    await replaceUserRoles(tx, user.id, [{ roleId: roleIds.admin }]);
    await writeAudit(tx, systemActor, { action: 'users.create', entityType: 'users', entityId: user.id, after: { username: 'admin' } });
  });
}
