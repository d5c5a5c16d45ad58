import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { users } from '../iam/iam.tables.ts';
import { mailOutbox, notifications } from '../notifications/notifications.tables.ts';
import { findStudentAdminClass } from '../org/org.read-model.ts';
import { checkHard } from './core/hard-rules.ts';
import { insertClassFor, insertDraft, placedLectures } from './test/publish-fixture.ts';
import { checkContextOf, toCheckLecture, type LectureRowLike, type TermFacts } from './term-facts.ts';
import { findVersionLectures } from './versions.repository.ts';

let ctx: TestContext;
let office: TestClient;
let teacher: TestClient;
let student: TestClient;
let secretary: TestClient;
let termId: number;
let facts: TermFacts;
let lectures: LectureRowLike[];
const me = {} as { studentId: number; adminClassId: number; teacherId: number; studentUserId: number; teacherUserId: number };
let oddKey: string;

const ODD = 0x55555555;
const userRow = async (username: string) => (await ctx.db.select().from(users).where(eq(users.username, username)))[0];
const countKind = async (userId: number) =>
  (
    await ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.kind, 'timetable_published')))
  ).length;

async function approveAll(draftId: number) {
  const inbox = (await office.get('/api/workflow/inbox', { query: { box: 'waiting', pageSize: 200 } })).json();
  const status = (await office.get(`/api/timetable/drafts/${draftId}/publication`)).json();
  const task = inbox.items.find((i: { instanceId: number }) => i.instanceId === status.workflowInstanceId);
  expect(task, 'the office head has the 课程确认 task').toBeTruthy();
  const res = await office.post(`/api/workflow/tasks/${task.taskId}/approve`, { comment: '同意发布' });
  expect(res.statusCode, res.body).toBe(200);
}

const classOf = (l: LectureRowLike) => facts.classes.get(l.teachingClassId)!;

beforeAll(async () => {
  ctx = await createTestContext({
    app: { mail: { smtpUrl: 'smtp://127.0.0.1:9', mailFrom: 'jiaowu@school.test', publicUrl: 'https://jiaowu.school.test' } },
  });
  [office, teacher, student, secretary] = await Promise.all(['office', 'teacher', 'student', 'secretary'].map((u) => ctx.as(u)));
  termId = (await office.get('/api/terms', { query: { q: '2026-2027-1' } })).json().items[0].id;
  const s = await userRow('student');
  const t = await userRow('teacher');
  me.studentId = s.studentId!;
  me.teacherId = t.teacherId!;
  me.studentUserId = s.id;
  me.teacherUserId = t.id;
  me.adminClassId = (await findStudentAdminClass(ctx.db, me.studentId))!.adminClassId;
  // The student reads mail in English: the published notice reaches them in their language.
  await ctx.db.update(users).set({ locale: 'en' }).where(eq(users.id, s.id));
  // The demo student's admin class taught by the demo teacher this term (a merged seed may add more).
  await insertClassFor(ctx.db, termId, { adminClassId: me.adminClassId, teacherId: me.teacherId, code: 'T-PUB-01' });
  const placed = await placedLectures(ctx.db, termId);
  facts = placed.facts;
  lectures = placed.lectures.filter((l) => l.day !== null);
  // One lecture of the student's admin class meets in odd weeks only.
  const mine = lectures.find((l) => classOf(l).adminClassIds.includes(me.adminClassId));
  expect(mine, 'the demo student’s class has a lecture this term').toBeTruthy();
  mine!.weekMask &= ODD;
  oddKey = mine!.lectureKey;
  expect(
    lectures.some((l) => l.teacherIds.includes(me.teacherId)),
    'the demo teacher teaches this term',
  ).toBe(true);
  expect(
    checkHard(
      lectures.map((l) => toCheckLecture(l, facts)),
      checkContextOf(facts),
    ),
  ).toEqual([]);
});
afterAll(() => ctx.close());

describe('课程确认: a draft through approval to the published timetable', () => {
  it('refuses a draft with a hard conflict or an unplaced lecture, saying how many in words', async () => {
    const [a, b] = lectures;
    const clash = await insertDraft(ctx.db, termId, [
      a,
      { ...b, day: a.day, startPeriod: a.startPeriod, roomId: a.roomId, length: a.length },
    ]);
    const res = await office.post(`/api/timetable/drafts/${clash.id}/submit`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/还有 [1-9]\d* 处硬冲突、0 节课未排定/);
    const unplaced = await insertDraft(ctx.db, termId, [a, { ...b, day: null, startPeriod: null, roomId: null }]);
    const en = await office.post(`/api/timetable/drafts/${unplaced.id}/submit`, {}, { lang: 'en' });
    expect(en.statusCode).toBe(409);
    expect(en.json().error.message).toBe('The draft still has 0 hard conflicts and 1 unplaced lectures; it cannot be submitted');
    // Nothing was submitted: both drafts stay editable.
    expect((await office.get(`/api/timetable/drafts/${clash.id}/publication`)).json().status).toBe('draft');
  });

  it('only the office submits; a student or teacher is refused', async () => {
    const d = await insertDraft(ctx.db, termId, lectures.slice(0, 2));
    expect((await teacher.post(`/api/timetable/drafts/${d.id}/submit`)).statusCode).toBe(403);
    expect((await student.post(`/api/timetable/drafts/${d.id}/submit`)).statusCode).toBe(403);
    expect((await office.post('/api/timetable/drafts/999999/submit')).statusCode).toBe(404);
  });

  let firstVersionNo = 0;
  let firstVersionId = 0;
  it('approved: the next version holds the draft’s lectures, the draft is published, teachers and students are told in their language', async () => {
    const before = (await office.get('/api/timetable/versions', { query: { termId } })).json().items;
    const other = await insertDraft(ctx.db, termId, lectures.slice(0, 1), { name: '另一方案' });
    const draft = await insertDraft(ctx.db, termId, lectures, { name: '2026 秋季方案' });
    const sub = await office.post(`/api/timetable/drafts/${draft.id}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json().status).toBe('submitted');
    // Submitted is locked: a second submit is refused.
    expect((await office.post(`/api/timetable/drafts/${draft.id}/submit`)).statusCode).toBe(409);
    await approveAll(draft.id);

    expect((await office.get(`/api/timetable/drafts/${draft.id}/publication`)).json().status).toBe('published');
    expect((await office.get(`/api/timetable/drafts/${other.id}/publication`)).json().status).toBe('draft');
    const versions = (await office.get('/api/timetable/versions', { query: { termId } })).json().items;
    expect(versions).toHaveLength(before.length + 1);
    expect(versions[0]).toMatchObject({
      source: 'publish',
      lectureCount: lectures.length,
      draftId: draft.id,
      publishedByName: '教务处王老师',
    });
    firstVersionNo = versions[0].versionNo;
    firstVersionId = versions[0].id;
    const stored = await findVersionLectures(ctx.db, firstVersionId);
    expect(
      checkHard(
        stored.map((l) => toCheckLecture(l, facts)),
        checkContextOf(facts),
      ),
    ).toEqual([]);

    const zh = (await teacher.get('/api/notifications')).json().items.find((n: { kind: string }) => n.kind === 'timetable_published');
    expect(zh.title).toMatch(/^课表已发布：/);
    expect(zh.body).toContain(`第 ${firstVersionNo} 版`);
    const en = (await student.get('/api/notifications', { lang: 'en' }))
      .json()
      .items.find((n: { kind: string }) => n.kind === 'timetable_published');
    expect(en.title).toMatch(/^Timetable published: /);
    // By email too, each in the recipient's language.
    const mails = await ctx.db
      .select()
      .from(mailOutbox)
      .where(inArray(mailOutbox.userId, [me.teacherUserId, me.studentUserId]));
    expect(mails.find((m) => m.userId === me.teacherUserId)?.subject).toContain('课表已发布');
    expect(mails.find((m) => m.userId === me.studentUserId)?.subject).toContain('Timetable published');
  });

  it('a later version notifies only those whose lectures changed', async () => {
    // Move one lecture the demo teacher and student have nothing to do with to a free slot.
    const target = lectures.find((l) => !l.teacherIds.includes(me.teacherId) && !classOf(l).adminClassIds.includes(me.adminClassId))!;
    const ctxCheck = checkContextOf(facts);
    let moved: LectureRowLike | null = null;
    for (let day = 1; day <= 5 && !moved; day++)
      for (let start = 1; start + target.length - 1 <= facts.grid.periodsPerDay && !moved; start++) {
        if (day === target.day && start === target.startPeriod) continue;
        const cand = { ...target, day, startPeriod: start };
        const all = lectures.map((l) => (l.lectureKey === target.lectureKey ? cand : l)).map((l) => toCheckLecture(l, facts));
        if (checkHard(all, ctxCheck, { focus: new Set([cand.lectureKey]) }).length === 0) moved = cand;
      }
    expect(moved).toBeTruthy();
    const next = lectures.map((l) => (l.lectureKey === target.lectureKey ? moved! : l));
    const movedTeacherUsers = await ctx.db.select().from(users).where(inArray(users.teacherId, target.teacherIds));
    const counts = {
      teacher: await countKind(me.teacherUserId),
      student: await countKind(me.studentUserId),
      moved: await Promise.all(movedTeacherUsers.map((u) => countKind(u.id))),
    };
    const draft = await insertDraft(ctx.db, termId, next, { name: '调整', basedOnVersionId: firstVersionId });
    expect((await office.post(`/api/timetable/drafts/${draft.id}/submit`)).statusCode).toBe(200);
    await approveAll(draft.id);
    const versions = (await office.get('/api/timetable/versions', { query: { termId } })).json().items;
    expect(versions[0]).toMatchObject({ versionNo: firstVersionNo + 1, source: 'resolve' });
    expect(await countKind(me.teacherUserId)).toBe(counts.teacher);
    expect(await countKind(me.studentUserId)).toBe(counts.student);
    expect(movedTeacherUsers.length).toBeGreaterThan(0);
    expect(await Promise.all(movedTeacherUsers.map((u) => countKind(u.id)))).toEqual(counts.moved.map((n) => n + 1));
  });
});

describe('/published: everyone’s timetable in their scope', () => {
  const item = (l: Record<string, unknown>) =>
    expect(Object.keys(l)).toEqual(
      expect.arrayContaining(['teachingClassId', 'day', 'startPeriod', 'length', 'weeks', 'roomId', 'teacherIds']),
    );

  it('a student reads their admin class’s lectures, never another class’s or person’s', async () => {
    const res = await student.get('/api/timetable/published', { query: { termId } });
    expect(res.statusCode, res.body).toBe(200);
    const t = res.json();
    expect(t.owner).toMatchObject({ kind: 'student', id: me.studentId });
    expect(t.lectures.length).toBeGreaterThan(0);
    for (const l of t.lectures) {
      item(l);
      expect(l.adminClassIds).toContain(me.adminClassId);
    }
    expect(t.weekList).toHaveLength(t.term.weeks);
    const otherClass = [...facts.adminClasses.keys()].find((id) => id !== me.adminClassId)!;
    expect((await student.get('/api/timetable/published', { query: { termId, adminClassId: otherClass } })).statusCode).toBe(404);
    expect((await student.get('/api/timetable/published', { query: { termId, adminClassId: me.adminClassId } })).statusCode).toBe(200);
    expect((await student.get('/api/timetable/published', { query: { termId, teacherId: me.teacherId } })).statusCode).toBe(404);
    expect((await student.get('/api/timetable/published', { query: { termId, studentId: me.studentId + 1 } })).statusCode).toBe(404);
    expect((await student.get('/api/timetable/published', { query: { termId, roomId: lectures[0].roomId! } })).statusCode).toBe(404);
    expect((await ctx.anonymous().get('/api/timetable/published', { query: { termId } })).statusCode).toBe(401);
  });

  it('week N shows only the lectures meeting that week (odd weeks), with that week’s dates', async () => {
    const w2 = (await student.get('/api/timetable/published', { query: { termId, week: 2 } })).json();
    const w3 = (await student.get('/api/timetable/published', { query: { termId, week: 3 } })).json();
    expect(w2.lectures.map((l: { key: string }) => l.key)).not.toContain(oddKey);
    const odd = w3.lectures.find((l: { key: string }) => l.key === oddKey);
    expect(odd.weeks.every((w: number) => w % 2 === 1)).toBe(true);
    expect(w3.weekDates).toHaveLength(w3.grid.daysPerWeek);
    expect(w3.weekDates[0]).toBe(w3.weekList[2].startDate);
    expect(new Date(`${w3.weekDates[0]}T00:00:00Z`).getUTCDay()).toBe(1);
    expect((await student.get('/api/timetable/published', { query: { termId, week: 40 } })).statusCode).toBe(400);
  });

  it('a teacher reads their own lectures and their classes, not another teacher’s', async () => {
    const t = (await teacher.get('/api/timetable/published', { query: { termId } })).json();
    expect(t.owner).toMatchObject({ kind: 'teacher', id: me.teacherId });
    expect(t.lectures.length).toBeGreaterThan(0);
    for (const l of t.lectures) expect(l.teacherIds).toContain(me.teacherId);
    const otherTeacher = lectures.flatMap((l) => l.teacherIds).find((id) => id !== me.teacherId)!;
    expect((await teacher.get('/api/timetable/published', { query: { termId, teacherId: otherTeacher } })).statusCode).toBe(404);
    const taught = classOf(lectures.find((l) => l.teacherIds.includes(me.teacherId))!).adminClassIds[0];
    if (taught) expect((await teacher.get('/api/timetable/published', { query: { termId, adminClassId: taught } })).statusCode).toBe(200);
  });

  it('a secretary reads their college; the office reads rooms, colleges, the whole school and old versions', async () => {
    const foreign = [...facts.teachers.values()].find(
      (t) => !facts.classes.size || t.collegeId !== [...facts.classes.values()][0].collegeId,
    );
    const mine = await secretary.get('/api/timetable/published', { query: { termId } });
    expect(mine.json().owner.kind).toBe('college');
    const collegeId = mine.json().owner.id;
    if (foreign && foreign.collegeId !== collegeId)
      expect((await secretary.get('/api/timetable/published', { query: { termId, teacherId: foreign.id } })).statusCode).toBe(404);
    const room = await office.get('/api/timetable/published', { query: { termId, roomId: lectures[0].roomId! } });
    expect(room.json().lectures.every((l: { roomId: number }) => l.roomId === lectures[0].roomId)).toBe(true);
    const school = (await office.get('/api/timetable/published', { query: { termId } })).json();
    expect(school.owner.kind).toBe('school');
    expect(school.lectures).toHaveLength(lectures.length);
    const versions = (await office.get('/api/timetable/versions', { query: { termId } })).json().items;
    const old = (await office.get('/api/timetable/published', { query: { termId, version: versions[1].versionNo } })).json();
    expect(old.version.versionNo).toBe(versions[1].versionNo);
    expect((await office.get('/api/timetable/published', { query: { termId, version: 999 } })).statusCode).toBe(404);
  });
});

describe('printouts', () => {
  it('XLSX of an admin class: days as columns, periods as rows, course/teacher/room/weeks in a merged cell', async () => {
    const res = await office.get('/api/timetable/export', { query: { termId, adminClassId: me.adminClassId, format: 'xlsx' } });
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell(1, 1).value)).toContain('课表');
    expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['节次', '星期一', '星期五']));
    expect(ws.pageSetup.orientation).toBe('landscape');
    const odd = lectures.find((l) => l.lectureKey === oddKey)!;
    const cell = ws.getCell(2 + odd.startPeriod!, 2 + odd.day!);
    const text = String(cell.value);
    expect(text).toContain(classOf(odd).course.name);
    expect(text).toContain(facts.rooms.get(odd.roomId!)!.name);
    expect(text).toMatch(/周\(单\)/);
    if (odd.length > 1) expect(ws.getCell(2 + odd.startPeriod! + 1, 2 + odd.day!).isMerged).toBe(true);
  });

  it('PDF with the embedded CJK font; a student cannot print another class', async () => {
    const res = await student.get('/api/timetable/export', { query: { termId, format: 'pdf' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.toString('latin1')).toMatch(/\+SourceHanSansSC-Regular/);
    const otherClass = [...facts.adminClasses.keys()].find((id) => id !== me.adminClassId)!;
    expect((await student.get('/api/timetable/export', { query: { termId, adminClassId: otherClass, format: 'xlsx' } })).statusCode).toBe(
      404,
    );
  });

  it('the whole school is one workbook, a sheet per admin class with lectures', async () => {
    const res = await office.get('/api/timetable/export', { query: { termId, format: 'xlsx' } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const withLectures = new Set(lectures.flatMap((l) => classOf(l).adminClassIds));
    expect(wb.worksheets).toHaveLength(withLectures.size);
    expect(wb.worksheets.map((w) => w.name)).toContain(facts.adminClasses.get(me.adminClassId)!.name);
  });
});

describe('ICS calendar feeds', () => {
  it('a student’s private feed parses with one event per meeting, in the school’s zone; rotation and revocation close old addresses', async () => {
    const created = await student.post('/api/timetable/feeds', {});
    expect(created.statusCode, created.body).toBe(201);
    const feed = created.json();
    expect(feed).toMatchObject({ ownerKind: 'student', ownerId: me.studentId });
    const res = await ctx.anonymous().get(feed.path);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    // A calendar polling again with the ETag of an unchanged timetable gets 304 and no body.
    const etag = String(res.headers.etag);
    const again = await ctx.anonymous().get(feed.path, { headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await ctx.anonymous().get(feed.path, { headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
    const events = Object.values(ical.sync.parseICS(res.body)).filter((e) => e?.type === 'VEVENT');
    const mine = (await student.get('/api/timetable/published', { query: { termId } })).json();
    const expected = mine.lectures.reduce((n: number, l: { weeks: number[] }) => n + l.weeks.filter((w) => w <= mine.term.weeks).length, 0);
    // The feed also keeps the previous term (published too in the demo): this term's events are those from its first day on.
    const termStart = new Date(`${mine.weekList[0].startDate}T00:00:00+08:00`);
    // Published exams ride in the same feed (exam-… UIDs, tested with the exam schedules): lectures only here.
    const thisTerm = events.filter(
      (e) => e.type === 'VEVENT' && !e.uid.startsWith('exam-') && new Date(e.start as unknown as string) >= termStart,
    );
    expect(thisTerm).toHaveLength(expected);
    expect(events.length).toBeGreaterThan(expected);
    const odd = mine.lectures.find((l: { key: string }) => l.key === oddKey);
    const date = mine.weekList[0].startDate.replace(
      /-(\d\d)$/,
      (_: string, d: string) => `-${String(Number(d) + odd.day - 1).padStart(2, '0')}`,
    );
    const ev = events.find((e) => e.type === 'VEVENT' && e.uid === `${oddKey}-${date}@jiaowu`);
    expect(ev, `event of ${oddKey} on ${date}`).toBeTruthy();
    const startsAt = mine.grid.periods.find((p: { period: number }) => p.period === odd.startPeriod).startsAt;
    // Asia/Shanghai is UTC+8 all year.
    const [h, m] = startsAt.split(':').map(Number);
    expect(ev!.type === 'VEVENT' && new Date(ev!.start).toISOString()).toBe(
      new Date(Date.parse(`${date}T00:00:00Z`) + ((h - 8) * 60 + m) * 60_000).toISOString(),
    );
    expect((await student.get('/api/timetable/feeds')).json().items.map((f: { id: number }) => f.id)).toEqual([feed.id]);

    const rotated = (await student.post('/api/timetable/feeds', {})).json();
    expect((await ctx.anonymous().get(feed.path)).statusCode).toBe(404);
    expect((await ctx.anonymous().get(rotated.path)).statusCode).toBe(200);
    expect((await teacher.delete(`/api/timetable/feeds/${rotated.id}`)).statusCode).toBe(404);
    expect((await student.delete(`/api/timetable/feeds/${rotated.id}`)).statusCode).toBe(200);
    expect((await ctx.anonymous().get(rotated.path)).statusCode).toBe(404);
    expect((await ctx.anonymous().get('/api/timetable/ics/not-a-real-token-at-all')).statusCode).toBe(404);
  });

  it('people subscribe to their own timetable only; the office to a room', async () => {
    expect((await student.post('/api/timetable/feeds', { ownerKind: 'teacher', ownerId: me.teacherId })).statusCode).toBe(404);
    expect((await teacher.post('/api/timetable/feeds', { ownerKind: 'student', ownerId: me.studentId })).statusCode).toBe(404);
    const t = await teacher.post('/api/timetable/feeds', {});
    expect(t.json()).toMatchObject({ ownerKind: 'teacher', ownerId: me.teacherId });
    const room = await office.post('/api/timetable/feeds', { ownerKind: 'room', ownerId: lectures[0].roomId });
    expect(room.statusCode).toBe(201);
    const cal = (await ctx.anonymous().get(room.json().path)).body;
    const events = Object.values(ical.sync.parseICS(cal)).filter((e) => e?.type === 'VEVENT');
    expect(events.length).toBeGreaterThan(0);
    expect((await office.post('/api/timetable/feeds', {})).statusCode).toBe(400);
  });
});
