import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import type { Locale } from '@jiaowu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { registerErrorHandler } from '../../platform/http/error-handler.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { buildUser } from '../../test/user-factory.ts';
import type { NotifyInput } from '../notifications/notifications.service.ts';
import { lecturesConflict } from './core/rules.ts';
import { createDrawService, type DrawService } from './draw.service.ts';
import * as repo from './selection.repository.ts';
import type { SelectionRoundRow } from './selection.repository.ts';
import { readClasses } from './snapshot.ts';
import { actorWith, buildLotteryRound, officeActor, studentActor, writtenState } from './test/draw-fixture.ts';
import { buildSelectionFixture, enrolledRows, seatOf, setSeats, type SelectionFixture } from './test/selection-fixture.ts';

let ctx: TestContext;
let f: SelectionFixture;
let svc: DrawService;
let round: SelectionRoundRow;
const at = new Date('2026-09-01T08:00:00Z');
let now = at;
const notes: NotifyInput[] = [];
let hot: number;
let other: number;
let ov1: number;
let ov2: number;
/** Eight students who all want the hot class (3 seats) first. */
let crowd: number[];
/** Chooses two classes that clash: the second loses to the first. */
let clasher: number;
/** Moves choices between ranks. */
let mover: number;

beforeAll(async () => {
  ctx = await createTestContext();
  f = await buildSelectionFixture(ctx.db, at);
  [ov1, ov2] = f.overlapping;
  [hot, other] = f.classIds.filter((id) => !f.overlapping.includes(id));
  await setSeats(ctx.db, hot, 3);
  round = await buildLotteryRound(ctx.db, f.termId, at, [hot, other, ov1, ov2]);
  svc = createDrawService({ db: ctx.db, clock: () => now, notify: (_tx, input) => Promise.resolve(void notes.push(input)) });
  crowd = f.studentIds.slice(0, 8);
  clasher = f.studentIds[8];
  mover = f.studentIds[9];
  // Accounts for two applicants: the draw tells them their results.
  for (const studentId of [crowd[0], clasher]) {
    const { rows } = (await ctx.db.execute(sql`select id from users where student_id = ${studentId}`)) as unknown as { rows: unknown[] };
    if (!rows.length) await buildUser(ctx.db, [], { studentId });
  }
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

/** The message the API sends for an error, in the given language (the real error handler). */
async function messageOf(err: AppError, locale: Locale) {
  const app = Fastify();
  registerErrorHandler(app);
  app.get('/x', () => {
    throw err;
  });
  const res = await app.inject({ method: 'GET', url: '/x', headers: { 'accept-language': locale } });
  await app.close();
  return { status: res.statusCode, message: res.json<{ error: { message: string } }>().error.message };
}

const choose = (studentId: number, teachingClassId: number, rank: number, roundId = round.id) =>
  svc.choose(studentActor(studentId), { roundId, teachingClassId, rank }, 'zh-CN');

describe('lottery choices 志愿', () => {
  it('records ranked choices; a rank chosen again is replaced, a class chosen again moves; never more than three', async () => {
    for (const s of crowd) await choose(s, hot, 1);
    await choose(crowd[0], other, 2);
    await choose(clasher, ov1, 1);
    await choose(clasher, ov2, 2);

    await choose(mover, other, 1);
    const replaced = await choose(mover, hot, 1);
    expect(replaced).toMatchObject({ teachingClassId: hot, rank: 1 });
    await choose(mover, other, 2);
    await choose(mover, ov1, 3);
    await choose(mover, ov2, 3);
    // The same class at another rank moves there (rank 2 is then free).
    await choose(mover, other, 3);
    const mine = await svc.choicesOf(ctx.db, mover, f.termId, 'zh-CN');
    expect(mine.map((c) => [c.teachingClassId, c.rank])).toEqual([
      [hot, 1],
      [other, 3],
    ]);
    expect(mine.every((c) => c.status === 'lottery_pending' && c.explanation === null)).toBe(true);
    expect(mine[0]).toMatchObject({ roundId: round.id, fixed: false, waitlistPosition: null });
    expect(mine[0].lectures.length).toBeGreaterThan(0);
  });

  it('a student cannot remove another student’s choice (not found); their own goes', async () => {
    const [theirs] = await svc.choicesOf(ctx.db, crowd[0], f.termId, 'zh-CN').then((cs) => cs.filter((c) => c.teachingClassId === other));
    expect((await failure(svc.removeChoice(studentActor(crowd[1]), theirs.id))).code).toBe('not_found');
    expect((await failure(svc.removeChoice(actorWith({ 'selection.take': 'self' }), theirs.id))).code).toBe('not_found');
    await svc.removeChoice(studentActor(crowd[0]), theirs.id);
    expect((await svc.choicesOf(ctx.db, crowd[0], f.termId, 'zh-CN')).map((c) => c.teachingClassId)).toEqual([hot]);
  });

  it('refuses what is not a lottery choice: a first-come round, a class outside the round, an office without a student record', async () => {
    const fc = await failure(choose(crowd[0], hot, 1, f.roundId));
    expect(fc.code).toBe('round_not_lottery');
    expect((await messageOf(fc, 'zh-CN')).message).toBe('“2026 秋季正选”不是预选（抽签）轮次');
    const outside = f.classIds.find((id) => ![hot, other, ov1, ov2].includes(id))!;
    expect((await failure(choose(crowd[0], outside, 2))).code).toBe('class_not_in_round');
    expect((await failure(svc.choose(officeActor(), { roundId: round.id, teachingClassId: hot, rank: 1 }, 'zh-CN'))).code).toBe(
      'forbidden',
    );
    const noRecord = actorWith({ 'selection.take': 'self' });
    expect((await failure(svc.choose(noRecord, { roundId: round.id, teachingClassId: hot, rank: 1 }, 'zh-CN'))).code).toBe('not_a_student');
  });
});

describe('the draw 抽签', () => {
  it('is refused while the window is open, in words', async () => {
    const err = await failure(svc.draw(officeActor(), round.id, { seed: 12345 }, 'zh-CN'));
    expect(err.code).toBe('round_window_open');
    const zh = await messageOf(err, 'zh-CN');
    expect(zh.status).toBe(409);
    expect(zh.message).toMatch(/^“2026 秋季预选”的选课时间尚未结束（2026-09-01 17:00(:00)? 结束），结束后才能抽签$/);
    expect((await messageOf(err, 'en')).message).toMatch(/is still open \(it closes at 2026-09-01 17:00/);
    expect((await failure(svc.draw(studentActor(crowd[0]), round.id, {}, 'zh-CN'))).code).toBe('forbidden');
  });

  it('after close: seeded, winners enrolled through the seat authority, nobody over capacity, no conflicts, counters = rows', async () => {
    now = new Date(round.closesAt.getTime() + 60_000);
    const res = await svc.draw(officeActor(), round.id, { seed: 12345 }, 'zh-CN');
    expect(res).toMatchObject({ roundId: round.id, seed: 12345, choices: 12, sameAsRecorded: null });
    expect(res.won + res.lost).toBe(12);
    // 9 applicants for 3 seats of the hot class.
    expect(await enrolledRows(ctx.db, hot)).toHaveLength(3);
    expect((await seatOf(ctx.db, hot)).enrolled).toBe(3);
    const rows = (await enrolledRows(ctx.db, hot)).concat(
      await enrolledRows(ctx.db, other),
      await enrolledRows(ctx.db, ov1),
      await enrolledRows(ctx.db, ov2),
    );
    expect(rows.every((r) => r.source === 'lottery' && r.roundId === round.id)).toBe(true);
    expect(rows).toHaveLength(res.won);
    expect(await repo.findSeatInvariantViolations(ctx.db, f.termId)).toEqual({
      oversold: [],
      counterMismatch: [],
      duplicateCourses: [],
      totalsMismatch: [],
    });
    // The clashing pair: the first choice won, the second lost for the clash.
    const clasherRows = rows.filter((r) => r.studentId === clasher).map((r) => r.teachingClassId);
    expect(clasherRows).toEqual([ov1]);
    // Nobody holds two classes that meet at the same time.
    const { classes } = await ctx.db.transaction((tx) => readClasses(tx, f.termId, [hot, other, ov1, ov2]));
    const byStudent = new Map<number, number[]>();
    for (const r of rows) byStudent.set(r.studentId, [...(byStudent.get(r.studentId) ?? []), r.teachingClassId]);
    for (const held of byStudent.values())
      for (const a of held)
        for (const b of held) if (a < b) expect(lecturesConflict(classes.get(a)!.lectures, classes.get(b)!.lectures)).toBe(false);
    const [r] = (
      (await ctx.db.execute(sql`select status, lottery_seed from selection_rounds where id = ${round.id}`)) as unknown as {
        rows: { status: string; lottery_seed: number }[];
      }
    ).rows;
    expect(r).toEqual({ status: 'drawn', lottery_seed: 12345 });
  });

  it('tells each applicant with an account their results, in words', async () => {
    // Ten applicants (the crowd, the clasher, the mover), each with an account: one notification each.
    expect(notes).toHaveLength(10);
    expect(notes.every((n) => n.kind === 'lottery_drawn' && n.userIds.length === 1)).toBe(true);
    const { rows } = (await ctx.db.execute(sql`select id from users where student_id = ${clasher}`)) as unknown as {
      rows: { id: number }[];
    };
    const clasherNote = notes.find((n) => n.userIds[0] === rows[0].id)!;
    expect(clasherNote.params).toMatchObject({ round: '2026 秋季预选', choices: 2, won: 1 });
    const details = clasherNote.params.details as { 'zh-CN': string; en: string };
    expect(details['zh-CN']).toMatch(/时间冲突/);
    expect(details.en).toMatch(/clashes with/);
  });

  it('a second call re-runs the recorded draw: same result, nothing written (a seed given then changes nothing)', async () => {
    const before = await writtenState(ctx.db, round.id);
    const again = await svc.draw(officeActor(), round.id, {}, 'zh-CN');
    expect(again).toMatchObject({ seed: 12345, choices: 12, sameAsRecorded: true });
    const withSeed = await svc.draw(officeActor(), round.id, { seed: 999 }, 'en');
    expect(withSeed).toMatchObject({ seed: 12345, sameAsRecorded: true });
    expect(await writtenState(ctx.db, round.id)).toEqual(before);
  });

  it('a student who lost sees why, in Chinese and in English; won choices are enrolments, not listed here', async () => {
    const winners = new Set((await enrolledRows(ctx.db, hot)).map((r) => r.studentId));
    const loser = crowd.find((s) => !winners.has(s))!;
    const [zh] = await svc.choicesOf(ctx.db, loser, f.termId, 'zh-CN');
    expect(zh.status).toBe('lottery_lost');
    expect(zh.explanation).toMatch(/：9 人申请 3 个名额；你在第 [123] 优先组（.*第 1 志愿）；抽签号 \d+：未中签。/);
    expect(zh.explanation).toContain(zh.code);
    const [en] = await svc.choicesOf(ctx.db, loser, f.termId, 'en');
    expect(en.explanation).toMatch(
      /: 9 applicants for 3 seats; you were in priority group [123] \(.*choice 1\); your draw number \d+: not drawn\./,
    );
    const winner = [...winners][0];
    expect((await svc.choicesOf(ctx.db, winner, f.termId, 'zh-CN')).some((c) => c.teachingClassId === hot)).toBe(false);
  });
});

describe('confirmation 选课确认', () => {
  it('locks the round: its waitlist closes, a draw or a second lock is refused', async () => {
    const [entry] = await ctx.db.transaction(async (tx) => [
      await repo.insertWaitlistEntry(tx, {
        roundId: round.id,
        teachingClassId: hot,
        studentId: crowd[7],
        priorityGroup: 3,
        createdAt: now,
      }),
    ]);
    const res = await svc.lock(officeActor(), round.id);
    expect(res).toEqual({ roundId: round.id, status: 'locked', closedWaitlistEntries: 1 });
    const [w] = (
      (await ctx.db.execute(sql`select status from selection_waitlist where id = ${entry!.id}`)) as unknown as {
        rows: { status: string }[];
      }
    ).rows;
    expect(w.status).toBe('closed');
    const draw = await failure(svc.draw(officeActor(), round.id, {}, 'zh-CN'));
    expect(draw.code).toBe('round_locked');
    expect((await messageOf(draw, 'zh-CN')).message).toBe('选课轮次“2026 秋季预选”的结果已锁定，不能再修改');
    expect((await failure(svc.lock(officeActor(), round.id))).code).toBe('round_locked');
  });

  it('a lottery round is locked only once drawn', async () => {
    const undrawn = await buildLotteryRound(ctx.db, f.termId, at, [other], '未抽签的预选');
    expect((await failure(svc.lock(officeActor(), undrawn.id))).code).toBe('round_not_drawn');
  });
});
