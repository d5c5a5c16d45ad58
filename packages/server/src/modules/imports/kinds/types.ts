import type { z } from 'zod';
import type { ImportKind, Permission } from '@jiaowu/contracts';
import type { Db, Tx } from '../../../db/client.ts';
import type { ExistingRow, RefTarget } from '../../org/org.import-repository.ts';

/** Where in the organisation a row lands: decides whether a college/department-scoped manager may write it. */
export interface Anchor {
  collegeId: number | null;
  departmentId: number | null;
}

/** A column holding another record's public code, resolved to that record's id. */
export interface RefColumn {
  /** Schema field receiving the id (adminClassCode → adminClassId). */
  field: string;
  load(db: Db | Tx): Promise<Map<string, RefTarget>>;
}

/**
 * One importable kind, declared once: the API's zod schema, its reference
 * columns, how its rows are placed for scope checks, and the org module's
 * bulk read. Writes go through the org service (`OrgService.importRows`).
 */
export interface ImportKindSpec {
  kind: ImportKind;
  /** The manage permission of the resource; its data scope limits which rows may be written. */
  manage: Permission;
  /** Audit entity type (as the resource's own create/update records use). */
  entity: string;
  schema: z.ZodObject<z.ZodRawShape>;
  refs: Record<string, RefColumn>;
  /** Anchor of a new or changed row from its resolved references; null = belongs to no college. */
  anchor(refs: Record<string, RefTarget>): Anchor | null;
  /** Values that follow from references (a student's major follows the admin class). */
  derive?(refs: Record<string, RefTarget>): Record<string, unknown>;
  findExisting(db: Db | Tx, codes: string[]): Promise<Map<string, ExistingRow>>;
  /** Kinds with an ID number (证件号码): the 学号/工号 of the living people holding these numbers. */
  findIdNumberHolders?(db: Db | Tx, idNumbers: string[]): Promise<Map<string, string>>;
}
