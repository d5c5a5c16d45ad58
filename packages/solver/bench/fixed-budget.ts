/**
 * Fixed-budget comparison: `node packages/solver/bench/fixed-budget.ts --instance comp05|school|term
 * [--iterations 3000000] [--seed 1] [--root <a copy of the repo>]`. Solves with `maxIterations`
 * (the result is then identical for a seed on any machine) and prints the cost and the CPU time
 * of the process, which stays comparable when the machine is shared (wall time does not).
 * `--root` runs the solver of another checkout (e.g. an older commit extracted with
 * `git archive <commit> packages/solver | tar -x -C /tmp/old`, node_modules linked), so two
 * versions can be run alternately on the same instance.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const root = path.resolve(arg('root') ?? repoRoot);
const instance = arg('instance') ?? 'comp05';
const iterations = Number(arg('iterations') ?? 3_000_000);
const seed = Number(arg('seed') ?? 1);
const src = path.join(root, 'packages', 'solver', 'src');
const benchRoot = process.env.JIAOWU_BENCHMARKS ?? path.resolve(repoRoot, '..', 'shared', 'benchmarks');

const { solve } = (await import(path.join(src, 'search', 'solve.ts'))) as typeof import('../src/search/solve.ts');
let model: import('../src/model/types.ts').TimetableModel;
if (instance === 'school') {
  const g = (await import(path.join(src, 'generate', 'school.ts'))) as typeof import('../src/generate/school.ts');
  model = g.generateSchool({ ...g.SCHOOL_SIZE, seed: 7 });
} else if (instance === 'term') {
  // The term generator of this checkout: the same instance whichever solver runs it.
  const g = await import('../src/generate/school-term.ts');
  model = g.generateSchoolTerm({ seed: 11 });
} else {
  const c = (await import(path.join(src, 'itc2007', 'ctt.ts'))) as typeof import('../src/itc2007/ctt.ts');
  model = c.cttToModel(c.parseCtt(readFileSync(path.join(benchRoot, 'itc2007-cbctt', `${instance}.ctt`), 'utf8')));
}
const cpu0 = process.cpuUsage();
const r = solve(model, { seed, maxIterations: iterations });
const cpu = process.cpuUsage(cpu0);
console.log(
  `${root} ${instance} seed ${seed}, ${iterations} iterations: hard ${r.cost.hard}, soft ${r.cost.soft}, ` +
    `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`,
);
