import { and, count, desc, eq, gte, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditLog } from './audit.tables.ts';

export interface AuditFilter {
  q?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  actor?: string;
  from?: string;
  to?: string;
}

/** `%` and `_` typed by the user are literal characters, not wildcards. */
const likeText = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function findAuditPage(db: Db, f: AuditFilter, page: number, pageSize: number) {
  const conds: (SQL | undefined)[] = [];
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.entityType) conds.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
  if (f.actor) conds.push(ilike(auditLog.actorName, likeText(f.actor)));
  if (f.from) conds.push(gte(auditLog.at, new Date(f.from)));
  // A bare date as `to` means the whole of that day.
  if (f.to) conds.push(lte(auditLog.at, new Date(f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to)));
  if (f.q) {
    const p = likeText(f.q);
    conds.push(or(ilike(auditLog.action, p), ilike(auditLog.actorName, p), ilike(auditLog.entityType, p), eq(auditLog.entityId, f.q)));
  }
  const where = and(...conds);
  const [items, [{ total }]] = await Promise.all([
    db
      .select({
        id: auditLog.id, at: auditLog.at, actorId: auditLog.actorId, actorName: auditLog.actorName, actorKind: auditLog.actorKind,
        ip: sql<string | null>`host(${auditLog.ip})`, action: auditLog.action, entityType: auditLog.entityType,
        entityId: auditLog.entityId, before: auditLog.before, after: auditLog.after,
      })
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { items: items.map((r) => ({ ...r, at: r.at.toISOString() })), total: Number(total) };
}
