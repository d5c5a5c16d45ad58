import type { Actor } from '../../../platform/access.ts';
import type { OrgService } from '../../org/org.service.ts';
import type { OrgImportCounts } from '../../org/use-cases/import-org-rows.ts';
import type { ImportKindSpec } from '../kinds/types.ts';
import type { PreparedRow } from './validate-import.ts';

export type CommitCounts = OrgImportCounts;

/**
 * Writes validated rows through the org module, which owns the tables: one
 * transaction, rows locked before they are overwritten, one audit record per
 * created or changed record and one for the import (OrgService.importRows).
 * `onProgress` is called without awaiting: on PGlite (one connection) a
 * progress write has to wait for this transaction anyway.
 */
export function commitImport(
  org: OrgService,
  actor: Actor,
  kind: ImportKindSpec,
  prepared: PreparedRow[],
  meta: { filename: string | null; rows: number },
  onProgress?: (done: number) => void,
): Promise<CommitCounts> {
  const rows = prepared.map(({ row, code, values, provided }) => ({ row, code, values, provided }));
  return org.importRows(actor, kind.kind, rows, meta, onProgress);
}
