/**
 * Toronto (Carter) uncapacitated benchmark: `npm run bench:toronto -- --time <s> [--instances
 * car-s-91,hec-s-92] [--seed N] [--out dir] [--dir folder]`. Solves each instance in turn with
 * the exam engine in proximity mode, writes `<out>/<instance>.sol`, scores it with the direct
 * evaluator and prints the cost against the best reported value.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateExamSolution, torontoCost } from '../src/exam/evaluate.ts';
import { parseToronto, parseTorontoSol, writeTorontoSol } from '../src/exam/parse.ts';
import { TORONTO_REFERENCE } from '../src/exam/reference.ts';
import { solveExams } from '../src/exam/solve.ts';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const benchRoot = process.env.JIAOWU_BENCHMARKS ?? path.resolve(repoRoot, '..', 'shared', 'benchmarks');
const dir = path.resolve(arg('dir') ?? path.join(benchRoot, 'toronto'));
const seconds = Number(arg('time') ?? 60);
const seed = Number(arg('seed') ?? 1);
const extra = JSON.parse(arg('options') ?? '{}') as Record<string, unknown>;
const instances = (arg('instances') ?? Object.keys(TORONTO_REFERENCE).join(',')).split(',').filter(Boolean);
const outArg = arg('out');
const out = outArg ? path.resolve(outArg) : mkdtempSync(path.join(tmpdir(), 'toronto-bench-'));
mkdirSync(out, { recursive: true });

console.log(`time ${seconds}s per instance, seed ${seed}, out ${out}`);
console.log(
  [
    'instance'.padEnd(9),
    'T'.padStart(3),
    'hard'.padStart(4),
    'cost'.padStart(8),
    'best'.padStart(8),
    'gap %'.padStart(7),
    'sec'.padStart(6),
  ].join(' '),
);
let within5 = 0;
let feasible = 0;
for (const name of instances) {
  const ref = TORONTO_REFERENCE[name];
  const read = (f: string): string => readFileSync(path.join(dir, f), 'utf8');
  const problem = parseToronto(read(`${name}.crs`), read(`${name}.stu`), ref.periods);
  const t0 = performance.now();
  const result = solveExams(problem, { ...extra, timeLimitMs: seconds * 1000, seed });
  const secs = (performance.now() - t0) / 1000;
  writeFileSync(path.join(out, `${name}.sol`), writeTorontoSol(result.solution));
  const ev = evaluateExamSolution(problem, parseTorontoSol(problem, readFileSync(path.join(out, `${name}.sol`), 'utf8')));
  const cost = torontoCost(problem, ev);
  const gap = ((cost - ref.bestReported) / ref.bestReported) * 100;
  if (ev.hard === 0) feasible++;
  if (ev.hard === 0 && gap <= 5) within5++;
  console.log(
    [
      ref.name.padEnd(9),
      String(ref.periods).padStart(3),
      String(ev.hard).padStart(4),
      cost.toFixed(2).padStart(8),
      ref.bestReported.toFixed(2).padStart(8),
      gap.toFixed(1).padStart(7),
      secs.toFixed(1).padStart(6),
    ].join(' '),
  );
}
console.log(`within 5% of best reported on ${within5}/${instances.length}, feasible ${feasible}/${instances.length}`);
