import { creditRaiseInput, creditRaiseQuery } from '@jiaowu/contracts';
import type { App } from '../../platform/http/types.ts';
import type { CreditRaiseService } from './credit-raise.service.ts';

const take = { permission: 'selection.take' as const };

/** 超学分申请: a student applies and follows their applications (approvers act in the approval inbox). */
export function registerCreditRaiseRoutes(app: App, { creditRaise }: { creditRaise: CreditRaiseService }) {
  app.post('/api/selection/credit-raises', { schema: { tags: ['selection'], body: creditRaiseInput }, config: take }, async (req, reply) =>
    reply.code(201).send(await creditRaise.apply(req.actor, req.body)),
  );
  app.get('/api/selection/credit-raises', { schema: { tags: ['selection'], querystring: creditRaiseQuery }, config: take }, async (req) =>
    creditRaise.mine(req.actor, req.query.roundId),
  );
}
