import { solveExams } from '@jiaowu/solver';
import type { Db } from '../../db/client.ts';
import { systemActor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { findTermById } from '../org/org.read-model.ts';
import { seedExamPapersDemo } from './papers.demo.ts';
import { openPlan } from './plans.service.ts';
import * as repo from './plans.repository.ts';
import { loadExamModel, storeSchedule } from './schedule-store.ts';
import { fromMinutes } from './sessions.ts';

/** The demo schedule's seeds: the same exams, rooms and seats on every fresh install. */
export const DEMO_EXAM_SEED = 20261228;
/** The solver's budget at first start: enough for the demo term (the aim is under 10 s). */
const DEMO_SOLVE_MS = 4000;

const DAY = 86_400_000;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/**
 * The current term's final exams 期末考试, as the office leaves them once the term's cycle gets
 * there: every college's list approved, scheduled over the last two teaching weeks by the solver,
 * rooms, seats and invigilators given out, published. Runs after the selection demo (rosters come
 * from its enrolments); returns the plan for the papers' demo.
 */
export async function seedDemoExams(db: Db, termId: number): Promise<{ planId: number; exams: number; placed: number }> {
  const term = (await findTermById(db, termId))!;
  // Monday of the second-to-last week to Friday of the last.
  const startDate = addDays(term.startDate, (term.weeks - 2) * 7);
  const endDate = addDays(startDate, 11);
  return db.transaction(async (tx) => {
    const now = new Date();
    const { plan } = await openPlan(
      tx,
      {
        termId,
        kind: 'final',
        name: `${term.name}期末考试`,
        startDate,
        endDate,
        dailySessions: [
          { start: fromMinutes(8 * 60 + 30), end: fromMinutes(10 * 60 + 30) },
          { start: fromMinutes(10 * 60 + 50), end: fromMinutes(12 * 60 + 50) },
          { start: fromMinutes(14 * 60 + 30), end: fromMinutes(16 * 60 + 30) },
          { start: fromMinutes(19 * 60), end: fromMinutes(21 * 60) },
        ],
        includeWeekends: false,
        // 元旦 falls in the demo term's exam weeks: no exams on New Year's Day.
        excludedDates: [`${endDate.slice(0, 4)}-01-01`],
        allowRoomSharing: false,
        maxExamsPerDay: 2,
        defaultDuration: 120,
      },
      null,
      now,
    );
    for (const c of await repo.findPlanColleges(tx, plan.id)) await repo.setPlanCollege(tx, c.id, { status: 'approved', decidedAt: now });
    await repo.setPlan(tx, plan.id, { status: 'approved' });
    const approved = (await repo.findPlan(tx, plan.id))!;
    const started = Date.now();
    const model = await loadExamModel(tx, approved, false);
    const result = solveExams(model.problem, { seed: DEMO_EXAM_SEED, timeLimitMs: DEMO_SOLVE_MS });
    const seatSeed = DEMO_EXAM_SEED + 1;
    const summary = await storeSchedule(tx, plan.id, { ...model, result, seatSeed, cancelled: false, started });
    const published = summary.unplaced.length === 0 && summary.clashes === 0;
    await repo.setPlan(tx, plan.id, {
      scheduleStatus: published ? 'published' : 'draft',
      publishedAt: published ? now : null,
      solveSeed: DEMO_EXAM_SEED,
      seatSeed,
      solveSummary: summary,
    });
    await writeAudit(tx, systemActor, {
      action: 'system.seed_demo_exams',
      entityType: 'system',
      after: { planId: plan.id, exams: summary.total, placed: summary.placed, clashes: summary.clashes, published },
    });
    return { planId: plan.id, exams: summary.total, placed: summary.placed };
  });
}

/**
 * Papers 试卷流转 of the demo's first exams, three weeks before the exam period: drafted by the
 * demo teacher, reviewed by the college secretary, printed, sealed and stored by the office. One
 * was sealed with fewer copies than students, which the papers page flags.
 */
export async function seedDemoExamPapers(db: Db, planId: number, users: { teacher: number; secretary: number; office: number }) {
  return seedExamPapersDemo(db, {
    planId,
    authorUserId: users.teacher,
    reviewerUserId: users.secretary,
    officeUserId: users.office,
    now: new Date(),
    targets: ['drafted', 'reviewed', 'sent_to_print', 'sealed', 'stored', 'stored'],
    shortAt: 'sealed',
  });
}
