// Bulk import benchmark: 10,000 students through the real HTTP API.
//
//   node bench/import-students.ts              (or: npm run bench:import)
//   DATABASE_URL=postgres://… node bench/import-students.ts
//
// Opens an in-memory PGlite (or DATABASE_URL), migrates, seeds the demo
// school, generates 10,000 students in the demo's admin classes as CSV and
// XLSX, and runs a dry run and a commit of each through buildApp + inject,
// signed in as admin. Target: dry run + commit under 10 s on PGlite.
process.env.JIAOWU_SCRYPT_LOG_N ??= '12'; // the demo password hash is not what we measure

const { buildApp } = await import('../packages/server/src/app.ts');
const { openDatabase } = await import('../packages/server/src/db/client.ts');
const { DEMO_PASSWORD, isEmpty, seedDemo } = await import('../packages/server/src/seed/demo.ts');
const { writeCsv, writeXlsx } = await import('../packages/server/src/platform/files/spreadsheet-writer.ts');
const { multipartFile } = await import('../packages/server/src/test/multipart.ts');
const { IMPORT_COLUMNS } = await import('@jiaowu/contracts');

const N = Number(process.env.BENCH_ROWS ?? 10_000);

const t0 = performance.now();
const database = await openDatabase({ url: process.env.DATABASE_URL });
await database.migrate();
if (await isEmpty(database.db)) await seedDemo(database.db);
const app = await buildApp({ db: database.db, webDist: '/nonexistent' });
await app.ready();
console.log(`database: ${database.kind}; set up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
const cookie = `jw_session=${login.cookies.find((c) => c.name === 'jw_session')!.value}`;
const csrf: string = login.json().csrfToken;

const classes: { code: string; cohort: number }[] = (
  await app.inject({ method: 'GET', url: '/api/admin-classes?pageSize=200', headers: { cookie } })
).json().items;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂';
function students(prefix: string, nameSuffix = '') {
  return Array.from({ length: N }, (_, i) => {
    const c = classes[i % classes.length];
    return [
      `${prefix}${String(i).padStart(6, '0')}`,
      SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + GIVEN[(i * 13) % GIVEN.length] + nameSuffix,
      i % 2 ? '男' : '女',
      c.code,
      c.cohort,
      i % 50 === 0 ? '休学' : '在读',
      `s${prefix}${i}@bench.edu.cn`,
      `139${String(i).padStart(8, '0')}`,
    ];
  });
}
const headers = IMPORT_COLUMNS.students.map((c) => c.zh);
const csvFile = writeCsv({ name: '学生', headers, rows: students('9101') });
const xlsxFile = await writeXlsx({ name: '学生', headers, rows: students('9102') });
const csvUpdate = writeCsv({ name: '学生', headers, rows: students('9101', '甲') });

interface Step {
  file: string;
  step: string;
  rows: number;
  seconds: number;
  /** CPU time of this process (PGlite runs inside it): what the step costs on an otherwise idle machine. */
  cpu: number;
  created?: number;
  updated?: number;
}
const steps: Step[] = [];

async function run(label: string, step: string, data: Buffer, filename: string, dryRun: boolean) {
  const { payload, headers: h } = multipartFile(data, filename);
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const res = await app.inject({
    method: 'POST',
    url: `/api/imports/students?dryRun=${dryRun}`,
    payload,
    headers: { ...h, cookie, 'x-csrf-token': csrf, 'accept-language': 'zh-CN' },
  });
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / 1e6;
  const body = res.json();
  if (res.statusCode !== 200 || body.valid !== N) throw new Error(`${label} ${step}: ${res.statusCode} ${res.body.slice(0, 500)}`);
  steps.push({ file: label, step, rows: body.rows, seconds, cpu, created: body.created, updated: body.updated });
}

await run(`CSV (${(csvFile.length / 1024 / 1024).toFixed(1)} MiB)`, 'dry run', csvFile, 'students.csv', true);
await run(`CSV (${(csvFile.length / 1024 / 1024).toFixed(1)} MiB)`, 'commit (create)', csvFile, 'students.csv', false);
await run(`XLSX (${(xlsxFile.length / 1024 / 1024).toFixed(1)} MiB)`, 'dry run', xlsxFile, 'students.xlsx', true);
await run(`XLSX (${(xlsxFile.length / 1024 / 1024).toFixed(1)} MiB)`, 'commit (create)', xlsxFile, 'students.xlsx', false);
await run('CSV, names changed', 'commit (update)', csvUpdate, 'students.csv', false);
await run('CSV, same file again', 'commit (unchanged)', csvUpdate, 'students.csv', false);

const table = steps.map((s) => ({
  file: s.file,
  step: s.step,
  rows: s.rows,
  seconds: s.seconds.toFixed(2),
  'rows/s': Math.round(s.rows / s.seconds),
  'cpu s': s.cpu.toFixed(2),
  created: s.created ?? '',
  updated: s.updated ?? '',
}));
console.table(table);
const pair = (prefix: string, k: 'seconds' | 'cpu') =>
  steps
    .filter((s) => s.file.startsWith(prefix))
    .slice(0, 2)
    .reduce((sum, s) => sum + s[k], 0)
    .toFixed(2);
console.log(
  `dry run + commit of ${N} rows (target < 10 s): CSV ${pair('CSV (', 'seconds')} s wall / ${pair('CSV (', 'cpu')} s cpu, ` +
    `XLSX ${pair('XLSX', 'seconds')} s wall / ${pair('XLSX', 'cpu')} s cpu; load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`,
);

await app.close();
await database.close();
