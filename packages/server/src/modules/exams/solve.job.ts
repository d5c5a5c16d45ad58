import { z } from 'zod';
import type { SolveProgress } from '@jiaowu/contracts';
import { exam } from '@jiaowu/solver';
import { requireAccess } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { defineJob, type JobContext } from '../../platform/jobs/job-kind.ts';
import * as plans from './plans.repository.ts';
import { loadExamModel, storeSchedule } from './schedule-store.ts';

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
    const { problem, examIds, sessionIds, exams } = await loadExamModel(ctx.db, plan, p.keepPinned);
    const total = exams.length;
    const report = (detail: SolveProgress, flush = false) => ctx.progress(detail.placed, detail.total, detail, flush);
    await report({ phase: 'loading', placed: 0, total, hard: 0, soft: 0, elapsedMs: 0 }, true);
    const result = await exam.solveExamsInWorker(problem, {
      seed: p.seed,
      timeLimitMs: p.timeLimitMs,
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
    });
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
      // Deleted meanwhile, published or awaiting publication, or a newer solve took the plan over: this result is not wanted.
      if (!locked || locked.lastJobId !== ctx.jobId || locked.scheduleStatus === 'published' || locked.scheduleStatus === 'submitted')
        return null;
      const summary = await storeSchedule(tx, plan.id, { examIds, sessionIds, exams, result, seatSeed, cancelled, started });
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
