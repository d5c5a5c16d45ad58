import { auditQuery } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess } from '../access.ts';
import type { App } from '../http/types.ts';
import { findAuditPage } from './audit.repository.ts';

/** Searching the audit log (permission `audit.read`); there is no route that changes it. */
export function registerAuditRoutes(app: App, { db }: { db: Db }) {
  app.get('/api/audit', { schema: { tags: ['audit'], querystring: auditQuery }, config: { permission: 'audit.read' } }, async (req) => {
    requireAccess(req.actor, 'audit.read');
    const { page, pageSize, sort: _s, order: _o, ...filter } = req.query;
    return findAuditPage(db, filter, page, pageSize);
  });
}
