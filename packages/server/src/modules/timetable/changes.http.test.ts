import { and, eq } from 'drizzle-orm';
import { maskOfWeeks, weeksOfMask } from '@jiaowu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { users } from '../iam/iam.tables.ts';
import { notifications } from '../notifications/notifications.tables.ts';
import { terms } from '../org/org.tables.ts';
import { loadTermFacts, lecturesOfClass, type TermFacts } from './term-facts.ts';
import { seedDemoChanges } from './changes.demo.ts';
import { timetableSettings } from './timetable.tables.ts';
import { findCurrentVersion, findVersionLectures, insertVersion, type VersionLecture } from './versions.repository.ts';

/**
 * Free rooms, bookings and change requests against a published timetable made here with
 * insertVersion: a dozen demo lectures, each in a slot of its own on Monday–Thursday (so nothing
 * clashes), one of them in odd weeks only; Friday is left free for the moves.
 */
let ctx: TestContext;
let office: TestClient;
let secretary: TestClient;
let teacher: TestClient;
let termId: number;
let facts: TermFacts;
let published: VersionLecture[];
let teacherId: number;
/** The demo teacher's lecture (CS college). */
let mine: VersionLecture;
/** A lecture of someone else, meeting in odd weeks only. */
let oddLecture: VersionLecture;
const ODD = maskOfWeeks([1, 3, 5, 7, 9, 11, 13, 15, 17]);
let startDate: string;
/** 10:00 in China on the day `days` after the term's first Monday. */
const atSchoolDay = (date: string, days: number) => new Date(Date.parse(`${date}T02:00:00Z`) + days * 86_400_000);
const isPg = !!process.env.DATABASE_URL;

function suitableRoom(classId: number) {
  const c = facts.classes.get(classId)!;
  const rooms = [...facts.rooms.values()]
    .filter(
      (r) =>
        r.isActive &&
        r.capacity >= c.capacity &&
        (!c.roomType || r.type === c.roomType) &&
        c.roomFeatures.every((f) => r.features.includes(f)),
    )
    .sort((a, b) => a.capacity - b.capacity);
  return rooms[0]?.id ?? null;
}

async function currentLectures() {
  const v = await findCurrentVersion(ctx.db, termId);
  return (await findVersionLectures(ctx.db, v!.id)) as VersionLecture[];
}

async function taskOf(client: TestClient, instanceId: number) {
  const inbox = (await client.get('/api/workflow/inbox', { query: { box: 'waiting', pageSize: 200 } })).json();
  return inbox.items.find((i: { instanceId: number }) => i.instanceId === instanceId) as { taskId: number; stepName: string } | undefined;
}

beforeAll(async () => {
  ctx = await createTestContext({ app: { logger: { level: 'error' } } });
  [office, secretary, teacher] = await Promise.all([ctx.as('office'), ctx.as('secretary'), ctx.as('teacher')]);
  const [term] = await ctx.db.select().from(terms).where(eq(terms.isCurrent, true));
  termId = term.id;
  startDate = term.startDate;
  // The week before the term: every lesson is still ahead (one test moves the clock into the term).
  ctx.clock.now = atSchoolDay(startDate, -7);
  facts = await loadTermFacts(ctx.db, termId);
  const [u] = await ctx.db.select().from(users).where(eq(users.username, 'teacher'));
  teacherId = u.teacherId!;
  const slots: { day: number; start: number }[] = [];
  for (let day = 1; day <= 4; day++) for (const start of [1, 5, 9]) slots.push({ day, start });
  const classes = [...facts.classes.values()].filter((c) => suitableRoom(c.id) !== null);
  // The demo teacher's class first, so it is surely placed.
  classes.sort((a, b) => Number(b.teacherIds.includes(teacherId)) - Number(a.teacherIds.includes(teacherId)));
  const lectures: VersionLecture[] = [];
  for (const c of classes)
    for (const l of lecturesOfClass(c)) {
      const slot = slots[lectures.length];
      if (!slot || l.length > 4) continue;
      lectures.push({ ...l, day: slot.day, startPeriod: slot.start, roomId: suitableRoom(c.id) });
    }
  mine = lectures.find((l) => l.teacherIds.includes(teacherId))!;
  oddLecture = lectures.find((l) => !l.teacherIds.includes(teacherId))!;
  oddLecture.weekMask = ODD;
  await ctx.db.transaction((tx) => insertVersion(tx, termId, { source: 'publish', publishedBy: null, at: new Date() }, lectures));
  published = lectures;
  // The demo teacher's requests still waiting name lectures of the demo's timetable, replaced here:
  // the teacher withdraws them, as they would after a new timetable.
  const waiting = (await teacher.get('/api/timetable/changes', { query: { termId, mine: 'true', status: 'submitted' } })).json();
  for (const c of waiting.items as { id: number }[])
    expect((await teacher.post(`/api/timetable/changes/${c.id}/withdraw`, {})).statusCode).toBe(200);
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

const freeIds = async (q: Record<string, number>) => {
  const res = await office.get('/api/timetable/rooms/free', { query: { termId, pageSize: 200, ...q } });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { roomId: number }[]).map((r) => r.roomId);
};

describe('free rooms 空教室查询 and bookings 教室借用', () => {
  it('a room with an odd-week lecture is free in even weeks only, and a booking takes it', async () => {
    const at = { day: oddLecture.day, fromPeriod: oddLecture.startPeriod, toPeriod: oddLecture.startPeriod };
    expect(published.length).toBeGreaterThan(3);
    expect(await freeIds({ ...at, week: 3 })).not.toContain(oddLecture.roomId);
    expect(await freeIds({ ...at, week: 4 })).toContain(oddLecture.roomId);

    // Booking it in week 3 (odd) is refused, naming the lecture; week 4 works.
    const refused = await office.post('/api/timetable/bookings', {
      termId,
      roomId: oddLecture.roomId,
      weeks: [3, 4],
      ...at,
      purpose: '学术报告',
    });
    expect(refused.statusCode).toBe(409);
    const course = facts.classes.get(oddLecture.teachingClassId)!.course.name;
    expect(refused.json().error.message).toContain(course);
    const ok = await office.post('/api/timetable/bookings', { termId, roomId: oddLecture.roomId, weeks: [4], ...at, purpose: '学术报告' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await freeIds({ ...at, week: 4 })).not.toContain(oddLecture.roomId);
    // The same slot again: refused because of the booking.
    const again = await office.post('/api/timetable/bookings', {
      termId,
      roomId: oddLecture.roomId,
      weeks: [4],
      ...at,
      purpose: '另一个会',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('借用');

    const list = (await office.get('/api/timetable/bookings', { query: { termId } })).json();
    expect(list.items.map((b: { id: number }) => b.id)).toContain(ok.json().id);
    const cancel = await office.post(`/api/timetable/bookings/${ok.json().id}/cancel`);
    expect(cancel.statusCode).toBe(200);
    expect(await freeIds({ ...at, week: 4 })).toContain(oddLecture.roomId);
    // Cancelling twice is refused; a teacher cannot book at all.
    expect((await office.post(`/api/timetable/bookings/${ok.json().id}/cancel`)).statusCode).toBe(409);
    expect(
      (await teacher.post('/api/timetable/bookings', { termId, roomId: oddLecture.roomId, weeks: [6], ...at, purpose: 'x' })).statusCode,
    ).toBe(403);
  });

  it('filters by capacity and refuses a week past the term', async () => {
    const big = await freeIds({ week: 2, day: 5, fromPeriod: 1, toPeriod: 2, minCapacity: 100 });
    expect(big.length).toBeGreaterThan(0);
    for (const id of big) expect(facts.rooms.get(id)!.capacity).toBeGreaterThanOrEqual(100);
    const res = await office.get('/api/timetable/rooms/free', { query: { termId, week: 30, day: 5, fromPeriod: 1, toPeriod: 2 } });
    expect(res.statusCode).toBe(400);
  });

  it.runIf(isPg)('two bookings of one slot at once: exactly one succeeds', async () => {
    const room = [...facts.rooms.values()].find((r) => r.isActive)!;
    const body = { termId, roomId: room.id, weeks: [7], day: 5, fromPeriod: 11, toPeriod: 12, purpose: '并发测试' };
    const results = await Promise.all([
      office.post('/api/timetable/bookings', body),
      office.post('/api/timetable/bookings', body),
      office.post('/api/timetable/bookings', body),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
  });
});

describe('change requests 调课', () => {
  const moveTo = (weeks: number[], day = 5, startPeriod = 1, roomId?: number) => ({
    termId,
    lectureKey: mine.lectureKey,
    kind: 'move',
    weeks,
    targets: [{ day, startPeriod, roomId: roomId ?? mine.roomId }],
    reasonKind: 'official',
    reason: '参加学术会议',
  });

  it('proposes free slots for the teacher and classes, with rooms', async () => {
    const res = await teacher.get('/api/timetable/changes/options', { query: { termId, lectureKey: mine.lectureKey, weeks: '5' } });
    expect(res.statusCode, res.body).toBe(200);
    const options = res.json() as { day: number; startPeriod: number; free: boolean; rooms: unknown[]; conflicts: string[] }[];
    const friday = options.find((o) => o.day === 5 && o.startPeriod === 1)!;
    expect(friday.free).toBe(true);
    expect(friday.rooms.length).toBeGreaterThan(0);
    // Another lecture of the same admin class or teacher makes a slot taken, with the reason.
    const taken = options.filter((o) => !o.free);
    expect(taken.length).toBeGreaterThan(0);
  });

  it('a two-period move goes to the college only; approval applies it as a new version and tells everyone', async () => {
    const before = await findCurrentVersion(ctx.db, termId);
    const filed = await teacher.post('/api/timetable/changes', moveTo([5]));
    expect(filed.statusCode, filed.body).toBe(201);
    const change = filed.json();
    expect(change.status).toBe('submitted');
    expect(change.periods).toBe(mine.length);
    const task = await taskOf(secretary, change.workflowInstanceId);
    expect(task).toBeDefined();
    const approved = await secretary.post(`/api/workflow/tasks/${task!.taskId}/approve`, { comment: '同意' });
    expect(approved.statusCode, approved.body).toBe(200);

    const detail = (await teacher.get(`/api/timetable/changes/${change.id}`)).json();
    expect(detail.status).toBe('approved');
    const after = await findCurrentVersion(ctx.db, termId);
    expect(after!.versionNo).toBe(before!.versionNo + 1);
    expect(after!.changeRequestId).toBe(change.id);
    const lectures = await currentLectures();
    const rest = lectures.find((l) => l.lectureKey === mine.lectureKey)!;
    expect(weeksOfMask(rest.weekMask)).not.toContain(5);
    const moved = lectures.find((l) => l.lectureKey === `${mine.lectureKey}/c${change.id}`)!;
    expect(moved).toMatchObject({ day: 5, startPeriod: 1 });
    expect(weeksOfMask(moved.weekMask)).toEqual([5]);
    // The teacher and the admin classes' students were told.
    const told = await ctx.db.select().from(notifications).where(eq(notifications.kind, 'timetable_changed'));
    expect(told.length).toBeGreaterThan(1);
  });

  it('a move of more than 4 periods also needs the office', async () => {
    const filed = await teacher.post('/api/timetable/changes', moveTo([6, 7, 8], 5, 5));
    expect(filed.statusCode, filed.body).toBe(201);
    const change = filed.json();
    const first = await taskOf(secretary, change.workflowInstanceId);
    await secretary.post(`/api/workflow/tasks/${first!.taskId}/approve`, {});
    expect((await teacher.get(`/api/timetable/changes/${change.id}`)).json().status).toBe('submitted');
    const second = await taskOf(office, change.workflowInstanceId);
    expect(second).toBeDefined();
    await office.post(`/api/workflow/tasks/${second!.taskId}/approve`, {});
    expect((await teacher.get(`/api/timetable/changes/${change.id}`)).json().status).toBe('approved');
  });

  it('a target taken meanwhile (a booking) makes the approval fail with the reason', async () => {
    const filed = await teacher.post('/api/timetable/changes', moveTo([10], 5, 9));
    expect(filed.statusCode, filed.body).toBe(201);
    const change = filed.json();
    const booked = await office.post('/api/timetable/bookings', {
      termId,
      roomId: mine.roomId,
      weeks: [10],
      day: 5,
      fromPeriod: 9,
      toPeriod: 9,
      purpose: '讲座',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const versionBefore = await findCurrentVersion(ctx.db, termId);
    const task = await taskOf(secretary, change.workflowInstanceId);
    await secretary.post(`/api/workflow/tasks/${task!.taskId}/approve`, {});
    const detail = (await teacher.get(`/api/timetable/changes/${change.id}`)).json();
    expect(detail.status).toBe('failed');
    expect(detail.failure.join()).toContain('借用');
    expect((await findCurrentVersion(ctx.db, termId))!.versionNo).toBe(versionBefore!.versionNo);
    const told = await ctx.db.select().from(notifications).where(eq(notifications.kind, 'timetable_change_failed'));
    expect(told.length).toBe(1);
  });

  it('a conflicting target is refused at filing, in words', async () => {
    const other = published.find((l) => l.lectureKey !== mine.lectureKey && l.roomId === mine.roomId && l.day !== null) ?? published[1];
    const res = await teacher.post('/api/timetable/changes', moveTo([11], other.day, other.startPeriod, other.roomId!));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/已有课|不可用|借用/);
    const en = await teacher.post('/api/timetable/changes', moveTo([11], other.day, other.startPeriod, other.roomId!), { lang: 'en' });
    expect(en.json().error.message).toMatch(/taken/);
  });

  it("another teacher's lecture is not found; weeks the lecture does not meet are refused", async () => {
    const res = await teacher.post('/api/timetable/changes', { ...moveTo([5]), lectureKey: oddLecture.lectureKey, weeks: [5] });
    if (oddLecture.teacherIds.includes(teacherId)) return;
    expect(res.statusCode).toBe(404);
    expect(
      (await teacher.get('/api/timetable/changes/options', { query: { termId, lectureKey: oddLecture.lectureKey, weeks: '5' } }))
        .statusCode,
    ).toBe(404);
    const missing = [...Array(18).keys()].map((i) => i + 1).find((w) => !weeksOfMask(mine.weekMask).includes(w));
    if (missing === undefined) return;
    const wrongWeek = await teacher.post('/api/timetable/changes', moveTo([missing]));
    expect(wrongWeek.statusCode).toBe(400);
    expect(wrongWeek.json().error.message).toContain('不上课');
  });

  it.runIf(isPg)('two requests for the same weeks at once: exactly one is filed', async () => {
    const body = moveTo([14], 5, 7);
    const results = await Promise.all([teacher.post('/api/timetable/changes', body), teacher.post('/api/timetable/changes', body)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 400]);
  });

  it("the office's rules: no change in week 1, at most N personal-reason changes", async () => {
    await ctx.db
      .insert(timetableSettings)
      .values({ termId, changeRules: { noChangeWeeks: [1], maxPersonalPerTeacher: 1, collegeOnlyUpToPeriods: 4 } })
      .onConflictDoUpdate({
        target: timetableSettings.termId,
        set: { changeRules: { noChangeWeeks: [1], maxPersonalPerTeacher: 1, collegeOnlyUpToPeriods: 4 } },
      });
    const week1 = await teacher.post('/api/timetable/changes', moveTo([1]));
    expect(week1.statusCode).toBe(400);
    expect(week1.json().error.message).toContain('第1周不得调课');
    const personal = { ...moveTo([12], 5, 3), reasonKind: 'personal', reason: '家中有事' };
    expect((await teacher.post('/api/timetable/changes', personal)).statusCode).toBe(201);
    const second = await teacher.post('/api/timetable/changes', { ...personal, weeks: [13] });
    expect(second.statusCode).toBe(400);
    expect(second.json().error.message).toContain('1/1');
    const rules = (await teacher.get('/api/timetable/changes/rules', { query: { termId } })).json();
    expect(rules.texts.join()).toContain('1/1');
  });

  it('only lessons after today: a lesson that took place, or a new time already past, is refused in words', async () => {
    const before = ctx.clock.now;
    // Wednesday of week 6: the Monday lessons up to week 6 have taken place, week 9's has not.
    ctx.clock.now = atSchoolDay(startDate, 5 * 7 + 2);
    try {
      const rules = (await teacher.get('/api/timetable/changes/rules', { query: { termId } })).json();
      expect(rules.today).toEqual({ week: 6, day: 3 });
      expect(rules.texts).toContain('只能调整今天以后的课');
      const gone = await teacher.post('/api/timetable/changes', moveTo([4], 5, 3));
      expect(gone.statusCode).toBe(400);
      expect(gone.json().error.message).toContain(`第4周星期${'一二三四五'[mine.day - 1]}`);
      expect(gone.json().error.message).toContain('只能调整今天以后的课');
      const en = await teacher.post('/api/timetable/changes', moveTo([4], 5, 3), { lang: 'en' });
      expect(en.json().error.message).toContain('week 4');
      // A cancellation of a lesson ahead with its make-up on Monday of this week (already past).
      const makeup = await teacher.post('/api/timetable/changes', {
        ...moveTo([11]),
        kind: 'cancel',
        targets: [{ day: 1, startPeriod: 9, roomId: mine.roomId, weeks: [6] }],
      });
      expect(makeup.statusCode).toBe(400);
      expect(makeup.json().error.message).toContain('新的上课时间第6周星期一');
      const ahead = await teacher.post('/api/timetable/changes', moveTo([9], 5, 3));
      expect(ahead.statusCode, ahead.body).toBe(201);
    } finally {
      ctx.clock.now = before;
    }
  });

  it("the office's limit decides who approves: raised to 8 periods, a 3-week move stays with the college", async () => {
    await ctx.db
      .update(timetableSettings)
      .set({ changeRules: { noChangeWeeks: [], maxPersonalPerTeacher: null, collegeOnlyUpToPeriods: mine.length * 3 } })
      .where(eq(timetableSettings.termId, termId));
    const filed = await teacher.post('/api/timetable/changes', moveTo([2, 3, 4], 5, 3));
    expect(filed.statusCode, filed.body).toBe(201);
    const change = filed.json();
    const task = await taskOf(secretary, change.workflowInstanceId);
    await secretary.post(`/api/workflow/tasks/${task!.taskId}/approve`, {});
    expect((await teacher.get(`/api/timetable/changes/${change.id}`)).json().status).toBe('approved');
    // A permanent change goes to the office whatever its size (here: from the lecture's last week on).
    const last = weeksOfMask(mine.weekMask).at(-1)!;
    expect(last).toBeGreaterThanOrEqual(15);
    const permanent = await teacher.post('/api/timetable/changes', { ...moveTo([last], 5, 3), kind: 'permanent' });
    expect(permanent.statusCode, permanent.body).toBe(201);
    const p = permanent.json();
    await secretary.post(`/api/workflow/tasks/${(await taskOf(secretary, p.workflowInstanceId))!.taskId}/approve`, {});
    expect(await taskOf(office, p.workflowInstanceId)).toBeDefined();
  });

  it('lists: mine for the teacher, statistics for the office', async () => {
    const mineList = (await teacher.get('/api/timetable/changes', { query: { termId, mine: 'true' } })).json();
    expect(mineList.total).toBeGreaterThanOrEqual(4);
    const stats = (await office.get('/api/timetable/changes/stats', { query: { termId } })).json();
    expect(stats.byTeacher[0].teacherId).toBe(teacherId);
    expect(stats.byKind.find((k: { kind: string }) => k.kind === 'move').count).toBeGreaterThanOrEqual(4);
    const student = await ctx.as('student');
    expect((await student.get('/api/timetable/changes', { query: { termId } })).statusCode).toBe(403);
    const settings = await ctx.db
      .select()
      .from(timetableSettings)
      .where(and(eq(timetableSettings.termId, termId)));
    expect(settings.length).toBe(1);
  });

  it('the demo seeds changes of the demo teacher through the service', async () => {
    const before = (await office.get('/api/timetable/changes', { query: { termId } })).json().total;
    const filed = await ctx.db.transaction((tx) => seedDemoChanges(tx, termId));
    expect(filed).toBeGreaterThan(0);
    expect((await office.get('/api/timetable/changes', { query: { termId } })).json().total).toBe(before + filed);
  });
});
