import { PERMISSIONS, type ErrorCode, type GradeRules } from '@jiaowu/contracts';
import { validateGpaConfig } from '@jiaowu/contracts/grades-core';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { loadGradeRules } from './rules.ts';
import { findGradeSettingsForUpdate, saveGradeSettings } from './settings.repository.ts';

const GRADE_PERMISSIONS = PERMISSIONS.filter((p) => p.startsWith('grades.'));

/** 成绩规则: the school's grade rules, read by everyone who works with grades, set by the office. */
export function createGradeSettingsService({ db, clock }: { db: Db; clock: () => Date }) {
  return {
    /** GET /api/grades/settings: any holder of a grades permission (a student sees how GPA is counted). */
    async get(actor: Actor): Promise<GradeRules> {
      if (!GRADE_PERMISSIONS.some((p) => actor.permissions[p]))
        throw new AppError(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
      return loadGradeRules(db);
    },

    /** PUT /api/grades/settings: the office; the GPA band table checked; audited with before and after. */
    async put(actor: Actor, input: GradeRules): Promise<GradeRules> {
      requireAccess(actor, 'grades.manage');
      const issues = validateGpaConfig(input.gpa);
      // The band table's problems are error codes of their own, with their words in both languages.
      if (issues.length) throw new AppError(issues[0].code as ErrorCode, { params: issues[0].params, details: { issues } });
      return db.transaction(async (tx) => {
        const before = await findGradeSettingsForUpdate(tx);
        const beforeRules = await loadGradeRules(tx);
        await saveGradeSettings(tx, { ...input, updatedAt: clock() });
        await writeAudit(tx, actor, {
          action: 'grade_settings.update',
          entityType: 'grade_settings',
          entityId: 1,
          // Before the office's first change the rules were the defaults: those are what was replaced.
          before: { ...beforeRules, wereDefaults: before === null },
          after: input,
        });
        return loadGradeRules(tx);
      });
    },
  };
}

export type GradeSettingsService = ReturnType<typeof createGradeSettingsService>;
