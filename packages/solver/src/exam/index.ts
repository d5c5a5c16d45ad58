/**
 * Examination timetabling engine (ITC-2007 Track 1 semantics, plus app extensions: split exams,
 * teacher clashes, exams-per-window, spread over days; Toronto proximity mode).
 *
 * - `solveExams(problem, options)` → solution, hard/soft, breakdown, unplaced exams;
 *   `solveExamsInWorker` the same off the event loop.
 * - `evaluateExamSolution(problem, solution)` direct evaluator (hard and soft by component).
 * - parsers / writers for ITC `.exam` / `.sol` and Toronto `.crs` / `.stu`.
 * - `generateExamProblem(params)` a Purdue-size instance with the app extensions on.
 */
export type * from './types.ts';
export { solveExams, type ExamSolveOptions, type ExamSolveResult, type ExamProgress, type UnplacedExamReason } from './solve.ts';
export { solveExamsInWorker, type ExamWorkerOptions } from './worker.ts';
export { evaluateExamSolution, torontoCost, studentCount, frontLoadExams } from './evaluate.ts';
export { parseExamFile, parseExamSol, writeExamSol, parseToronto, parseTorontoSol, writeTorontoSol, TORONTO_PROXIMITY } from './parse.ts';
export { generateExamProblem, type GenerateExamParams } from './generate.ts';
export { ITC_EXAM_REFERENCE, TORONTO_REFERENCE } from './reference.ts';
