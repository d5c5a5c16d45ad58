import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { buildEditDraft } from './edit.test-fixture.ts';

/**
 * Editing a draft by hand through the API: the fixture places the CS college's lectures one per
 * half-day (CS201-01 Mon 1-3 and Tue 1-2, CS202-01 Wed and Thu 1-2, CS308-01 Fri 1-2), and the
 * demo teacher teaches CS308-01 too, so moving it onto Monday morning makes her clash.
 */
let ctx: TestContext;
let office: TestClient;
let draftId: number;
let termId: number;
let teacherId: number;
let teacherName: string;
/** Rows of a raw query (PGlite and node-postgres both answer `{ rows }`). */
async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await ctx.db.execute(query)) as unknown as { rows: T[] }).rows;
}
const base = () => `/api/timetable/drafts/${draftId}`;

type Item = {
  key: string;
  day: number | null;
  startPeriod: number | null;
  weeks: number[];
  roomId: number | null;
  lockTime: boolean;
  teacherIds: number[];
};

async function version() {
  return (await office.get(`${base()}/grid`, { query: { teachingClassId: 1 } })).json().draft.version as number;
}
async function lecture(key: string): Promise<Item> {
  const tc = Number(key.split(':')[0]);
  const grid = (await office.get(`${base()}/grid`, { query: { teachingClassId: tc } })).json();
  return grid.items.find((i: Item) => i.key === key);
}
const edit = async (body: Record<string, unknown>, lang: 'zh-CN' | 'en' = 'zh-CN') =>
  office.post(`${base()}/edits`, { version: await version(), ...body }, { lang });

beforeAll(async () => {
  ctx = await createTestContext();
  office = await ctx.as('office');
  termId = (await office.get('/api/terms', { query: { q: '2026-2027-1' } })).json().items[0].id;
  const [me] = await rows<{ teacher_id: number; name: string }>(
    sql`select u.teacher_id, t.name from users u join teachers t on t.id = u.teacher_id where u.username = 'teacher'`,
  );
  teacherId = me.teacher_id;
  teacherName = me.name;
  await ctx.db.execute(sql`update teaching_classes set teacher_ids = array[13, ${teacherId}]::int[] where code = 'CS308-01'`);
  // The demo's blocked slots and teachers' "never" slots would colour the slots these tests move into; they test editing alone.
  await ctx.db.execute(sql`delete from timetable_settings where term_id = ${termId}`);
  await ctx.db.execute(sql`delete from teacher_time_blocks where term_id = ${termId}`);
  ({
    draft: { id: draftId },
  } = await buildEditDraft(ctx.db, termId));
}, 120_000);
afterAll(() => ctx.close());

describe('the grid of one owner', () => {
  it('shows the teacher her lectures with the fields of a lecture and the clock of each period', async () => {
    const res = await office.get(`${base()}/grid`, { query: { teacherId } });
    expect(res.statusCode).toBe(200);
    const grid = res.json();
    expect(grid.owner).toEqual({ kind: 'teacher', id: teacherId, name: teacherName });
    expect(grid.items.map((i: Item) => i.key).sort()).toEqual(['1:0', '1:1', '4:0']);
    const mon = grid.items.find((i: Item) => i.key === '1:0');
    expect(mon).toMatchObject({ teachingClassId: 1, day: 1, startPeriod: 1, length: 3, teacherIds: [teacherId], courseName: '数据结构' });
    expect(mon.weeks).toHaveLength(16);
    expect(grid.grid.periods[0]).toMatchObject({ period: 1, startsAt: expect.stringMatching(/^\d\d:\d\d$/) });
  });

  it('takes one owner at most (none: the draft alone), and answers 404 for an unknown one or draft', async () => {
    const bare = await office.get(`${base()}/grid`);
    expect(bare.statusCode).toBe(200);
    expect(bare.json()).toMatchObject({ owner: null, items: [], draft: { id: draftId, status: 'draft', termId } });
    expect((await office.get(`${base()}/grid`, { query: { teacherId, roomId: 1 } })).statusCode).toBe(400);
    expect((await office.get(`${base()}/grid`, { query: { teacherId: 999999 } })).statusCode).toBe(404);
    expect((await office.get('/api/timetable/drafts/999999/grid', { query: { teacherId } })).statusCode).toBe(404);
  });
});

describe('the live check of a drag', () => {
  it('colours the teacher’s busy slot as a conflict naming her and the other lecture, an empty slot free', async () => {
    const res = await office.get(`${base()}/lectures/4:0/options`);
    expect(res.statusCode).toBe(200);
    const { slots } = res.json();
    const at = (day: number, p: number) => slots.find((s: { day: number; startPeriod: number }) => s.day === day && s.startPeriod === p);
    expect(at(1, 2).status).toBe('conflict');
    expect(at(1, 2).reasons.join('\n')).toContain(
      `教师 ${teacherName} 在 周一 第2-3节（1-16周） 同时有 数据结构 CS201-01 与 信息安全导论 CS308-01`,
    );
    expect(at(5, 1).status).toBe('current');
    expect(at(3, 5).status).toBe('free');
    // A two-period lecture cannot start in the last period.
    expect(slots.every((s: { startPeriod: number }) => s.startPeriod <= 11)).toBe(true);
  });

  it('lists the rooms free and suitable for a chosen slot', async () => {
    const res = await office.get(`${base()}/lectures/4:0/options`, { query: { day: 3, startPeriod: 1 } });
    const { rooms, slots } = res.json();
    const room = (await lecture('2:0')).roomId;
    // CS202-01 holds its room on Wednesday morning: it is not offered.
    expect(rooms.length).toBeGreaterThan(0);
    expect(rooms.map((r: { id: number }) => r.id)).not.toContain(room);
    expect(rooms.every((r: { capacity: number }) => r.capacity >= 76)).toBe(true);
    // The same slot with its own room is taken, but free in another room.
    const wed = slots.find((s: { day: number; startPeriod: number }) => s.day === 3 && s.startPeriod === 1);
    expect(wed).toMatchObject({ status: 'free', otherRoomFree: true });
  });

  it('answers in English when asked', async () => {
    const res = await office.get(`${base()}/lectures/4:0/options`, { lang: 'en' });
    const mon = res.json().slots.find((s: { day: number; startPeriod: number }) => s.day === 1 && s.startPeriod === 1);
    expect(mon.reasons.join('\n')).toContain(`Teacher ${teacherName} has both`);
  });
});

describe('edits', () => {
  it('refuses a move that breaks a hard rule, with the reason, and changes nothing', async () => {
    const v = await version();
    const res = await edit({ kind: 'move', key: '4:0', day: 1, startPeriod: 2 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('draft_edit_conflict');
    expect(res.json().error.message).toContain(
      `教师 ${teacherName} 在 周一 第2-3节（1-16周） 同时有 数据结构 CS201-01 与 信息安全导论 CS308-01`,
    );
    expect(await lecture('4:0')).toMatchObject({ day: 5, startPeriod: 1 });
    expect(await version()).toBe(v);
    const en = await edit({ kind: 'move', key: '4:0', day: 1, startPeriod: 2 }, 'en');
    expect(en.json().error.message).toMatch(/^This edit is refused: Teacher /);
  });

  it('moves a lecture to a free slot, bumps the version, audits it, and undo takes it back', async () => {
    const v = await version();
    const res = await edit({ kind: 'move', key: '4:0', day: 3, startPeriod: 5 });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(v + 1);
    expect(await lecture('4:0')).toMatchObject({ day: 3, startPeriod: 5 });
    const audit = await rows<{ action: string; before: { lectures: Item[] }; after: { lectures: Item[] } }>(
      sql`select action, before, after from audit_log where entity_type = 'timetable_draft_edits' and entity_id = ${String(res.json().editId)}`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].action).toBe('timetable_draft_edits.move');
    expect(audit[0].before.lectures[0]).toMatchObject({ day: 5, startPeriod: 1 });
    expect(audit[0].after.lectures[0]).toMatchObject({ day: 3, startPeriod: 5 });

    const undo = await office.post(`${base()}/undo`, { version: await version() });
    expect(undo.statusCode).toBe(200);
    expect(await lecture('4:0')).toMatchObject({ day: 5, startPeriod: 1 });
    expect(await rows(sql`select 1 from audit_log where action = 'timetable_draft_edits.undo'`)).toHaveLength(1);
  });

  it('moves into another room only if it is free and big enough', async () => {
    const [small] = await rows<{ id: number }>(sql`select id from rooms where capacity < 40 and is_active order by id limit 1`);
    const tooSmall = await edit({ kind: 'move', key: '4:0', day: 5, startPeriod: 1, roomId: small.id });
    expect(tooSmall.statusCode).toBe(409);
    expect(tooSmall.json().error.message).toMatch(/信息安全导论 CS308-01 有 76 人，教室 .+ 只有 \d+ 个座位/);
    const nowhere = await edit({ kind: 'move', key: '4:0', day: 5, startPeriod: 1, roomId: 999999 });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().error.code).toBe('reference_not_found');
  });

  it('refuses a stale version with 409 and the draft unchanged', async () => {
    const v = await version();
    const res = await office.post(`${base()}/edits`, { version: v - 1, kind: 'move', key: '4:0', day: 4, startPeriod: 5 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('stale');
    expect(await lecture('4:0')).toMatchObject({ day: 5, startPeriod: 1 });
  });

  it('lets only one of two edits made from the same version through', async () => {
    const v = await version();
    const [a, b] = await Promise.all([
      office.post(`${base()}/edits`, { version: v, kind: 'move', key: '4:0', day: 4, startPeriod: 5 }),
      office.post(`${base()}/edits`, { version: v, kind: 'move', key: '4:0', day: 2, startPeriod: 5 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await version()).toBe(v + 1);
    await office.post(`${base()}/undo`, { version: v + 1 });
    expect(await lecture('4:0')).toMatchObject({ day: 5, startPeriod: 1 });
  });

  it('swaps two lectures (time and room)', async () => {
    const [a, b] = [await lecture('2:0'), await lecture('4:0')];
    const res = await edit({ kind: 'swap', keys: ['2:0', '4:0'] });
    expect(res.statusCode).toBe(200);
    expect(await lecture('2:0')).toMatchObject({ day: b.day, startPeriod: b.startPeriod, roomId: b.roomId });
    expect(await lecture('4:0')).toMatchObject({ day: a.day, startPeriod: a.startPeriod, roomId: a.roomId });
    expect((await office.post(`${base()}/undo`, { version: await version() })).statusCode).toBe(200);
    expect(await lecture('4:0')).toMatchObject({ day: 5, startPeriod: 1 });
  });

  it('edits the weeks of a lecture: odd and even halves may share a slot and a room', async () => {
    expect((await edit({ kind: 'weeks', key: '2:0', weeks: [1, 3, 5, 7, 9, 11, 13, 15] })).statusCode).toBe(200);
    expect((await lecture('2:0')).weeks).toEqual([1, 3, 5, 7, 9, 11, 13, 15]);
    // Still every week: refused on Wednesday morning.
    expect((await edit({ kind: 'move', key: '2:1', day: 3, startPeriod: 1 })).statusCode).toBe(409);
    expect((await edit({ kind: 'weeks', key: '2:1', weeks: [2, 4, 6, 8, 10, 12, 14, 16] })).statusCode).toBe(200);
    const moved = await edit({ kind: 'move', key: '2:1', day: 3, startPeriod: 1 });
    expect(moved.statusCode).toBe(200);
    const grid = (await office.get(`${base()}/grid`, { query: { teachingClassId: 2 } })).json();
    expect(grid.items.filter((i: Item) => i.day === 3 && i.startPeriod === 1)).toHaveLength(2);
    for (let i = 0; i < 3; i++) expect((await office.post(`${base()}/undo`, { version: await version() })).statusCode).toBe(200);
    expect(await lecture('2:1')).toMatchObject({ day: 4, startPeriod: 1, weeks: expect.arrayContaining([1, 2, 16]) });
    expect((await lecture('2:0')).weeks).toHaveLength(16);
  });

  it('a locked lecture keeps its time until unlocked', async () => {
    expect((await edit({ kind: 'lock', key: '4:0', time: true })).statusCode).toBe(200);
    expect((await lecture('4:0')).lockTime).toBe(true);
    const refused = await edit({ kind: 'move', key: '4:0', day: 4, startPeriod: 5 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('该课已锁定时间，请先解锁');
    expect((await edit({ kind: 'swap', keys: ['2:0', '4:0'] })).statusCode).toBe(409);
    expect((await edit({ kind: 'unlock', key: '4:0' })).statusCode).toBe(200);
    expect((await edit({ kind: 'move', key: '4:0', day: 4, startPeriod: 5 })).statusCode).toBe(200);
    await office.post(`${base()}/undo`, { version: await version() });
  });

  it('undo says so when there is nothing left, and refuses a key of no lecture', async () => {
    let res;
    do res = await office.post(`${base()}/undo`, { version: await version() });
    while (res.statusCode === 200);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('draft_edit_nothing_to_undo');
    expect((await lecture('4:0')).lockTime).toBe(false);
    expect((await edit({ kind: 'move', key: '999:0', day: 1, startPeriod: 1 })).statusCode).toBe(404);
  });

  it('edits only a draft in status draft', async () => {
    const { draft } = await buildEditDraft(ctx.db, termId, { status: 'submitted' });
    const res = await office.post(`/api/timetable/drafts/${draft.id}/edits`, { version: draft.version, kind: 'lock', key: '4:0' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('draft_edit_closed');
  });

  it('waits for a solve of the draft that is queued or running', async () => {
    const { draft } = await buildEditDraft(ctx.db, termId, { name: '求解中的方案' });
    // A job of a kind no runner takes: it stays queued, like a solve waiting for a worker.
    const [job] = await rows<{ id: number }>(sql`insert into jobs (kind, status) values ('test.solve_placeholder', 'queued') returning id`);
    await ctx.db.execute(sql`update timetable_drafts set last_job_id = ${job.id} where id = ${draft.id}`);
    const res = await office.post(`/api/timetable/drafts/${draft.id}/edits`, { version: draft.version, kind: 'lock', key: '4:0' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('该排课方案正在求解，求解结束或取消后才能手工调整');
    await ctx.db.execute(sql`update jobs set status = 'succeeded' where id = ${job.id}`);
    expect(
      (await office.post(`/api/timetable/drafts/${draft.id}/edits`, { version: draft.version, kind: 'lock', key: '4:0' })).statusCode,
    ).toBe(200);
  });
});

describe('reports', () => {
  it('the conflict report lists hard violations, then soft ones, grouped by rule with counts and an owner to open', async () => {
    const clean = (await office.get(`${base()}/conflicts`)).json();
    expect(clean.hard).toBe(0);
    // A clash written behind the editor's back (as a re-solve or an old draft could hold).
    const { draft } = await buildEditDraft(ctx.db, termId, { name: '有冲突的方案' });
    await ctx.db.execute(
      sql`update timetable_draft_lectures set day = 1, start_period = 2 where draft_id = ${draft.id} and lecture_key = '4:0'`,
    );
    await ctx.db.execute(
      sql`insert into timetable_settings (term_id, evening_from_period) values (${termId}, 9) on conflict (term_id) do update set evening_from_period = 9`,
    );
    await ctx.db.execute(sql`update timetable_draft_lectures set start_period = 9 where draft_id = ${draft.id} and lecture_key = '2:1'`);
    const report = (await office.get(`/api/timetable/drafts/${draft.id}/conflicts`)).json();
    expect(report.hard).toBeGreaterThanOrEqual(1);
    expect(report.groups[0]).toMatchObject({ severity: 'hard', rule: 'teacher_clash', title: '教师时间冲突', count: 1 });
    expect(report.groups[0].items[0]).toMatchObject({
      owner: { kind: 'teacher', id: teacherId },
      lectureKeys: ['1:0', '4:0'],
      text: `教师 ${teacherName} 在 周一 第2-3节（1-16周） 同时有 数据结构 CS201-01 与 信息安全导论 CS308-01`,
    });
    const severities = report.groups.map((g: { severity: string }) => g.severity);
    expect(severities.indexOf('soft') === -1 || severities.lastIndexOf('hard') < severities.indexOf('soft')).toBe(true);
  });

  it('room use and teacher load sum up the draft', async () => {
    const rooms = (await office.get(`${base()}/room-use`, { query: { pageSize: 200 } })).json();
    const room = (await lecture('1:0')).roomId;
    const row = rooms.rooms.find((r: { roomId: number }) => r.roomId === room);
    // Mon 1-3 and Tue 1-2 of CS201-01 (and maybe others): at least 5 of 60 periods.
    expect(row.used).toBeGreaterThanOrEqual(5);
    expect(row.available).toBe(60);
    expect(rooms.buildings.length).toBeGreaterThan(0);
    // The server pages both tables: page 2 continues page 1, `total` counts every row.
    const [p1, p2] = await Promise.all(
      [1, 2].map(async (page) => (await office.get(`${base()}/room-use`, { query: { page, pageSize: 5 } })).json()),
    );
    expect(p1.rooms).toHaveLength(5);
    expect(p1.total).toBeGreaterThan(10);
    expect(p2.rooms[0].roomId).not.toBe(p1.rooms[0].roomId);
    expect(p1.rooms[4].share).toBeGreaterThanOrEqual(p2.rooms[0].share);
    const load = (await office.get(`${base()}/teacher-load`, { query: { pageSize: 200 } })).json();
    expect(load.total).toBe(load.teachers.length);
    expect((await office.get(`${base()}/teacher-load`, { query: { pageSize: 3 } })).json().teachers).toHaveLength(3);
    expect(load.teachers.find((t: { teacherId: number }) => t.teacherId === teacherId)).toMatchObject({
      teacherName,
      periodsPerWeek: 7,
      days: 3,
      maxPerDay: 3,
      lectures: 3,
    });
  });
});

describe('who may', () => {
  it('only the office: a secretary, a teacher and a student get 403, nobody 401', async () => {
    for (const who of ['secretary', 'teacher', 'student']) {
      const c = await ctx.as(who);
      expect((await c.get(`${base()}/grid`, { query: { teacherId } })).statusCode, who).toBe(403);
      expect((await c.get(`${base()}/conflicts`)).statusCode, who).toBe(403);
      expect((await c.get(`${base()}/lectures/4:0/options`)).statusCode, who).toBe(403);
      expect((await c.post(`${base()}/edits`, { version: 1, kind: 'lock', key: '4:0' })).statusCode, who).toBe(403);
      expect((await c.post(`${base()}/undo`, { version: 1 })).statusCode, who).toBe(403);
    }
    expect((await ctx.anonymous().get(`${base()}/conflicts`)).statusCode).toBe(401);
  });
});
