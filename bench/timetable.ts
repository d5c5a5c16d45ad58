// Timetabling benchmark (issue 12): the demo term read from the database, solved, stored, published.
//
//   node bench/timetable.ts [--time 60] [--seed 1] [--term 2026-2027-1]   (or: npm run bench:timetable)
//   DATABASE_URL=postgres://… node bench/timetable.ts
//
// Opens an in-memory PGlite (or DATABASE_URL; an empty database is migrated and seeded with the
// demo school), reads the term with loadTermFacts, solves it in a worker thread (first feasible
// timetable, then on to --time seconds), stores the result as a draft (verified by the hard-rule
// checker), and publishes it as a version. Targets: first feasible < 10 s, no hard violation at 60 s.
process.env.JIAOWU_SCRYPT_LOG_N ??= '12';

const { parseArgs } = await import('node:util');
const { sql } = await import('drizzle-orm');
const { solveInWorker } = await import('@jiaowu/solver');
const { openDatabase } = await import('../packages/server/src/db/client.ts');
const { isEmpty, seedDemo } = await import('../packages/server/src/seed/demo.ts');
const { loadTermFacts, checkContextOf, lecturesOfClass, toCheckLecture } =
  await import('../packages/server/src/modules/timetable/term-facts.ts');
const { buildSolverModel } = await import('../packages/server/src/modules/timetable/solver-model.ts');
const { storedSolve } = await import('../packages/server/src/modules/timetable/solve-run.ts');
const { checkHard } = await import('../packages/server/src/modules/timetable/core/hard-rules.ts');
const repo = await import('../packages/server/src/modules/timetable/drafts.repository.ts');
const { insertVersion } = await import('../packages/server/src/modules/timetable/versions.repository.ts');

const { values: args } = parseArgs({
  options: { time: { type: 'string', default: '60' }, seed: { type: 'string', default: '1' }, term: { type: 'string' } },
});
const seconds = Number(args.time);
const seed = Number(args.seed);
const ms = (a: number, b = performance.now()) => Math.round(b - a);

const t0 = performance.now();
const database = await openDatabase({ url: process.env.DATABASE_URL });
await database.migrate();
if (await isEmpty(database.db)) await seedDemo(database.db);
const setupMs = ms(t0);
const db = database.db;

const termRows = (
  await db.execute(
    args.term
      ? sql`select id, code from terms where code = ${args.term}`
      : sql`select id, code from terms order by is_current desc, start_date desc limit 1`,
  )
).rows as { id: number; code: string }[];
if (!termRows.length) throw new Error(`no term ${args.term ?? ''}`);
const term = termRows[0];

let t = performance.now();
const facts = await loadTermFacts(db, term.id);
const loadMs = ms(t);
const lectures = [...facts.classes.values()].flatMap(lecturesOfClass);
t = performance.now();
const model = buildSolverModel(facts, { lectures });
const modelMs = ms(t);

let lastShown = 0;
const result = await solveInWorker(model, {
  seed,
  timeLimitMs: seconds * 1000,
  onProgress: (p) => {
    if (p.elapsedMs - lastShown < 5000 && p.phase !== 'construct') return;
    lastShown = p.elapsedMs;
    console.log(`  ${(p.elapsedMs / 1000).toFixed(1)} s ${p.phase}: hard ${p.best.hard}, soft ${p.best.soft}`);
  },
});

t = performance.now();
const stored = storedSolve(facts, model, lectures, result);
const draftId = await db.transaction(async (tx) => {
  const draft = await repo.insertDraft(tx, { termId: term.id, name: `bench ${new Date().toISOString()}` });
  await repo.replaceDraftLectures(tx, draft.id, stored.rows);
  await repo.bumpDraft(tx, draft.id, { solveSummary: stored.summary }, new Date());
  return draft.id;
});
const storeMs = ms(t);

t = performance.now();
const rows = await repo.findDraftLectures(db, draftId);
const violations = checkHard(
  rows.map((r) => toCheckLecture(r, facts)),
  checkContextOf(facts),
);
const checkMs = ms(t);

t = performance.now();
const placed = rows.filter((r) => r.day !== null && r.startPeriod !== null) as Array<
  (typeof rows)[number] & { day: number; startPeriod: number }
>;
const version = await db.transaction((tx) =>
  insertVersion(tx, term.id, { source: 'publish', draftId, publishedBy: null, at: new Date(), note: 'bench' }, placed),
);
const publishMs = ms(t);

const figures = {
  database: database.kind,
  term: term.code,
  teachingClasses: facts.classes.size,
  lectures: lectures.length,
  rooms: model.rooms.length,
  setupMs,
  loadMs,
  modelMs,
  firstFeasibleMs: result.stats.firstFeasibleMs === null ? null : Math.round(result.stats.firstFeasibleMs),
  solveMs: Math.round(result.stats.elapsedMs),
  solverHard: result.cost.hard,
  solverSoft: result.cost.soft,
  placed: stored.summary.placed,
  unplaced: stored.summary.total - stored.summary.placed,
  checkerViolations: violations.length,
  checkerViolationsExceptUnplaced: violations.filter((v) => v.rule !== 'unplaced').length,
  storeMs,
  checkMs,
  publishMs,
  versionNo: version.versionNo,
};
console.table(figures);
for (const r of stored.rows.filter((x) => x.day === null).slice(0, 10)) {
  const reasons = (r.unplacedReasons as { message: { zh: string } }[] | null) ?? [];
  console.log(`unplaced ${r.lectureKey}: ${reasons.map((x) => x.message.zh).join('；')}`);
}
const ok = figures.firstFeasibleMs !== null && figures.firstFeasibleMs < 10_000 && figures.checkerViolations === 0;
console.log(
  ok
    ? 'target met: first feasible < 10 s, no hard violation'
    : `target NOT met (first feasible ${figures.firstFeasibleMs ?? 'never'} ms, ${figures.checkerViolations} violations)`,
);
await database.close();
process.exit(ok ? 0 : 1);
