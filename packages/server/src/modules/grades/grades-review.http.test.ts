import { and, asc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradeEntry } from '@jiaowu/contracts';
import {
  DEFAULT_ATTEMPT_POLICY,
  DEFAULT_COMPONENT_RULES,
  DEFAULT_FIVE_LEVEL_TOTALS,
  DEFAULT_GPA_CONFIG,
} from '@jiaowu/contracts/grades-core';
import { approveWaiting } from '../../test/approve-tasks.ts';
import { buildStudent } from '../../test/factories.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { courses } from '../catalog/catalog.tables.ts';
import { examPlans } from '../exams/exams.tables.ts';
import { users } from '../iam/iam.tables.ts';
import { notifications } from '../notifications/notifications.tables.ts';
import { teachingClasses } from '../offerings/offerings.tables.ts';
import { terms } from '../org/org.tables.ts';
import { failedCourses, passedCourses } from '../selection/selection.tables.ts';
import { gradeRecords, gradeSheets } from './grades.tables.ts';
import { insertPublishedRecords, syncCourseOutcomes, writeCorrectedVersion, type NewPublishedRecord } from './records.repository.ts';
import { saveGradeSettings } from './settings.repository.ts';

/**
 * 成绩更正, 成绩分析, 补考名单 and 学业预警 through the API, on four classes of one course in the
 * demo's current term: A (the demo teacher's: 50 60 70 80 90, the demo student has the 50),
 * B (55 62 68 75), D (55 65 85 95) and C (20 30 40 45, which differs markedly).
 */

let ctx: TestContext;
let office: TestClient;
let secretary: TestClient;
let student: TestClient;
let teacher: TestClient;
let termId: number;
let courseId: number;
let creditsTenths: number;
let classA: number;
let classB: number;
let classC: number;
/** Record ids of class A by score (the demo student's is 50). */
const recordA = new Map<number, number>();
let recordB: number;
let demoStudentId: number;
let otherCourseId: number;

const rules = { attempts: DEFAULT_ATTEMPT_POLICY, levelTotals: DEFAULT_FIVE_LEVEL_TOTALS };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const score = (points: number): GradeEntry => ({ kind: 'score', tenths: points * 10 });

function upload(client: TestClient, data: Buffer, filename: string) {
  const boundary = '----jiaowuGradeEvidence';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head, 'utf8'), data, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return client.request('POST', '/api/attachments', payload, { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

async function userIdOf(username: string) {
  const [u] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return u.id;
}

beforeAll(async () => {
  ctx = await createTestContext({ app: { logger: { level: 'error' } } });
  const db = ctx.db;
  [office, secretary, student, teacher] = await Promise.all([ctx.as('office'), ctx.as('secretary'), ctx.as('student'), ctx.as('teacher')]);
  const [term] = await db.select().from(terms).where(eq(terms.isCurrent, true));
  termId = term.id;
  const [t] = await db.select().from(users).where(eq(users.username, 'teacher'));
  const [s] = await db.select().from(users).where(eq(users.username, 'student'));
  demoStudentId = s.studentId!;
  const [own] = await db
    .select()
    .from(teachingClasses)
    // A class of theirs the demo has no grade sheet for (the demo's own draft sheet is another).
    .where(
      and(
        eq(teachingClasses.termId, termId),
        sql`${t.teacherId} = any(${teachingClasses.teacherIds})`,
        sql`not exists (select 1 from grade_sheets gs where gs.teaching_class_id = ${teachingClasses.id})`,
      ),
    )
    .orderBy(asc(teachingClasses.id))
    .limit(1);
  classA = own.id;
  courseId = own.courseId;
  const [course] = await db.select().from(courses).where(eq(courses.id, courseId));
  creditsTenths = Math.round(Number(course.credits) * 10);
  const [other] = await db.select().from(courses).where(ne(courses.id, courseId)).orderBy(asc(courses.id)).limit(1);
  otherCourseId = other.id;
  const [otherTeacher] = await db
    .select({ teacherId: users.teacherId })
    .from(users)
    .where(and(isNotNull(users.teacherId), ne(users.teacherId, t.teacherId!)))
    .limit(1);
  const { id: _id, code, ...rest } = own;
  const copies = await db
    .insert(teachingClasses)
    .values(
      ['GRB', 'GRC', 'GRD'].map((suffix) => ({
        ...rest,
        code: `${code}-${suffix}`,
        sourceRequestId: null,
        teacherIds: [otherTeacher.teacherId!],
        teachers: [{ teacherId: otherTeacher.teacherId!, share: 100 }],
      })),
    )
    .returning({ id: teachingClasses.id });
  [classB, classC] = [copies[0].id, copies[1].id];
  const classD = copies[2].id;
  const scheme = {
    scale: 'percent',
    components: [
      { component: 'regular', weight: 30 },
      { component: 'final', weight: 70 },
    ],
    rounding: 'integer',
    missingComponentAsZero: false,
  };
  const [sheet] = await db
    .insert(gradeSheets)
    .values({ termId, teachingClassId: classA, courseId, scheme, status: 'published' })
    .returning({ id: gradeSheets.id });

  const now = ctx.clock();
  const built: number[] = [];
  for (let i = 0; i < 18; i++) built.push((await buildStudent(db)).id);
  const nextStudent = () => built.shift()!;
  await db.transaction(async (tx) => {
    const rows: NewPublishedRecord[] = [];
    const others = [0, 1, 2, 3].map(() => ({ id: nextStudent() }));
    const aStudents = [demoStudentId, ...others.map((o) => o.id)];
    [50, 60, 70, 80, 90].forEach((p, i) =>
      rows.push({
        studentId: aStudents[i],
        courseId,
        termId,
        teachingClassId: classA,
        sheetId: sheet.id,
        entry: score(p),
        components: { regular: p * 10, final: p * 10 },
        creditsTenths,
      }),
    );
    for (const [cls, points] of [
      [classB, [55, 62, 68, 75]],
      [classC, [20, 30, 40, 45]],
      [classD, [55, 65, 85, 95]],
    ] as const) {
      for (const p of points) {
        const st = { id: nextStudent() };
        rows.push({ studentId: st.id, courseId, termId, teachingClassId: cls, entry: score(p), components: {}, creditsTenths });
      }
    }
    // Marks in another course: misconduct may sit the make-up (the default rules), cheating may not.
    const marked = [0, 1].map(() => ({ id: nextStudent() }));
    rows.push(
      {
        studentId: marked[0].id,
        courseId: otherCourseId,
        termId,
        entry: { kind: 'mark', mark: 'misconduct' },
        components: {},
        creditsTenths: 20,
      },
      {
        studentId: marked[1].id,
        courseId: otherCourseId,
        termId,
        entry: { kind: 'mark', mark: 'cheating' },
        components: {},
        creditsTenths: 20,
      },
    );
    const ids = await insertPublishedRecords(tx, rows, { reason: 'published', createdBy: null, now });
    [50, 60, 70, 80, 90].forEach((p, i) => recordA.set(p, ids[i]));
    recordB = ids[5];
    await syncCourseOutcomes(
      tx,
      rows.map((r) => ({ studentId: r.studentId, courseId: r.courseId })),
      rules,
    );
    // 学业预警 from one failed credit on, so every failure in this term is on the list.
    await saveGradeSettings(tx, {
      gpa: DEFAULT_GPA_CONFIG,
      attempts: DEFAULT_ATTEMPT_POLICY,
      marks: { makeupAllowedAfter: ['misconduct'] },
      componentRules: DEFAULT_COMPONENT_RULES,
      levelTotals: DEFAULT_FIVE_LEVEL_TOTALS,
      riskFailedCreditsTenths: 10,
    });
  });
}, 180_000);
afterAll(() => ctx?.close());

describe('grade analysis 成绩分析', () => {
  it('refuses a student (403) and asks for a filter', async () => {
    expect((await student.get('/api/grades/analysis', { query: { teachingClassId: classA } })).statusCode).toBe(403);
    const none = await office.get('/api/grades/analysis', { lang: 'en' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toBe('Choose a class, a course, a college, a major, a cohort or a term');
  });

  it('figures of the teacher’s class as worked by hand; another teacher’s class is not theirs', async () => {
    const res = await teacher.get('/api/grades/analysis', { query: { teachingClassId: classA } });
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    const cls = a.classes[0];
    // 50 60 70 80 90: mean 70, median 70, SD √200 ≈ 14.14, 4 of 5 pass; one score per band 50s–90s.
    expect(cls.distribution).toMatchObject({ count: 5, mean: 70, median: 70, passRate: 0.8 });
    expect(cls.distribution.stdDev).toBeCloseTo(Math.sqrt(200), 6);
    expect(cls.distribution.histogram).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    // Components equal the total here: each correlates perfectly.
    expect(cls.correlations).toEqual([
      { component: 'regular', r: expect.closeTo(1, 9), count: 5 },
      { component: 'final', r: expect.closeTo(1, 9), count: 5 },
    ]);
    expect(cls.comparison).toMatchObject({ classCount: 4, flags: [] });
    expect(a.grades).toEqual({ fail: 1, pass: 1, fair: 1, good: 1, excellent: 1 });
    expect((await teacher.get('/api/grades/analysis', { query: { teachingClassId: classB } })).statusCode).toBe(404);
  });

  it('flags the class that differs markedly from the other classes of the course', async () => {
    const res = await office.get('/api/grades/analysis', { query: { courseId, termId } });
    expect(res.statusCode, res.body).toBe(200);
    const byId = new Map(res.json().classes.map((c: { teachingClassId: number }) => [c.teachingClassId, c]));
    const c = byId.get(classC) as { comparison: { flags: string[]; passRateGap: number; meanOfMeans: number } };
    // C: mean 33.75 against the others' 70, 65, 75 (SD 4.08); pass rate 0 against their median 75 %.
    expect(c.comparison.flags).toEqual(['mean', 'pass_rate']);
    expect(c.comparison.meanOfMeans).toBeCloseTo(70, 9);
    expect(c.comparison.passRateGap).toBeCloseTo(-75, 9);
    for (const id of [classA, classB]) expect((byId.get(id) as { comparison: { flags: string[] } }).comparison.flags).toEqual([]);
  });

  it('exports the figures as a workbook, a formula-looking name as text', async () => {
    const [course] = await ctx.db.select({ name: courses.name }).from(courses).where(eq(courses.id, courseId));
    const payload = '=HYPERLINK("http://evil.example","x")';
    await ctx.db.update(courses).set({ name: payload }).where(eq(courses.id, courseId));
    const res = await office.get('/api/grades/analysis/export', { query: { courseId, termId } });
    await ctx.db.update(courses).set({ name: course.name }).where(eq(courses.id, courseId));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
    const classes = wb.getWorksheet('教学班')!;
    const flagged = classes.getColumn(9).values.filter((v) => typeof v === 'string' && v.includes('1.5'));
    expect(flagged).toHaveLength(1);
    const cells: ExcelJS.Cell[] = [];
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => void (String(c.value).includes('HYPERLINK') && cells.push(c)))));
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c.type).toBe(ExcelJS.ValueType.String);
  });
});

describe('grade corrections 成绩更正', () => {
  it('a teacher cannot correct another teacher’s class, nor a student ask at all', async () => {
    const res = await teacher.post('/api/grades/corrections', { recordId: recordB, entry: '80', reason: '录入错误' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('grade_correction_not_yours');
    expect((await student.post('/api/grades/corrections', { recordId: recordA.get(50), entry: '80', reason: 'x' })).statusCode).toBe(403);
  });

  it('with evidence: college then office approve; version 2, passed, the student told, the old version kept', async () => {
    const recordId = recordA.get(50)!;
    const up = await upload(teacher, PDF, '试卷复核记录.pdf');
    expect(up.statusCode, up.body).toBe(201);
    // The final exam was 70, not 50: 0.3 × 50 + 0.7 × 70 = 64.
    const filed = await teacher.post('/api/grades/corrections', {
      recordId,
      components: { final: '70' },
      reason: '期末试卷漏记一道大题（20 分）',
      attachmentId: up.json().id,
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const c = filed.json();
    expect(c).toMatchObject({ status: 'pending', before: score(50), after: score(64), baseVersion: 1 });
    expect(c.attachment.filename).toBe('试卷复核记录.pdf');
    const again = await teacher.post('/api/grades/corrections', { recordId, entry: '65', reason: '再次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('grade_correction_live');

    // The secretary's drawer: before/after and the evidence, which they may download.
    const seen = await secretary.get(`/api/grades/corrections/${c.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ reason: '期末试卷漏记一道大题（20 分）', afterComponents: { regular: 500, final: 700 } });
    expect((await secretary.get(`/api/attachments/${c.attachmentId}`)).statusCode).toBe(200);
    expect((await student.get(`/api/attachments/${c.attachmentId}`)).statusCode).toBe(404);

    const ids = new Set([c.workflowInstanceId as number]);
    expect(await approveWaiting(secretary, ids)).toBe(1);
    const [still] = await ctx.db.select().from(gradeRecords).where(eq(gradeRecords.id, recordId));
    expect(still.version).toBe(1);
    expect(await approveWaiting(office, ids)).toBe(1);

    const [now] = await ctx.db.select().from(gradeRecords).where(eq(gradeRecords.id, recordId));
    expect(now).toMatchObject({ version: 2, entry: score(64) });
    const passed = await ctx.db
      .select()
      .from(passedCourses)
      .where(and(eq(passedCourses.studentId, demoStudentId), eq(passedCourses.courseId, courseId)));
    expect(passed).toHaveLength(1);
    expect(
      await ctx.db
        .select()
        .from(failedCourses)
        .where(and(eq(failedCourses.studentId, demoStudentId), eq(failedCourses.courseId, courseId))),
    ).toEqual([]);

    const history = await student.get(`/api/grades/records/${recordId}/versions`);
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json().items).toMatchObject([
      { version: 1, entry: score(50), reason: 'published' },
      { version: 2, entry: score(64), reason: 'correction', note: '期末试卷漏记一道大题（20 分）', correctionId: c.id },
    ]);
    expect((await teacher.get(`/api/grades/records/${recordB}/versions`)).statusCode).toBe(404);

    const told = await ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, await userIdOf('student')), eq(notifications.kind, 'grade_corrected')));
    expect(told).toHaveLength(1);
    const [audit] = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'grade_corrections.approved'));
    expect(audit).toMatchObject({ entityId: String(c.id) });
    expect(audit.before).toMatchObject({ entry: score(50), version: 1 });
    expect(audit.after).toMatchObject({ entry: score(64), version: 2 });
    const list = (await teacher.get('/api/grades/corrections', { query: { status: 'approved' } })).json();
    // Beside the demo's own correction (filed by the same teacher).
    expect(list.items.map((i: { id: number }) => i.id)).toContain(c.id);
    expect(new Set(list.items.map((i: { requestedByName: string }) => i.requestedByName))).toEqual(new Set(['张伟']));
    expect((await student.get('/api/grades/corrections')).json().total).toBe(0);
  });

  it('refuses a correction whose grade moved after the request', async () => {
    const recordId = recordA.get(60)!;
    const filed = (await teacher.post('/api/grades/corrections', { recordId, entry: '66', reason: '平时成绩漏记' })).json();
    await ctx.db.transaction((tx) =>
      writeCorrectedVersion(tx, recordId, {
        baseVersion: 1,
        entry: score(61),
        components: {},
        correctionId: 0,
        note: 'another path',
        by: null,
        now: ctx.clock(),
      }),
    );
    // Approvers act step by step (the student's college has no secretary: the office stands in) until one is refused.
    let res = null;
    for (let round = 0; round < 3 && (!res || res.statusCode === 200); round++) {
      for (const client of [secretary, office]) {
        const inbox = (await client.get('/api/workflow/inbox', { query: { box: 'waiting', pageSize: 200 } })).json();
        const task = inbox.items.find((i: { instanceId: number }) => i.instanceId === filed.workflowInstanceId);
        if (!task) continue;
        res = await client.post(`/api/workflow/tasks/${task.taskId}/approve`, {}, { lang: 'en' });
        if (res.statusCode !== 200) break;
      }
    }
    expect(res!.statusCode, res!.body).toBe(409);
    expect(res!.json().error.message).toBe('The grade changed after this request was made (it is now version 2); file a new correction');
    const [row] = await ctx.db.select().from(gradeRecords).where(eq(gradeRecords.id, recordId));
    expect(row).toMatchObject({ version: 2, entry: score(61) });
  });
});

describe('make-up list 补考名单 and academic risk 学业预警', () => {
  it('lists the term’s failures and the marks the rules allow, and adds them to a make-up plan', async () => {
    const res = await office.get('/api/grades/makeup-list', { query: { termId, pageSize: 200 } });
    expect(res.statusCode, res.body).toBe(200);
    const items: { reason: string; courseId: number; teachingClassId: number | null }[] = res.json().items;
    // C's four, B's 55, D's 55, and the misconduct; not the cheating, not the corrected 64.
    const ours = new Set([classA, classB, classC]);
    expect(items.filter((i) => i.courseId === courseId && ours.has(i.teachingClassId!))).toHaveLength(5);
    expect(items.filter((i) => i.courseId === otherCourseId).map((i) => i.reason)).toEqual(['misconduct']);
    expect((await teacher.get('/api/grades/makeup-list', { query: { termId } })).statusCode).toBe(403);

    const [plan] = await ctx.db
      .insert(examPlans)
      .values({
        termId,
        name: '补考（成绩）',
        kind: 'makeup',
        sourceTermId: termId,
        startDate: '2027-02-20',
        endDate: '2027-02-28',
        dailySessions: [],
      })
      .returning({ id: examPlans.id });
    const added = await office.post('/api/grades/makeup-list/to-plan', { termId, planId: plan.id });
    expect(added.statusCode, added.body).toBe(200);
    const listed = res.json().total as number;
    expect(added.json()).toEqual({ listed, added: listed });
    const again = await office.post('/api/grades/makeup-list/to-plan', { termId, planId: plan.id });
    expect(again.json()).toEqual({ listed, added: 0 });
  });

  it('lists students at risk and warns each once per term, with their college’s secretaries', async () => {
    // The demo's history already has failures (数学文化 among them): the test adds one to them.
    const riskOf = async (studentId: number) => {
      for (let page = 1; ; page++) {
        const r = (await office.get('/api/grades/academic-risk', { query: { termId, page, pageSize: 100 } })).json();
        const hit = r.items.find((i: { studentId: number }) => i.studentId === studentId);
        if (hit || page * 100 >= r.total) return { item: hit ?? null, total: r.total as number };
      }
    };
    const before = (await riskOf(demoStudentId)).item;
    const baseCredits = before?.failedCreditsTenths ?? 0;
    const baseCourses = before?.failedCourses.length ?? 0;
    // The demo student failed a two-credit course too (cheating: no make-up).
    await ctx.db.transaction(async (tx) => {
      await insertPublishedRecords(
        tx,
        [{ studentId: demoStudentId, courseId: otherCourseId, termId, entry: score(30), components: {}, creditsTenths: 20 }],
        { reason: 'published', createdBy: null, now: ctx.clock() },
      );
    });
    const res = await office.get('/api/grades/academic-risk', { query: { termId, pageSize: 100 } });
    expect(res.statusCode, res.body).toBe(200);
    const { item: mine, total } = await riskOf(demoStudentId);
    expect(mine).toMatchObject({ failedCreditsTenths: baseCredits + 20, thresholdTenths: 10, notifiedAt: null });
    expect(mine.failedCourses).toHaveLength(baseCourses + 1);
    expect(total).toBeGreaterThanOrEqual(9);
    expect((await student.get('/api/grades/academic-risk', { query: { termId } })).statusCode).toBe(403);

    const sent = await office.post('/api/grades/academic-risk/notify', { termId });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toEqual({ notified: total, skipped: 0 });
    const twice = await office.post('/api/grades/academic-risk/notify', { termId });
    expect(twice.json()).toEqual({ notified: 0, skipped: total });
    const studentTold = await ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, await userIdOf('student')), eq(notifications.kind, 'academic_risk')));
    expect(studentTold).toHaveLength(1);
    const secretaryTold = await ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, await userIdOf('secretary')), eq(notifications.kind, 'academic_risk')));
    expect(secretaryTold.length).toBeGreaterThanOrEqual(1);
    expect((await riskOf(demoStudentId)).item.notifiedAt).not.toBeNull();
  });
});
