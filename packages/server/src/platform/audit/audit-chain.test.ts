import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { colleges } from '../../modules/org/org.tables.ts';
import { users } from '../../modules/iam/iam.tables.ts';
import { mailOutbox, notifications } from '../../modules/notifications/notifications.tables.ts';
import { findAdminUserIds } from '../../modules/iam/iam.repository.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { systemActor } from '../access.ts';
import { createAuditChainCheck } from './audit-chain-check.ts';
import { createAuditService } from './audit.service.ts';
import { verifyAuditChain } from './audit.repository.ts';
import { migrationsFolder, openDatabase } from '../../db/client.ts';
import { auditChainHead, auditLog } from './audit.tables.ts';
import { writeAudit } from './audit.ts';
import { versionOf } from '../../test/versions.ts';

let ctx: TestContext;
let admin: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
  // A few more records than the seed leaves, so breaks can be made in the middle of the chain.
  for (let i = 0; i < 12; i++)
    await admin.patch('/api/colleges/1', { name: `计算机学院 ${i}`, version: await versionOf(ctx.db, 'colleges', 1) });
});
afterAll(() => ctx.close());

/**
 * Runs SQL as a database superuser, the attacker the chain is for: on
 * PostgreSQL a separate connection (the app's own role may not do this), on
 * PGlite the app's connection (PGlite has a single, superuser role).
 */
type Raw = { query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };
async function asSuperuser(text: string, params: unknown[] = []): Promise<{ rows: Record<string, unknown>[] }> {
  const urls = ctx.database.urls;
  if (!urls) return (ctx.db as unknown as { $client: Raw }).$client.query(text, params);
  const client = new pg.Client({ connectionString: urls.superuser });
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

/** Rewrites history the way the append-only triggers cannot stop: triggers off, change, triggers on. */
const tamper = (statement: string, params: unknown[] = []) =>
  asSuperuser(`ALTER TABLE audit_log DISABLE TRIGGER USER`)
    .then(() => asSuperuser(statement, params))
    .finally(() => asSuperuser(`ALTER TABLE audit_log ENABLE TRIGGER USER`));

const verify = async () => {
  const res = await admin.get('/api/audit/verify');
  expect(res.statusCode).toBe(200);
  return res.json();
};
/** The records of chain 1, where one writer at a time (as in these tests) always writes. */
const rowsBySeq = () => ctx.db.select().from(auditLog).where(eq(auditLog.chain, 1)).orderBy(asc(auditLog.seq));
/** The digest of every chain's end, as the verifier reports it. */
async function headDigest(db = ctx.db) {
  const heads = await db.select().from(auditChainHead).orderBy(asc(auditChainHead.id));
  return createHash('sha256')
    .update(heads.map((h) => `${h.id}:${h.lastSeq}:${h.lastHash}`).join('\n'))
    .digest('hex');
}

describe('the audit hash chain', () => {
  it('chains every record: seq 1…n without gaps, each prev_hash the hash before it', async () => {
    await admin.patch('/api/colleges/1', { name: '计算机学院（链）', version: await versionOf(ctx.db, 'colleges', 1) });
    const rows = await rowsBySeq();
    expect(rows.length).toBeGreaterThan(10);
    rows.forEach((r, i) => {
      expect(r.seq).toBe(i + 1);
      expect(r.prevHash).toBe(i === 0 ? '' : rows[i - 1].hash);
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    });
    const res = await verify();
    expect(res).toMatchObject({ ok: true, checked: await ctx.db.$count(auditLog), firstBreak: null, headHash: await headDigest() });
    const [head] = await ctx.db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
    expect(head).toMatchObject({ lastSeq: rows.length, lastHash: rows.at(-1)!.hash });
  });

  it('the app cannot choose its own chain values', async () => {
    await ctx.db.transaction(async (tx) => {
      await tx
        .insert(auditLog)
        .values({ actorKind: 'system', action: 'x.forge', entityType: 'x', seq: 1, prevHash: 'forged', hash: 'forged' });
    });
    const [last] = await ctx.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(last.action).toBe('x.forge');
    expect(last.hash).not.toBe('forged');
    expect(last.seq).not.toBe(1);
    expect((await verify()).ok).toBe(true);
  });

  it('a rewritten record is found: the id of the first break, what was expected and what was found', async () => {
    const rows = await rowsBySeq();
    const victim = rows[Math.floor(rows.length / 2)];
    await tamper(`UPDATE audit_log SET actor_name = 'mallory' WHERE id = $1`, [victim.id]);
    const res = await verify();
    expect(res.ok).toBe(false);
    expect(res.firstBreak).toMatchObject({ id: victim.id, seq: victim.seq, reason: 'hash', expected: victim.hash });
    expect(res.firstBreak.found).not.toBe(victim.hash);
    expect(res.checked).toBe(victim.seq! - 1);
    // Put it back as it was: the chain is whole again, so the check is about content, not about having been touched.
    await tamper(`UPDATE audit_log SET actor_name = $2 WHERE id = $1`, [victim.id, victim.actorName]);
    expect((await verify()).ok).toBe(true);
  });

  it("a rewrite that also recomputes the record's own hash still breaks the link of the next record", async () => {
    const rows = await rowsBySeq();
    const i = Math.floor(rows.length / 3);
    const victim = rows[i];
    await tamper(`UPDATE audit_log SET after = '{"forged":true}' WHERE id = $1`, [victim.id]);
    await tamper(`UPDATE audit_log SET hash = audit_log_hash(audit_log, prev_hash) WHERE id = $1`, [victim.id]);
    const res = await verify();
    expect(res.firstBreak).toMatchObject({ id: rows[i + 1].id, reason: 'link', found: victim.hash });
    await tamper(`UPDATE audit_log SET after = $2::jsonb, hash = $3 WHERE id = $1`, [victim.id, JSON.stringify(victim.after), victim.hash]);
    expect((await verify()).ok).toBe(true);
  });

  it('a deleted record is found, in the middle and at the end', async () => {
    const rows = await rowsBySeq();
    const i = Math.floor(rows.length / 2);
    const deleted = await rawRow(rows[i].id);
    await tamper(`DELETE FROM audit_log WHERE id = $1`, [rows[i].id]);
    let res = await verify();
    expect(res.ok).toBe(false);
    expect(res.firstBreak).toMatchObject({
      id: rows[i + 1].id,
      reason: 'gap',
      expected: `seq ${rows[i].seq}`,
      found: `seq ${rows[i + 1].seq}`,
    });
    expect(res.checked).toBe(i);

    const last = rows.at(-1)!;
    const lastRaw = await rawRow(last.id);
    await tamper(`INSERT INTO audit_log SELECT * FROM json_populate_record(null::audit_log, $1::json)`, [deleted]);
    expect((await verify()).ok).toBe(true);
    await tamper(`DELETE FROM audit_log WHERE id = $1`, [last.id]);
    res = await verify();
    expect(res.firstBreak).toMatchObject({ id: rows.at(-2)!.id, reason: 'head' });
    expect(res.checked).toBe(rows.length - 1);
    await tamper(`INSERT INTO audit_log SELECT * FROM json_populate_record(null::audit_log, $1::json)`, [lastRaw]);
    expect((await verify()).ok).toBe(true);
  });

  it('a record slipped in with the chain trigger off is found', async () => {
    await tamper(`INSERT INTO audit_log (actor_kind, action, entity_type) VALUES ('system', 'x.sneak', 'x')`);
    const [sneak] = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'x.sneak'));
    expect((await verify()).firstBreak).toMatchObject({ id: sneak.id, reason: 'unchained' });
    await tamper(`DELETE FROM audit_log WHERE id = $1`, [sneak.id]);
    expect((await verify()).ok).toBe(true);
  });

  it('is for audit readers only', async () => {
    expect((await (await ctx.as('leader')).get('/api/audit/verify')).statusCode).toBe(200);
    for (const who of ['office', 'teacher', 'student'])
      expect((await (await ctx.as(who)).get('/api/audit/verify')).statusCode, who).toBe(403);
    expect((await ctx.anonymous().get('/api/audit/verify')).statusCode).toBe(401);
  });
});

describe('the nightly check', () => {
  it('on a break: logs an error, sets the metric, notifies every admin in the app and by email; clears the metric once whole', async () => {
    // Mail configured, so notifications also queue email (no server needed: the outbox keeps it).
    expect(
      (await admin.put('/api/admin/mail-settings', { enabled: true, host: '127.0.0.1', port: 2525, from: 'jiaowu@test.edu.cn' }))
        .statusCode,
    ).toBe(200);
    const errors: unknown[] = [];
    const log = { info: () => {}, error: (obj: unknown) => errors.push(obj) } as unknown as FastifyBaseLogger;
    const registry = new Registry();
    const check = createAuditChainCheck({
      db: ctx.db,
      audit: createAuditService({ db: ctx.db, clock: ctx.clock }),
      notify: ctx.app.notifications.notify,
      log,
      registry,
    });
    const gauge = async () => (await registry.getSingleMetric('jiaowu_audit_chain_broken')!.get()).values[0].value;

    expect((await check()).ok).toBe(true);
    expect(await gauge()).toBe(0);
    expect(errors).toEqual([]);

    const rows = await rowsBySeq();
    const victim = rows[5];
    await tamper(`UPDATE audit_log SET entity_id = 'changed' WHERE id = $1`, [victim.id]);
    const result = await check();
    expect(result.firstBreak).toMatchObject({ id: victim.id, reason: 'hash' });
    expect(errors).toHaveLength(1);
    expect(await gauge()).toBe(1);

    const admins = await findAdminUserIds(ctx.db);
    expect(admins.length).toBeGreaterThan(0);
    const inbox = await ctx.db.select().from(notifications).where(eq(notifications.kind, 'audit_chain_broken'));
    expect(inbox.map((n) => n.userId).sort()).toEqual([...admins].sort());
    expect(inbox[0].params).toMatchObject({ id: victim.id, reason: 'hash' });
    const adminEmails = (await ctx.db.select({ email: users.email }).from(users).where(inArray(users.id, admins))).map((u) => u.email);
    const mail = await ctx.db
      .select()
      .from(mailOutbox)
      .where(inArray(mailOutbox.toAddress, adminEmails as string[]));
    expect(mail.map((m) => m.subject)).toEqual(admins.map(() => '[教务 Jiaowu] 审计日志完整性校验失败'));
    const zh = (await (await ctx.as('admin')).get('/api/notifications')).json().items[0];
    expect(zh.body).toContain(String(victim.id));

    await tamper(`UPDATE audit_log SET entity_id = $2 WHERE id = $1`, [victim.id, victim.entityId]);
    // The alert itself is audited (and chained).
    expect((await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'audit.chain_broken'))).length).toBe(1);
    expect((await check()).ok).toBe(true);
    expect(await gauge()).toBe(0);
  });
});

describe('records written before the chain existed', () => {
  it('are chained by the migration, in id order', async () => {
    // Migrate a fresh PGlite up to the migration before the chain, write history, then migrate the rest.
    const dir = mkdtempSync(path.join(tmpdir(), 'jw-mig-'));
    cpSync(migrationsFolder, dir, { recursive: true });
    const journalFile = path.join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    const before = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith('_audit_chain_role_defaults'));
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, before) }));
    const database = await openDatabase({});
    try {
      await database.migrate(dir);
      await database.db
        .execute(sql`INSERT INTO audit_log (at, actor_kind, actor_name, ip, action, entity_type, entity_id, before, after) VALUES
        ('2026-01-01T08:00:00.123456+08', 'user', '张老师', '10.0.0.7', 'students.update', 'students', '3', '{"b": 1, "a": [1, 2]}', '{"名": "值"}'),
        (now(), 'system', 'system', null, 'x.one', 'x', null, null, null),
        (now(), 'token', 'sis', '::1', 'x.two', 'x', '9', 'null', '{"n": 1.50}')`);
      // (No chain columns yet: count with plain SQL.)
      const { rows: counted } = (await database.db.execute(sql`SELECT count(*)::int AS n FROM audit_log`)) as unknown as {
        rows: { n: number }[];
      };
      expect(counted[0].n).toBe(3);
      await database.migrate();
      const rows = await database.db.select().from(auditLog).orderBy(asc(auditLog.id));
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
      expect(rows.map((r) => r.prevHash)).toEqual(['', rows[0].hash, rows[1].hash]);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, checked: 3, headHash: await headDigest(database.db) });
      expect(rows.map((r) => r.chain)).toEqual([1, 1, 1]);
      // New records continue the same chain.
      await database.db.transaction((tx) => writeAudit(tx, systemActor, { action: 'x.after', entityType: 'x' }));
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, checked: 4 });
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)('concurrent writers (PostgreSQL)', () => {
  it("chain in parallel without a fork or a gap: every committed record in a chain, a transaction's records together in one", async () => {
    const before = await ctx.db.$count(auditLog);
    const writers = Array.from({ length: 40 }, (_, i) =>
      ctx.db
        .transaction(async (tx) => {
          await tx
            .update(colleges)
            .set({ name: `并发 ${i}` })
            .where(eq(colleges.id, 1 + (i % 3)));
          await writeAudit(tx, systemActor, { action: 'x.concurrent', entityType: 'colleges', entityId: i });
          // Still holding its chain: the others must take other chains, not queue behind this one.
          await tx.execute(sql`select pg_sleep(0.05)`);
          await writeAudit(tx, systemActor, { action: 'x.concurrent', entityType: 'colleges', entityId: i });
          // Every fifth rolls back: its records and its steps of the chain head go with it.
          if (i % 5 === 4) throw new Error('rollback');
        })
        .catch((e: Error) => e.message),
    );
    const results = await Promise.all(writers);
    expect(results.filter((r) => r === 'rollback')).toHaveLength(8);
    expect(await ctx.db.$count(auditLog)).toBe(before + 64);
    const res = await verify();
    expect(res).toMatchObject({ ok: true, checked: before + 64 });
    const written = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'x.concurrent'));
    // The pool's connections wrote at once, so more than one chain was in use.
    expect(new Set(written.map((r) => r.chain)).size).toBeGreaterThan(1);
    const byTx = new Map<string | null, typeof written>();
    for (const r of written) byTx.set(r.entityId, [...(byTx.get(r.entityId) ?? []), r]);
    for (const [, pair] of byTx) {
      expect(pair).toHaveLength(2);
      expect(pair[0].chain).toBe(pair[1].chain);
      expect(Math.abs(pair[0].seq! - pair[1].seq!)).toBe(1);
    }
  });

  it('a record moved to another chain breaks both', async () => {
    const [victim] = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'x.concurrent')).orderBy(asc(auditLog.id)).limit(1);
    const other = victim.chain === 1 ? 2 : 1;
    await tamper(`UPDATE audit_log SET chain = $2, seq = -seq WHERE id = $1`, [victim.id, other]);
    const res = await verify();
    expect(res.ok).toBe(false);
    expect(['gap', 'head', 'unchained']).toContain(res.firstBreak.reason);
    await tamper(`UPDATE audit_log SET chain = $2, seq = $3 WHERE id = $1`, [victim.id, victim.chain, victim.seq]);
    expect((await verify()).ok).toBe(true);
  });
});

/** A row exactly as stored (microseconds and all), for putting a deleted row back. */
const rawRow = async (id: number) =>
  String((await asSuperuser(`SELECT row_to_json(a)::text AS j FROM audit_log a WHERE id = $1`, [id])).rows[0].j);
