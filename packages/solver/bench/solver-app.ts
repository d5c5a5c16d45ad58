/**
 * App-scale benchmark: `npm run bench:solver-app [-- --time 60 --seed 1 --instance term|school]`.
 * `term` (default): a whole university's term (src/generate/school-term.ts: 108 admin classes,
 * ~870 teaching classes, ~1,300 lectures of 2–4 periods, merged lectures, labs on odd/even weeks,
 * linked PE sections, two campuses with travel time, Wednesday afternoon blocked).
 * `school`: the older synthetic instance (src/generate/school.ts, 600 classes, 1,800 lectures).
 * Solves in a worker thread and prints time to first feasible and cost over time; the final
 * cost is checked by the independent full recount (src/eval/full.ts).
 */
import { generateSchool, SCHOOL_SIZE } from '../src/generate/school.ts';
import { generateSchoolTerm } from '../src/generate/school-term.ts';
import { compileProblem } from '../src/model/problem.ts';
import { fullCost } from '../src/eval/full.ts';
import { summarize } from '../src/eval/breakdown.ts';
import { assignmentToPositions } from '../src/search/positions.ts';
import { solveInWorker } from '../src/worker/run.ts';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const seconds = Number(arg('time') ?? 60);
const seed = Number(arg('seed') ?? 1);
// Extra solve options as JSON (tuning experiments), e.g. --options '{"kempeRate":0.1}'.
const extra = JSON.parse(arg('options') ?? '{}') as Record<string, unknown>;
const t0 = performance.now();
const instance = arg('instance') ?? 'term';
const model = instance === 'school' ? generateSchool({ ...SCHOOL_SIZE, seed: 7 }) : generateSchoolTerm({ seed: 11 });
const periods = model.events.reduce((s, e) => s + (e.length ?? 1), 0);
console.log(
  `instance: ${model.classes!.length} teaching classes, ${model.events.length} lectures (${periods} periods/week), ` +
    `${model.resources.filter((r) => r.kind === 'teacher').length} teachers, ${model.resources.filter((r) => r.kind === 'class').length} admin classes, ` +
    `${model.rooms.length} rooms, ${model.rules!.length} rules` +
    (model.travel ? `, ${new Set(model.rooms.map((r) => r.campus)).size} campuses with travel` : '') +
    `; generated in ${(performance.now() - t0).toFixed(0)} ms`,
);
console.log(`solving for ${seconds}s, seed ${seed}, in a worker thread`);
console.log('   time   hard    soft  phase');
const start = performance.now();
const cpu0 = process.cpuUsage();
let firstFeasibleWall: number | null = null;
const result = await solveInWorker(model, {
  ...extra,
  timeLimitMs: seconds * 1000,
  seed,
  progressIntervalMs: 5000,
  onProgress: (p) => {
    const wall = (performance.now() - start) / 1000;
    if (p.best.hard === 0 && firstFeasibleWall === null) firstFeasibleWall = wall;
    console.log(`${wall.toFixed(1).padStart(6)}s ${String(p.best.hard).padStart(6)} ${String(p.best.soft).padStart(7)}  ${p.phase}`);
  },
});
const wall = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpu0);
console.log(
  `first feasible (all lectures placed, no hard violation): ${result.stats.firstFeasibleMs === null ? 'never' : `${(result.stats.firstFeasibleMs / 1000).toFixed(2)} s in the solver`}` +
    (firstFeasibleWall !== null ? ` (first progress report with hard 0 at ${(firstFeasibleWall as number).toFixed(1)} s wall)` : ''),
);
console.log(
  `final after ${wall.toFixed(1)} s: hard ${result.cost.hard}, soft ${result.cost.soft}, unplaced ${result.unplaced.length}, annealing iterations ${(result.stats.iterations / 1e6).toFixed(1)} M, ` +
    `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (all threads; less than the wall time when the machine is shared)`,
);
console.log('breakdown:', JSON.stringify(result.cost.byConstraint));
const p = compileProblem(model);
const pos = assignmentToPositions(p, result.assignment);
const check = summarize(fullCost(p, pos.t, pos.r));
console.log(`checked by the full recount: hard ${check.hard}, soft ${check.soft}`);
for (const u of result.unplaced.slice(0, 5)) console.log(' -', u.message.en);
