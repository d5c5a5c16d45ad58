import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../db/client.ts';
import { TEST_ROLES, testDatabaseUrl } from './test-roles.ts';

/** A test database; on PostgreSQL also the URLs of its roles (tests that play the superuser or the owner). */
export interface TestDatabase extends Database {
  urls?: { superuser: string; owner: string; app: string };
}

/**
 * A fresh database for one test file, cloned from a migrated template:
 * `base` has the schema and built-in roles, `demo` the whole demo school
 * and its six accounts. On PostgreSQL the app connects as the runtime role
 * (TEST_ROLES.app), which owns none of the tables.
 */
export async function cloneTestDatabase(template: 'base' | 'demo'): Promise<TestDatabase> {
  const t = inject('templates');
  if (t.kind === 'pglite') {
    const data = readFileSync(t[template]);
    return openDatabase({ loadDataDir: new Blob([data]) });
  }
  const url = process.env.DATABASE_URL!;
  const stamp = t[template].split('_').slice(3).join('_');
  const name = `jw_t${randomBytes(4).toString('hex')}_${stamp}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${t[template]}${t.roles ? ` OWNER ${TEST_ROLES.owner}` : ''}`);
  } finally {
    await admin.end();
  }
  const urls = {
    superuser: testDatabaseUrl(url, name, null),
    owner: testDatabaseUrl(url, name, t.roles ? 'owner' : null),
    app: testDatabaseUrl(url, name, t.roles ? 'app' : null),
  };
  const database = await openDatabase({ url: urls.app, migrationUrl: urls.owner, poolSize: 20 });
  return {
    ...database,
    urls,
    async close() {
      await database.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      // pool.end() resolves before its connections have said goodbye; dropping at once kills them
      // mid-way and their clients throw "terminating connection" into the next test file.
      for (let i = 0; i < 100; i++) {
        const { rows } = await a.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => a.end());
    },
  };
}
