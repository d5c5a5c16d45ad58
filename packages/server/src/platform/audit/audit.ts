import type { Actor } from '../access.ts';
import type { Db, Tx } from '../../db/client.ts';
import { insertAuditRows } from './audit.repository.ts';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes audit records; call it with the transaction of the change itself so
 * that a change and its record commit or roll back together.
 */
export async function writeAudit(tx: Db | Tx, actor: Actor, records: AuditRecord | AuditRecord[]): Promise<void> {
  const list = Array.isArray(records) ? records : [records];
  if (list.length === 0) return;
  const rows = list.map((r) => ({
    actorId: actor.userId ?? actor.tokenId ?? null,
    actorName: actor.name,
    actorKind: actor.kind === 'anonymous' ? 'user' : actor.kind,
    ip: actor.ip,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId == null ? null : String(r.entityId),
    before: r.before ?? null,
    after: r.after ?? null,
  }));
  await insertAuditRows(tx, rows);
}
