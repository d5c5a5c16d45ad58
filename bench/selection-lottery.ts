// Lottery draw of a 预选 round (issue 13): the pure draw alone, no database.
//
//   node bench/selection-lottery.ts [--students 30000] [--classes 1500] [--seed 1] [--runs 3]
//
// Builds a synthetic round the size of a large university — 30,000 students with three ranked
// choices each over 1,500 teaching classes of 600 courses, two lectures a class, some students
// holding pre-enrolled lectures, a few hot classes everybody wants (20 classes draw a quarter of
// all first choices) — and times drawLottery. Prints per-run milliseconds, the best run, and the
// draw's figures (winners, losses by reason). Target: well under a few seconds.
const { parseArgs } = await import('node:util');
const { drawLottery } = await import('../packages/server/src/modules/selection/core/lottery.ts');
type Input = Parameters<typeof drawLottery>[0];

const { values: args } = parseArgs({
  options: {
    students: { type: 'string', default: '30000' },
    classes: { type: 'string', default: '1500' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
  },
});
const STUDENTS = Number(args.students);
const CLASSES = Number(args.classes);
const RUNS = Number(args.runs);

// The instance comes from its own small generator (xorshift32), so every run draws the same round.
let state = 0x2545f491;
const rand = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4294967296;
};
const int = (n: number) => Math.floor(rand() * n);
const MASKS = [0xffff, 0xffff, 0xffff, 0x5555, 0xaaaa, 0x00ff];
const lecture = () => ({ day: 1 + int(5), startPeriod: 1 + 2 * int(5), length: 2, weekMask: MASKS[int(MASKS.length)] });
const HOT = 20;

const classes: Input['classes'] = Array.from({ length: CLASSES }, (_, i) => ({
  teachingClassId: i + 1,
  courseId: 1 + (i % Math.ceil(CLASSES / 2.5)),
  credits: [1, 2, 2, 3, 3, 4][int(6)],
  seats: i < HOT ? 100 : 30 + int(90),
  lectures: [lecture(), lecture()],
}));
const applicants: Input['applicants'] = Array.from({ length: STUDENTS }, (_, i) => {
  const picked = new Set<number>();
  while (picked.size < 3) picked.add(picked.size === 0 && rand() < 0.25 ? 1 + int(HOT) : 1 + int(CLASSES));
  return {
    studentId: 100_000 + i,
    creditLimit: 6 + int(8),
    alreadyEnrolledLectures: rand() < 0.5 ? [{ ...lecture(), teachingClassId: 900_000 }] : [],
    alreadyEnrolledCourseIds: [],
    graduating: rand() < 0.2,
    choices: [...picked].map((teachingClassId, k) => ({ teachingClassId, rank: k + 1, requiredByPlan: rand() < 0.1 })),
  };
});
const input: Input = { classes, applicants, seed: Number(args.seed) };

console.log(`lottery draw: ${STUDENTS} students × 3 choices over ${CLASSES} classes (${HOT} hot)`);
const times: number[] = [];
let result = drawLottery(input); // warm-up, not counted
for (let run = 0; run < RUNS; run++) {
  const t = performance.now();
  result = drawLottery(input);
  times.push(performance.now() - t);
  console.log(`  run ${run + 1}: ${times[run].toFixed(0)} ms`);
}
const won = result.outcomes.filter((o) => o.won).length;
const reasons = new Map<string, number>();
for (const o of result.outcomes)
  if (o.explanation.loss) reasons.set(o.explanation.loss.code, (reasons.get(o.explanation.loss.code) ?? 0) + 1);
const full = result.classes.filter((c) => c.winners === c.seats).length;
console.log(`best ${Math.min(...times).toFixed(0)} ms, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
console.log(`choices ${result.outcomes.length}, won ${won}, full classes ${full}/${result.classes.length}`);
console.log(`lost by reason: ${[...reasons].map(([code, n]) => `${code} ${n}`).join(', ')}`);
