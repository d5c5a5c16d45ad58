import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { PDFParse } from 'pdf-parse';
import type { GradeEntry, StudentGrades, TranscriptVerification } from '@jiaowu/contracts';
import { buildApp } from '../../app.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import {
  buildAdminClass,
  buildCollege,
  buildDepartment,
  buildMajor,
  buildStudent,
  buildTeacher,
  buildTerm,
  uniqueCode,
} from '../../test/factories.ts';
import { buildUser } from '../../test/user-factory.ts';
import { courses } from '../catalog/catalog.tables.ts';
import { teachingClasses } from '../offerings/offerings.tables.ts';
import { insertPublishedRecords } from './records.repository.ts';
import { DEFAULT_GRADE_RULES } from './rules.ts';
import { saveGradeSettings } from './settings.repository.ts';

/**
 * A student's record, transcripts and their verification, through the HTTP API, on grades written
 * as publication writes them (records + version rows). The hand-worked record (default rules:
 * 4.0 bands, make-up capped at 60, best retake counts):
 *
 *   term A  高等数学 4.0 cr  86            → 3.7
 *           大学英语 2.0 cr  45, make-up 75 → shown 60 → 1.0
 *           程序设计 3.0 cr  55 (failed)
 *           数据结构 2.0 cr  70             → 2.0 (best) — the retake below is worse
 *           体育     1.0 cr  合格           → no points (两级制), credits earned
 *   term B  程序设计 retake 80              → 3.0
 *           数据结构 retake 65              → 1.5 (counts only when the latest counts)
 *
 *   best:   (3.7·4 + 1.0·2 + 3.0·3 + 2.0·2) / 11 = 29.8 / 11 = 2.709… → 2.71
 *   latest: (3.7·4 + 1.0·2 + 3.0·3 + 1.5·2) / 11 = 28.8 / 11 = 2.618… → 2.62
 *   term A (best): (14.8 + 2 + 4) / 8 = 2.60; term B: 9 / 3 = 3.00
 */

let ctx: TestContext;
let me: TestClient;
let teacher: TestClient;
let secretary: TestClient;
let otherSecretary: TestClient;
let office: TestClient;
const ids = { student: 0, other: 0, stranger: 0, termA: 0, termB: 0, major: 0, cohort: 2031, classA: 0, studentCode: '' };

async function course(code: string, name: string, nameEn: string, credits: string, category: string, departmentId: number) {
  const [row] = await ctx.db
    .insert(courses)
    .values({ code: uniqueCode(code), name, nameEn, credits, departmentId, category })
    .returning({ id: courses.id });
  return row.id;
}

const score = (n: number): GradeEntry => ({ kind: 'score', tenths: n * 10 });

async function pdfText(buf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(buf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

beforeAll(async () => {
  ctx = await createTestContext();
  const { db } = ctx;
  const college = await buildCollege(db, { nameEn: 'School of Computing' });
  const department = await buildDepartment(db, { collegeId: college.id });
  const major = await buildMajor(db, { departmentId: department.id, name: '软件工程' });
  const adminClass = await buildAdminClass(db, { majorId: major.id, cohort: ids.cohort });
  const student = await buildStudent(db, { adminClassId: adminClass.id, name: '李雷' });
  const other = await buildStudent(db, { adminClassId: adminClass.id, name: '韩梅梅' });
  const stranger = await buildStudent(db);
  Object.assign(ids, { student: student.id, other: other.id, stranger: stranger.id, major: major.id, studentCode: student.code });
  ids.termA = (await buildTerm(db, { startDate: '2031-09-01', name: '2031-2032 第一学期', academicYear: '2031-2032', semester: 1 })).id;
  ids.termB = (await buildTerm(db, { startDate: '2032-02-23', name: '2031-2032 第二学期', academicYear: '2031-2032', semester: 2 })).id;
  const math = await course('MA', '高等数学', 'Advanced Mathematics', '4.0', 'foundation', department.id);
  const english = await course('EN', '大学英语', 'College English', '2.0', 'general', department.id);
  const programming = await course('CS', '程序设计', 'Programming', '3.0', 'major_core', department.id);
  const structures = await course('DS', '数据结构', 'Data Structures', '2.0', 'major_core', department.id);
  const pe = await course('PE', '体育', 'Physical Education', '1.0', 'general', department.id);

  const t = await buildTeacher(db, { departmentId: department.id });
  const [cls] = await db
    .insert(teachingClasses)
    .values({
      code: uniqueCode('MA-01'),
      termId: ids.termA,
      courseId: math,
      collegeId: college.id,
      teachers: [{ teacherId: t.id, share: 100 }],
      teacherIds: [t.id],
      capacity: 40,
      sessions: [2],
      weekPattern: 'all',
      weekFrom: 1,
      weekTo: 16,
      weekMask: 0xffff,
    })
    .returning();
  ids.classA = cls.id;

  const rec = (
    studentId: number,
    courseId: number,
    termId: number,
    attempt: 'normal' | 'makeup' | 'retake',
    entry: GradeEntry,
    creditsTenths: number,
    teachingClassId: number | null = null,
  ) => ({
    studentId,
    courseId,
    termId,
    attempt,
    entry,
    creditsTenths,
    teachingClassId,
    components: entry.kind === 'score' ? { final: entry.tenths } : {},
  });
  await db.transaction(async (tx) => {
    await insertPublishedRecords(
      tx,
      [
        rec(student.id, math, ids.termA, 'normal', score(86), 40, cls.id),
        rec(student.id, english, ids.termA, 'normal', score(45), 20),
        rec(student.id, english, ids.termA, 'makeup', score(75), 20),
        rec(student.id, programming, ids.termA, 'normal', score(55), 30),
        rec(student.id, structures, ids.termA, 'normal', score(70), 20),
        rec(student.id, pe, ids.termA, 'normal', { kind: 'two_level', level: 'pass' }, 10),
        rec(student.id, programming, ids.termB, 'retake', score(80), 30),
        rec(student.id, structures, ids.termB, 'retake', score(65), 20),
        rec(other.id, math, ids.termA, 'normal', score(93), 40, cls.id),
        rec(other.id, english, ids.termA, 'normal', score(81), 20),
        rec(stranger.id, math, ids.termA, 'normal', score(70), 40),
      ],
      { reason: 'published', createdBy: null, now: new Date() },
    );
  });
  // A draft (not published) grade stays invisible everywhere.
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into grade_records (student_id, course_id, term_id, attempt, entry, credits_tenths)
        values (${student.id}, ${pe}, ${ids.termB}, 'normal', '{"kind":"score","tenths":990}'::jsonb, 10)`,
    );
  });

  const studentUser = await buildUser(db, [{ role: 'student' }], { studentId: student.id });
  const teacherUser = await buildUser(db, [{ role: 'teacher' }], { teacherId: t.id });
  const secretaryUser = await buildUser(db, [{ role: 'secretary', collegeId: college.id }]);
  const otherSecretaryUser = await buildUser(db, [{ role: 'secretary', collegeId: (await buildCollege(db)).id }]);
  me = await ctx.as(studentUser.username);
  teacher = await ctx.as(teacherUser.username);
  secretary = await ctx.as(secretaryUser.username);
  otherSecretary = await ctx.as(otherSecretaryUser.username);
  office = await ctx.as('office');
}, 120_000);
afterAll(() => ctx.close());

describe('a student’s grades', () => {
  it('shows a student their own published grades with the GPA worked by hand (make-up capped, best retake)', async () => {
    const res = await me.get('/api/grades/me');
    expect(res.statusCode).toBe(200);
    const g: StudentGrades = res.json();
    expect(g.student).toMatchObject({ id: ids.student, name: '李雷', majorName: '软件工程', cohort: ids.cohort });
    expect(g.items).toHaveLength(8);
    expect(g.items.some((i) => i.grade.kind === 'score' && i.grade.tenths === 990)).toBe(false);
    expect(g.gpa?.display).toBe('2.71');
    expect(g.gpa?.creditsTenths).toBe(110);
    expect(g.terms.map((t) => [t.termId, t.gpa?.display, t.creditsEarnedTenths])).toEqual([
      [ids.termA, '2.60', 90],
      [ids.termB, '3.00', 30],
    ]);
    expect(g.creditsEarnedTenths).toBe(120);
    expect(g.creditsByCategory).toEqual({ foundation: 40, general: 30, major_core: 50 });
    const makeup = g.items.find((i) => i.attempt === 'makeup')!;
    expect(makeup).toMatchObject({
      courseName: '大学英语',
      display: '60',
      entered: { kind: 'score', tenths: 750 },
      isCounting: true,
      points: '1.00',
    });
    const structures = g.items.filter((i) => i.courseName === '数据结构');
    expect(structures.map((i) => [i.attempt, i.isCounting])).toEqual([
      ['normal', true],
      ['retake', false],
    ]);
    expect(g.items.find((i) => i.courseName === '高等数学')?.components).toEqual({ final: 860 });
    // Ranks only when the office switches them on.
    expect(g.items.every((i) => i.rank === null)).toBe(true);
    // termId narrows the items, not the GPA.
    const termB: StudentGrades = (await me.get('/api/grades/me', { query: { termId: ids.termB } })).json();
    expect(termB.items.map((i) => i.termId)).toEqual([ids.termB, ids.termB]);
    expect(termB.gpa?.display).toBe('2.71');
  });

  it('counts the latest retake when the school says so, and shows ranks when switched on', async () => {
    await ctx.db.transaction((tx) =>
      saveGradeSettings(tx, {
        ...DEFAULT_GRADE_RULES,
        attempts: { makeupCapTenths: 600, retakeCounts: 'latest' },
        showRanks: true,
        showComponents: false,
        updatedAt: new Date(),
      }),
    );
    try {
      const g: StudentGrades = (await me.get('/api/grades/me')).json();
      expect(g.gpa?.display).toBe('2.62');
      expect(g.items.find((i) => i.courseName === '高等数学')).toMatchObject({ rank: '2/2', components: null });
    } finally {
      await ctx.db.transaction((tx) => saveGradeSettings(tx, { ...DEFAULT_GRADE_RULES, updatedAt: new Date() }));
    }
  });

  it('never shows a student another student’s grades', async () => {
    expect((await me.get(`/api/grades/students/${ids.student}`)).statusCode).toBe(200);
    const res = await me.get(`/api/grades/students/${ids.other}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('韩梅梅');
    expect((await me.get('/api/grades/students/999999')).statusCode).toBe(404);
    expect((await me.get('/api/grades/students/0')).statusCode).toBe(400);
    expect((await me.get(`/api/grades/students/${ids.other}%2F..`)).statusCode).toBe(400);
  });

  it('shows a teacher only the students of their classes, and only those classes’ courses', async () => {
    const g: StudentGrades = (await teacher.get(`/api/grades/students/${ids.student}`)).json();
    expect(g.items.map((i) => i.courseName)).toEqual(['高等数学']);
    expect(g.gpa?.display).toBe('3.70');
    const stranger = await teacher.get(`/api/grades/students/${ids.stranger}`);
    expect(stranger.statusCode).toBe(404);
    // A teacher has no grades of their own.
    expect((await teacher.get('/api/grades/me')).statusCode).toBe(404);
  });

  it('shows a secretary the students of their college only; the office everybody', async () => {
    expect((await secretary.get(`/api/grades/students/${ids.other}`)).json().items).toHaveLength(2);
    expect((await otherSecretary.get(`/api/grades/students/${ids.other}`)).statusCode).toBe(404);
    expect((await office.get(`/api/grades/students/${ids.student}`)).json().gpa.display).toBe('2.71');
  });
});

describe('transcripts and their verification', () => {
  let firstCode = '';

  it('issues the student’s own transcript with the courses, the GPA and a verification code that verifies', async () => {
    const res = await me.get(`/api/grades/transcripts/${ids.student}`, { query: { lang: 'zh' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain(`${ids.studentCode}-transcript-zh.pdf`);
    firstCode = String(res.headers['x-verification-code']);
    expect(firstCode).toMatch(/^[A-Z2-7]{16}$/);
    const text = await pdfText(res.rawPayload);
    for (const s of ['高等数学', '大学英语', '程序设计', '李雷', ids.studentCode, '2.71', firstCode, '补考', '重修', '2031-2032 第二学期'])
      expect(text).toContain(s);
    expect(text).not.toContain('Advanced Mathematics');

    const v = await ctx.anonymous().get(`/api/verify/${firstCode}`);
    expect(v.statusCode).toBe(200);
    expect(v.json()).toMatchObject({
      valid: true,
      state: 'genuine',
      studentName: '李雷',
      studentCode: ids.studentCode,
      kind: 'transcript',
      lang: 'zh-CN',
    });
    expect(v.json().checksum).toBe(res.headers['x-checksum']);
    expect(text).toContain(v.json().checksum);
  });

  it('says nothing about a forged code', async () => {
    for (const code of ['AAAAAAAAAAAAAAAA', 'not-a-code', firstCode.toLowerCase().replace(/.$/, '9')]) {
      const v = await ctx.anonymous().get(`/api/verify/${encodeURIComponent(code)}`);
      expect(v.statusCode).toBe(200);
      const body: TranscriptVerification = v.json();
      expect(body).toMatchObject({ valid: false, state: 'unknown', studentName: null, studentCode: null, checksum: null, issuedAt: null });
    }
  });

  it('refuses a student another student’s transcript', async () => {
    const res = await me.get(`/api/grades/transcripts/${ids.other}`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-verification-code']).toBeUndefined();
    expect((await me.get('/api/grades/transcripts', { query: { studentId: ids.other } })).statusCode).toBe(404);
  });

  it('supersedes the earlier transcript when a new one is issued; the office may revoke', async () => {
    const again = await me.get(`/api/grades/transcripts/${ids.student}`, { query: { lang: 'zh' } });
    const secondCode = String(again.headers['x-verification-code']);
    expect(secondCode).not.toBe(firstCode);
    expect((await ctx.anonymous().get(`/api/verify/${firstCode}`)).json()).toMatchObject({ valid: false, state: 'superseded' });
    expect((await ctx.anonymous().get(`/api/verify/${secondCode}`)).json()).toMatchObject({ valid: true, state: 'genuine' });

    expect((await me.post(`/api/grades/transcripts/${secondCode}/revoke`, { reason: '学生申请' })).statusCode).toBe(403);
    const revoked = await office.post(`/api/grades/transcripts/${secondCode}/revoke`, { reason: '信息有误' });
    expect(revoked.statusCode).toBe(200);
    expect((await ctx.anonymous().get(`/api/verify/${secondCode}`)).json()).toMatchObject({ valid: false, state: 'revoked' });
    expect((await office.post(`/api/grades/transcripts/${secondCode}/revoke`, { reason: '再次' })).statusCode).toBe(409);
    expect((await office.post('/api/grades/transcripts/AAAAAAAAAAAAAAAA/revoke', { reason: 'x' })).statusCode).toBe(404);

    const list = (await me.get('/api/grades/transcripts')).json();
    expect(list.items.map((i: { code: string; state: string }) => [i.code, i.state])).toEqual([
      [secondCode, 'revoked'],
      [firstCode, 'superseded'],
    ]);
    const audit = (await office.get('/api/audit', { query: { entityType: 'transcripts' } })).json();
    expect(JSON.stringify(audit)).toContain(secondCode);
  });

  it('leaves exactly one genuine transcript when two are issued at once', async () => {
    const both = await Promise.all([1, 2].map(() => office.get(`/api/grades/transcripts/${ids.other}`, { query: { lang: 'zh' } })));
    const states = await Promise.all(
      both.map(async (r) => (await ctx.anonymous().get(`/api/verify/${String(r.headers['x-verification-code'])}`)).json().state),
    );
    expect(states.sort()).toEqual(['genuine', 'superseded']);
  });

  it('prints course names in English (with the Chinese) on the English transcript', async () => {
    const res = await secretary.get(`/api/grades/transcripts/${ids.student}`, { query: { lang: 'en' } });
    expect(res.statusCode).toBe(200);
    const text = await pdfText(res.rawPayload);
    for (const s of [
      'Academic Transcript',
      'Semester 2, 2031-2032',
      'Advanced Mathematics',
      'College English',
      '高等数学',
      'Make-up',
      'Retake',
      '2.71',
    ]) {
      expect(text).toContain(s);
    }
    expect((await ctx.anonymous().get(`/api/verify/${String(res.headers['x-verification-code'])}`)).json().lang).toBe('en');
    expect((await otherSecretary.get(`/api/grades/transcripts/${ids.student}`)).statusCode).toBe(404);
  });

  it('issues an English grade certificate that explains the grading scale', async () => {
    const res = await office.get(`/api/grades/transcripts/${ids.student}`, { query: { kind: 'certificate', lang: 'zh' } });
    expect(res.statusCode).toBe(200);
    const text = await pdfText(res.rawPayload);
    for (const s of [
      'Grade Certificate',
      'Grading scale',
      'Percentage scale',
      'Five-level scale',
      'Pass/fail scale',
      'credits',
      'Advanced Mathematics',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('shows the public verification page in both languages without signing in', async () => {
    const issued = await me.get(`/api/grades/transcripts/${ids.student}`);
    const code = String(issued.headers['x-verification-code']);
    const page = await ctx.anonymous().get(`/verify/${code}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('真实有效');
    expect(page.body).toContain('Genuine');
    expect(page.body).toContain(ids.studentCode);
    expect(page.body).toContain(String(issued.headers['x-checksum']));
    expect(page.body).not.toContain('<script');
    const unknown = await ctx.anonymous().get('/verify/AAAAAAAAAAAAAAAA');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('无法核验');
    expect(unknown.body).not.toContain('李雷');
  });

  it('issues a cohort’s transcripts as one ZIP or one PDF for the office, not for a student', async () => {
    const zip = await office.post('/api/grades/transcripts/batch', { cohort: ids.cohort, majorId: ids.major, lang: 'zh', format: 'zip' });
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    expect(Object.keys(files)).toHaveLength(2);
    expect(await pdfText(Buffer.from(files[`${ids.studentCode}-transcript-zh.pdf`]))).toContain('2.71');

    const merged = await secretary.post('/api/grades/transcripts/batch', {
      cohort: ids.cohort,
      majorId: ids.major,
      lang: 'en',
      format: 'pdf',
    });
    expect(merged.statusCode).toBe(200);
    const text = await pdfText(merged.rawPayload);
    expect(text).toContain('李雷');
    expect(text).toContain('韩梅梅');
    expect(merged.headers['x-transcript-count']).toBe('2');

    expect((await me.post('/api/grades/transcripts/batch', { cohort: ids.cohort, lang: 'zh', format: 'zip' })).statusCode).toBe(403);
    expect(
      (await otherSecretary.post('/api/grades/transcripts/batch', { cohort: ids.cohort, majorId: ids.major, lang: 'zh', format: 'zip' }))
        .statusCode,
    ).toBe(400);
  }, 60_000);
});

describe('the verification page beside the web app', () => {
  it('is served by the server, not swallowed by the web app’s fallback, and works under the CSP', async () => {
    const code = String((await me.get(`/api/grades/transcripts/${ids.student}`)).headers['x-verification-code']);
    const webDist = mkdtempSync(path.join(tmpdir(), 'jw-web-'));
    writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><div id="root">SPA</div>');
    const app = await buildApp({ db: ctx.db, clock: ctx.clock, webDist });
    try {
      await app.ready();
      const page = await app.inject({ method: 'GET', url: `/verify/${code}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Genuine');
      expect(page.body).not.toContain('SPA');
      // Inline styles only (allowed by the CSP), no script, nothing from another origin.
      expect(String(page.headers['content-security-policy'])).toContain("style-src 'self' 'unsafe-inline'");
      expect(page.body).not.toMatch(/<script|https?:\/\/(?!localhost)/);
      // Other paths still belong to the web app.
      expect((await app.inject({ method: 'GET', url: '/grades' })).body).toContain('SPA');
    } finally {
      await app.close();
    }
  });
});
