import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/access.ts';
import { writeAudit, type AuditRecord } from '../../../platform/audit/audit.ts';
import { translateDbError } from '../../../platform/db-errors.ts';
import type { ImportKindSpec } from '../kinds/types.ts';
import type { PreparedRow } from './validate-import.ts';

export interface CommitCounts {
  created: number;
  /** Existing records matched by code (restored, changed or identical). */
  updated: number;
  /** Of `updated`: identical to the file, so not written. */
  unchanged: number;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The values to write for a row: everything for a new record; for an existing
 * one, what the file gave over what is stored (a column absent from the file,
 * or a blank cell of a defaulted field such as 学籍状态, keeps the stored value).
 */
function finalValues(kind: ImportKindSpec, p: PreparedRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const col of kind.writeColumns) {
    out[col] = !p.existing || col === 'code' || p.provided.has(col) ? p.values[col] : p.existing.values[col];
  }
  return out;
}

/**
 * Writes validated rows in ONE transaction: bulk upserts by code in chunks,
 * one audit record per created or changed record (before/after) and one for
 * the import itself. Identical rows are neither written nor audited.
 * `onProgress` is called without awaiting: on PGlite (one connection) a
 * progress write has to wait for this transaction anyway.
 */
export async function commitImport(
  db: Db,
  actor: Actor,
  kind: ImportKindSpec,
  prepared: PreparedRow[],
  meta: { filename: string | null; rows: number },
  onProgress?: (done: number) => void,
): Promise<CommitCounts> {
  const toWrite: { p: PreparedRow; values: Record<string, unknown> }[] = [];
  let unchanged = 0;
  for (const p of prepared) {
    const values = finalValues(kind, p);
    const isChanged = !p.existing || p.existing.isDeleted || kind.writeColumns.some((c) => c !== 'code' && !same(values[c], p.existing!.values[c]));
    if (isChanged) toWrite.push({ p, values });
    else unchanged++;
  }
  onProgress?.(unchanged);

  try {
    return await db.transaction(async (tx) => {
      const written = await kind.upsert(tx, toWrite.map((w) => w.values), (done) => onProgress?.(unchanged + done));
      const byCode = new Map(written.map((w) => [w.code, w]));
      let created = 0;
      const records: AuditRecord[] = toWrite.map(({ p, values }) => {
        const w = byCode.get(p.code)!;
        if (w.isNew) created++;
        const after = { id: w.id, ...values };
        if (w.isNew) return { action: `${kind.entity}.create`, entityType: kind.entity, entityId: w.id, after };
        const before = p.existing ? { id: p.existing.id, code: p.code, ...p.existing.values, ...(p.existing.isDeleted ? { deleted: true } : {}) } : null;
        return { action: `${kind.entity}.update`, entityType: kind.entity, entityId: w.id, before, after };
      });
      const counts = { created, updated: prepared.length - created, unchanged };
      records.push({ action: `${kind.entity}.import`, entityType: kind.entity, after: { file: meta.filename, rows: meta.rows, ...counts } });
      await writeAudit(tx, actor, records);
      return counts;
    });
  } catch (e) {
    return translateDbError(e);
  }
}
