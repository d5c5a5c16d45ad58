// The demo school's terms as timetabling sees them: teaching classes of every college and
// cohort from the curriculum plans, with merged lectures, lab groups in alternate weeks,
// linked PE sections, balanced teachers, the office's settings — and a room stock that can
// hold them. Runs on the demo template (the seed the app ships).
import { weeksOfMask } from '@jiaowu/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../db/client.ts';
import type { DemoAnchors } from '../../seed/demo-school.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { DEMO_TRAVEL_MINUTES, seedDemoTimetableInputs } from './demo-timetable-inputs.ts';
import { MAX_WEEKLY_PERIODS } from './demo-term-plan.ts';
import { loadTermFacts, type TermFacts } from './term-facts.ts';

let ctx: TestContext;
let current: TermFacts;
let previous: TermFacts;
let anchors: Pick<DemoAnchors, 'termId' | 'previousTermId' | 'teacherId'>;

const rows = async <T>(db: Pick<Tx, 'execute'>, q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  ctx = await createTestContext();
  const terms = await rows<{ id: number; is_current: boolean }>(ctx.db, sql`select id, is_current from terms order by id`);
  const [teacher] = await rows<{ teacher_id: number }>(ctx.db, sql`select teacher_id from users where username = 'teacher'`);
  anchors = {
    termId: terms.find((t) => t.is_current)!.id,
    previousTermId: terms.find((t) => !t.is_current)!.id,
    teacherId: teacher.teacher_id,
  };
  current = await loadTermFacts(ctx.db, anchors.termId);
  previous = await loadTermFacts(ctx.db, anchors.previousTermId);
});
afterAll(() => ctx.close());

const classesOf = (facts: TermFacts) => [...facts.classes.values()];
const periodsOf = (c: { sessions: number[] }) => c.sessions.reduce((s, x) => s + x, 0);
const isLab = (c: { roomType: string | null }) => c.roomType === 'lab' || c.roomType === 'computer';
const isLecture = (c: { roomType: string | null }) => c.roomType === 'lecture' || c.roomType === 'multimedia';
const ODD = 0x5555;
const EVEN = 0xaaaa;

describe('demo term: teaching classes', () => {
  it('has 600–900 teaching classes this term, of every college and cohort, and a previous term too', () => {
    const classes = classesOf(current);
    console.info(`demo term: ${classes.length} teaching classes this term, ${previous.classes.size} last term`);
    expect(classes.length).toBeGreaterThanOrEqual(600);
    expect(classes.length).toBeLessThanOrEqual(900);
    expect(previous.classes.size).toBeGreaterThanOrEqual(400);
    const cohorts = new Set(classes.flatMap((c) => c.cohorts));
    expect([...cohorts].sort()).toEqual([2023, 2024, 2025, 2026]);
    // Every admin class has lectures this term but a few seniors (term 7: internship, thesis);
    // last term every one but the freshmen, who had not come yet.
    const taught = new Set(classes.flatMap((c) => c.adminClassIds));
    const idle = [...current.adminClasses.values()].filter((a) => !taught.has(a.id));
    expect(idle.length).toBeLessThanOrEqual(4);
    expect(idle.every((a) => a.cohort === 2023)).toBe(true);
    const taughtBefore = new Set(classesOf(previous).flatMap((c) => c.adminClassIds));
    expect([...previous.adminClasses.values()].filter((a) => !taughtBefore.has(a.id)).every((a) => a.cohort === 2026)).toBe(true);
    for (const c of classes) expect(c.code).toMatch(new RegExp(`^${c.course.code}-\\d{2}$`));
  });

  it('merges public lectures 合班 for 2–3 admin classes of one college, seats = their students', async () => {
    const heads = new Map(
      (
        await rows<{ id: number; n: number }>(
          ctx.db,
          sql`select admin_class_id as id, count(*)::int as n from students where deleted_at is null group by admin_class_id`,
        )
      ).map((r) => [r.id, r.n]),
    );
    // (The 计算机学院's approved requests made their own classes, one for a whole cohort.)
    const fromRequests = new Set(
      (await rows<{ id: number }>(ctx.db, sql`select id from teaching_classes where source_request_id is not null`)).map((r) => r.id),
    );
    const merged = classesOf(current).filter((c) => isLecture(c) && c.adminClassIds.length > 1 && !fromRequests.has(c.id));
    expect(merged.length).toBeGreaterThanOrEqual(30);
    for (const c of merged) {
      expect(c.adminClassIds.length).toBeLessThanOrEqual(4);
      expect(new Set(c.adminClassIds.map((id) => current.adminClasses.get(id)!.collegeId)).size).toBe(1);
      expect(c.capacity).toBe(c.adminClassIds.reduce((s, id) => s + heads.get(id)!, 0));
    }
    expect(merged.some((c) => c.course.code === 'PO101')).toBe(true);
    // Sessions: 2, 3, 2+2, 3+1, 3+2.
    const shapes = new Set(classesOf(current).map((c) => c.sessions.join('+')));
    for (const s of ['2', '3', '2+2', '3+1', '3+2']) expect(shapes).toContain(s);
  });

  it('has labs in lab and computer rooms, groups in odd and even weeks that can share a slot and a room', () => {
    const labs = classesOf(current).filter(isLab);
    expect(labs.filter((c) => c.roomType === 'lab').length).toBeGreaterThanOrEqual(10);
    expect(labs.filter((c) => c.roomType === 'computer').length).toBeGreaterThanOrEqual(10);
    const odd = labs.filter((c) => c.weekMask === ODD);
    const even = labs.filter((c) => c.weekMask === EVEN);
    expect(odd.length).toBeGreaterThanOrEqual(10);
    expect(even.length).toBeGreaterThanOrEqual(10);
    expect(weeksOfMask(ODD)).toEqual([1, 3, 5, 7, 9, 11, 13, 15]);
    // Two halves of one admin class in a physics lab: one odd, one even.
    const halves = labs.filter((c) => c.course.code === 'PH103');
    expect(halves.length).toBeGreaterThanOrEqual(2);
    const [a, b] = halves;
    expect(a.adminClassIds).toEqual(b.adminClassIds);
    expect(a.weekMask & b.weekMask).toBe(0);
  });

  it('has PE sections 体育分项: one per gym, linked to one time, distinct teachers, for every class of the PE cohorts', () => {
    const pe = classesOf(current).filter((c) => c.roomType === 'gym');
    expect(pe.length).toBeGreaterThanOrEqual(10);
    const gyms = [...current.rooms.values()].filter((r) => r.type === 'gym');
    const linked = new Map<number, number>();
    for (const l of current.links) for (const id of l.teachingClassIds) linked.set(id, (linked.get(id) ?? 0) + 1);
    for (const c of pe) expect(linked.get(c.id)).toBe(1);
    for (const l of current.links) {
      const sections = l.teachingClassIds.map((id) => current.classes.get(id)!);
      expect(sections.length).toBeGreaterThanOrEqual(1);
      expect(sections.length).toBeLessThanOrEqual(gyms.length);
      expect(new Set(sections.flatMap((s) => s.teacherIds)).size).toBe(sections.length);
      const targets = sections.flatMap((s) => s.adminClassIds);
      expect(new Set(targets).size).toBe(targets.length);
      expect(l.name).toMatch(/大学体育分项/);
    }
    expect(current.links.some((l) => l.teachingClassIds.length >= 3)).toBe(true);
    const pe2026 = new Set(pe.filter((c) => c.course.code === 'PE101').flatMap((c) => c.adminClassIds));
    for (const a of current.adminClasses.values()) if (a.cohort === 2026) expect(pe2026.has(a.id)).toBe(true);
  });

  it('never repeats a course for an admin class, keeps every teacher at or below 16 periods a week', () => {
    for (const facts of [current, previous]) {
      const pairs = new Set<string>();
      for (const c of classesOf(facts).filter((x) => x.roomType !== 'gym' && !isLab(x)))
        for (const a of c.adminClassIds) {
          const k = `${c.courseId}:${a}`;
          expect(pairs.has(k), `${c.code} repeats a course for admin class ${a}`).toBe(false);
          pairs.add(k);
        }
      const load = new Map<number, number>();
      for (const c of facts.classes.values()) for (const t of c.teacherIds) load.set(t, (load.get(t) ?? 0) + periodsOf(c));
      expect(Math.max(...load.values())).toBeLessThanOrEqual(MAX_WEEKLY_PERIODS);
    }
  });

  it('gives the demo teacher 张伟 3–4 classes and the demo student’s class 计科2401 a full week', () => {
    const own = classesOf(current).filter((c) => c.teacherIds.includes(anchors.teacherId));
    expect(own.length).toBeGreaterThanOrEqual(3);
    expect(own.length).toBeLessThanOrEqual(4);
    const cs2401 = [...current.adminClasses.values()].find((a) => a.code === 'CS2401')!;
    const week = classesOf(current).filter((c) => c.adminClassIds.includes(cs2401.id));
    // Its term-5 courses CS204 and CS206 wait in the secretary's requests (returned, draft): not duplicated here.
    expect(week.length).toBeGreaterThanOrEqual(5);
    expect(week.reduce((s, c) => s + periodsOf(c), 0)).toBeGreaterThanOrEqual(12);
    expect(new Set(week.map((c) => c.course.code))).toEqual(new Set(['CS205', 'CS301', 'CS302', 'PO105', 'CA102']));
  });
});

describe('demo term: settings and room stock', () => {
  it('has the office’s blocked slots, travel time, day limit, evening and change rules, and teachers’ own blocks', () => {
    const s = current.settings;
    expect(s.blockedSlots.map((b) => [b.day, b.fromPeriod, b.toPeriod, b.exceptCategories ?? []])).toEqual([
      [3, 5, 8, []],
      [4, 5, 8, ['general']],
    ]);
    expect(s.campusTravel).toHaveLength(1);
    expect(s.campusTravel[0].minutes).toBe(DEMO_TRAVEL_MINUTES);
    expect(s.teacherMaxPeriodsPerDay).toBe(6);
    expect(s.eveningFromPeriod).toBe(9);
    expect(s.changeRules).toEqual({ noChangeWeeks: [1], maxPersonalPerTeacher: 3, collegeOnlyUpToPeriods: 4 });
    expect(current.teacherBlocks.filter((b) => b.kind === 'never').length).toBeGreaterThanOrEqual(3);
    expect(current.teacherBlocks.some((b) => b.teacherId === anchors.teacherId)).toBe(false);
    expect(classesOf(current).filter((c) => c.timeWishes.length > 0).length).toBeGreaterThanOrEqual(10);
  });

  it('demands fewer daytime room periods of each type and size than the rooms have', () => {
    // Daytime: 5 days × 8 periods, less Wednesday afternoon (everyone) and Thursday afternoon (all but general courses).
    const figures: string[] = [];
    for (const type of ['multimedia', 'lecture', 'lab', 'computer', 'gym']) {
      for (const min of [0, 61, 101, 151]) {
        const rooms = [...current.rooms.values()].filter((r) => r.type === type && r.capacity >= min && r.isActive);
        const supply = rooms.length * 32;
        // Lectures of this type needing at least `min` seats (a lecture room also takes a multimedia-free lecture).
        const demand = classesOf(current)
          .filter((c) => c.roomType === type && c.capacity >= min)
          .reduce((s, c) => s + periodsOf(c) * (c.weekMask === ODD || c.weekMask === EVEN ? 0.5 : 1), 0);
        if (demand === 0 && min > 0) continue;
        figures.push(`${type} ≥${min} seats: ${demand} periods/week for ${rooms.length} rooms × 32 = ${supply}`);
        expect(demand, `${type} ≥ ${min}`).toBeLessThanOrEqual(supply * 0.85);
      }
    }
    console.info(`demo term room stock:\n  ${figures.join('\n  ')}`);
  });
});

describe('demo term: seeding', () => {
  it('is deterministic and fast: a second run inserts the same rows in a few seconds', async () => {
    const snapshot = async (db: Pick<Tx, 'execute'>) =>
      JSON.stringify([
        await rows(
          db,
          sql`select t.code, t.term_id, t.course_id, t.college_id, t.teacher_ids, t.capacity, t.admin_class_ids, t.sessions,
                     t.week_mask, t.room_type, t.room_features, t.time_wishes
              from teaching_classes t where t.source_request_id is null order by t.term_id, t.code`,
        ),
        await rows(
          db,
          sql`select l.term_id, l.name, array(select c.code from teaching_classes c where c.id = any(l.teaching_class_ids) order by c.code) as codes
              from timetable_links l order by l.term_id, l.name`,
        ),
        await rows(
          db,
          sql`select term_id, blocked_slots, campus_travel, teacher_max_periods_per_day, change_rules from timetable_settings order by term_id`,
        ),
        await rows(
          db,
          sql`select term_id, teacher_id, kind, day, from_period, to_period from teacher_time_blocks order by term_id, teacher_id, id`,
        ),
      ]);
    const before = await snapshot(ctx.db);
    let again = '';
    let ms = 0;
    await ctx.db
      .transaction(async (tx) => {
        await tx.execute(sql`delete from timetable_links`);
        await tx.execute(sql`delete from timetable_settings`);
        await tx.execute(sql`delete from teacher_time_blocks`);
        // The seed solved and published these classes: their timetables and changes go first.
        await tx.execute(sql`delete from timetable_changes`);
        await tx.execute(sql`delete from timetable_versions`);
        await tx.execute(sql`delete from timetable_drafts`);
        // And the selection of them (rounds take their choices, waitlists and seats along).
        await tx.execute(sql`delete from selection_rounds`);
        await tx.execute(sql`delete from enrolments`);
        await tx.execute(sql`delete from teaching_classes where source_request_id is null`);
        const started = performance.now();
        await seedDemoTimetableInputs(tx, anchors as DemoAnchors);
        ms = performance.now() - started;
        again = await snapshot(tx);
        tx.rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Error) || !/rollback/i.test(e.message)) throw e;
      });
    console.info(`demo term inputs seeded in ${Math.round(ms)} ms`);
    expect(again).toBe(before);
    // About 1.5 s on an idle machine (PGlite, both terms); the bound leaves room for a busy CI.
    expect(ms).toBeLessThan(10_000);
  });
});
