import type { ListQuery } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../access.ts';
import { writeAudit } from '../audit/audit.ts';
import { translateDbError } from '../db-errors.ts';
import { AppError } from '../errors.ts';
import { deleteRow, findById, findPage, insertRow, updateRow, type ListFilters } from './resource.repository.ts';
import type { ResourceDef } from './resource.types.ts';

export interface ResourceService {
  def: ResourceDef<any>;
  list(actor: Actor, query: Partial<ListQuery>, filters: ListFilters): Promise<{ items: Record<string, unknown>[]; total: number }>;
  get(actor: Actor, id: number): Promise<Record<string, unknown>>;
  create(actor: Actor, input: Record<string, unknown>): Promise<Record<string, unknown>>;
  update(actor: Actor, id: number, input: Record<string, unknown>): Promise<Record<string, unknown>>;
  remove(actor: Actor, id: number): Promise<void>;
}

/**
 * Generic use cases of a resource: permission check first, data scope in the
 * query, every write in one transaction with its audit record, and the row
 * re-read inside the transaction so a scoped manager cannot move a record
 * out of (or into) a scope they do not hold.
 */
export function createResourceService({ db, def, clock }: { db: Db; def: ResourceDef<any>; clock: () => Date }): ResourceService {
  const run = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      return translateDbError(e, def.refFields);
    }
  };

  return {
    def,
    async list(actor, query, filters) {
      const scope = requireAccess(actor, def.read);
      return findPage(db, def, query, filters, scope);
    },

    async get(actor, id) {
      const scope = requireAccess(actor, def.read);
      const row = await findById(db, def, id, scope);
      if (!row) throw new AppError('not_found');
      return row;
    },

    async create(actor, input) {
      const scope = requireAccess(actor, def.manage);
      return run(() =>
        db.transaction(async (tx) => {
          const values = def.toRow ? await def.toRow(tx, input) : input;
          const id = await insertRow(tx, def, values);
          const after = await findById(tx, def, id, scope);
          if (!after) throw new AppError('out_of_scope');
          await writeAudit(tx, actor, { action: `${def.entity}.create`, entityType: def.entity, entityId: id, after });
          return after;
        }),
      );
    },

    async update(actor, id, input) {
      const scope = requireAccess(actor, def.manage);
      return run(() =>
        db.transaction(async (tx) => {
          const before = await findById(tx, def, id, scope);
          if (!before) throw new AppError('not_found');
          const values = def.toRow ? await def.toRow(tx, input, before) : input;
          await updateRow(tx, def, id, values);
          const after = await findById(tx, def, id, scope);
          if (!after) throw new AppError('out_of_scope');
          await writeAudit(tx, actor, { action: `${def.entity}.update`, entityType: def.entity, entityId: id, before, after });
          return after;
        }),
      );
    },

    async remove(actor, id) {
      const scope = requireAccess(actor, def.manage);
      await run(() =>
        db.transaction(async (tx) => {
          const before = await findById(tx, def, id, scope);
          if (!before) throw new AppError('not_found');
          await deleteRow(tx, def, id, clock());
          await writeAudit(tx, actor, { action: `${def.entity}.delete`, entityType: def.entity, entityId: id, before });
        }),
      );
    },
  };
}
