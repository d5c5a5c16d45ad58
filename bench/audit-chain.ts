/**
 * Cost of the audit hash chain under concurrency (PostgreSQL). Each
 * transaction writes one audit record the way services do (writeAudit in the
 * change's transaction) and commits; `work` ms of other statements after the
 * audit insert model a service that writes its record early (the chain lock is
 * held until commit). Runs each setting with the chain trigger on and off.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/audit-chain.ts
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../packages/server/src/db/client.ts';
import { systemActor } from '../packages/server/src/platform/access.ts';
import { writeAudit } from '../packages/server/src/platform/audit/audit.ts';
import { verifyAuditChain } from '../packages/server/src/platform/audit/audit.repository.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL (a role that may create databases)');
const TX = Number(process.env.TX ?? 2000);
const name = `jw_bench_audit_${randomBytes(3).toString('hex')}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const u = new URL(url);
u.pathname = `/${name}`;
const database = await openDatabase({ url: u.toString(), poolSize: 40 });
try {
  await database.migrate();
  const su = new pg.Client({ connectionString: u.toString() });
  await su.connect();
  const rows: string[] = [];
  console.log('chain  writers  work_ms  tx/s    mean_ms  p95_ms');
  for (const work of [0, 2]) {
    for (const writers of [1, 8, 32]) {
      for (const chain of [false, true]) {
        await su.query(`ALTER TABLE audit_log ${chain ? 'ENABLE' : 'DISABLE'} TRIGGER audit_log_chain`);
        const latencies: number[] = [];
        let next = 0;
        const start = performance.now();
        await Promise.all(
          Array.from({ length: writers }, async () => {
            while (next < TX) {
              next++;
              const t0 = performance.now();
              await database.db.transaction(async (tx) => {
                await writeAudit(tx, systemActor, {
                  action: 'bench.write',
                  entityType: 'bench',
                  entityId: next,
                  after: { n: next, text: '一条审计记录' },
                });
                if (work) await tx.execute(`SELECT pg_sleep(${work / 1000})`);
              });
              latencies.push(performance.now() - t0);
            }
          }),
        );
        const secs = (performance.now() - start) / 1000;
        latencies.sort((a, b) => a - b);
        const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
        const line = `${(chain ? 'on' : 'off').padEnd(7)}${String(writers).padEnd(9)}${String(work).padEnd(9)}${(latencies.length / secs).toFixed(0).padEnd(8)}${mean.toFixed(2).padEnd(9)}${latencies[Math.floor(latencies.length * 0.95)].toFixed(2)}`;
        console.log(line);
        rows.push(line);
      }
    }
  }
  // Rows written with the trigger off are outside the chain by design; verify only counts the chained part.
  await su.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_chain`);
  await su.end();
  const t0 = performance.now();
  const v = await verifyAuditChain(database.db);
  console.log(
    `verify: walked ${v.checked} chained records (the rows written with the trigger off then show as 'unchained') in ${(performance.now() - t0).toFixed(0)} ms (first break: ${v.firstBreak?.reason ?? 'none'})`,
  );
} finally {
  await database.close();
  // Let the pool's connections finish closing before FORCE would cut them off.
  for (let i = 0; i < 40 && (await admin.query('SELECT 1 FROM pg_stat_activity WHERE datname = $1', [name])).rowCount; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
