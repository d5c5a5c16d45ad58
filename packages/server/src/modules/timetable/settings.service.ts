import {
  COURSE_CATEGORIES,
  settingsIssues,
  type SettingsIssue,
  type TimetableSettingsPut,
  type TimetableSettingsView,
} from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { hasPermission, requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findOrgNames, findTermGrid } from '../org/org.read-model.ts';
import { saveSettingsAt } from './settings.repository.ts';
import { settingsOf } from './term-facts.ts';
import { findSettingsRow } from './term-facts.repository.ts';

/** A term's grid or not_found naming the field. */
export async function requireTermGrid(db: Db, termId: number) {
  const grid = await findTermGrid(db, termId);
  if (!grid) throw new AppError('not_found', { fields: [{ field: 'termId', code: 'reference_not_found', params: { value: termId } }] });
  return grid;
}

/**
 * 排课设置 of a term. The office (timetable.manage) reads and writes; whoever reads every
 * timetable (timetable.read at scope all: the leaders) may read them.
 */
export function createTimetableSettingsService({ db, clock }: { db: Db; clock: () => Date }) {
  async function view(termId: number): Promise<TimetableSettingsView> {
    const grid = await requireTermGrid(db, termId);
    const row = await findSettingsRow(db, termId);
    return {
      termId,
      ...settingsOf(row),
      grid: { daysPerWeek: grid.daysPerWeek, periodsPerDay: grid.periodsPerDay, weeks: grid.weeks },
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  }

  /** Ids the settings name must exist: colleges, campuses, course categories. */
  async function referenceIssues(input: TimetableSettingsPut): Promise<SettingsIssue[]> {
    const collegeIds = input.blockedSlots.flatMap((b) => (b.appliesTo.kind === 'college' ? b.appliesTo.ids : []));
    const campusIds = input.campusTravel.flatMap((t) => [t.campusA, t.campusB]);
    const [colleges, campuses] = await Promise.all([findOrgNames(db, 'colleges', collegeIds), findOrgNames(db, 'campuses', campusIds)]);
    const knownColleges = new Set(colleges.map((c) => c.id));
    const knownCampuses = new Set(campuses.map((c) => c.id));
    const categories = new Set<string>(COURSE_CATEGORIES);
    const out: SettingsIssue[] = [];
    input.blockedSlots.forEach((b, i) => {
      const row = i + 1;
      const a = b.appliesTo;
      if (a.kind === 'college')
        for (const id of a.ids.filter((x) => !knownColleges.has(x)))
          out.push({ field: `blockedSlots.${i}.appliesTo`, code: 'tt_blocked_unknown', params: { row, what: 'college', value: id } });
      if (a.kind === 'cohort')
        for (const y of a.ids.filter((x) => x < 1990 || x > 2100))
          out.push({ field: `blockedSlots.${i}.appliesTo`, code: 'tt_blocked_unknown', params: { row, what: 'cohort', value: y } });
      for (const c of [...(a.kind === 'category' ? a.categories : []), ...(b.exceptCategories ?? [])].filter((x) => !categories.has(x)))
        out.push({ field: `blockedSlots.${i}.appliesTo`, code: 'tt_blocked_unknown', params: { row, what: 'category', value: c } });
    });
    input.campusTravel.forEach((t, i) => {
      for (const [f, c] of [
        ['campusA', t.campusA],
        ['campusB', t.campusB],
      ] as const)
        if (!knownCampuses.has(c))
          out.push({ field: `campusTravel.${i}.${f}`, code: 'tt_travel_unknown', params: { row: i + 1, value: c } });
    });
    return out;
  }

  return {
    async get(actor: Actor, termId: number): Promise<TimetableSettingsView> {
      if (!hasPermission(actor, 'timetable.manage') && requireAccess(actor, 'timetable.read').kind !== 'all')
        throw new AppError('forbidden');
      return view(termId);
    },

    /** Saves the whole settings if nobody saved since `version`; refuses with every issue by row and field. */
    async update(actor: Actor, input: TimetableSettingsPut): Promise<TimetableSettingsView> {
      requireAccess(actor, 'timetable.manage');
      const grid = await requireTermGrid(db, input.termId);
      const issues = [...settingsIssues(input, grid), ...(await referenceIssues(input))];
      if (issues.length) throw new AppError('validation_failed', { fields: issues });
      const { termId, version, ...settings } = input;
      await db.transaction(async (tx) => {
        const before = await findSettingsRow(tx, termId);
        const saved = await saveSettingsAt(tx, termId, version, settings, clock());
        if (!saved) throw new AppError('stale', { details: { currentVersion: before?.version ?? null } });
        const { version: _b, updatedAt: _u, ...beforeValues } = before ?? { version: 0, updatedAt: null };
        await writeAudit(tx, actor, {
          action: 'timetable_settings.update',
          entityType: 'timetable_settings',
          entityId: termId,
          before: before ? beforeValues : null,
          after: { termId, ...settings },
        });
      });
      return view(termId);
    },
  };
}
export type TimetableSettingsService = ReturnType<typeof createTimetableSettingsService>;
