import { z } from 'zod';
import type { SolveProgress } from '@jiaowu/contracts';
import { solveInWorker, type Progress } from '@jiaowu/solver';
import { requireAccess } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { defineJob, type JobContext } from '../../platform/jobs/job-kind.ts';
import * as repo from './drafts.repository.ts';
import { resolveInWorker } from './resolve-in-worker.ts';
import { storedSolve } from './solve-run.ts';
import { assignmentOfLectures, buildSolverModel, type ModelLecture } from './solver-model.ts';
import { lecturesOfClass, loadTermFacts, type TermFacts } from './term-facts.ts';
import { findVersionLectures } from './versions.repository.ts';

const payload = z.object({
  draftId: z.number().int().positive(),
  /** solve: a plain solve; resolve: minimal perturbation against the draft's basedOnVersionId. */
  mode: z.enum(['solve', 'resolve']).default('solve'),
  seed: z.number().int().min(0),
  timeLimitMs: z.number().int().min(1000).max(600_000),
  keepPlaced: z.boolean().default(false),
});
export type SolveDraftPayload = z.infer<typeof payload>;

/** How long a job waits for the request that enqueued it to record it as the draft's solve. */
const OWNERSHIP_WAIT_MS = 5000;

/**
 * The draft's lectures against the term as it is now: lectures of teaching classes gone are
 * dropped, sessions of new teaching classes are added unplaced (a re-solve after a change).
 */
export function lecturesForTerm(rows: readonly ModelLecture[], facts: TermFacts): ModelLecture[] {
  const kept = rows.filter((r) => facts.classes.has(r.teachingClassId));
  const keys = new Set(kept.map((r) => r.lectureKey));
  const added = [...facts.classes.values()].flatMap(lecturesOfClass).filter((l) => !keys.has(l.lectureKey));
  return [...kept, ...added];
}

/** Waits until the enqueuing request has recorded this job on the draft; null when another solve won. */
async function ownDraft(ctx: JobContext, draftId: number) {
  const until = Date.now() + OWNERSHIP_WAIT_MS;
  for (;;) {
    const found = await repo.findDraft(ctx.db, draftId);
    if (!found) return null;
    if (found.lastJobId === ctx.jobId) return found;
    if (Date.now() > until) return null;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * `timetable.solve`: reads the term and the draft, runs the solver in a worker thread with
 * progress (phase, placed/total, hard, soft, elapsed in the job's detail), verifies the result
 * with the hard-rule checker and stores it as the draft's next version. Cancel stops the search
 * and the best timetable found so far is still stored (summary marked cancelled).
 */
export const solveDraftJob = defineJob({
  name: 'timetable.solve',
  payload,
  permission: 'timetable.manage',
  concurrency: 'cores',
  async handler(p: SolveDraftPayload, ctx) {
    requireAccess(ctx.actor, 'timetable.manage');
    const draft = await ownDraft(ctx, p.draftId);
    if (!draft) return { skipped: true };
    const started = Date.now();
    const report = async (detail: SolveProgress, flush = false) => ctx.progress(detail.placed, detail.total, detail, flush);
    const facts = await loadTermFacts(ctx.db, draft.termId);
    const lectures = lecturesForTerm(await repo.findDraftLectures(ctx.db, draft.id), facts);
    const total = lectures.length;
    await report({ phase: 'loading', placed: 0, total, hard: 0, soft: 0, elapsedMs: Date.now() - started }, true);
    const model = buildSolverModel(facts, { lectures });
    const onProgress = (pr: Progress) =>
      void report({
        phase: pr.phase === 'done' ? 'anneal' : pr.phase,
        placed: total - (pr.best.byConstraint.unplaced ?? 0),
        total,
        hard: pr.best.hard,
        soft: pr.best.soft,
        elapsedMs: Date.now() - started,
      }).catch((err: unknown) => ctx.log.warn({ err }, 'solve progress not recorded'));
    let moved: number | undefined;
    let result;
    if (p.mode === 'resolve') {
      const published = draft.basedOnVersionId ? await findVersionLectures(ctx.db, draft.basedOnVersionId) : [];
      const r = await resolveInWorker(model, assignmentOfLectures(published), {
        seed: p.seed,
        timeLimitMs: p.timeLimitMs,
        signal: ctx.signal,
        onProgress,
      });
      moved = r.moved.length;
      result = r;
    } else {
      const placed = p.keepPlaced ? assignmentOfLectures(lectures) : [];
      result = await solveInWorker(model, {
        seed: p.seed,
        timeLimitMs: p.timeLimitMs,
        signal: ctx.signal,
        onProgress,
        ...(placed.length ? { initial: placed } : {}),
      });
    }
    const cancelled = ctx.signal.aborted;
    await report(
      {
        phase: 'storing',
        placed: total - result.unplaced.length,
        total,
        hard: result.cost.hard,
        soft: result.cost.soft,
        elapsedMs: Date.now() - started,
      },
      true,
    );
    const stored = storedSolve(facts, model, lectures, result, { cancelled, moved });
    const saved = await ctx.db.transaction(async (tx) => {
      const locked = await repo.lockDraft(tx, draft.id);
      // Deleted meanwhile, or a newer solve took the draft over: this result is not wanted.
      if (!locked || locked.lastJobId !== ctx.jobId || locked.status !== 'draft') return false;
      await repo.replaceDraftLectures(tx, draft.id, stored.rows);
      const after = await repo.bumpDraft(tx, draft.id, { solveSummary: stored.summary }, ctx.clock());
      await writeAudit(tx, ctx.actor, {
        action: p.mode === 'resolve' ? 'timetable_drafts.resolve' : 'timetable_drafts.solve',
        entityType: 'timetable_drafts',
        entityId: draft.id,
        after: {
          version: after.version,
          placed: stored.summary.placed,
          total: stored.summary.total,
          hard: stored.summary.hard,
          soft: stored.summary.soft,
          seed: p.seed,
          cancelled,
        },
      });
      return true;
    });
    await ctx.progress(
      stored.summary.placed,
      total,
      {
        phase: 'done',
        placed: stored.summary.placed,
        total,
        hard: stored.summary.hard,
        soft: stored.summary.soft,
        elapsedMs: Date.now() - started,
      } satisfies SolveProgress,
      true,
    );
    return { stored: saved, ...stored.summary };
  },
});
