import { bigint, bigserial, index, inet, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Append-only audit log. A trigger (migration 0001) refuses UPDATE and DELETE
 * for every database role the app uses, so history cannot be rewritten; on
 * PostgreSQL the app's runtime role does not own the table either, so it
 * cannot switch the trigger off. Each row is also chained to the one before
 * in its chain (`chain`, `seq`, `prev_hash`, `hash`, filled by a database
 * trigger, never by the app), so a row rewritten or deleted by a superuser is
 * found by the verifier.
 *
 * There are several chains (one per row of `audit_chain_head`), not one: a
 * writer holds its chain's head locked until it commits, so with a single chain
 * every audited transaction of the school waited for the commit (and its disk
 * flush) of the one before — the opening rush of course selection ran at the
 * speed of one fsync. A writer takes the first head no other transaction holds,
 * so concurrent writers chain in parallel and commits are flushed together.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    actorKind: text('actor_kind').notNull(), // user | token | system
    ip: inet('ip'),
    action: text('action').notNull(), // e.g. students.create
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    /** Which chain (the id of its `audit_chain_head` row). */
    chain: smallint('chain').notNull().default(1),
    /** Position in its chain: 1, 2, 3 … without gaps, in commit order of the chain's lock (not always id order). */
    seq: bigint('seq', { mode: 'number' }),
    /** `hash` of the record at `seq - 1` ('' before the first). */
    prevHash: text('prev_hash'),
    /** sha256 (hex) of the canonical serialisation of this record and `prev_hash` (function `audit_log_hash`). */
    hash: text('hash'),
  },
  (t) => [
    uniqueIndex('audit_log_chain_seq_idx').on(t.chain, t.seq),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_actor_idx').on(t.actorId),
  ],
);

/**
 * The ends of the audit hash chains (one row per chain, ids 1…16). The insert
 * trigger locks and advances the head of the chain it writes to, which
 * serialises that chain's writers so it cannot fork; the app's runtime role has
 * no privilege on it (the trigger runs as the table owner).
 */
export const auditChainHead = pgTable('audit_chain_head', {
  id: integer('id').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});
