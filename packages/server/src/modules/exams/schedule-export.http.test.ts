import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExamSitting } from '@jiaowu/contracts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { buildExamsFixture, type ExamsFixture } from './test/exams-fixture.ts';

/**
 * 考试安排表 and exam events in calendar feeds: a student downloads their own schedule (never
 * another's), a teacher's PDF names their duty, a secretary prints only their college, and the
 * timetable feed carries the exams at the session's wall-clock time.
 */

let ctx: TestContext;
let f: ExamsFixture;
let office: TestClient;
let secretary: TestClient;
let student: TestClient;
let teacher: TestClient;
/** A course name a spreadsheet would run as a formula if written as one. */
const FORMULA = '=HYPERLINK("http://evil.example","点我")';
let futureCourse: string;

const rows = async <T>(q: ReturnType<typeof sql>) => ((await ctx.db.execute(q)) as unknown as { rows: T[] }).rows;

async function workbook(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const values: { text: string; type: ExcelJS.ValueType }[][] = [];
  ws.eachRow((row) => {
    const cells: { text: string; type: ExcelJS.ValueType }[] = [];
    row.eachCell({ includeEmpty: true }, (c) => cells.push({ text: String(c.value ?? ''), type: c.type }));
    values.push(cells);
  });
  return values;
}

function pdfText(body: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'exam-pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), body);
    return execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  ctx = await createTestContext({ app: { logger: { level: 'error' } } });
  f = await buildExamsFixture(ctx.db, ctx.clock());
  [office, secretary, student, teacher] = await Promise.all([ctx.as('office'), ctx.as('secretary'), ctx.as('student'), ctx.as('teacher')]);
  // The fixture seats students and invigilators; the rooms of each exam and publication are ours to add.
  const [other] = await rows<{ id: number }>(sql`select id from rooms where id <> ${f.roomId} order by id limit 1`);
  await ctx.db.execute(sql`insert into exam_rooms (exam_id, room_id, seats) values
      (${f.futureExamId}, ${f.roomId}, 2), (${f.startedExamId}, ${f.roomId}, 1), (${f.notMineExamId}, ${other!.id}, 30)`);
  await ctx.db.execute(sql`update exam_plans set schedule_status = 'published', published_at = now()
                            where id = (select plan_id from exams where id = ${f.futureExamId})`);
  await ctx.db.execute(sql`update courses set name = ${FORMULA} where id = (select course_id from exams where id = ${f.startedExamId})`);
  [{ name: futureCourse }] = await rows<{ name: string }>(
    sql`select c.name from exams e join courses c on c.id = e.course_id where e.id = ${f.futureExamId}`,
  );
}, 120_000);
afterAll(() => ctx?.close());

describe('exam schedule export 考试安排表', () => {
  it('gives a student their own schedule as XLSX: a titled sheet, one row per sitting with its seat', async () => {
    const res = await student.get('/api/exams/schedules/export', { query: { termId: f.termId, format: 'xlsx' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('考试安排-')}`);
    const sheet = await workbook(res.rawPayload);
    const [{ name, term }] = await rows<{ name: string; term: string }>(
      sql`select s.name, t.name as term from students s, terms t where s.id = ${f.studentId} and t.id = ${f.termId}`,
    );
    expect(sheet[0]![0]!.text).toContain(name);
    expect(sheet[0]![0]!.text).toContain(term);
    expect(sheet[1]!.map((c) => c.text)).toEqual(['日期', '星期', '时间', '课程代码', '课程', '班级', '考场', '座位号']);
    const sittings: ExamSitting[] = (await student.get('/api/exams/sittings', { query: { termId: f.termId } })).json().items;
    expect(sittings.length).toBeGreaterThanOrEqual(2);
    const body = sheet.slice(2).map((r) => r.map((c) => c.text));
    expect(body.map((r) => [r[0], r[2], r[4], r[7]])).toEqual(
      sittings.map((s) => [s.date, `${s.start}–${s.end}`, s.courseName, String(s.seat)]),
    );
    const future = body.find((r) => r[4] === futureCourse)!;
    expect(future[1]).toMatch(/^周[一二三四五六日]$/);
    expect(future[7]).toBe('1');
    expect(body.map((r) => r[4])).not.toContain('');
  });

  it('keeps a course name that looks like a formula as text', async () => {
    const res = await student.get('/api/exams/schedules/export', { query: { termId: f.termId } });
    const cell = (await workbook(res.rawPayload)).flat().find((c) => c.text === FORMULA);
    expect(cell, 'the course name is in the sheet').toBeTruthy();
    expect(cell!.type).toBe(ExcelJS.ValueType.String);
  });

  it('answers another student’s id as not found, and writes English headers for an English reader', async () => {
    const other = await student.get('/api/exams/schedules/export', {
      query: { termId: f.termId, ownerKind: 'student', ownerId: f.otherStudentId },
    });
    expect(other.statusCode).toBe(404);
    const en = await office.get('/api/exams/schedules/export', {
      query: { termId: f.termId, ownerKind: 'student', ownerId: f.studentId },
      lang: 'en',
    });
    expect(en.statusCode).toBe(200);
    expect((await workbook(en.rawPayload))[1]!.map((c) => c.text)).toContain('Seat');
  });

  it('prints a teacher’s PDF with their duty in the room', async () => {
    const res = await teacher.get('/api/exams/schedules/export', { query: { termId: f.termId, format: 'pdf' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload);
    const line = text.split('\n').find((l) => l.includes(futureCourse));
    expect(line, text).toBeTruthy();
    expect(line).toContain('主监考');
    const [{ teacherId }] = await rows<{ teacherId: number }>(
      sql`select teacher_id as "teacherId" from users where username = ${f.otherTeacherUsername}`,
    );
    const others = await teacher.get('/api/exams/schedules/export', {
      query: { termId: f.termId, ownerKind: 'teacher', ownerId: teacherId },
    });
    expect(others.statusCode).toBe(404);
  });

  it('lets a secretary print their own college, not another; the office prints a room with its invigilators', async () => {
    const [{ collegeId }] = await rows<{ collegeId: number }>(
      sql`select ur.college_id as "collegeId" from user_roles ur join users u on u.id = ur.user_id
           where u.username = 'secretary' and ur.college_id is not null limit 1`,
    );
    const [{ id: otherCollege }] = await rows<{ id: number }>(sql`select id from colleges where id <> ${collegeId} order by id limit 1`);
    const own = await secretary.get('/api/exams/schedules/export', {
      query: { termId: f.termId, ownerKind: 'college', ownerId: collegeId },
    });
    expect(own.statusCode).toBe(200);
    const other = await secretary.get('/api/exams/schedules/export', {
      query: { termId: f.termId, ownerKind: 'college', ownerId: otherCollege, format: 'pdf' },
    });
    expect(other.statusCode).toBe(404);
    const room = await office.get('/api/exams/schedules/export', { query: { termId: f.termId, ownerKind: 'room', ownerId: f.roomId } });
    const [{ teacherName }] = await rows<{ teacherName: string }>(
      sql`select t.name as "teacherName" from users u join teachers t on t.id = u.teacher_id where u.username = 'teacher'`,
    );
    const line = (await workbook(room.rawPayload)).map((r) => r.map((c) => c.text)).find((r) => r[4] === futureCourse)!;
    expect(line.slice(-2)).toEqual(['2', `${teacherName}（主监考）`]);
  });
});

describe('exams in the calendar feed', () => {
  it('puts the student’s exam in their feed at the session’s wall-clock time in Asia/Shanghai, with room and seat', async () => {
    const feed = (await student.post('/api/timetable/feeds', {})).json();
    const res = await ctx.anonymous().get(feed.path);
    expect(res.statusCode).toBe(200);
    const events = Object.values(ical.sync.parseICS(res.body)).filter((e) => e?.type === 'VEVENT');
    const ev = events.find((e) => e.type === 'VEVENT' && e.summary === `考试：${futureCourse}`);
    expect(ev, 'the exam event').toBeTruthy();
    const [{ date, room }] = await rows<{ date: string; room: string }>(
      sql`select to_char(s.date, 'YYYY-MM-DD') as date, r.name as room from exams e join exam_sessions s on s.id = e.session_id
            join rooms r on r.id = ${f.roomId} where e.id = ${f.futureExamId}`,
    );
    // The session starts at 09:00 school time; Shanghai is UTC+8 all year.
    expect(ev!.type === 'VEVENT' && new Date(ev!.start).toISOString()).toBe(`${date}T01:00:00.000Z`);
    expect(ev!.type === 'VEVENT' && String(ev!.location)).toContain(room);
    expect(ev!.type === 'VEVENT' && String(ev!.description)).toContain('座位号：1');
    // Another student's exam is not in it.
    const notMine = (
      await rows<{ name: string }>(sql`select c.name from exams e join courses c on c.id = e.course_id where e.id = ${f.notMineExamId}`)
    )[0]!;
    expect(events.some((e) => e.type === 'VEVENT' && e.summary === `考试：${notMine.name}`)).toBe(false);
  });

  it('puts the teacher’s duty in their feed as 主监考', async () => {
    const feed = (await teacher.post('/api/timetable/feeds', {})).json();
    const events = Object.values(ical.sync.parseICS((await ctx.anonymous().get(feed.path)).body)).filter((e) => e?.type === 'VEVENT');
    const duty = events.find((e) => e.type === 'VEVENT' && String(e.summary).startsWith('主监考：'));
    expect(duty && duty.type === 'VEVENT' && String(duty.summary)).toContain(futureCourse);
  });
});
