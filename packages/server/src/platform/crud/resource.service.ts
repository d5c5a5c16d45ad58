import type { ListQuery } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, type Actor, type DataScope } from '../access.ts';
import { writeAudit } from '../audit/audit.ts';
import { withDbErrors } from '../db-errors.ts';
import { AppError } from '../errors.ts';
import { revealFor } from './resource.masking.ts';
import { deleteRowAtVersion, findById, findPage, insertRow, updateRowAtVersion, type ListFilters } from './resource.repository.ts';
import type { AnyContract, CrudTable, InputOf, ItemOf, PatchOf, ResourceDef, WriteContext } from './resource.types.ts';

export interface ResourceService<C extends AnyContract = AnyContract> {
  def: ResourceDef<C, CrudTable>;
  list(actor: Actor, query: Partial<ListQuery>, filters: ListFilters): Promise<{ items: ItemOf<C>[]; total: number }>;
  get(actor: Actor, id: number): Promise<ItemOf<C>>;
  create(actor: Actor, input: InputOf<C>): Promise<ItemOf<C>>;
  /** `version` is the one the edit was based on (body field or If-Match); a different current version is `stale`. */
  update(actor: Actor, id: number, input: PatchOf<C>, version: number | undefined): Promise<ItemOf<C>>;
  remove(actor: Actor, id: number, version: number | undefined): Promise<void>;
}

/** An edit must name the version it read; without it a lost update could not be detected. */
function requireVersion(version: number | undefined): number {
  if (version === undefined) {
    throw new AppError('validation_failed', { fields: [{ field: 'version', code: 'required' }] });
  }
  return version;
}

/**
 * Generic use cases of a resource: permission check first, data scope in the
 * query, every write in one transaction with its hooks and audit record, the
 * row re-read inside the transaction so a scoped manager cannot move a record
 * out of (or into) a scope they do not hold, and optimistic concurrency: an
 * update or delete based on an older version than the row's gets `stale`.
 */
export function createResourceService<C extends AnyContract, T extends CrudTable>({
  db,
  def,
  clock,
}: {
  db: Db;
  def: ResourceDef<C, T>;
  clock: () => Date;
}): ResourceService<C> {
  // Rows come back in the shape of `selection`, which the definition ties to the item type.
  const item = (row: Record<string, unknown>) => row as ItemOf<C>;
  const read = async (tx: Db | Tx, id: number, scope: DataScope) => {
    const row = await findById(tx, def, id, scope);
    return row ? item(row) : null;
  };
  const versionOf = (row: ItemOf<C>) => Number((row as { version?: unknown }).version);

  return {
    def,
    async list(actor, query, filters) {
      const scope = requireAccess(actor, def.read);
      const page = await findPage(db, def, query, filters, scope);
      return { items: await revealFor(db, def, actor, page.items.map(item)), total: page.total };
    },

    async get(actor, id) {
      const scope = requireAccess(actor, def.read);
      const row = await read(db, id, scope);
      if (!row) throw new AppError('not_found');
      const [shown] = await revealFor(db, def, actor, [row]);
      return shown;
    },

    async create(actor, input) {
      const scope = requireAccess(actor, def.manage);
      return withDbErrors(() =>
        db.transaction(async (tx) => {
          const ctx: WriteContext<C> = { actor, op: 'create', id: null, input, before: null };
          const extra = (await def.hooks?.beforeWrite?.(tx, ctx)) ?? {};
          const id = await insertRow(tx, def, { ...input, ...extra });
          const after = await read(tx, id, scope);
          if (!after) throw new AppError('out_of_scope');
          await def.hooks?.afterWrite?.(tx, { ...ctx, id, after });
          await writeAudit(tx, actor, { action: `${def.entity}.create`, entityType: def.entity, entityId: id, after });
          return after;
        }),
      );
    },

    async update(actor, id, input, version) {
      const scope = requireAccess(actor, def.manage);
      const expected = requireVersion(version);
      return withDbErrors(() =>
        db.transaction(async (tx) => {
          const before = await read(tx, id, scope);
          if (!before) throw new AppError('not_found');
          if (versionOf(before) !== expected) throw new AppError('stale');
          const ctx: WriteContext<C> = { actor, op: 'update', id, input, before };
          const extra = (await def.hooks?.beforeWrite?.(tx, ctx)) ?? {};
          // The guard against a concurrent edit that committed after our read.
          if (!(await updateRowAtVersion(tx, def, id, expected, { ...input, ...extra }))) throw new AppError('stale');
          const after = await read(tx, id, scope);
          if (!after) throw new AppError('out_of_scope');
          await def.hooks?.afterWrite?.(tx, { ...ctx, id, after });
          await writeAudit(tx, actor, { action: `${def.entity}.update`, entityType: def.entity, entityId: id, before, after });
          return after;
        }),
      );
    },

    async remove(actor, id, version) {
      const scope = requireAccess(actor, def.manage);
      const expected = requireVersion(version);
      await withDbErrors(() =>
        db.transaction(async (tx) => {
          const before = await read(tx, id, scope);
          if (!before) throw new AppError('not_found');
          if (versionOf(before) !== expected) throw new AppError('stale');
          const ctx: WriteContext<C> = { actor, op: 'delete', id, input: {}, before };
          await def.hooks?.beforeWrite?.(tx, ctx);
          if (!(await deleteRowAtVersion(tx, def, id, expected, clock()))) throw new AppError('stale');
          await def.hooks?.afterWrite?.(tx, { ...ctx, id, after: null });
          await writeAudit(tx, actor, { action: `${def.entity}.delete`, entityType: def.entity, entityId: id, before });
        }),
      );
    },
  };
}
