import type { Tx } from '../../db/client.ts';
import type { DemoAnchors } from '../../seed/demo-school.ts';
import { seedDemoChanges } from './changes.demo.ts';
import { insertDraft, replaceDraftLectures } from './drafts.repository.ts';
import { insertDraftWithLectures } from './publish.repository.ts';
import { solveTermLectures } from './solve-run.ts';
import { lectureFields, loadTermFacts } from './term-facts.ts';
import { insertVersion } from './versions.repository.ts';

/**
 * Annealing iterations of the demo solve: a fixed budget (not a time limit) keeps the seed's
 * timetable identical on every machine; the budget takes a few seconds and ends feasible with
 * some room left for the office to improve on.
 */
export const DEMO_SOLVE_ITERATIONS = 400_000;

/**
 * Both demo terms solved by the solver (the same path as the office's 排课 button, in this
 * thread) and published as version 1 on a date before each term, each with the draft it came
 * from; the current term also gets an editable copy for the office to adjust and submit, and
 * the demo teacher's change requests (one applied as version 2, others waiting or rejected).
 * A lecture left unplaced would make the demo's published timetable incomplete: that is a
 * bug of the demo data and fails the seed.
 */
export async function seedDemoTimetables(tx: Tx, anchors: DemoAnchors) {
  const terms = [
    { termId: anchors.previousTermId, name: '2026 春季学期排课方案', publishedAt: '2026-02-16T02:00:00Z', copy: null },
    { termId: anchors.termId, name: '2026 秋季学期排课方案', publishedAt: '2026-08-24T02:00:00Z', copy: '2026 秋季学期排课方案（调整稿）' },
  ];
  const out: { termId: number; lectures: number; soft: number; elapsedMs: number }[] = [];
  for (const term of terms) {
    const facts = await loadTermFacts(tx, term.termId);
    // The time limit is a safety net only: the iteration budget ends the search first.
    const { rows, summary } = solveTermLectures(facts, { seed: 1, maxIterations: DEMO_SOLVE_ITERATIONS, timeLimitMs: 300_000 });
    const lectures = rows.map((r) =>
      lectureFields({
        ...r,
        day: r.day ?? null,
        startPeriod: r.startPeriod ?? null,
        roomId: r.roomId ?? null,
        teacherIds: r.teacherIds ?? [],
      }),
    );
    const unplaced = lectures.filter((r) => r.day === null || r.startPeriod === null || r.roomId === null);
    if (unplaced.length > 0 || !summary.feasible)
      throw new Error(
        `demo term ${term.termId}: ${unplaced.length} lectures unplaced, hard ${summary.hard} (${unplaced[0]?.lectureKey ?? ''})`,
      );
    const at = new Date(term.publishedAt);
    const draft = await insertDraft(tx, {
      termId: term.termId,
      name: term.name,
      status: 'published',
      solveSummary: summary,
      createdAt: at,
      updatedAt: at,
    });
    await replaceDraftLectures(tx, draft.id, rows);
    await insertVersion(
      tx,
      term.termId,
      { source: 'publish', draftId: draft.id, note: term.name, publishedBy: null, at },
      lectures.map((r) => ({ ...r, day: r.day!, startPeriod: r.startPeriod! })),
    );
    if (term.copy) await insertDraftWithLectures(tx, term.termId, term.copy, lectures);
    out.push({ termId: term.termId, lectures: rows.length, soft: summary.soft, elapsedMs: summary.elapsedMs });
  }
  const changes = await seedDemoChanges(tx, anchors.termId);
  return { terms: out, changes };
}
