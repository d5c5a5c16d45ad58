import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createDrawService, type DrawService } from './draw.service.ts';
import { ROSTER_ROWS_PER_PAGE } from './rosters.pdf.ts';
import { createRosterService, type RosterService } from './rosters.service.ts';
import * as repo from './selection.repository.ts';
import type { SelectionRoundRow } from './selection.repository.ts';
import { actorWith, officeActor, studentActor } from './test/draw-fixture.ts';
import { buildSelectionFixture, enrolledRows, setSeats, type SelectionFixture } from './test/selection-fixture.ts';

let ctx: TestContext;
let f: SelectionFixture;
let draw: DrawService;
let rosters: RosterService;
let round: SelectionRoundRow;
const at = new Date('2026-09-01T08:00:00Z');

/** Teaching classes of the term meant for one admin class whose course that class's plan requires. */
interface Target {
  classId: number;
  adminClassId: number;
  majorId: number;
  cohort: number;
  collegeId: number;
  teacherIds: number[];
}
let targets: Target[];
/** The class whose roster is printed; another one of the admin class is made full. */
let rosterClass: Target;
let fullClass: Target;

const rows = async <T>(q: ReturnType<typeof sql>) => ((await ctx.db.execute(q)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  ctx = await createTestContext();
  f = await buildSelectionFixture(ctx.db, at);
  targets = (
    await rows<{
      class_id: number;
      admin_class_id: number;
      major_id: number;
      cohort: number;
      college_id: number;
      teacher_ids: number[];
    }>(sql`
      select distinct tc.id as class_id, ac.id as admin_class_id, ac.major_id, ac.cohort, tc.college_id, tc.teacher_ids
      from teaching_classes tc
      join admin_classes ac on ac.id = any(tc.admin_class_ids)
      join curriculum_plans p on p.major_id = ac.major_id and p.cohort = ac.cohort
      join plan_courses pc on pc.plan_id = p.id and pc.course_id = tc.course_id
      join plan_groups g on g.id = pc.group_id and g.kind = 'required'
      where tc.term_id = ${f.termId}
      order by ac.id, tc.id`)
  ).map((r) => ({
    classId: r.class_id,
    adminClassId: r.admin_class_id,
    majorId: r.major_id,
    cohort: r.cohort,
    collegeId: r.college_id,
    teacherIds: r.teacher_ids,
  }));
  // The admin class with the most such classes (one to print, one to fill up).
  const byAdminClass = new Map<number, Target[]>();
  for (const t of targets) byAdminClass.set(t.adminClassId, [...(byAdminClass.get(t.adminClassId) ?? []), t]);
  targets = [...byAdminClass.values()].sort((a, b) => b.length - a.length)[0];
  const first = targets[0];
  [rosterClass, fullClass] = targets;
  // A round of the admin class's major and cohort, before its window opens (the office prefills ahead).
  round = await repo.insertRound(ctx.db, {
    termId: f.termId,
    name: '2026 秋季正选（预置）',
    mode: 'first_come',
    opensAt: new Date(at.getTime() + 86400_000),
    closesAt: new Date(at.getTime() + 2 * 86400_000),
    scope: { cohorts: [first.cohort], majorIds: [first.majorId], collegeIds: [] },
    status: 'draft',
  });
  const all = await rows<{ id: number }>(sql`select id from teaching_classes where term_id = ${f.termId}`);
  await repo.addRoundClasses(
    ctx.db,
    round.id,
    all.map((c) => c.id),
  );
  draw = createDrawService({ db: ctx.db, clock: () => at });
  rosters = createRosterService({ db: ctx.db });
}, 120_000);
afterAll(() => ctx?.close());

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const noViolations = { oversold: [], counterMismatch: [], duplicateCourses: [], totalsMismatch: [] };

describe('pre-enrolment by admin class 按行政班预置', () => {
  it('enrols the scope’s students in their required classes as fixed, through the seats; a full class is counted as refused', async () => {
    expect(targets.length).toBeGreaterThanOrEqual(2);
    await setSeats(ctx.db, fullClass.classId, 0);
    const students = await rows<{ id: number }>(
      sql`select id from students where admin_class_id = ${rosterClass.adminClassId} and deleted_at is null and status = 'enrolled'`,
    );
    const res = await draw.prefill(officeActor(), round.id);
    expect(res.created).toBeGreaterThanOrEqual(students.length);
    expect(res.refused.class_full).toBeGreaterThanOrEqual(students.length);
    const made = await rows<{ is_fixed: boolean; source: string; student_id: number; teaching_class_id: number }>(
      sql`select is_fixed, source, student_id, teaching_class_id from enrolments where round_id = ${round.id} and status = 'enrolled'`,
    );
    expect(made).toHaveLength(res.created);
    expect(made.every((e) => e.is_fixed && e.source === 'prefill')).toBe(true);
    // Every student of the admin class now holds the roster class; nobody holds the full one.
    expect((await enrolledRows(ctx.db, rosterClass.classId)).map((e) => e.studentId).sort((a, b) => a - b)).toEqual(
      expect.arrayContaining(students.map((s) => s.id)),
    );
    expect(await enrolledRows(ctx.db, fullClass.classId)).toHaveLength(0);
    expect(await repo.findSeatInvariantViolations(ctx.db, f.termId)).toEqual(noViolations);
  });

  it('is idempotent: a second call creates nothing and counts what exists', async () => {
    const before = await rows<{ n: number }>(sql`select count(*)::int as n from enrolments`);
    const first = await rows<{ n: number }>(sql`select count(*)::int as n from enrolments where round_id = ${round.id}`);
    const res = await draw.prefill(officeActor(), round.id);
    expect(res.created).toBe(0);
    expect(res.existing).toBeGreaterThanOrEqual(first[0].n);
    expect(res.refused.class_full).toBeGreaterThan(0);
    expect(await rows<{ n: number }>(sql`select count(*)::int as n from enrolments`)).toEqual(before);
    expect(await repo.findSeatInvariantViolations(ctx.db, f.termId)).toEqual(noViolations);
  });

  it('is the office’s: a student may not', async () => {
    expect((await failure(draw.prefill(studentActor(f.studentIds[0]), round.id))).code).toBe('forbidden');
  });
});

describe('rosters 点名册', () => {
  it('lists the enrolled students by student number with admin class and major', async () => {
    const r = await rosters.roster(officeActor(), rosterClass.classId, 'zh-CN');
    const enrolled = await enrolledRows(ctx.db, rosterClass.classId);
    expect(r.students).toHaveLength(enrolled.length);
    expect(r.students.length).toBeGreaterThan(0);
    const numbers = r.students.map((s) => s.studentNo);
    expect(numbers).toEqual([...numbers].sort());
    expect(r.students.every((s) => s.adminClass && s.major && s.isRetake === false)).toBe(true);
    expect(r.teachers.length).toBeGreaterThan(0);
    expect(r).toMatchObject({ teachingClassId: rosterClass.classId, locked: false });
    expect(r.code).toMatch(/\S/);
  });

  it('is scoped: the class’s college and teacher read it; another college, another teacher and students get not found', async () => {
    const secretary = actorWith({ 'selection.read': 'college' }, { collegeIds: [rosterClass.collegeId] });
    expect((await rosters.roster(secretary, rosterClass.classId, 'zh-CN')).students.length).toBeGreaterThan(0);
    const [otherCollege] = await rows<{ id: number }>(
      sql`select id from colleges where id <> ${rosterClass.collegeId} order by id limit 1`,
    );
    const stranger = actorWith({ 'selection.read': 'college' }, { collegeIds: [otherCollege.id] });
    expect((await failure(rosters.roster(stranger, rosterClass.classId, 'zh-CN'))).code).toBe('not_found');
    const teacher = actorWith({ 'selection.read': 'teaching' }, { teacherId: rosterClass.teacherIds[0] });
    expect((await rosters.roster(teacher, rosterClass.classId, 'zh-CN')).students.length).toBeGreaterThan(0);
    const [otherTeacher] = await rows<{ id: number }>(
      sql`select id from teachers where not (id = any(${sql.raw(`ARRAY[${rosterClass.teacherIds.join(',')}]::int[]`)})) order by id limit 1`,
    );
    const notTheirs = actorWith({ 'selection.read': 'teaching' }, { teacherId: otherTeacher.id });
    expect((await failure(rosters.roster(notTheirs, rosterClass.classId, 'zh-CN'))).code).toBe('not_found');
    const student = (await enrolledRows(ctx.db, rosterClass.classId))[0].studentId;
    expect((await failure(rosters.roster(studentActor(student), rosterClass.classId, 'zh-CN'))).code).toBe('not_found');
    expect((await failure(rosters.file(notTheirs, rosterClass.classId, 'pdf', 'zh-CN'))).code).toBe('not_found');
  });

  it('XLSX: parses back with the header and one row per student; a formula-looking name stays text', async () => {
    const victim = (await enrolledRows(ctx.db, rosterClass.classId))[0].studentId;
    await ctx.db.execute(sql`update students set name = '=HYPERLINK("http://evil.example","点我")' where id = ${victim}`);
    const r = await rosters.roster(officeActor(), rosterClass.classId, 'zh-CN');
    const out = await rosters.file(officeActor(), rosterClass.classId, 'xlsx', 'zh-CN');
    expect(out.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(out.filename).toMatch(new RegExp(`${r.code}-点名册\\.xlsx$`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.file as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell(1, 1).value)).toContain('点名册');
    expect(String(ws.getCell(2, 1).value)).toContain(`共 ${r.students.length} 人`);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '学号', '姓名', '行政班', '专业', '重修', '签名']);
    const body = r.students.map((_, i) => ws.getRow(4 + i));
    expect(body.map((row) => row.getCell(2).value)).toEqual(r.students.map((s) => s.studentNo));
    expect(body.map((row) => row.getCell(1).value)).toEqual(r.students.map((_, i) => i + 1));
    expect(ws.getRow(4 + r.students.length).getCell(2).value).toBeNull();
    const names = body.map((row) => String(row.getCell(3).value));
    expect(names).toContain('\'=HYPERLINK("http://evil.example","点我")');
    expect(names.some((n) => n.startsWith('='))).toBe(false);
    for (let c = 1; c <= 7; c++) for (const row of body) expect(row.getCell(c).formula).toBeUndefined();
  });

  it('PDF: the embedded CJK font, one page per 20 students, in English too', async () => {
    const r = await rosters.roster(officeActor(), rosterClass.classId, 'zh-CN');
    const out = await rosters.file(officeActor(), rosterClass.classId, 'pdf', 'zh-CN');
    expect(out.contentType).toBe('application/pdf');
    expect(out.file.subarray(0, 5).toString()).toBe('%PDF-');
    const text = out.file.toString('latin1');
    expect(text).toMatch(/\+SourceHanSansSC-Regular/);
    const pages = (text.match(/\/Type \/Page\b(?!s)/g) ?? []).length;
    expect(pages).toBe(Math.max(1, Math.ceil(r.students.length / ROSTER_ROWS_PER_PAGE)));
    const en = await rosters.file(officeActor(), rosterClass.classId, 'pdf', 'en');
    expect(en.filename).toMatch(/-roster\.pdf$/);
    expect(en.file.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
