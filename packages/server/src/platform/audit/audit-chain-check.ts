import type { FastifyBaseLogger } from 'fastify';
import { Gauge, type Registry } from 'prom-client';
import type { AuditVerifyResult } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { findAdminUserIds } from '../../modules/iam/iam.repository.ts';
import type { Notify } from '../../modules/notifications/notifications.service.ts';
import { systemActor } from '../access.ts';
import { writeAudit } from './audit.ts';
import type { AuditService } from './audit.service.ts';

/** Once a night is enough to notice a rewrite while backups from before it still exist. */
export const AUDIT_CHECK_INTERVAL_MS = 24 * 60 * 60_000;

/**
 * The nightly audit chain check. A break raises the alarm three ways: an
 * error in the log, the metric `jiaowu_audit_chain_broken` (1 until a check
 * passes again) and a notification (in-app and email) to every admin.
 */
export function createAuditChainCheck(deps: { db: Db; audit: AuditService; notify: Notify; log: FastifyBaseLogger; registry?: Registry }) {
  const { db, audit, notify, log } = deps;
  const gauge = new Gauge({
    name: 'jiaowu_audit_chain_broken',
    help: '1 when the last audit hash chain check found a break, 0 when it passed',
    registers: deps.registry ? [deps.registry] : [],
  });

  return async function checkAuditChain(): Promise<AuditVerifyResult> {
    const result = await audit.verifyChain();
    gauge.set(result.ok ? 0 : 1);
    if (result.ok) {
      // The head hash in the log is an outside copy: a chain rebuilt from scratch would not end in it.
      log.info({ checked: result.checked, headHash: result.headHash }, 'audit chain verified');
      return result;
    }
    const b = result.firstBreak!;
    log.error({ firstBreak: b, checked: result.checked }, 'audit chain broken: audit records were changed outside the app');
    await db.transaction(async (tx) => {
      const admins = await findAdminUserIds(tx);
      await notify(tx, {
        userIds: admins,
        kind: 'audit_chain_broken',
        link: '/audit',
        params: { id: b.id ?? '-', seq: b.seq ?? '-', reason: b.reason, checked: result.checked },
      });
      await writeAudit(tx, systemActor, {
        action: 'audit.chain_broken',
        entityType: 'audit_log',
        entityId: b.id,
        after: { ...b, checked: result.checked, notified: admins.length },
      });
    });
    return result;
  };
}
