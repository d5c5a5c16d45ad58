import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { AuditVerifyResult } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { auditChainHead, auditLog } from './audit.tables.ts';
import { containsPattern } from '../../db/like.ts';

export interface AuditFilter {
  q?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  actor?: string;
  from?: string;
  to?: string;
  /** Action codes whose words match `q` (the service maps the words). */
  qActions?: string[];
  /** Entity types whose words match `q`. */
  qEntities?: string[];
  /** Only these entity types (the reader's domain); undefined means every record. */
  entityTypes?: readonly string[];
}

/** Sortable columns (the contract's allow-list, AUDIT_SORTS). */
const SORT_COLUMNS = {
  id: auditLog.id,
  at: auditLog.at,
  action: auditLog.action,
  entityType: auditLog.entityType,
  actorName: auditLog.actorName,
} as const;
export type AuditSort = { by: keyof typeof SORT_COLUMNS; order: 'asc' | 'desc' };

/** One page of the log; `sort` defaults to newest first, and ties are broken by id in the same direction so pages are stable. */
export async function findAuditPage(db: Db, f: AuditFilter, page: number, pageSize: number, sort: AuditSort = { by: 'id', order: 'desc' }) {
  const dir = sort.order === 'asc' ? asc : desc;
  const orderBy = sort.by === 'id' ? [dir(auditLog.id)] : [dir(SORT_COLUMNS[sort.by]), dir(auditLog.id)];
  const conds: (SQL | undefined)[] = [];
  // The reader's domain first: no other filter can reach past it.
  if (f.entityTypes) conds.push(inArray(auditLog.entityType, [...f.entityTypes]));
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.entityType) conds.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
  if (f.actor) conds.push(ilike(auditLog.actorName, containsPattern(f.actor)));
  if (f.from) conds.push(gte(auditLog.at, new Date(f.from)));
  // A bare date as `to` means the whole of that day.
  if (f.to) conds.push(lte(auditLog.at, new Date(f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to)));
  if (f.q) {
    const p = containsPattern(f.q);
    conds.push(
      or(
        ilike(auditLog.action, p),
        ilike(auditLog.actorName, p),
        ilike(auditLog.entityType, p),
        eq(auditLog.entityId, f.q),
        f.qActions?.length ? inArray(auditLog.action, f.qActions) : undefined,
        f.qEntities?.length ? inArray(auditLog.entityType, f.qEntities) : undefined,
      ),
    );
  }
  const where = and(...conds);
  const [items, [{ total }]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorId: auditLog.actorId,
        actorName: auditLog.actorName,
        actorKind: sql<'user' | 'token' | 'system'>`${auditLog.actorKind}`,
        ip: sql<string | null>`host(${auditLog.ip})`,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      .where(where)
      .orderBy(...orderBy)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { items: items.map((r) => ({ ...r, at: r.at.toISOString() })), total: Number(total) };
}

type ChainBreak = NonNullable<AuditVerifyResult['firstBreak']>;
type Head = typeof auditChainHead.$inferSelect;

/**
 * Walks one chain in `seq` order, recomputing each record's hash in the
 * database (function `audit_log_hash`, the same one the insert trigger uses):
 * the records checked, and the first break or null.
 */
async function walkChain(tx: Tx, head: Head, batchSize: number): Promise<{ checked: number; firstBreak: ChainBreak | null }> {
  let checked = 0;
  let prev = { seq: 0, hash: '', id: null as number | null };
  const broken = (b: Omit<ChainBreak, 'chain'>) => ({ checked, firstBreak: { ...b, chain: head.id } });
  for (;;) {
    const rows = await tx
      .select({
        id: auditLog.id,
        seq: auditLog.seq,
        prevHash: auditLog.prevHash,
        hash: auditLog.hash,
        recomputed: sql<string>`audit_log_hash(${sql.raw('audit_log')}, ${auditLog.prevHash})`,
      })
      .from(auditLog)
      .where(and(eq(auditLog.chain, head.id), sql`${auditLog.seq} > ${prev.seq}`))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    for (const r of rows) {
      const seq = r.seq!;
      if (seq !== prev.seq + 1) return broken({ id: r.id, seq, reason: 'gap', expected: `seq ${prev.seq + 1}`, found: `seq ${seq}` });
      if (r.prevHash !== prev.hash) return broken({ id: r.id, seq, reason: 'link', expected: prev.hash, found: r.prevHash ?? '' });
      if (r.hash !== r.recomputed) return broken({ id: r.id, seq, reason: 'hash', expected: r.hash ?? '', found: r.recomputed });
      checked++;
      prev = { seq, hash: r.hash, id: r.id };
    }
    if (rows.length < batchSize) break;
  }
  // Records cut off the end of the chain leave the head pointing past the last one.
  if (head.lastSeq !== prev.seq || head.lastHash !== prev.hash) {
    return broken({
      id: prev.id,
      seq: prev.seq,
      reason: 'head',
      expected: `seq ${head.lastSeq} ${head.lastHash}`,
      found: `seq ${prev.seq} ${prev.hash}`,
    });
  }
  return { checked, firstBreak: null };
}

/**
 * Walks every hash chain and stops at the first break. One repeatable-read
 * snapshot, so records committed meanwhile neither count nor look like a break.
 * `headHash` digests the ends of all chains (sha256 of `id:seq:hash` per head,
 * in id order): the one value to write down elsewhere.
 */
export async function verifyAuditChain(db: Db, batchSize = 2000): Promise<Omit<AuditVerifyResult, 'checkedAt'>> {
  return db.transaction(
    async (tx) => {
      const heads = await tx.select().from(auditChainHead).orderBy(asc(auditChainHead.id));
      const headHash = heads.length
        ? createHash('sha256')
            .update(heads.map((h) => `${h.id}:${h.lastSeq}:${h.lastHash}`).join('\n'))
            .digest('hex')
        : '';
      let checked = 0;
      for (const head of heads) {
        const walked = await walkChain(tx, head, batchSize);
        checked += walked.checked;
        if (walked.firstBreak) return { ok: false, checked, firstBreak: walked.firstBreak, headHash };
      }
      // A record inserted while the chain trigger was switched off, or moved to a chain that has no head, has no place in a chain.
      const [loose] = await tx
        .select({ id: auditLog.id, chain: auditLog.chain })
        .from(auditLog)
        .where(or(isNull(auditLog.seq), notInArray(auditLog.chain, heads.length ? heads.map((h) => h.id) : [0])))
        .orderBy(asc(auditLog.id))
        .limit(1);
      if (loose) {
        return {
          ok: false,
          checked,
          firstBreak: { id: loose.id, seq: null, chain: loose.chain, reason: 'unchained', expected: 'seq', found: 'null' },
          headHash,
        };
      }
      return { ok: true, checked, firstBreak: null, headHash };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** The before/after of every record of one action on one entity, oldest first (e.g. an admin's edits of a role). */
export async function findEntityChanges(db: Db | Tx, action: string, entityType: string, entityId: string) {
  return db
    .select({ before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));
}

/** Appends audit rows (writeAudit shapes them from the actor and the records). */
export async function insertAuditRows(tx: Db | Tx, rows: (typeof auditLog.$inferInsert)[]) {
  // Bulk imports write thousands of records; keep each statement bounded.
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.insert(auditLog).values(rows.slice(i, i + 1000));
  }
}
