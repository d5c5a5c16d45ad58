/**
 * Purdue-size generated exam session with the app extensions on (split exams, no room sharing,
 * teacher clashes, exams-per-window, spread over days): `npm run bench:exam-gen -- --time <s>
 * [--seed N] [--exams N --students N --enrolments N --periods N --rooms N]`. Prints the
 * instance, time to the first feasible timetable and the final cost by component (direct
 * evaluator).
 */
import { evaluateExamSolution } from '../src/exam/evaluate.ts';
import { generateExamProblem } from '../src/exam/generate.ts';
import { solveExams } from '../src/exam/solve.ts';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const num = (name: string): number | undefined => (arg(name) === undefined ? undefined : Number(arg(name)));
const seconds = Number(arg('time') ?? 60);
const seed = Number(arg('seed') ?? 1);
const t0 = performance.now();
const problem = generateExamProblem({
  exams: num('exams'),
  students: num('students'),
  enrolments: num('enrolments'),
  periods: num('periods'),
  rooms: num('rooms'),
  seed,
});
const students = new Set(problem.exams.flatMap((e) => Array.from(e.students))).size;
const enrolments = problem.exams.reduce((a, e) => a + e.students.length, 0);
const largest = Math.max(...problem.exams.map((e) => e.students.length));
console.log(
  `generated in ${((performance.now() - t0) / 1000).toFixed(1)}s: ${problem.exams.length} exams, ${students} students, ${enrolments} enrolments, ${problem.periods.length} periods, ${problem.rooms.length} rooms, largest exam ${largest}`,
);
let lastPrint = 0;
const result = solveExams(problem, {
  timeLimitMs: seconds * 1000,
  seed,
  onProgress: (p) => {
    if (p.elapsedMs - lastPrint < 5000 && p.phase !== 'done' && p.phase !== 'construct') return;
    lastPrint = p.elapsedMs;
    console.log(`  ${(p.elapsedMs / 1000).toFixed(1)}s ${p.phase} hard ${p.hard} soft ${p.soft} best ${p.best ?? '-'}`);
  },
});
const ev = evaluateExamSolution(problem, result.solution);
console.log(`first feasible: ${result.firstFeasibleMs === null ? 'never' : `${(result.firstFeasibleMs / 1000).toFixed(1)}s`}`);
console.log(
  `final: hard ${ev.hard}, soft ${ev.soft} (solver's own ${result.soft}), unplaced ${result.unplaced.length}, ${(result.iterations / 1e6).toFixed(2)}M iterations`,
);
const parts = Object.entries(ev.softBreakdown).filter(([, v]) => v !== 0);
console.log(`soft by component: ${parts.map(([k, v]) => `${k} ${v}`).join(', ')}`);
