import { auditPage, auditQuery, auditVerifyResult } from '@jiaowu/contracts';
import type { App } from '../http/types.ts';
import type { AuditService } from './audit.service.ts';

/** Searching needs the academic part of the log at least (the service narrows to it); verifying needs all of it. */
const search = { permission: 'audit.read_academic' as const };
const read = { permission: 'audit.read' as const };

/** Searching the audit log and verifying its hash chain; there is no route that changes it. */
export function registerAuditRoutes(app: App, { audit }: { audit: AuditService }) {
  const tags = ['audit'];
  app.get('/api/audit', { schema: { tags, querystring: auditQuery, response: { 200: auditPage } }, config: search }, async (req) =>
    audit.search(req.actor, req.query),
  );
  app.get('/api/audit/verify', { schema: { tags, response: { 200: auditVerifyResult } }, config: read }, async (req) =>
    audit.verify(req.actor),
  );
}
