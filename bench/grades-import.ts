// Historical grades import benchmark: 100,000 rows of an old system's grades through the real HTTP API.
//
//   node bench/grades-import.ts                 (or: npm run bench:grades-import)
//   BENCH_ROWS=20000 node bench/grades-import.ts
//   DATABASE_URL=postgres://… node bench/grades-import.ts
//
// Opens an in-memory PGlite (or DATABASE_URL), migrates, seeds the demo school (about 4,300
// students), and generates two files of N rows each — one CSV, one XLSX, for different years —
// with every grade form the old system wrote (85, 85.5, 优/良/中/及格/不及格, 合格/不合格, 缺考,
// 作弊 …), normal attempts, make-ups after failures and retakes a year later, courses from the
// catalog and some missing from it (created archived), terms unknown to Jiaowu (created as past
// terms). Each file: a dry run, then a commit, signed in as the office. Target: dry run + commit
// of 100,000 rows under 60 s on PGlite.
process.env.JIAOWU_SCRYPT_LOG_N ??= '12'; // the demo password hash is not what we measure

const { buildApp } = await import('../packages/server/src/app.ts');
const { openDatabase } = await import('../packages/server/src/db/client.ts');
const { DEMO_PASSWORD, isEmpty, seedDemo } = await import('../packages/server/src/seed/demo.ts');
const { writeCsv, writeXlsx } = await import('../packages/server/src/platform/files/spreadsheet-writer.ts');
const { multipartFile } = await import('../packages/server/src/test/multipart.ts');
const { GRADE_IMPORT_COLUMNS } = await import('@jiaowu/contracts');
const { sql } = await import('drizzle-orm');

const N = Number(process.env.BENCH_ROWS ?? 100_000);

const t0 = performance.now();
const database = await openDatabase({ url: process.env.DATABASE_URL });
await database.migrate();
if (await isEmpty(database.db)) await seedDemo(database.db);
const app = await buildApp({ db: database.db, webDist: '/nonexistent', logger: { level: 'error' } });
await app.ready();
console.log(`database: ${database.kind}; set up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: DEMO_PASSWORD } });
if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
const cookie = `jw_session=${login.cookies.find((c) => c.name === 'jw_session')!.value}`;
const csrf: string = login.json().csrfToken;

const pick = async <T>(q: ReturnType<typeof sql>) => ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;
const studentCodes = (await pick<{ code: string }>(sql`select code from students where deleted_at is null order by id`)).map((r) => r.code);
const catalog = await pick<{ code: string; credits: string }>(sql`select code, credits::text as credits from courses order by id`);
// The old system's courses: the catalog's, and a sixth more that Jiaowu no longer has.
const courses = [
  ...catalog.map((c) => ({ code: c.code, credits: c.credits.replace(/\.0$/, ''), name: '' })),
  ...Array.from({ length: Math.ceil(catalog.length / 6) }, (_, i) => ({
    code: `OLD${String(i).padStart(4, '0')}`,
    credits: String(1 + (i % 4)),
    name: `旧课程${i}`,
  })),
];

/** A small seeded PRNG (mulberry32): the same files every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const FIVE = ['优', '良', '中', '及格', '不及格'];
const MARKS = ['缺考', '作弊', '缓考', '违纪'];

/** N rows over `years` academic years: per student and term a few distinct courses; failures get a make-up or a retake. */
function grades(firstYear: number, years: number, seed: number): string[][] {
  const rand = rng(seed);
  const terms = Array.from({ length: years * 2 }, (_, i) => `${firstYear + (i >> 1)}-${firstYear + (i >> 1) + 1}-${(i % 2) + 1}`);
  const perTerm = Math.ceil(N / (studentCodes.length * terms.length));
  const rows: string[][] = [];
  const retakes: string[][] = [];
  outer: for (let t = 0; t < terms.length; t++)
    for (const student of studentCodes) {
      const start = Math.floor(rand() * courses.length);
      for (let k = 0; k < perTerm; k++) {
        if (rows.length >= N) break outer;
        const course = courses[(start + k * 7) % courses.length];
        const form = rand();
        let grade: string;
        let failed: boolean;
        if (form < 0.7) {
          const score = Math.max(0, Math.min(100, Math.round((76 + 11 * (rand() + rand() + rand() - 1.5) * 2) * 10) / 10));
          grade = rand() < 0.2 ? score.toFixed(1) : String(Math.round(score));
          failed = Number(grade) < 60;
        } else if (form < 0.86) {
          grade = FIVE[Math.min(4, Math.floor(rand() * rand() * 6))];
          failed = grade === '不及格';
        } else if (form < 0.97) {
          failed = rand() < 0.05;
          grade = failed ? '不合格' : '合格';
        } else {
          grade = MARKS[Math.floor(rand() * MARKS.length)];
          failed = true;
        }
        rows.push([student, terms[t], course.code, grade, '正常', course.credits, course.name]);
        if (failed && rows.length < N) {
          if (rand() < 0.7)
            rows.push([student, terms[t], course.code, String(55 + Math.floor(rand() * 30)), '补考', course.credits, course.name]);
          else if (t + 2 < terms.length)
            retakes.push([student, terms[t + 2], course.code, String(60 + Math.floor(rand() * 30)), '重修', course.credits, course.name]);
        }
      }
    }
  return [...rows.slice(0, N - Math.min(retakes.length, N >> 5)), ...retakes.slice(0, N >> 5)];
}

const headers = GRADE_IMPORT_COLUMNS.map((c) => c.zh);
const tg = performance.now();
const csvFile = writeCsv({ name: '历史成绩', headers, rows: grades(2016, 3, 1) });
const xlsxFile = await writeXlsx({ name: '历史成绩', headers, rows: grades(2019, 3, 2) });
console.log(
  `generated ${N} rows ×2 in ${((performance.now() - tg) / 1000).toFixed(1)} s (${studentCodes.length} students, ${courses.length} courses)`,
);

interface Step {
  file: string;
  step: string;
  rows: number;
  seconds: number;
  cpu: number;
  added: number;
}
const steps: Step[] = [];

async function run(label: string, step: string, data: Buffer, filename: string, dryRun: boolean) {
  const { payload, headers: h } = multipartFile(data, filename);
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const res = await app.inject({
    method: 'POST',
    url: `/api/grades/imports/historical?dryRun=${dryRun}&createMissingCourses=true&createMissingTerms=true`,
    payload,
    headers: { ...h, cookie, 'x-csrf-token': csrf, 'accept-language': 'zh-CN' },
  });
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu0);
  const body = res.json();
  if (res.statusCode !== 200 || body.errorCount !== 0 || body.added !== N)
    throw new Error(`${label} ${step}: ${res.statusCode} ${res.body.slice(0, 800)}`);
  steps.push({ file: label, step, rows: body.rows, seconds, cpu: (used.user + used.system) / 1e6, added: body.added });
}

const mib = (b: Buffer) => (b.length / 1024 / 1024).toFixed(1);
await run(`CSV (${mib(csvFile)} MiB)`, 'dry run', csvFile, 'grades.csv', true);
await run(`CSV (${mib(csvFile)} MiB)`, 'commit', csvFile, 'grades.csv', false);
await run(`XLSX (${mib(xlsxFile)} MiB)`, 'dry run', xlsxFile, 'grades.xlsx', true);
await run(`XLSX (${mib(xlsxFile)} MiB)`, 'commit', xlsxFile, 'grades.xlsx', false);

console.table(
  steps.map((s) => ({
    file: s.file,
    step: s.step,
    rows: s.rows,
    seconds: s.seconds.toFixed(2),
    'rows/s': Math.round(s.rows / s.seconds),
    'cpu s': s.cpu.toFixed(2),
    added: s.added,
  })),
);
const pair = (prefix: string, k: 'seconds' | 'cpu') =>
  steps
    .filter((s) => s.file.startsWith(prefix))
    .reduce((sum, s) => sum + s[k], 0)
    .toFixed(2);
const [{ n }] = await pick<{ n: string }>(sql`select count(*) as n from grade_records where source = 'migrated'`);
console.log(
  `dry run + commit of ${N} rows (target < 60 s): CSV ${pair('CSV', 'seconds')} s wall / ${pair('CSV', 'cpu')} s cpu, ` +
    `XLSX ${pair('XLSX', 'seconds')} s wall / ${pair('XLSX', 'cpu')} s cpu; ${n} migrated records; ` +
    `load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`,
);

await app.close();
await database.close();
