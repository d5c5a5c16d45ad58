import type { AuditQuery, AuditVerifyResult } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../access.ts';
import { findAuditPage, verifyAuditChain, type AuditSort } from './audit.repository.ts';

/** Reading the audit log and checking its hash chain (permission `audit.read`); nothing here changes it. */
export function createAuditService({ db, clock }: { db: Db; clock: () => Date }) {
  /** The chain check without a caller: the nightly job runs it as the system. */
  async function verifyChain(): Promise<AuditVerifyResult> {
    return { ...(await verifyAuditChain(db)), checkedAt: clock().toISOString() };
  }

  return {
    async search(actor: Actor, query: AuditQuery) {
      requireAccess(actor, 'audit.read');
      const { page, pageSize, sort, order, ...filter } = query;
      // Without a sort column the log reads newest first, whatever `order` defaults to.
      const by: AuditSort = sort ? { by: sort, order } : { by: 'id', order: 'desc' };
      return findAuditPage(db, filter, page, pageSize, by);
    },

    async verify(actor: Actor) {
      requireAccess(actor, 'audit.read');
      return verifyChain();
    },

    verifyChain,
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
