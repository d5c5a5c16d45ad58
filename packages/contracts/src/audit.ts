import { z } from 'zod';
import { listQuery } from './common.ts';

/** One changed field, ready to read: no ids, codes or JSON. */
export const auditChange = z.object({
  field: z.string(),
  label: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type AuditChange = z.infer<typeof auditChange>;

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  actorKind: z.enum(['user', 'token', 'system']),
  ip: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** The stored snapshots, for integrations; people read `changes`. */
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  /** Who, as people know them: a user's display name, a token's name, the system in words. */
  actorLabel: z.string().nullable(),
  /** The action in words, in the request's language (修改学生). */
  actionLabel: z.string(),
  /** The entity type in words (学生). */
  entityLabel: z.string(),
  /** What the record is about, by its name or code (计科2301, CS201 数据结构); null when it has none. */
  entityName: z.string().nullable(),
  /**
   * The fields that changed, in words: label, old and new value with names
   * behind ids and enumerations translated. Fields that did not change are
   * not listed; a create lists what was set, a delete what was removed.
   */
  changes: z.array(auditChange),
});
export type AuditEntry = z.infer<typeof auditEntry>;

/** Columns the audit log can be sorted by (`sort`); anything else is refused. Default: newest first. */
export const AUDIT_SORTS = ['id', 'at', 'action', 'entityType', 'actorName'] as const;
export const auditSort = z.enum(AUDIT_SORTS);

/**
 * `q` (free text) matches the action's words in either language (修改, 开课申请,
 * sign in), the entity type's words, the actor's name, the action code and the entity id.
 */
export const auditQuery = listQuery.extend({
  /** Newest first when omitted. */
  sort: auditSort.optional(),
  action: z.string().max(80).optional(),
  entityType: z.string().max(80).optional(),
  entityId: z.string().max(80).optional(),
  actor: z.string().max(80).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditPage = z.object({ items: z.array(auditEntry), total: z.number().int() });
export type AuditPage = z.infer<typeof auditPage>;

/** Why the chain breaks at a record: its content changed, its link is wrong, records are missing, or the head disagrees. */
export const AUDIT_CHAIN_BREAKS = ['hash', 'link', 'gap', 'unchained', 'head'] as const;

/** The result of walking the audit hash chain (GET /api/audit/verify). */
export const auditVerifyResult = z.object({
  ok: z.boolean(),
  /** Records walked (up to the first break). */
  checked: z.number().int(),
  /** The first break, or null when the chain is whole. */
  firstBreak: z
    .object({
      /** The record where the chain breaks (the one after a gap); null when the break is at the end of the chain. */
      id: z.number().int().nullable(),
      seq: z.number().int().nullable(),
      /** The chain it is in (records are chained in several chains, see audit_chain_head). */
      chain: z.number().int().nullable(),
      reason: z.enum(AUDIT_CHAIN_BREAKS),
      expected: z.string(),
      found: z.string(),
    })
    .nullable(),
  /** A digest of the ends of all chains (sha256 of `id:seq:hash` of each head): write it down somewhere else to detect a rewrite of a whole chain. */
  headHash: z.string(),
  checkedAt: z.string(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;
