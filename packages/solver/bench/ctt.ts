/**
 * ITC-2007 Track 3 benchmark: `npm run bench:ctt -- --time <s> [--instances comp01,comp05]
 * [--seed N] [--out dir] [--options JSON] [--dir folder]`. Reads the instances from `--dir` (default
 * ../shared/benchmarks/itc2007-cbctt, or $JIAOWU_BENCHMARKS/itc2007-cbctt). Solves each instance in one worker thread (one at a time), writes
 * the .sol files, prints the table and writes it as JSON. Costs are checked with the direct
 * UD2 validator (src/itc2007/ud2.ts), not with the solver's own evaluator.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assignmentToSol, cttToModel, parseCtt, writeSol } from '../src/itc2007/ctt.ts';
import { CTT_REFERENCE } from '../src/itc2007/reference.ts';
import { evaluateUd2 } from '../src/itc2007/ud2.ts';
import { solveInWorker } from '../src/worker/run.ts';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const benchRoot = process.env.JIAOWU_BENCHMARKS ?? path.resolve(repoRoot, '..', 'shared', 'benchmarks');
const dirArg = arg('dir');
const dir = dirArg ? path.resolve(dirArg) : path.join(benchRoot, 'itc2007-cbctt');
const seconds = Number(arg('time') ?? 60);
const seed = Number(arg('seed') ?? 1);
// Extra solve options as JSON (tuning experiments), e.g. --options '{"hardWeight":10}'.
const extra = JSON.parse(arg('options') ?? '{}') as Record<string, unknown>;
const instances = (arg('instances') ?? Object.keys(CTT_REFERENCE).join(','))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const out = path.resolve(arg('out') ?? path.join(repoRoot, 'packages', 'solver', 'bench', 'out', `ctt-t${seconds}-s${seed}`));
mkdirSync(out, { recursive: true });

interface Row {
  instance: string;
  hard: number;
  cost: number;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  ub: number;
  itc: number;
  gapUb: number;
  atOrBelowItc: boolean;
  seconds: number;
  iterations: number;
  runs: number;
}
const rows: Row[] = [];
const pad = (v: unknown, n: number): string => String(v).padStart(n);
// Printed columns: label, width, value; the header and each row come from this one list.
const columns: Array<[string, number, (r: Row) => unknown]> = [
  ['hard', 4, (r) => r.hard],
  ['cost', 5, (r) => r.cost],
  ['S1', 4, (r) => r.s1],
  ['S2', 4, (r) => r.s2],
  ['S3', 4, (r) => r.s3],
  ['S4', 4, (r) => r.s4],
  ['UB', 4, (r) => r.ub],
  ['ITC', 4, (r) => r.itc],
  ['gapUB', 6, (r) => r.gapUb],
  ['<=ITC', 5, (r) => (r.atOrBelowItc ? 'yes' : 'no')],
  ['sec', 6, (r) => r.seconds.toFixed(1)],
  ['Miters', 7, (r) => (r.iterations / 1e6).toFixed(1)],
  ['runs', 4, (r) => r.runs],
];
const header = ['instance'.padEnd(8), ...columns.map(([label, n]) => pad(label, n))].join(' ');
console.log(`time ${seconds}s per instance, seed ${seed}, out ${out}`);
console.log(header);
for (const name of instances) {
  const inst = parseCtt(readFileSync(path.join(dir, `${name}.ctt`), 'utf8'));
  const t0 = performance.now();
  const result = await solveInWorker(cttToModel(inst), { ...extra, timeLimitMs: seconds * 1000, seed });
  const secs = (performance.now() - t0) / 1000;
  const sol = assignmentToSol(result.assignment);
  writeFileSync(path.join(out, `${name}.sol`), writeSol(sol));
  const u = evaluateUd2(inst, sol);
  const ref = CTT_REFERENCE[name] ?? { ub: NaN, itc: NaN };
  const row: Row = {
    instance: name,
    hard: u.hard,
    cost: u.cost,
    s1: u.s1,
    s2: u.s2,
    s3: u.s3,
    s4: u.s4,
    ub: ref.ub,
    itc: ref.itc,
    gapUb: u.cost - ref.ub,
    atOrBelowItc: u.hard === 0 && u.cost <= ref.itc,
    seconds: Math.round(secs * 10) / 10,
    iterations: result.stats.iterations,
    runs: result.stats.runs,
  };
  rows.push(row);
  console.log([name.padEnd(8), ...columns.map(([, n, value]) => pad(value(row), n))].join(' '));
}
const sum = (k: 'cost' | 'ub' | 'itc'): number => rows.reduce((a, r) => a + r[k], 0);
const summary = {
  seconds,
  seed,
  instances: rows.length,
  feasible: rows.filter((r) => r.hard === 0).length,
  atOrBelowItc: rows.filter((r) => r.atOrBelowItc).length,
  sumCost: sum('cost'),
  sumUb: sum('ub'),
  sumItc: sum('itc'),
};
console.log(
  `feasible ${summary.feasible}/${summary.instances}, at or below ITC-2007 ${summary.atOrBelowItc}, sum cost ${summary.sumCost} (best-known ${summary.sumUb}, ITC-2007 ${summary.sumItc})`,
);
writeFileSync(path.join(out, 'results.json'), JSON.stringify({ summary, rows }, null, 2));
