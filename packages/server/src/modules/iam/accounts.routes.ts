import { z } from 'zod';
import { accountListQuery, accountSettings, bulkAccountRequest, idParams } from '@jiaowu/contracts';
import { attachmentHeader, CONTENT_TYPES } from '../../platform/files/spreadsheet-writer.ts';
import type { App } from '../../platform/http/types.ts';
import { pickLocale } from '../../platform/i18n.ts';
import type { AccountsService } from './accounts.service.ts';

const tags = ['accounts'];
const config = { permission: 'accounts.manage' as const };

export function registerAccountRoutes(app: App, { accounts }: { accounts: AccountsService }) {
  const loc = (req: { headers: Record<string, unknown> }) => pickLocale(req.headers['accept-language'] as string | undefined);

  app.get('/api/accounts', { schema: { tags, querystring: accountListQuery }, config }, async (req) =>
    accounts.list(req.actor, req.query, loc(req)),
  );
  app.post('/api/accounts/bulk', { schema: { tags, body: bulkAccountRequest }, config }, async (req) =>
    accounts.bulk(req.actor, req.body, loc(req)),
  );
  app.get('/api/accounts/settings', { schema: { tags }, config }, async (req) => accounts.getSettings(req.actor));
  app.put('/api/accounts/settings', { schema: { tags, body: accountSettings }, config }, async (req) =>
    accounts.saveSettings(req.actor, req.body),
  );
  app.get(
    '/api/accounts/handouts/:id',
    { schema: { tags, params: idParams, querystring: z.object({ format: z.enum(['xlsx', 'json']).default('xlsx') }) }, config },
    async (req, reply) => {
      // JSON for the printable view; XLSX (the default) to download.
      if (req.query.format === 'json') return accounts.handout(req.actor, req.params.id);
      const { filename, data } = await accounts.handoutFile(req.actor, req.params.id, loc(req));
      return reply.header('content-type', CONTENT_TYPES.xlsx).header('content-disposition', attachmentHeader(filename)).send(data);
    },
  );
}
