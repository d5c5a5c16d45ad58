import { gradeRules, type GradeRules } from '@jiaowu/contracts';
import {
  DEFAULT_ATTEMPT_POLICY,
  DEFAULT_COMPONENT_RULES,
  DEFAULT_FIVE_LEVEL_TOTALS,
  DEFAULT_GPA_CONFIG,
  DEFAULT_MARK_POLICY,
} from '@jiaowu/contracts/grades-core';
import type { Db, Tx } from '../../db/client.ts';
import { findGradeSettings } from './settings.repository.ts';

/** The grade core's defaults: what a school has before its office sets its own rules. */
export const DEFAULT_GRADE_RULES: GradeRules = {
  gpa: DEFAULT_GPA_CONFIG,
  attempts: DEFAULT_ATTEMPT_POLICY,
  marks: DEFAULT_MARK_POLICY,
  componentRules: DEFAULT_COMPONENT_RULES,
  levelTotals: DEFAULT_FIVE_LEVEL_TOTALS,
  showComponents: true,
  showRanks: false,
  riskFailedCreditsTenths: 100,
};

/**
 * The school's grade rules, every part checked against the contract: a row written by an older
 * version (or by hand) that no longer parses falls back to the defaults part by part rather than
 * failing every grade page.
 */
export async function loadGradeRules(db: Db | Tx): Promise<GradeRules> {
  const row = await findGradeSettings(db);
  if (!row) return DEFAULT_GRADE_RULES;
  const parsed = gradeRules.safeParse({
    gpa: row.gpa,
    attempts: row.attempts,
    marks: row.marks,
    componentRules: row.componentRules,
    levelTotals: row.levelTotals,
    showComponents: row.showComponents,
    showRanks: row.showRanks,
    riskFailedCreditsTenths: row.riskFailedCreditsTenths,
  });
  return parsed.success ? parsed.data : DEFAULT_GRADE_RULES;
}
