import type { ClassSelectionFlagsInput } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { classSelectionFlagsInput, idParams } from '@jiaowu/contracts';
import { updateClassSelectionFlags } from './offerings.repository.ts';

/**
 * The selection flags of a teaching class 教学班: a PE section for one gender, a retake class
 * 重修班. They are course-selection rules, so the office that runs selection sets them
 * (`selection.manage`), on a class the offerings module owns.
 */
export function createClassFlagsService({ db }: { db: Db }) {
  return {
    async update(actor: Actor, id: number, input: ClassSelectionFlagsInput) {
      requireAccess(actor, 'selection.manage');
      return db.transaction(async (tx) => {
        const before = await updateClassSelectionFlags(tx, id, input);
        if (!before) throw new AppError('not_found', { params: { what: 'teaching class' } });
        const after = { ...before, ...input };
        await writeAudit(tx, actor, {
          action: 'teaching_classes.selection_flags',
          entityType: 'teaching_classes',
          entityId: id,
          before,
          after,
        });
        return { id, genderRestriction: after.genderRestriction, isRetakeClass: after.isRetakeClass };
      });
    },
  };
}

/** PATCH /api/teaching-classes/:id/selection-flags */
export function registerClassFlagsRoutes(app: App, { db }: { db: Db }) {
  const flags = createClassFlagsService({ db });
  app.patch(
    '/api/teaching-classes/:id/selection-flags',
    { schema: { tags: ['offerings'], params: idParams, body: classSelectionFlagsInput }, config: { permission: 'selection.manage' } },
    async (req) => flags.update(req.actor, req.params.id, req.body),
  );
}
