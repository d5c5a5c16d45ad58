// Event-loop delay while a 10,000-row XLSX is parsed: on the request thread
// (how imports parsed before) and in the parse worker (readSpreadsheet now).
//
//   node bench/import-parse-event-loop.ts        (BENCH_ROWS=… to change the size)
//
// A 10 ms interval timer stands in for "every other request": the figures are
// how late it fired while the parse ran (perf_hooks' event-loop delay
// histogram), the parse's wall time, and the heap the request thread grew by.
// The worker pool is warmed first, as it is after the first import.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const { parseSpreadsheet } = await import('../packages/server/src/platform/files/spreadsheet-parse.ts');
const { readSpreadsheet } = await import('../packages/server/src/platform/files/spreadsheet-reader.ts');
const { writeXlsx } = await import('../packages/server/src/platform/files/spreadsheet-writer.ts');
const { LIMITS } = await import('@jiaowu/contracts');

const N = Number(process.env.BENCH_ROWS ?? 10_000);
const headers = ['学号', '姓名', '性别', '行政班代码', '年级', '学籍状态', '邮箱', '电话'];
const rows = Array.from({ length: N }, (_, i) => {
  const code = `2024${String(i).padStart(6, '0')}`;
  return [
    code,
    `学生${i}`,
    i % 2 ? '男' : '女',
    `CS240${i % 4}`,
    2024,
    '在读',
    `${code}@example.edu.cn`,
    `138${String(i).padStart(8, '0')}`,
  ];
});
const file = await writeXlsx({ name: '学生', headers, rows });
console.log(`file: ${N} rows, ${(file.length / 1024).toFixed(0)} KB XLSX`);

const limits = {
  maxRows: LIMITS.importMaxRows,
  maxCellChars: LIMITS.importMaxCellChars,
  zip: { maxUnpackedBytes: LIMITS.importMaxUnpackedBytes, maxEntries: LIMITS.importMaxZipEntries, maxRatio: LIMITS.importMaxZipRatio },
};

async function measure(label: string, parse: () => Promise<{ rows: unknown[] }>) {
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const h = monitorEventLoopDelay({ resolution: 1 });
  const ticker = setInterval(() => {}, 10);
  h.enable();
  const t0 = performance.now();
  const sheet = await parse();
  const wall = performance.now() - t0;
  h.disable();
  clearInterval(ticker);
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 1024 / 1024;
  console.log(
    `${label.padEnd(22)} rows ${String(sheet.rows.length).padStart(6)}  wall ${wall.toFixed(0).padStart(5)} ms  ` +
      `loop delay max ${ms(h.max).padStart(7)} ms  p99 ${ms(h.percentile(99)).padStart(7)} ms  mean ${ms(h.mean).padStart(6)} ms  ` +
      `request-thread heap +${heapMb.toFixed(0)} MB`,
  );
}

await readSpreadsheet(Buffer.from('code\nwarm\n'), { maxRows: 10 }); // start the worker
for (let i = 0; i < 2; i++) {
  await measure('before: request thread', () => parseSpreadsheet(file, limits));
  await measure('after: parse worker', () => readSpreadsheet(file, { maxRows: LIMITS.importMaxRows }));
}
