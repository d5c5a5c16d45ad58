import {
  ACADEMIC_AUDIT_ENTITIES,
  auditActionsMatching,
  auditEntitiesMatching,
  type AuditQuery,
  type AuditVerifyResult,
} from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { hasPermission, requireAccess, type Actor } from '../access.ts';
import { findSchoolTimeZone } from '../../modules/org/school-settings.read-model.ts';
import { resolveNames } from './audit-names.ts';
import { presentEntries, refsOf } from './audit-present.ts';
import { findAuditPage, verifyAuditChain, type AuditSort } from './audit.repository.ts';

/**
 * Reading the audit log and checking its hash chain; nothing here changes it.
 * `audit.read_academic` reads the academic domain's records, `audit.read`
 * every record and the chain check.
 */
export function createAuditService({ db, clock }: { db: Db; clock: () => Date }) {
  /** The chain check without a caller: the nightly job runs it as the system. */
  async function verifyChain(): Promise<AuditVerifyResult> {
    return { ...(await verifyAuditChain(db)), checkedAt: clock().toISOString() };
  }

  return {
    /** One page of the log in the caller's language: actions in words, names behind ids, only real changes. */
    async search(actor: Actor, query: AuditQuery) {
      requireAccess(actor, 'audit.read_academic');
      const entityTypes = hasPermission(actor, 'audit.read') ? undefined : ACADEMIC_AUDIT_ENTITIES;
      const { page, pageSize, sort, order, ...filter } = query;
      // Without a sort column the log reads newest first, whatever `order` defaults to.
      const by: AuditSort = sort ? { by: sort, order } : { by: 'id', order: 'desc' };
      const words = filter.q ? { qActions: auditActionsMatching(filter.q), qEntities: auditEntitiesMatching(filter.q) } : {};
      const found = await findAuditPage(db, { ...filter, ...words, entityTypes }, page, pageSize, by);
      const names = await resolveNames(db, refsOf(found.items), actor.locale);
      return { items: presentEntries(found.items, names, actor.locale, await findSchoolTimeZone(db)), total: found.total };
    },

    async verify(actor: Actor) {
      requireAccess(actor, 'audit.read');
      return verifyChain();
    },

    verifyChain,
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
