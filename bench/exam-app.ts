// Exam scheduling in the app (issue 14): the demo term's exams read from the database, solved,
// given rooms, seats and invigilators and stored; then a generated problem of the size of
// Purdue's published final-exam data through the same solver and allocation.
//
//   node bench/exam-app.ts [--time 10] [--seed 1] [--purdue-time 60]   (or: npm run bench:exam-app)
//   DATABASE_URL=postgres://… node bench/exam-app.ts
//
// Opens an in-memory PGlite (or DATABASE_URL; an empty database is migrated and seeded with the
// demo school, whose first start schedules its own plan), opens a fresh plan of the current term
// with every exam course, approves it, and runs what the solve job runs: the model from
// enrolments, the solver in a worker thread, then rooms, seats and invigilators in one
// transaction. Targets: the demo term feasible in under 10 s; Purdue's size feasible in under 60 s.
process.env.JIAOWU_SCRYPT_LOG_N ??= '12';

const { parseArgs } = await import('node:util');
const { sql } = await import('drizzle-orm');
const { exam, generateExamProblem } = await import('@jiaowu/solver');
const { openDatabase } = await import('../packages/server/src/db/client.ts');
const { isEmpty, seedDemo } = await import('../packages/server/src/seed/demo.ts');
const { openPlan } = await import('../packages/server/src/modules/exams/plans.service.ts');
const repo = await import('../packages/server/src/modules/exams/plans.repository.ts');
const { loadExamModel, storeSchedule } = await import('../packages/server/src/modules/exams/schedule-store.ts');
const { allocateSessionRooms, assignInvigilators, assignSeats } = await import('../packages/server/src/modules/exams/allocation.ts');

const { values: args } = parseArgs({
  options: {
    time: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    'purdue-time': { type: 'string', default: '60' },
  },
});
const seed = Number(args.seed);
const ms = (a: number, b = performance.now()) => Math.round(b - a);
const s = (n: number | null) => (n === null ? 'never' : `${(n / 1000).toFixed(2)} s`);

const t0 = performance.now();
const database = await openDatabase({ url: process.env.DATABASE_URL });
await database.migrate();
if (await isEmpty(database.db)) await seedDemo(database.db);
const db = database.db;
console.log(`database ready in ${ms(t0)} ms (${database.kind})`);

const [term] = (
  (await db.execute(sql`select id, name, start_date as "startDate", weeks from terms where is_current`)) as unknown as {
    rows: { id: number; name: string; startDate: string; weeks: number }[];
  }
).rows;
const day = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const start = day(term!.startDate, (term!.weeks - 2) * 7);

// 1. The demo term, as the solve job runs it.
const planId = await db.transaction(async (tx) => {
  const { plan } = await openPlan(
    tx,
    {
      termId: term!.id,
      kind: 'final',
      name: `bench ${Date.now()}`,
      startDate: start,
      endDate: day(start, 11),
      dailySessions: [
        { start: '08:30', end: '10:30' },
        { start: '10:50', end: '12:50' },
        { start: '14:30', end: '16:30' },
        { start: '19:00', end: '21:00' },
      ],
      includeWeekends: false,
      excludedDates: [],
      allowRoomSharing: false,
      maxExamsPerDay: 2,
      defaultDuration: 120,
    },
    null,
    new Date(),
  );
  await repo.setPlan(tx, plan.id, { status: 'approved' });
  return plan.id;
});
const plan = (await repo.findPlan(db, planId))!;
const t1 = performance.now();
const model = await loadExamModel(db, plan, false);
const loadMs = ms(t1);
const students = new Set(model.problem.exams.flatMap((e) => Array.from(e.students))).size;
const enrolments = model.problem.exams.reduce((n, e) => n + e.students.length, 0);
const t2 = performance.now();
const result = await exam.solveExamsInWorker(model.problem, { seed, timeLimitMs: Number(args.time) * 1000 });
const solveMs = ms(t2);
const t3 = performance.now();
const summary = await db.transaction((tx) =>
  storeSchedule(tx, planId, { ...model, result, seatSeed: seed, cancelled: false, started: performance.now() }),
);
const storeMs = ms(t3);
console.log(
  `\ndemo term (${term!.name}): ${model.problem.exams.length} exams, ${students} students, ${enrolments} exam enrolments, ${model.problem.periods.length} sessions`,
);
console.log(`  model read from the database   ${loadMs} ms`);
console.log(`  first feasible (in the solver)  ${s(result.firstFeasibleMs)}   (target < 10 s)`);
console.log(`  search to --time                ${solveMs} ms, hard ${result.hard}, soft ${result.soft}`);
console.log(`  rooms, seats, invigilators      ${storeMs} ms; placed ${summary.placed}/${summary.total}, clashes ${summary.clashes}`);
await db.execute(sql`delete from exam_plans where id = ${planId}`);

// 2. Purdue's size: the solver's generator, then the same allocation per session.
const t4 = performance.now();
const big = generateExamProblem({ seed });
const genMs = ms(t4);
const bigStudents = new Set(big.exams.flatMap((e) => Array.from(e.students))).size;
const bigEnrol = big.exams.reduce((n, e) => n + e.students.length, 0);
const t5 = performance.now();
const bigResult = await exam.solveExamsInWorker(big, { seed, timeLimitMs: Number(args['purdue-time']) * 1000 });
const bigMs = ms(t5);
const t6 = performance.now();
const rooms = big.rooms.map((r, i) => ({ id: i, type: 'lecture', examCapacity: r.capacity, buildingId: i % 12 }));
let roomRows = 0;
let seats = 0;
let failures = 0;
const slots: Parameters<typeof assignInvigilators>[0] = [];
for (let p = 0; p < big.periods.length; p++) {
  const here = big.exams.map((e, i) => ({ e, i })).filter(({ i }) => bigResult.solution[i]?.period === p);
  const out = allocateSessionRooms(
    here.map(({ e, i }) => ({ examId: i, students: e.students.length, roomType: null })),
    rooms,
    false,
  );
  roomRows += out.rooms.length;
  failures += out.failures.length;
  const byExam = new Map<number, { roomId: number; seats: number }[]>();
  for (const r of out.rooms) byExam.set(r.examId, [...(byExam.get(r.examId) ?? []), r]);
  for (const [i, its] of byExam) seats += assignSeats(Array.from(big.exams[i]!.students), its, seed + i).length;
  const perRoom = new Map<number, number>();
  for (const r of out.rooms) perRoom.set(r.roomId, (perRoom.get(r.roomId) ?? 0) + r.seats);
  for (const [roomId, n] of perRoom) slots.push({ sessionId: p, roomId, students: n, collegeIds: [roomId % 10], busyTeacherIds: [] });
}
const teachers = Array.from({ length: 1500 }, (_, i) => ({ id: i, collegeId: i % 10 }));
const inv = assignInvigilators(slots, teachers);
const allocMs = ms(t6);
console.log(
  `\nPurdue-size generated (${genMs} ms): ${big.exams.length} exams, ${bigStudents} students, ${bigEnrol} enrolments, ${big.periods.length} periods, ${big.rooms.length} rooms`,
);
console.log(`  first feasible (in the solver)  ${s(bigResult.firstFeasibleMs)}   (target < 60 s)`);
console.log(
  `  search to --purdue-time         ${bigMs} ms, hard ${bigResult.hard}, soft ${bigResult.soft}, unplaced ${bigResult.unplaced.length}`,
);
console.log(
  `  rooms, seats, invigilators      ${allocMs} ms: ${roomRows} exam-rooms, ${seats} seats, ${inv.assigned.length} duties, ${failures} exams without rooms, ${inv.short.length} rooms short of staff`,
);
await database.close();
export {};
