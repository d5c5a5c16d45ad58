import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { systemActor } from '../platform/access.ts';
import { auditLog } from '../platform/audit/audit.tables.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { createTestContext, type TestContext } from '../test/test-app.ts';
import { TEST_ROLES, testDatabaseUrl } from '../test/test-roles.ts';
import { openDatabase } from './client.ts';
import { runtimeRoleProblem } from './roles.ts';

/**
 * The runtime role of a PostgreSQL deployment cannot rewrite the audit log:
 * it owns no table, so it cannot switch the append-only triggers off. PGlite
 * has a single (superuser) role: there the hash chain is the only guard
 * (audit-chain.test.ts), so these tests run on PostgreSQL only.
 */
const roles = inject('templates').kind === 'postgres' && inject('templates').roles;

/** The database's message for a refused statement; throws if it succeeded. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as { message: string; cause?: { message?: string } };
    return `${err.message} ${err.cause?.message ?? ''}`;
  }
  throw new Error('the statement succeeded');
}

type Handle = { execute(q: ReturnType<typeof sql>): Promise<unknown> };
const rowsOf = async (db: Handle, q: ReturnType<typeof sql>) => ((await db.execute(q)) as { rows: Record<string, unknown>[] }).rows;

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe.skipIf(!roles)('the runtime role (PostgreSQL)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ template: 'base' });
  });
  afterAll(() => ctx?.close());

  it('is the role the app runs as, and owns nothing', async () => {
    const [{ role }] = await rowsOf(ctx.db, sql`SELECT current_user AS role`);
    expect(role).toBe(TEST_ROLES.app);
    const owned = await rowsOf(ctx.db, sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user`);
    expect(owned).toEqual([]);
  });

  it('writes and reads audit records but cannot UPDATE, DELETE or TRUNCATE them', async () => {
    await ctx.db.transaction((tx) => writeAudit(tx, systemActor, { action: 'x.test', entityType: 'x' }));
    const before = await ctx.db.$count(auditLog);
    expect(before).toBeGreaterThan(0);
    expect(await refusal(ctx.db.execute(sql`UPDATE audit_log SET actor_name = 'mallory'`))).toMatch(/permission denied/);
    expect(await refusal(ctx.db.execute(sql`DELETE FROM audit_log`))).toMatch(/permission denied/);
    expect(await refusal(ctx.db.execute(sql`TRUNCATE audit_log`))).toMatch(/permission denied/);
    expect(await ctx.db.$count(auditLog)).toBe(before);
  });

  it('cannot switch the triggers off, take over the table, or replay as a replica', async () => {
    expect(await refusal(ctx.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`))).toMatch(/must be (the )?owner/);
    expect(await refusal(ctx.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`))).toMatch(
      /must be (the )?owner/,
    );
    expect(await refusal(ctx.db.execute(sql`DROP TRIGGER audit_log_no_update_delete ON audit_log`))).toMatch(/must be (the )?owner/);
    expect(await refusal(ctx.db.execute(sql`ALTER TABLE audit_log OWNER TO ${sql.raw(TEST_ROLES.app)}`))).toMatch(/must be (the )?owner/);
    expect(await refusal(ctx.db.execute(sql`SET session_replication_role = replica`))).toMatch(/permission denied/);
    // Nor move the end of the chain (only the owner's trigger does).
    expect(await refusal(ctx.db.execute(sql`UPDATE audit_chain_head SET last_hash = ''`))).toMatch(/permission denied/);
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
  });

  it('the owner role, by contrast, could: which is why the app must not run as it', async () => {
    const urls = ctx.database.urls!;
    expect(await withClient(urls.app, (c) => runtimeRoleProblem(c as unknown as pg.Pool))).toBeNull();
    expect(await withClient(urls.owner, (c) => runtimeRoleProblem(c as unknown as pg.Pool))).toMatch(/owns the tables/);
    expect(await withClient(urls.superuser, (c) => runtimeRoleProblem(c as unknown as pg.Pool))).toMatch(/superuser/);
  });

  it('migrating as the owner grants the runtime role the tables of later migrations too; one role gets a warning', async () => {
    const admin = process.env.DATABASE_URL!;
    const name = `jw_t${randomBytes(4).toString('hex')}_roles`;
    await withClient(admin, (c) => c.query(`CREATE DATABASE ${name} OWNER ${TEST_ROLES.owner}`));
    try {
      const database = await openDatabase({
        url: testDatabaseUrl(admin, name, 'app'),
        migrationUrl: testDatabaseUrl(admin, name, 'owner'),
        poolSize: 2,
      });
      try {
        expect(await database.migrate()).toEqual({ warnings: [] });
        // A table a later migration creates (as the owner) is usable by the runtime role at once.
        await withClient(testDatabaseUrl(admin, name, 'owner'), (c) => c.query('CREATE TABLE later_table (id serial PRIMARY KEY, v text)'));
        await database.db.execute(sql`INSERT INTO later_table (v) VALUES ('x')`);
        expect(await rowsOf(database.db, sql`SELECT v FROM later_table`)).toEqual([{ v: 'x' }]);
        expect(await refusal(database.db.execute(sql`DROP TABLE later_table`))).toMatch(/must be (the )?owner/);
      } finally {
        await database.close();
      }
      const single = await openDatabase({ url: testDatabaseUrl(admin, name, 'owner'), poolSize: 1 });
      try {
        const { warnings } = await single.migrate();
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatch(/jiaowu_test_owner.*owns the tables.*MIGRATION_DATABASE_URL/);
      } finally {
        await single.close();
      }
    } finally {
      await withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });
});
