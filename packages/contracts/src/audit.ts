import { z } from 'zod';
import { listQuery } from './common.ts';

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
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

/** Columns the audit log can be sorted by (`sort`); anything else is refused. Default: newest first. */
export const AUDIT_SORTS = ['id', 'at', 'action', 'entityType', 'actorName'] as const;
export const auditSort = z.enum(AUDIT_SORTS);

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
      reason: z.enum(AUDIT_CHAIN_BREAKS),
      expected: z.string(),
      found: z.string(),
    })
    .nullable(),
  /** The hash at the end of the chain: write it down somewhere else to detect a rewrite of the whole chain. */
  headHash: z.string(),
  checkedAt: z.string(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;
