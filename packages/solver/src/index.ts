/**
 * @jiaowu/solver — course timetabling engine. Pure TypeScript: plain data in, plain data out.
 *
 * - `solve(model, options)` synchronous search; `solveInWorker` / `solveParallel` off the event loop.
 * - `evaluateAssignment(model, assignment)` cost breakdown by constraint and by event.
 * - `resolveWithMinimalPerturbation(model, published, options)` re-solve after a change.
 * - `itc2007`: .ctt parser, model mapping, .sol writer, UD2 validator.
 * - `exam`: examination timetabling (ITC-2007 Track 1, Toronto, app extensions): `solveExams`, `evaluateExamSolution`.
 */
export * from './model/types.ts';
export { weekMask, dayMask, timesOverlap, type TimeBlock } from './model/weeks.ts';
export { solve, type SolveOptions, type SolveResult, type Progress } from './search/solve.ts';
export { solveInWorker, solveParallel, type WorkerSolveOptions } from './worker/run.ts';
export { evaluateAssignment, type CostBreakdown, type CostSummary, type EventCost } from './eval/breakdown.ts';
export { COMPONENT_NAMES, type ComponentName } from './eval/components.ts';
export type { UnplacedEvent, UnplacedReason, ReasonCode, ReasonParam, RoomHolder, Message } from './explain/explain.ts';
export { resolveWithMinimalPerturbation, type PerturbationOptions, type PerturbationResult, type MovedEvent } from './mpp/resolve.ts';
export * as itc2007 from './itc2007/index.ts';
export * as exam from './exam/index.ts';
export type { ExamProblem, ExamSolution, ExamPlacement, ExamEvaluation, ExamDef, ExamPeriod, ExamRoom } from './exam/types.ts';
export { solveExams, type ExamSolveOptions, type ExamProgress, type ExamSolveResult } from './exam/solve.ts';
export { evaluateExamSolution } from './exam/evaluate.ts';
export { generateExamProblem } from './exam/generate.ts';
export { generateSchoolTerm, SCHOOL_CLOCK, type SchoolTermParams } from './generate/school-term.ts';
export { Rng } from './search/rng.ts';
