/**
 * ITC-2007 Track 1 (examination) benchmark: `npm run bench:exam -- --time <s> [--sets 1,2,…]
 * [--seed N] [--out dir] [--dir folder] [--options JSON]`. Solves each set in turn on this
 * thread (one core), writes `<out>/exam_comp_set<N>.sol`, then re-reads that file and scores it
 * with the direct evaluator (src/exam/evaluate.ts) — not with the solver's own bookkeeping.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateExamSolution } from '../src/exam/evaluate.ts';
import { parseExamFile, parseExamSol, writeExamSol } from '../src/exam/parse.ts';
import { ITC_EXAM_REFERENCE } from '../src/exam/reference.ts';
import { solveExams } from '../src/exam/solve.ts';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const benchRoot = process.env.JIAOWU_BENCHMARKS ?? path.resolve(repoRoot, '..', 'shared', 'benchmarks');
const dir = path.resolve(arg('dir') ?? path.join(benchRoot, 'itc2007-exam'));
const seconds = Number(arg('time') ?? 60);
const seed = Number(arg('seed') ?? 1);
// Extra solve options as JSON (tuning experiments), e.g. --options '{"endTemperature":0.3}'.
const extra = JSON.parse(arg('options') ?? '{}') as Record<string, unknown>;
const sets = (arg('sets') ?? '1,2,3,4,5,6,7,8,9,10,11,12').split(',').map(Number).filter(Boolean);
const outArg = arg('out');
const out = outArg ? path.resolve(outArg) : mkdtempSync(path.join(tmpdir(), 'exam-bench-'));
mkdirSync(out, { recursive: true });

interface Row {
  set: number;
  hard: number;
  cost: number;
  finalists: number;
  lowestAvg: number;
  beats: boolean;
  firstFeasible: number | null;
  seconds: number;
  iterations: number;
}
const pad = (v: unknown, n: number): string => String(v).padStart(n);
const columns: Array<[string, number, (r: Row) => unknown]> = [
  ['hard', 4, (r) => r.hard],
  ['cost', 6, (r) => r.cost],
  ['finalists', 9, (r) => r.finalists],
  ['lowestAvg', 9, (r) => r.lowestAvg],
  ['beats', 5, (r) => (r.beats ? 'yes' : 'no')],
  ['feas s', 6, (r) => (r.firstFeasible === null ? '-' : (r.firstFeasible / 1000).toFixed(1))],
  ['sec', 6, (r) => r.seconds.toFixed(1)],
  ['Miters', 7, (r) => (r.iterations / 1e6).toFixed(1)],
];
console.log(`time ${seconds}s per set, seed ${seed}, out ${out}`);
console.log(['set'.padEnd(5), ...columns.map(([label, n]) => pad(label, n))].join(' '));
const rows: Row[] = [];
for (const set of sets) {
  const file = `exam_comp_set${set}`;
  const problem = parseExamFile(readFileSync(path.join(dir, `${file}.exam`), 'utf8'));
  const t0 = performance.now();
  const result = solveExams(problem, { ...extra, timeLimitMs: seconds * 1000, seed });
  const secs = (performance.now() - t0) / 1000;
  writeFileSync(path.join(out, `${file}.sol`), writeExamSol(result.solution));
  // Score what was written, as an outside validator would.
  const ev = evaluateExamSolution(problem, parseExamSol(problem, readFileSync(path.join(out, `${file}.sol`), 'utf8')));
  const ref = ITC_EXAM_REFERENCE[set];
  const row: Row = {
    set,
    hard: ev.hard,
    cost: ev.soft,
    finalists: ref.finalistsBest,
    lowestAvg: ref.lowestAverage,
    beats: ev.hard === 0 && ev.soft < ref.finalistsBest,
    firstFeasible: result.firstFeasibleMs,
    seconds: Math.round(secs * 10) / 10,
    iterations: result.iterations,
  };
  rows.push(row);
  console.log([`set${set}`.padEnd(5), ...columns.map(([, n, value]) => pad(value(row), n))].join(' '));
}
const feasible = rows.filter((r) => r.hard === 0).length;
const beats = rows.filter((r) => r.beats).length;
console.log(`beats finalists on ${beats}/${rows.length}, feasible ${feasible}/${rows.length}`);
writeFileSync(path.join(out, 'results.json'), JSON.stringify({ seconds, seed, beats, feasible, rows }, null, 2));
