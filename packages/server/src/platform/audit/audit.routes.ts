import { auditQuery, auditVerifyResult } from '@jiaowu/contracts';
import type { App } from '../http/types.ts';
import type { AuditService } from './audit.service.ts';

const read = { permission: 'audit.read' as const };

/** Searching the audit log and verifying its hash chain (permission `audit.read`); there is no route that changes it. */
export function registerAuditRoutes(app: App, { audit }: { audit: AuditService }) {
  const tags = ['audit'];
  app.get('/api/audit', { schema: { tags, querystring: auditQuery }, config: read }, async (req) => audit.search(req.actor, req.query));
  app.get('/api/audit/verify', { schema: { tags, response: { 200: auditVerifyResult } }, config: read }, async (req) =>
    audit.verify(req.actor),
  );
}
