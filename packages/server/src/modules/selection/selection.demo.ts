import type { Tx } from '../../db/client.ts';
import { findCourseSelectionFacts } from '../catalog/catalog.read-model.ts';
import { findTermTeachingClasses } from '../offerings/offerings.read-model.ts';
import { updateClassSelectionFlags } from '../offerings/offerings.repository.ts';
import { findStudentsSelectionFacts, findTermById } from '../org/org.read-model.ts';
import { lecturesConflict, type RuleLecture } from './core/rules.ts';
import * as demo from './selection-demo.repository.ts';
import * as repo from './selection.repository.ts';

/**
 * 选课 of the demo school's current term, as it stands in the middle of the term: the required
 * courses of every admin class pre-enrolled 按行政班预置 (fixed), a lottery round 预选 before the term
 * (choices stated; drawn after the seed, see `drawDemoLottery`), a first-come round 正选 finished
 * (about a third of the students took an elective; two popular electives filled up), and an
 * add/drop round 补退选 open now, so a newcomer signing in as `student` can select at once. The
 * previous term's required courses count as passed (prerequisites), a few students (the demo
 * account among them) failed an elective last term and may retake it (one of its sections is a
 * retake class 重修班), the PE elective has a men's and a women's section, and a few students
 * have holds. Deterministic (fixed seed), set-based: a few seconds on the embedded database.
 */

/** The demo lottery's seed (recorded with the round when it is drawn after the seed). */
export const DEMO_LOTTERY_SEED = 20260802;

export interface DemoSelection {
  lotteryRoundId: number;
  firstComeRoundId: number;
  addDropRoundId: number;
  fixed: number;
  electives: number;
  choices: number;
  passed: number;
  /** Students with a course failed last term (重修). */
  failed: number;
  holds: number;
}

/** A small seeded generator (mulberry32): the same demo on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the seeded generator. */
function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const DAY = 86_400_000;
/** An instant of the school's calendar day `offset` days from `date` (YYYY-MM-DD), at hh:00 China time. */
const chinaAt = (date: string, offset: number, hour: number) =>
  new Date(Date.parse(`${date}T00:00:00+08:00`) + offset * DAY + hour * 3_600_000);

/** The seeded rounds' notices went out in their time (the periodic task would otherwise send them at first start). */
const noticed = (opensAt: Date) => ({ noticedBeforeAt: new Date(opensAt.getTime() - 3 * DAY), noticedOpenAt: opensAt });

const NOTICE_LOTTERY = `预选阶段只填报志愿（每人最多 3 个，志愿 1 优先），截止后统一抽签：本专业培养方案要求的学生优先，其次为毕业年级，再按志愿顺序与随机数确定。抽签结果可在“我的选课”中查看原因。`;
const NOTICE_FIRST_COME = `正选阶段先到先得，提交即选中；请确认与已选课程（含按行政班预置的必修课）时间不冲突，每学期最多 32 学分。`;
const NOTICE_ADD_DROP = `补退选阶段可选课、退选、换课，已满的教学班可以加入候补，有名额空出时按候补顺序自动递补并通知。本轮退选的课程不能再次选择。`;

export async function seedDemoSelection(
  tx: Tx,
  anchors: { termId: number; previousTermId: number; studentId: number },
  now: Date,
): Promise<DemoSelection> {
  const term = (await findTermById(tx, anchors.termId))!;
  const classes = await findTermTeachingClasses(tx, anchors.termId);
  const courses = new Map((await findCourseSelectionFacts(tx, [...new Set(classes.map((c) => c.courseId))])).map((c) => [c.id, c]));
  const lectures = await repo.findClassLectures(
    tx,
    anchors.termId,
    classes.map((c) => c.id),
  );
  const students = await findStudentsSelectionFacts(tx);
  const rand = random(20260907);
  const lecturesOf = (id: number) => (lectures.get(id) ?? []) as RuleLecture[];
  const tenths = (courseId: number) => Math.round(Number(courses.get(courseId)!.credits) * 10);

  // ------------------------------------------------------------ rounds
  const limits = { minCredits: 12, maxCredits: 32, groups: [] };
  const lottery = await repo.insertRound(tx, {
    termId: anchors.termId,
    name: '2026 秋季通识课预选',
    mode: 'lottery',
    opensAt: chinaAt(term.startDate, -35, 8),
    closesAt: chinaAt(term.startDate, -28, 22),
    creditLimits: limits,
    notice: NOTICE_LOTTERY,
    ...noticed(chinaAt(term.startDate, -35, 8)),
    createdAt: chinaAt(term.startDate, -42, 9),
  });
  const firstCome = await repo.insertRound(tx, {
    termId: anchors.termId,
    name: '2026 秋季正选',
    mode: 'first_come',
    opensAt: chinaAt(term.startDate, -21, 12),
    closesAt: chinaAt(term.startDate, -14, 22),
    // Seniors first: the 2023 cohort opens half a day earlier.
    staggered: [{ cohorts: [2023], opensAt: chinaAt(term.startDate, -21, 0).toISOString() }],
    creditLimits: limits,
    notice: NOTICE_FIRST_COME,
    ...noticed(chinaAt(term.startDate, -21, 0)),
    createdAt: chinaAt(term.startDate, -30, 9),
  });
  const hour = 3_600_000;
  const addDrop = await repo.insertRound(tx, {
    termId: anchors.termId,
    name: '2026 秋季补退选',
    mode: 'add_drop',
    // Open now, whenever the demo is started: a newcomer can select at once.
    opensAt: new Date(Math.floor((now.getTime() - DAY) / hour) * hour),
    closesAt: new Date(Math.floor((now.getTime() + 60 * DAY) / hour) * hour),
    creditLimits: limits,
    noReselectAfterDrop: true,
    notice: NOTICE_ADD_DROP,
    ...noticed(new Date(Math.floor((now.getTime() - DAY) / hour) * hour)),
    createdAt: new Date(now.getTime() - 3 * DAY),
  });

  // Electives are the classes not tied to admin classes; the lottery offers the general ones 通识.
  const electives = classes.filter((c) => c.adminClassIds.length === 0);
  const flags = await markDemoClassFlags(tx, electives, courses);
  const general = electives.filter((c) => courses.get(c.courseId)?.category === 'general');
  // Failed last term (重修): a few students, the demo account first, so a newcomer sees a retake.
  const failers = [anchors.studentId, ...students.filter((_, i) => i % 613 === 100).map((s) => s.id)].slice(0, 6);
  const failerSet = new Set(failers);
  const genderOf = new Map(students.map((s) => [s.id, s.gender]));
  /** What the demo's own picks respect: the gender of a PE section; a retake class and the failed course are left alone. */
  const mayPick = (studentId: number, c: (typeof classes)[number]) =>
    c.id !== flags.retakeClassId &&
    (flags.gender.get(c.id) ?? genderOf.get(studentId)) === genderOf.get(studentId) &&
    !(failerSet.has(studentId) && c.courseId === flags.failedCourseId);
  await repo.addRoundClasses(
    tx,
    lottery.id,
    general.map((c) => c.id),
  );
  for (const r of [firstCome, addDrop])
    await repo.addRoundClasses(
      tx,
      r.id,
      electives.map((c) => c.id),
    );

  // ------------------------------------------------------------ 按行政班预置: required classes, fixed
  const held = new Map<number, { courseIds: Set<number>; lectures: RuleLecture[]; tenths: number; classes: number }>();
  const holder = (studentId: number) => {
    let h = held.get(studentId);
    if (!h) held.set(studentId, (h = { courseIds: new Set(), lectures: [], tenths: 0, classes: 0 }));
    return h;
  };
  const byAdminClass = new Map<number, number[]>();
  for (const s of students) byAdminClass.set(s.adminClassId, [...(byAdminClass.get(s.adminClassId) ?? []), s.id]);
  const enrolled = new Map<number, number>();
  const rows: Parameters<typeof demo.insertEnrolmentRows>[1] = [];
  const take = (studentId: number, c: (typeof classes)[number], values: Partial<(typeof rows)[number]>) => {
    const h = holder(studentId);
    h.courseIds.add(c.courseId);
    h.lectures.push(...lecturesOf(c.id));
    h.tenths += tenths(c.courseId);
    h.classes++;
    enrolled.set(c.id, (enrolled.get(c.id) ?? 0) + 1);
    rows.push({ termId: anchors.termId, studentId, teachingClassId: c.id, courseId: c.courseId, ...values });
  };
  for (const c of classes) {
    if (!c.adminClassIds.length) continue;
    for (const a of c.adminClassIds)
      for (const studentId of byAdminClass.get(a) ?? []) {
        if (holder(studentId).courseIds.has(c.courseId)) continue;
        take(studentId, c, { roundId: firstCome.id, isFixed: true, source: 'prefill', createdAt: firstCome.opensAt });
      }
  }
  const fixed = rows.length;

  // ------------------------------------------------------------ 正选: a third of the students took an elective
  const fits = (studentId: number, c: (typeof classes)[number]) => {
    const h = holder(studentId);
    return (
      mayPick(studentId, c) &&
      !h.courseIds.has(c.courseId) &&
      (enrolled.get(c.id) ?? 0) < c.capacity &&
      h.tenths + tenths(c.courseId) <= limits.maxCredits * 10 &&
      !lecturesConflict(h.lectures, lecturesOf(c.id))
    );
  };
  // Two popular electives everybody tries first: they fill up (the add/drop round's waitlists).
  const popular = [...electives].sort((a, b) => a.capacity - b.capacity).slice(0, 2);
  let electiveCount = 0;
  students.forEach((s, i) => {
    if (i % 3 !== 0 || s.id === anchors.studentId) return;
    const order = [...popular, ...shuffled(electives, rand).slice(0, 12)];
    const pick = order.find((c) => fits(s.id, c));
    if (!pick) return;
    const at = new Date(firstCome.opensAt.getTime() + Math.floor(rand() * 6 * DAY));
    take(s.id, pick, { roundId: firstCome.id, source: 'self', createdAt: at, idempotencyKey: `demo-${s.id}-${pick.id}` });
    electiveCount++;
  });
  await demo.insertEnrolmentRows(tx, rows);

  // ------------------------------------------------------------ 预选: three ranked choices of general electives
  const choiceRows: Parameters<typeof demo.insertChoiceRows>[1] = [];
  students.forEach((s, i) => {
    if (i % 3 !== 1 || general.length < 3 || s.id === anchors.studentId) return;
    const picks = shuffled(
      general.filter((c) => mayPick(s.id, c)),
      rand,
    ).slice(0, 3);
    picks.forEach((c, k) =>
      choiceRows.push({
        roundId: lottery.id,
        studentId: s.id,
        teachingClassId: c.id,
        rank: k + 1,
        createdAt: new Date(lottery.opensAt.getTime() + Math.floor(rand() * 6 * DAY)),
      }),
    );
  });
  await demo.insertChoiceRows(tx, choiceRows);

  // ------------------------------------------------------------ counters, passed courses, holds
  await demo.insertStudentTermRows(
    tx,
    [...held.entries()].map(([studentId, h]) => ({
      studentId,
      termId: anchors.termId,
      credits: `${Math.floor(h.tenths / 10)}.${h.tenths % 10}`,
      classes: h.classes,
    })),
  );
  await repo.syncTermSeats(
    tx,
    anchors.termId,
    classes.map((c) => ({ id: c.id, capacity: c.capacity })),
    now,
  );
  // The previous term's required courses were passed (until grades exist, this table is what prerequisites read).
  const previous = await findTermTeachingClasses(tx, anchors.previousTermId);
  const passedRows: Parameters<typeof demo.insertPassedRows>[1] = [];
  for (const c of previous)
    for (const a of c.adminClassIds)
      for (const studentId of byAdminClass.get(a) ?? [])
        passedRows.push({ studentId, courseId: c.courseId, termId: anchors.previousTermId, source: 'demo' });
  await demo.insertPassedRows(tx, passedRows);
  if (flags.failedCourseId !== null) {
    const failedCourseId = flags.failedCourseId;
    await demo.insertFailedRows(
      tx,
      failers.map((studentId) => ({ studentId, courseId: failedCourseId, termId: anchors.previousTermId, score: '52', source: 'demo' })),
    );
  }
  const holdReasons = ['2026 学年学费未缴清，请到财务处办理', '学籍异动审核中', '2026 学年学费未缴清，请到财务处办理'];
  const holdStudents = students
    .filter((s) => s.id !== anchors.studentId)
    .filter((_, i) => i % 997 === 500)
    .slice(0, 3);
  await demo.insertHoldRows(
    tx,
    holdStudents.map((s, i) => ({
      studentId: s.id,
      reason: holdReasons[i],
      source: i === 1 ? 'admin' : 'api',
      createdAt: new Date(now.getTime() - 2 * DAY),
    })),
  );
  return {
    lotteryRoundId: lottery.id,
    firstComeRoundId: firstCome.id,
    addDropRoundId: addDrop.id,
    fixed,
    electives: electiveCount,
    choices: choiceRows.length,
    passed: passedRows.length,
    failed: flags.failedCourseId === null ? 0 : failers.length,
    holds: holdStudents.length,
  };
}

/** The general elective taught as PE (健康与运动) has a men's and a women's section; the one failed last term (数学文化) a retake class. */
const DEMO_PE_COURSE = 'GE112';
const DEMO_FAILED_COURSE = 'GE106';

/**
 * Sets the demo's selection flags on the current term's electives: the first two sections of
 * the PE elective become a men's and a women's section 体育分项, the last section of the course
 * some students failed becomes its retake class 重修班.
 */
async function markDemoClassFlags(
  tx: Tx,
  electives: { id: number; code: string; courseId: number }[],
  courses: Map<number, { code: string }>,
): Promise<{ gender: Map<number, 'male' | 'female'>; retakeClassId: number | null; failedCourseId: number | null }> {
  const sectionsOf = (code: string) =>
    electives.filter((c) => courses.get(c.courseId)?.code === code).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const gender = new Map<number, 'male' | 'female'>();
  const pe = sectionsOf(DEMO_PE_COURSE);
  if (pe.length >= 2) {
    gender.set(pe[0].id, 'male');
    gender.set(pe[1].id, 'female');
  }
  for (const [id, g] of gender) await updateClassSelectionFlags(tx, id, { genderRestriction: g });
  const failed = sectionsOf(DEMO_FAILED_COURSE);
  const retake = failed.length >= 2 ? failed[failed.length - 1] : null;
  if (retake) await updateClassSelectionFlags(tx, retake.id, { isRetakeClass: true });
  return { gender, retakeClassId: retake?.id ?? null, failedCourseId: failed[0]?.courseId ?? null };
}
