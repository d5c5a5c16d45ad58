import { z } from 'zod';
import type { ExamSolveSummary, ExamUnplacedReason, SolveProgress } from '@jiaowu/contracts';
import type { ExamProgress, ExamSolveResult } from '@jiaowu/solver';
import { requireAccess } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { defineJob, type JobContext } from '../../platform/jobs/job-kind.ts';
import { runInWorker, workerUrl } from '../../platform/workers/run-in-worker.ts';
import { findCourseNames } from '../catalog/catalog.read-model.ts';
import { allocatePlan } from './allocate.ts';
import { buildExamModel } from './exam-model.ts';
import * as plans from './plans.repository.ts';
import * as sched from './schedule.repository.ts';

const payload = z.object({
  planId: z.number().int().positive(),
  seed: z.number().int().min(0),
  timeLimitMs: z.number().int().min(1000).max(600_000),
  keepPinned: z.boolean().default(true),
});
export type ExamSolvePayload = z.infer<typeof payload>;

/** How long a job waits for the request that enqueued it to record it on the plan. */
const OWNERSHIP_WAIT_MS = 5000;

async function ownPlan(ctx: JobContext, planId: number) {
  const until = Date.now() + OWNERSHIP_WAIT_MS;
  for (;;) {
    const found = await plans.findPlan(ctx.db, planId);
    if (!found) return null;
    if (found.lastJobId === ctx.jobId) return found;
    if (Date.now() > until) return null;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const REASONS: Record<string, ExamUnplacedReason> = {
  studentConflict: 'search',
  teacherConflict: 'search',
  periodConstraint: 'no_session',
  unavailable: 'no_session',
  room: 'too_large',
};

/**
 * `exams.solve`: reads the approved plan (sessions, exams, rosters from enrolments, teachers,
 * rooms, rules), runs the exam solver in a worker thread with progress, then gives out rooms,
 * seats and invigilators and stores the result as the plan's draft schedule. Cancel stops the
 * search and the best schedule found so far is still stored (summary marked cancelled).
 */
export const solveExamsJob = defineJob({
  name: 'exams.solve',
  payload,
  permission: 'exams.manage',
  concurrency: 'cores',
  async handler(p: ExamSolvePayload, ctx) {
    requireAccess(ctx.actor, 'exams.manage');
    const plan = await ownPlan(ctx, p.planId);
    if (!plan) return { skipped: true };
    const started = Date.now();
    const [sessions, exams, roster, teachers, rooms, constraints] = await Promise.all([
      plans.findSessions(ctx.db, plan.id),
      plans.findPlanExams(ctx.db, plan.id),
      sched.findRoster(ctx.db, plan.id),
      sched.findExamTeachers(ctx.db, plan.id),
      sched.findExamRoomFacts(ctx.db),
      plans.findConstraints(ctx.db, plan.id),
    ]);
    const total = exams.length;
    const report = (detail: SolveProgress, flush = false) => ctx.progress(detail.placed, detail.total, detail, flush);
    await report({ phase: 'loading', placed: 0, total, hard: 0, soft: 0, elapsedMs: 0 }, true);
    const rosterOf = new Map<number, number[]>();
    for (const r of roster) {
      const list = rosterOf.get(r.examId);
      if (list) list.push(r.studentId);
      else rosterOf.set(r.examId, [r.studentId]);
    }
    const { problem, examIds, sessionIds } = buildExamModel({
      sessions,
      exams,
      roster: rosterOf,
      teachers: new Map(teachers.map((t) => [t.examId, t.teacherIds])),
      rooms,
      constraints,
      maxExamsPerDay: plan.maxExamsPerDay,
      allowRoomSharing: plan.allowRoomSharing,
      keepPinned: p.keepPinned,
    });
    const result = await runInWorker<ExamSolveResult, ExamProgress>(
      workerUrl(import.meta.url, 'solve-worker'),
      { problem, options: { seed: p.seed, timeLimitMs: p.timeLimitMs } },
      {
        signal: ctx.signal,
        onProgress: (pr) =>
          void report({
            phase: pr.phase === 'done' ? 'anneal' : pr.phase === 'repair' ? 'construct' : pr.phase,
            placed: total,
            total,
            hard: pr.hard,
            soft: pr.best ?? pr.soft,
            elapsedMs: Date.now() - started,
          }).catch((err: unknown) => ctx.log.warn({ err }, 'exam solve progress not recorded')),
      },
    );
    const cancelled = ctx.signal.aborted;
    await report(
      {
        phase: 'storing',
        placed: total - result.unplaced.length,
        total,
        hard: result.hard,
        soft: result.soft,
        elapsedMs: Date.now() - started,
      },
      true,
    );
    // Within PostgreSQL's integer (seat_seed): `>>> 0` gave up to 2^32 − 1, and half of the random seeds failed the save.
    const seatSeed = (p.seed * 7919 + 17) % 2_147_483_647;
    const saved = await ctx.db.transaction(async (tx) => {
      const locked = await plans.lockPlan(tx, plan.id);
      // Deleted meanwhile, published, or a newer solve took the plan over: this result is not wanted.
      if (!locked || locked.lastJobId !== ctx.jobId || locked.scheduleStatus === 'published') return null;
      await plans.setExamSessions(
        tx,
        examIds.map((examId, i) => ({ examId, sessionId: result.solution[i] ? sessionIds[result.solution[i]!.period]! : null })),
      );
      const alloc = await allocatePlan(tx, plan.id, seatSeed);
      const names = new Map((await findCourseNames(tx, [...new Set(exams.map((e) => e.courseId))])).map((c) => [c.id, c.name]));
      const courseOf = new Map(exams.map((e) => [e.id, e.courseId]));
      const nameOf = (examId: number) => names.get(courseOf.get(examId)!) ?? '';
      const unplaced: ExamSolveSummary['unplaced'] = [
        ...result.unplaced.map((u) => ({
          examId: examIds[u.exam]!,
          courseName: nameOf(examIds[u.exam]!),
          reason: REASONS[u.reason] ?? 'search',
        })),
        ...alloc.failures.map((f) => ({ examId: f.examId, courseName: nameOf(f.examId), reason: 'too_large' as const, count: f.short })),
      ];
      const summary: ExamSolveSummary = {
        hard: result.hard,
        soft: result.soft,
        placed: total - unplaced.length,
        total,
        elapsedMs: Date.now() - started,
        cancelled,
        clashes: await sched.countClashes(tx, plan.id),
        unplaced,
      };
      await plans.setPlan(tx, plan.id, {
        scheduleStatus: 'draft',
        solveSeed: p.seed,
        seatSeed,
        solveSummary: summary,
        updatedAt: ctx.clock(),
      });
      await writeAudit(tx, ctx.actor, {
        action: 'exam_plans.solve',
        entityType: 'exam_plans',
        entityId: plan.id,
        after: {
          seed: p.seed,
          seatSeed,
          placed: summary.placed,
          total,
          hard: summary.hard,
          soft: summary.soft,
          clashes: summary.clashes,
          cancelled,
        },
      });
      return summary;
    });
    await report(
      {
        phase: 'done',
        placed: saved?.placed ?? 0,
        total,
        hard: saved?.hard ?? result.hard,
        soft: saved?.soft ?? result.soft,
        elapsedMs: Date.now() - started,
      },
      true,
    );
    return { stored: saved !== null, ...(saved ?? {}) };
  },
});
