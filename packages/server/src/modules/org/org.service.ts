import type { z } from 'zod';
import type { timeGridInput, TimeGrid } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { createResourceService, type ResourceService } from '../../platform/crud/resource.service.ts';
import type { ResourceDef } from '../../platform/crud/resource.types.ts';
import { withDbErrors } from '../../platform/db-errors.ts';
import { AppError } from '../../platform/errors.ts';
import type { OrgImportKind } from './org.import-repository.ts';
import { findTerm, findTermForShare, findTimeGrid, replaceTimeGrid, teacherAnchors } from './org.repository.ts';
import { ORG_RESOURCES } from './org.resources.ts';
import { peopleWritten, type PersonChange } from './people-events.ts';
import { importOrgRows, type OrgImportCounts, type OrgImportRow } from './use-cases/import-org-rows.ts';

export interface OrgService {
  resources: Record<string, ResourceService>;
  getTimeGrid(actor: Actor, termId: number, campusId: number | null): Promise<TimeGrid>;
  setTimeGrid(actor: Actor, termId: number, input: z.infer<typeof timeGridInput>): Promise<TimeGrid>;
  /** College/department of a teacher (for scope anchors); null when unknown. */
  teacherAnchors(teacherId: number): Promise<{ collegeId: number; departmentId: number } | null>;
  /** Spreadsheet import's write: bulk upsert by code in one audited transaction (see importOrgRows). */
  importRows(
    actor: Actor,
    kind: OrgImportKind,
    rows: OrgImportRow[],
    meta: { filename: string | null; rows: number },
    onProgress?: (done: number) => void,
  ): Promise<OrgImportCounts>;
}

const PERSON_KIND: Record<string, PersonChange['kind']> = { students: 'student', teachers: 'teacher' };

/** A students/teachers resource tells the people listeners (accounts) of every write, in its transaction. */
function withPeopleEvents(def: ResourceDef): ResourceDef {
  const kind = PERSON_KIND[def.key];
  if (!kind) return def;
  return {
    ...def,
    hooks: {
      ...def.hooks,
      async afterWrite(tx, ctx) {
        await def.hooks?.afterWrite?.(tx, ctx);
        const before = ctx.before as { code: string; status: string } | null;
        await peopleWritten(tx, ctx.actor, [
          { kind, id: ctx.id, op: ctx.op, before: before && { code: before.code, status: before.status } },
        ]);
      },
    },
  };
}

export function createOrgService({ db, clock }: { db: Db; clock: () => Date }): OrgService {
  const resources = Object.fromEntries(
    ORG_RESOURCES.map((def: ResourceDef) => [def.key, createResourceService({ db, def: withPeopleEvents(def), clock })]),
  );

  async function getTimeGrid(actor: Actor, termId: number, campusId: number | null): Promise<TimeGrid> {
    requireAccess(actor, 'org.read');
    if (!(await findTerm(db, termId))) throw new AppError('not_found');
    let periods = await findTimeGrid(db, termId, campusId);
    // A campus without its own grid uses the term's default grid.
    if (campusId !== null && periods.length === 0) periods = await findTimeGrid(db, termId, null);
    return { termId, campusId, periods };
  }

  return {
    resources,
    getTimeGrid,
    async setTimeGrid(actor, termId, input) {
      requireAccess(actor, 'org.manage');
      const periods = [...input.periods].sort((a, b) => a.period - b.period);
      const campusId = input.campusId ?? null;
      // One transaction: the term is read (and held against a concurrent
      // change of its periods per day) where the grid and its audit record are written.
      await withDbErrors(() =>
        db.transaction(async (tx) => {
          const term = await findTermForShare(tx, termId);
          if (!term) throw new AppError('not_found');
          const fields = [];
          for (let i = 0; i < periods.length; i++) {
            if (periods[i].period > term.periodsPerDay)
              fields.push({ field: `periods.${i}.period`, code: 'too_big', params: { maximum: term.periodsPerDay } });
            if (i > 0 && periods[i].period === periods[i - 1].period)
              fields.push({ field: `periods.${i}.period`, code: 'duplicate_in_file', params: { row: i } });
            if (i > 0 && periods[i].startsAt < periods[i - 1].endsAt) fields.push({ field: `periods.${i}.startsAt`, code: 'time_range' });
          }
          if (fields.length) throw new AppError('validation_failed', { fields });
          const before = await findTimeGrid(tx, termId, campusId);
          await replaceTimeGrid(tx, termId, campusId, periods);
          await writeAudit(tx, actor, {
            action: 'terms.time_grid.update',
            entityType: 'terms',
            entityId: termId,
            before: { campusId, periods: before },
            after: { campusId, periods },
          });
        }),
      );
      return { termId, campusId, periods };
    },
    async teacherAnchors(teacherId) {
      return teacherAnchors(db, teacherId);
    },
    importRows(actor, kind, rows, meta, onProgress) {
      return importOrgRows(db, actor, kind, rows, meta, onProgress);
    },
  };
}
