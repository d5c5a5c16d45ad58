import type { Permission } from '@jiaowu/contracts';
import type { Db, Tx } from '../../../db/client.ts';
import { requireAccess, scopeCovers, type Actor, type DataScope } from '../../../platform/access.ts';
import { writeAudit, type AuditRecord } from '../../../platform/audit/audit.ts';
import { translateDbError } from '../../../platform/db-errors.ts';
import { AppError } from '../../../platform/errors.ts';
import {
  FIND_IMPORT_ROWS,
  IMPORT_WRITE_COLUMNS,
  insertImportRows,
  updateImportRows,
  type ExistingRow,
  type OrgImportKind,
} from '../org.import-repository.ts';
import { peopleWritten, type PersonChange } from '../people-events.ts';

/** A validated row to write: its code, its values for a new record, and the fields the file gave. */
export interface OrgImportRow {
  row: number;
  code: string;
  values: Record<string, unknown>;
  /** Fields the file gave; on update, the others keep the stored value. */
  provided: ReadonlySet<string>;
}

export interface OrgImportCounts {
  created: number;
  /** Existing records matched by code (restored, changed or identical). */
  updated: number;
  /** Of `updated`: identical to the file, so not written. */
  unchanged: number;
}

/** The manage permission and audit entity of each importable table. */
const KINDS: Record<OrgImportKind, { permission: Permission; entity: string }> = {
  students: { permission: 'students.manage', entity: 'students' },
  teachers: { permission: 'teachers.manage', entity: 'teachers' },
  rooms: { permission: 'org.manage', entity: 'rooms' },
  adminClasses: { permission: 'org.manage', entity: 'admin_classes' },
};

/** Kinds whose rows are people with accounts (see people-events.ts). */
const PERSON_KIND: Partial<Record<OrgImportKind, PersonChange['kind']>> = { students: 'student', teachers: 'teacher' };

/** Whether a scoped manager may write a record anchored here (null: belongs to no college). */
export function isInScope(scope: DataScope, anchor: { collegeId: number | null; departmentId: number | null } | null): boolean {
  if (scope.kind === 'all') return true;
  return anchor !== null && scopeCovers(scope, anchor);
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Bulk upsert by code for spreadsheet imports, owned by the org module: in ONE
 * transaction, the existing rows are read FOR UPDATE, so every update's audit
 * record carries the row it really overwrote even when two imports of the
 * same file race; new codes are inserted (a code a racing import inserted
 * first is then locked and treated as existing); identical rows are neither
 * written nor audited; one audit record per created or changed row, and one
 * for the import. A row another writer moved out of the actor's scope since
 * validation fails the whole import.
 */
export async function importOrgRows(
  db: Db,
  actor: Actor,
  kind: OrgImportKind,
  rows: OrgImportRow[],
  meta: { filename: string | null; rows: number },
  onProgress?: (done: number) => void,
): Promise<OrgImportCounts> {
  const { permission, entity } = KINDS[kind];
  const scope = requireAccess(actor, permission);
  const columns = IMPORT_WRITE_COLUMNS[kind];
  const find = FIND_IMPORT_ROWS[kind];

  /** What to write over a stored row: the file's values where it gave them, the stored ones elsewhere. */
  const merge = (r: OrgImportRow, old: ExistingRow) =>
    Object.fromEntries(columns.map((c) => [c, c === 'code' || r.provided.has(c) ? r.values[c] : old.values[c]]));
  const isChanged = (values: Record<string, unknown>, old: ExistingRow) =>
    old.isDeleted || columns.some((c) => c !== 'code' && !same(values[c], old.values[c]));
  const beforeImage = (old: ExistingRow) => ({ id: old.id, code: old.code, ...old.values, ...(old.isDeleted ? { deleted: true } : {}) });

  async function write(tx: Tx): Promise<OrgImportCounts> {
    const audit: AuditRecord[] = [];
    const personKind = PERSON_KIND[kind];
    // Every matched row, changed or not: a person imported before accounts existed gets one now.
    const people: PersonChange[] = [];
    let created = 0;
    let done = 0;
    // Reports only real steps: the caller's writes are not awaited, and a needless early "0" could land after the final figure.
    const progress = (n: number) => n > 0 && onProgress?.((done += n));

    /** Locks the stored rows of these import rows and writes the changed ones; returns the rows with no stored row. */
    async function updateStored(batch: OrgImportRow[]): Promise<OrgImportRow[]> {
      const stored = await find(
        tx,
        batch.map((r) => r.code),
        { lock: true },
      );
      const changed: Record<string, unknown>[] = [];
      const missing: OrgImportRow[] = [];
      for (const r of batch) {
        const old = stored.get(r.code);
        if (!old) {
          missing.push(r);
          continue;
        }
        if (!isInScope(scope, old)) throw new AppError('out_of_scope', { details: { row: r.row, code: r.code } });
        if (personKind)
          people.push({
            kind: personKind,
            id: old.id,
            op: 'update',
            row: r.row,
            before: { code: old.code, status: String(old.values.status) },
          });
        const values = merge(r, old);
        if (!isChanged(values, old)) continue;
        changed.push(values);
        audit.push({
          action: `${entity}.update`,
          entityType: entity,
          entityId: old.id,
          before: beforeImage(old),
          after: { id: old.id, ...values },
        });
      }
      await updateImportRows(tx, kind, changed);
      progress(batch.length - missing.length);
      return missing;
    }

    // Code order everywhere: concurrent imports lock and insert the same codes in the same order.
    const byCode = [...rows].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const fresh = await updateStored(byCode);
    const valuesOf = (r: OrgImportRow) => Object.fromEntries(columns.map((c) => [c, r.values[c]]));
    const inserted = await insertImportRows(tx, kind, fresh.map(valuesOf));
    const idByCode = new Map(inserted.map((w) => [w.code, w.id]));
    for (const r of fresh) {
      const id = idByCode.get(r.code);
      if (id === undefined) continue;
      created++;
      if (personKind) people.push({ kind: personKind, id, op: 'create', row: r.row, before: null });
      audit.push({ action: `${entity}.create`, entityType: entity, entityId: id, after: { id, ...valuesOf(r) } });
    }
    progress(inserted.length);
    // Codes another transaction inserted after our first read: it has committed now, so lock and update them.
    const raced = fresh.filter((r) => !idByCode.has(r.code));
    if (raced.length && (await updateStored(raced)).length) throw new AppError('conflict');

    await peopleWritten(tx, actor, people);
    const counts = { created, updated: rows.length - created, unchanged: rows.length - audit.length };
    audit.push({ action: `${entity}.import`, entityType: entity, after: { file: meta.filename, rows: meta.rows, ...counts } });
    await writeAudit(tx, actor, audit);
    return counts;
  }

  try {
    return await db.transaction(write);
  } catch (e) {
    return translateDbError(e);
  }
}
