import { and, eq, notInArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { approveWaiting } from '../../test/approve-tasks.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { examMakeupCandidates } from '../exams/exams.tables.ts';
import { users } from '../iam/iam.tables.ts';
import { notifications } from '../notifications/notifications.tables.ts';
import { teachingClasses } from '../offerings/offerings.tables.ts';
import { students } from '../org/org.tables.ts';
import { enrolments, failedCourses, passedCourses } from '../selection/selection.tables.ts';
import { gradeRecords, gradeRecordVersions } from './grades.tables.ts';
import { buildSheetsFixture, type SheetsFixture } from './test/sheets-fixture.ts';

/**
 * 成绩登记、审核与公布 through the API: a teacher enters a class's grades (cells checked, all or
 * nothing), submits; the college secretary returns them with a comment, then approves the
 * resubmission; the office publishes (now, or on a date with the periodic task). Published grades
 * reach selection's passed/failed courses and the make-up list, and no route changes them again.
 */

let ctx: TestContext;
let f: SheetsFixture;
let teacher: TestClient;
let otherTeacher: TestClient;
let otherUsername: string;
let secretary: TestClient;
let office: TestClient;
let student: TestClient;
let url: string;
let S: number[];

type Row = { studentId: number; entry: unknown; total: unknown; fixedMark: string | null; components: Record<string, number> };
const rowOf = (view: { rows: Row[] }, studentId: number) => view.rows.find((r) => r.studentId === studentId)!;

async function taskOf(client: TestClient, instanceId: number) {
  const inbox = (await client.get('/api/workflow/inbox', { query: { box: 'waiting', pageSize: 200 } })).json();
  return inbox.items.find((i: { instanceId: number }) => i.instanceId === instanceId) as { taskId: number } | undefined;
}

beforeAll(async () => {
  ctx = await createTestContext({ app: { logger: { level: 'error' } } });
  f = await buildSheetsFixture(ctx.db, ctx.clock());
  S = f.studentIds;
  url = `/api/grades/classes/${f.classId}`;
  const [other] = await ctx.db
    .select({ teacherIds: teachingClasses.teacherIds })
    .from(teachingClasses)
    .where(eq(teachingClasses.id, f.otherClassId));
  const [otherUser] = await ctx.db.select({ username: users.username }).from(users).where(eq(users.teacherId, other.teacherIds[0]));
  [teacher, otherTeacher, secretary, office, student] = await Promise.all([
    ctx.as('teacher'),
    ctx.as((otherUsername = otherUser.username)),
    ctx.as('secretary'),
    ctx.as('office'),
    ctx.as('student'),
  ]);
}, 120_000);
afterAll(() => ctx?.close());

describe('grade sheets 成绩登记', () => {
  it('shows the teacher a draft of their class before any save, with the fixed marks from exams', async () => {
    const res = await teacher.get(url);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.sheet).toMatchObject({ id: null, version: 0, status: 'draft', canEdit: true, schemeLocked: false, classCode: 'GRD101-01' });
    expect(view.sheet.scheme).toMatchObject({
      scale: 'percent',
      components: [
        { component: 'regular', weight: 30 },
        { component: 'final', weight: 70 },
      ],
    });
    expect(view.rows.map((r: Row) => r.studentId).sort()).toEqual([...S].sort());
    expect(rowOf(view, S[5]).fixedMark).toBe('deferred');
    expect(rowOf(view, S[6]).fixedMark).toBe('cheating');
    expect(rowOf(view, S[6]).entry).toEqual({ kind: 'mark', mark: 'cheating' });
  });

  it('hides the class from another teacher and from a student; the secretary reads it without editing', async () => {
    expect((await otherTeacher.get(url)).statusCode).toBe(404);
    expect([403, 404]).toContain((await student.get(url)).statusCode);
    expect((await otherTeacher.put(url, { version: 0, rows: [] })).statusCode).toBe(404);
    const sec = await secretary.get(url);
    expect(sec.statusCode).toBe(200);
    expect(sec.json().sheet.canEdit).toBe(false);
    expect((await secretary.put(url, { version: 0, rows: [] })).statusCode).toBe(403);
    // The teacher's own class list has it; the other teacher's has not.
    const mine = (await teacher.get('/api/grades/sheets', { query: { termId: f.termId, q: 'GRD101' } })).json();
    expect(mine.items.map((i: { classCode: string }) => i.classCode)).toEqual(['GRD101-01']);
    expect(mine.items[0]).toMatchObject({ status: 'draft', total: 7, entered: 0, sheetId: null });
    const all = (await office.get('/api/grades/sheets', { query: { termId: f.termId, q: 'GRD101' } })).json();
    expect(all.total).toBe(2);
  });

  it('refuses weights outside the office’s rules (期末 at least 50 %) and saves nothing', async () => {
    const res = await teacher.put(
      url,
      {
        version: 0,
        scheme: {
          scale: 'percent',
          components: [
            { component: 'regular', weight: 60 },
            { component: 'final', weight: 40 },
          ],
        },
        rows: [],
      },
      { lang: 'en' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('grade_sheet_scheme_invalid');
    expect(res.json().error.message).toMatch(/final.*40%.*between 50% and 100%/i);
    expect((await teacher.get(url)).json().sheet.version).toBe(0);
  });

  it('names the student and column of a bad cell and saves none of the cells', async () => {
    const res = await teacher.put(url, {
      version: 0,
      rows: [
        { studentId: S[0], components: { regular: '90', final: '85' } },
        { studentId: S[1], components: { regular: '50', final: '八十' } },
      ],
    });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('grade_sheet_cells_invalid');
    expect(err.details.cells).toEqual([
      { studentId: S[1], column: 'final', issue: { code: 'grade_unrecognized', params: { input: '八十' } } },
    ]);
    const view = (await teacher.get(url)).json();
    expect(view.sheet.version).toBe(0);
    expect(rowOf(view, S[0]).components).toEqual({});
    // A fixed mark cannot be typed over; a student not on the roster is named.
    const fixed = await teacher.put(url, { version: 0, rows: [{ studentId: S[5], components: { final: '80' } }] });
    expect(fixed.json().error.details.cells[0]).toMatchObject({ studentId: S[5], issue: { code: 'grade_fixed_mark' } });
    const stranger = await teacher.put(url, { version: 0, rows: [{ studentId: 999999, entry: '80' }] });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.code).toBe('grade_sheet_not_on_roster');
  });

  it('changes the scheme before entry, saves cells with exact totals, then locks the scheme; a stale version is a 409', async () => {
    const scheme = {
      scale: 'percent',
      components: [
        { component: 'regular', weight: 40 },
        { component: 'final', weight: 60 },
      ],
    };
    const first = await teacher.put(url, { version: 0, scheme, rows: [] });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().sheet).toMatchObject({ version: 1, schemeLocked: false });
    const res = await teacher.put(url, {
      version: 1,
      rows: [
        { studentId: S[0], components: { regular: '90', final: '85' } },
        { studentId: S[1], components: { regular: '50', final: '５５' } },
        { studentId: S[2], components: { regular: '80', final: '70.5' } },
        { studentId: S[3], entry: '缺考' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.sheet).toMatchObject({ version: 2, schemeLocked: true });
    expect(rowOf(view, S[0]).total).toEqual({ kind: 'score', tenths: 870 });
    expect(rowOf(view, S[1]).total).toEqual({ kind: 'score', tenths: 530 });
    // 80 × 40 % + 70.5 × 60 % = 74.3 → 74 (half up to a whole point)
    expect(rowOf(view, S[2]).total).toEqual({ kind: 'score', tenths: 740 });
    expect(rowOf(view, S[3]).entry).toEqual({ kind: 'mark', mark: 'absent' });
    const audits = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'grade_sheets.save'), eq(auditLog.entityId, String(view.sheet.id))));
    expect(audits).toHaveLength(2);
    expect((audits[1].after as { rows: unknown[] }).rows).toHaveLength(4);

    const stale = await teacher.put(url, { version: 1, rows: [{ studentId: S[4], components: { regular: '60', final: '60' } }] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('grade_sheet_version_conflict');
    const locked = await teacher.put(url, {
      version: 2,
      scheme: { scale: 'percent', components: [{ component: 'final', weight: 100 }] },
      rows: [],
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('grade_sheet_scheme_locked');
  });

  it('refuses a submission with a student still without a grade, naming them', async () => {
    const res = await teacher.post(`${url}/submit`, { version: 2 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'grade_sheet_missing_grades', details: { studentIds: [S[4]] } });
  });

  let instanceId: number;
  it('submits; the teacher can no longer edit; the secretary returns it with a comment', async () => {
    const saved = await teacher.put(url, { version: 2, rows: [{ studentId: S[4], components: { regular: '95.5', final: '88' } }] });
    expect(rowOf(saved.json(), S[4]).total).toEqual({ kind: 'score', tenths: 910 });
    const res = await teacher.post(`${url}/submit`, { version: 3 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().sheet).toMatchObject({ status: 'submitted', canEdit: false });
    instanceId = res.json().sheet.workflowInstanceId;
    const edit = await teacher.put(url, { version: res.json().sheet.version, rows: [{ studentId: S[1], components: { final: '60' } }] });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('grade_sheet_not_draft');
    // Not yet reviewed: the office cannot publish.
    expect((await office.post(`${url}/publish`, {})).json().error.code).toBe('grade_sheet_not_approved');

    const task = await taskOf(secretary, instanceId);
    expect(task).toBeDefined();
    const ret = await secretary.post(`/api/workflow/tasks/${task!.taskId}/return`, { comment: '请核对 S1 的期末成绩' });
    expect(ret.statusCode, ret.body).toBe(200);
    const back = (await teacher.get(url)).json();
    expect(back.sheet).toMatchObject({ status: 'draft', canEdit: true, returnComment: '请核对 S1 的期末成绩' });
    const [teacherUser] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'teacher'));
    const told = await ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, teacherUser.id), eq(notifications.kind, 'returned')));
    expect(told.length).toBeGreaterThan(0);
    expect(told.at(-1)!.link).toBe(`/grades/sheets/${back.sheet.id}`);
  });

  it('resubmits; the college approves; the office publishes and the grades reach students, selection and the make-up list', async () => {
    const v = (await teacher.get(url)).json().sheet.version;
    const saved = await teacher.put(url, { version: v, rows: [{ studentId: S[1], components: { final: '60' } }] });
    expect(saved.statusCode, saved.body).toBe(200);
    const sub = await teacher.post(`${url}/submit`, { version: saved.json().sheet.version });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(await approveWaiting(secretary, new Set([instanceId]))).toBe(1);
    const approved = (await office.get(url)).json();
    expect(approved.sheet).toMatchObject({ status: 'approved', canPublish: true });

    const pub = await office.post(`${url}/publish`, {});
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().sheet).toMatchObject({ status: 'published' });
    expect(pub.json().sheet.publishedAt).not.toBeNull();

    const records = await ctx.db.select().from(gradeRecords).where(eq(gradeRecords.sheetId, pub.json().sheet.id));
    expect(records).toHaveLength(7);
    expect(records.every((r) => r.version === 1 && r.publishedAt !== null)).toBe(true);
    const versions = await ctx.db.select().from(gradeRecordVersions).where(eq(gradeRecordVersions.reason, 'published'));
    expect(versions.filter((v) => records.some((r) => r.id === v.recordId))).toHaveLength(7);
    expect(records.find((r) => r.studentId === S[1])!.entry).toEqual({ kind: 'score', tenths: 560 });
    expect(records.find((r) => r.studentId === S[5])!.entry).toEqual({ kind: 'mark', mark: 'deferred' });

    const passed = await ctx.db.select().from(passedCourses).where(eq(passedCourses.courseId, f.courseId));
    const failed = await ctx.db.select().from(failedCourses).where(eq(failedCourses.courseId, f.courseId));
    expect(passed.map((p) => p.studentId).sort()).toEqual([S[0], S[2], S[4]].sort());
    expect(failed.map((p) => p.studentId).sort()).toEqual([S[1], S[3], S[6]].sort());

    const [studentUser] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'student'));
    const told = await ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, studentUser.id), eq(notifications.kind, 'grades_published')));
    expect(told).toHaveLength(1);
    expect(told[0].link).toBe('/grades/me');

    // 补考名单: the plain failure and the deferred student; not the absentee nor the cheat (school default).
    const candidates = await ctx.db.select().from(examMakeupCandidates).where(eq(examMakeupCandidates.planId, f.makeupPlanId));
    expect(candidates.map((c) => c.studentId).sort()).toEqual([S[1], S[5]].sort());
    expect(candidates.every((c) => c.source === 'grades')).toBe(true);
  });

  it('after publication no route changes a grade, whoever tries, and the database refuses a direct change', async () => {
    const view = (await teacher.get(url)).json();
    const attempts = [
      await teacher.put(url, { version: view.sheet.version, rows: [{ studentId: S[1], components: { final: '90' } }] }),
      await teacher.post(`${url}/submit`, { version: view.sheet.version }),
      await office.put(url, { version: view.sheet.version, rows: [{ studentId: S[1], components: { final: '90' } }] }),
      await office.post(`${url}/publish`, {}),
      await office.post('/api/grades/publish', { sheetIds: [view.sheet.id] }),
      await secretary.put(url, { version: view.sheet.version, rows: [] }),
      await secretary.post(`${url}/publish`, {}),
      await student.put(url, { version: view.sheet.version, rows: [] }),
      await otherTeacher.put(url, { version: view.sheet.version, rows: [] }),
    ];
    for (const res of attempts) expect([403, 404, 409]).toContain(res.statusCode);
    const admin = await ctx.as('admin');
    const byAdmin = await admin.put(url, { version: view.sheet.version, rows: [{ studentId: S[1], components: { final: '90' } }] });
    expect(byAdmin.statusCode).toBe(409);
    const [record] = await ctx.db
      .select()
      .from(gradeRecords)
      .where(and(eq(gradeRecords.sheetId, view.sheet.id), eq(gradeRecords.studentId, S[1])));
    expect(record.entry).toEqual({ kind: 'score', tenths: 560 });
    await expect(
      ctx.db.execute(sql`update grade_records set entry = '{"kind":"score","tenths":900}'::jsonb where id = ${record.id}`),
    ).rejects.toThrow();
  });

  it('publishes the make-up sheet on a date: bulk publication is all or nothing, the periodic task publishes when due', async () => {
    const mk = `${url}?kind=makeup`;
    const draft = (await teacher.get(mk)).json();
    expect(draft.rows.map((r: Row) => r.studentId).sort()).toEqual([S[1], S[5]].sort());
    const saved = await teacher.put(url, {
      version: 0,
      kind: 'makeup',
      scheme: { scale: 'percent', components: [] },
      rows: [
        { studentId: S[1], entry: '75' },
        { studentId: S[5], entry: '58' },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const sub = await teacher.post(`${url}/submit`, { version: saved.json().sheet.version, kind: 'makeup' });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(await approveWaiting(secretary, new Set([sub.json().sheet.workflowInstanceId]))).toBe(1);
    const makeupId = sub.json().sheet.id;
    const normalId = (await teacher.get(url)).json().sheet.id;
    const publishAt = new Date(ctx.clock().getTime() + 2 * 86_400_000).toISOString();

    // One sheet already published: nothing happens to the other.
    const bad = await office.post('/api/grades/publish', { sheetIds: [makeupId, normalId], publishAt });
    expect(bad.statusCode).toBe(409);
    expect((await office.get(mk)).json().sheet).toMatchObject({ status: 'approved', publishAt: null });

    const ok = await office.post('/api/grades/publish', { sheetIds: [makeupId], publishAt });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ published: [], scheduled: [makeupId] });
    expect((await office.get(mk)).json().sheet).toMatchObject({ status: 'approved', publishAt });
    expect(await ctx.app.gradeSheets.publishDue(ctx.clock())).toEqual({ published: 0 });

    ctx.clock.advance(3 * 86_400_000);
    expect(await ctx.app.gradeSheets.publishDue(ctx.clock())).toEqual({ published: 1 });
    office = await ctx.as('office'); // three days on, the old session has expired
    expect((await office.get(mk)).json().sheet.status).toBe('published');
    // The make-up pass replaces the failure in selection's record; the deferred student's 58 fails.
    const passed = await ctx.db.select().from(passedCourses).where(eq(passedCourses.courseId, f.courseId));
    const failed = await ctx.db.select().from(failedCourses).where(eq(failedCourses.courseId, f.courseId));
    expect(passed.map((p) => p.studentId)).toContain(S[1]);
    expect(failed.map((p) => p.studentId)).not.toContain(S[1]);
    expect(failed.map((p) => p.studentId)).toContain(S[5]);
  });
});

describe('withdrawal 撤回', () => {
  it('refuses to submit a class without students; a teacher withdraws a submission and edits the draft again', async () => {
    const other = `/api/grades/classes/${f.otherClassId}`;
    otherTeacher = await ctx.as(otherUsername); // the clock moved on: a fresh session
    const empty = await otherTeacher.post(`${other}/submit`, { version: 0 });
    expect(empty.statusCode).toBe(409);
    expect(empty.json().error.code).toBe('grade_sheet_empty');
    const [outsider] = await ctx.db.select({ id: students.id }).from(students).where(notInArray(students.id, S)).limit(1);
    await ctx.db
      .insert(enrolments)
      .values({ termId: f.termId, studentId: outsider.id, teachingClassId: f.otherClassId, courseId: f.courseId, source: 'office' });
    const saved = await otherTeacher.put(other, {
      version: 0,
      rows: [{ studentId: outsider.id, components: { regular: '80', final: '90' } }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const sub = await otherTeacher.post(`${other}/submit`, { version: saved.json().sheet.version });
    expect(sub.statusCode, sub.body).toBe(200);
    const w = await otherTeacher.post(`/api/workflow/instances/${sub.json().sheet.workflowInstanceId}/withdraw`, {});
    expect(w.statusCode, w.body).toBe(200);
    const view = (await otherTeacher.get(other)).json();
    expect(view.sheet).toMatchObject({ status: 'draft', canEdit: true });
    expect(view.rows[0].total).toEqual({ kind: 'score', tenths: 870 });
    // The row names its record: the published sheet links 申请更正 to it.
    expect(view.rows[0].recordId).toEqual(expect.any(Number));
  });
});

describe('grade rules 成绩规则', () => {
  it('lets anyone working with grades read the rules and only the office change them, audited before and after', async () => {
    const [t, s, o] = [await ctx.as('teacher'), await ctx.as('student'), await ctx.as('office')];
    const rules = (await t.get('/api/grades/settings')).json();
    expect(rules.componentRules.limits.final).toEqual({ min: 50, max: 100 });
    expect((await s.get('/api/grades/settings')).statusCode).toBe(200);
    expect((await t.put('/api/grades/settings', rules)).statusCode).toBe(403);

    const empty = await o.put('/api/grades/settings', { ...rules, gpa: { ...rules.gpa, formula: 'custom', bands: [] } }, { lang: 'en' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('gpa_bands_empty');

    const next = { ...rules, componentRules: { limits: { final: { min: 60, max: 100 } } }, showRanks: true };
    const res = await o.put('/api/grades/settings', next);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ showRanks: true, componentRules: { limits: { final: { min: 60, max: 100 } } } });
    const [audit] = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'grade_settings.update'));
    expect(audit.before).toMatchObject({ showRanks: false });
    expect(audit.after).toMatchObject({ showRanks: true });

    // The new rule is what weights are checked against (the administrator may enter grades too).
    const other = `/api/grades/classes/${f.otherClassId}`;
    const admin = await ctx.as('admin');
    const officeSave = await admin.put(other, {
      version: 0,
      kind: 'makeup',
      scheme: {
        scale: 'percent',
        components: [
          { component: 'regular', weight: 45 },
          { component: 'final', weight: 55 },
        ],
      },
      rows: [],
    });
    expect(officeSave.statusCode).toBe(400);
    expect(officeSave.json().error.code).toBe('grade_sheet_scheme_invalid');
  });
});
