import type { AvailabilityPut, AvailabilityView, Locale, SettingsIssue, TeacherBlock, TeacherBlockKind } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { hasPermission, requireAccess, scopeOf, type Actor, type DataScope } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findCourseFacts } from '../catalog/catalog.read-model.ts';
import { findTermTeachingClasses } from '../offerings/offerings.read-model.ts';
import { findTeachersByIds } from '../org/org.read-model.ts';
import { findTeacherTermBlocks, lockTeacherBlocks, replaceTeacherBlocks } from './settings.repository.ts';
import { requireTermGrid } from './settings.service.ts';

const DAY_NAMES: Record<Locale, string[]> = {
  'zh-CN': ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/** Whether a scope of timetable.change reaches this teacher: everyone, their college, or themself. */
function reachesTeacher(scope: DataScope, t: { id: number; collegeId: number }) {
  if (scope.kind === 'all') return true;
  return scope.collegeIds.includes(t.collegeId) || scope.teachingTeacherId === t.id || scope.selfTeacherId === t.id;
}

/** Blocks outside the grid or overlapping another, each naming its entry. */
function blockIssues(
  blocks: readonly TeacherBlock[],
  grid: { daysPerWeek: number; periodsPerDay: number },
  locale: Locale,
): SettingsIssue[] {
  const out: SettingsIssue[] = [];
  const owner = new Map<string, number>();
  blocks.forEach((b, i) => {
    const row = i + 1;
    const day = DAY_NAMES[locale][b.day - 1];
    if (b.day > grid.daysPerWeek || b.toPeriod < b.fromPeriod || b.toPeriod > grid.periodsPerDay) {
      out.push({ field: `blocks.${i}.toPeriod`, code: 'tt_block_range', params: { row, day, max: grid.periodsPerDay } });
      return;
    }
    for (let p = b.fromPeriod; p <= b.toPeriod; p++) {
      const other = owner.get(`${b.day}:${p}`);
      if (other !== undefined) {
        out.push({ field: `blocks.${i}.fromPeriod`, code: 'tt_block_overlap', params: { row, other } });
        return;
      }
      owner.set(`${b.day}:${p}`, row);
    }
  });
  return out;
}

const present = (b: { kind: string; day: number; fromPeriod: number; toPeriod: number; note: string | null }): TeacherBlock => ({
  kind: b.kind as TeacherBlockKind,
  day: b.day,
  fromPeriod: b.fromPeriod,
  toPeriod: b.toPeriod,
  note: b.note,
});

/**
 * 时间偏好 — a teacher's never / avoid / prefer slots of a term. The teacher edits their own,
 * a college secretary those of the college's teachers, the office anyone's (timetable.change
 * scope); whoever reads every timetable may look.
 */
export function createAvailabilityService({ db }: { db: Db }) {
  async function teacherOf(teacherId: number) {
    const [t] = await findTeachersByIds(db, [teacherId]);
    if (!t)
      throw new AppError('not_found', { fields: [{ field: 'teacherId', code: 'reference_not_found', params: { value: teacherId } }] });
    return t;
  }
  const canEdit = (actor: Actor, t: { id: number; collegeId: number }) =>
    hasPermission(actor, 'timetable.change') && reachesTeacher(scopeOf(actor, 'timetable.change'), t);

  return {
    async get(actor: Actor, termId: number, teacherId: number): Promise<AvailabilityView> {
      const readScope = requireAccess(actor, 'timetable.read');
      const grid = await requireTermGrid(db, termId);
      const t = await teacherOf(teacherId);
      const editable = canEdit(actor, t);
      if (!editable && readScope.kind !== 'all') throw new AppError('forbidden');
      const [blocks, classes] = await Promise.all([findTeacherTermBlocks(db, termId, teacherId), findTermTeachingClasses(db, termId)]);
      const own = classes.filter((c) => c.teacherIds.includes(teacherId) && c.timeWishes.length);
      const courses = new Map(
        (
          await findCourseFacts(
            db,
            own.map((c) => c.courseId),
          )
        ).map((c) => [c.id, c]),
      );
      return {
        termId,
        teacherId,
        teacherName: t.name,
        grid: { daysPerWeek: grid.daysPerWeek, periodsPerDay: grid.periodsPerDay },
        blocks: blocks.map(present),
        wishes: own.flatMap((c) =>
          c.timeWishes.map((w) => ({
            teachingClassId: c.id,
            teachingClassCode: c.code,
            courseName: courses.get(c.courseId)?.name ?? c.code,
            kind: w.kind,
            day: w.day,
            fromPeriod: w.fromPeriod,
            toPeriod: w.toPeriod,
          })),
        ),
        canEdit: editable,
      };
    },

    /** Replaces the teacher's blocks of the term in one transaction with its audit record. */
    async update(actor: Actor, input: AvailabilityPut, locale: Locale): Promise<AvailabilityView> {
      requireAccess(actor, 'timetable.change');
      const grid = await requireTermGrid(db, input.termId);
      const t = await teacherOf(input.teacherId);
      if (!canEdit(actor, t)) throw new AppError('forbidden');
      const issues = blockIssues(input.blocks, grid, locale);
      if (issues.length) throw new AppError('validation_failed', { fields: issues });
      await db.transaction(async (tx) => {
        await lockTeacherBlocks(tx, input.termId, t.id);
        const before = await findTeacherTermBlocks(tx, input.termId, t.id);
        await replaceTeacherBlocks(tx, input.termId, t.id, input.blocks);
        await writeAudit(tx, actor, {
          action: 'teacher_time_blocks.update',
          entityType: 'teacher_time_blocks',
          entityId: `${input.termId}:${t.id}`,
          before: { termId: input.termId, teacherId: t.id, blocks: before.map(present) },
          after: { termId: input.termId, teacherId: t.id, blocks: input.blocks },
        });
      });
      return this.get(actor, input.termId, t.id);
    },
  };
}
export type AvailabilityService = ReturnType<typeof createAvailabilityService>;
