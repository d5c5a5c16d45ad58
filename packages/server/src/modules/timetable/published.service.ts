import type { PublishedQuery, PublishedTimetable, TimetableVersionView } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, scopeOf, type Actor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { findUserNames } from '../iam/iam.read-model.ts';
import { findOrgNames, findStudentAdminClass } from '../org/org.read-model.ts';
import { findSchoolTimeZone } from '../org/school-settings.read-model.ts';
import { toLectureItem } from './lecture-items.ts';
import { currentWeekOf, termWeekList, weekDatesOf } from './published.calendar.ts';
import { findStudentEnrolledClassIds } from '../selection/selection.read-model.ts';
import { resolveOwner, type OwnerParams, type TimetableOwner } from './published.owner.ts';
import { findVersionSummaries } from './publish.repository.ts';
import { loadTermFacts, type TermFacts } from './term-facts.ts';
import { findCurrentVersion, findVersionByNo, findVersionLectures } from './versions.repository.ts';

type VersionRow = NonNullable<Awaited<ReturnType<typeof findCurrentVersion>>>;

/** One owner's lectures of a version, as the pages, exports and feeds start from. */
export interface OwnerTimetable {
  facts: TermFacts;
  owner: TimetableOwner;
  version: VersionRow | null;
  lectures: Awaited<ReturnType<typeof findVersionLectures>>;
  timeZone: string;
}

export function presentVersions(
  rows: Awaited<ReturnType<typeof findVersionSummaries>>,
  names: Map<number, string>,
): TimetableVersionView[] {
  return rows.map((v) => ({
    id: v.id,
    versionNo: v.versionNo,
    source: v.source,
    publishedAt: v.publishedAt.toISOString(),
    publishedByName: v.publishedBy === null ? null : (names.get(v.publishedBy) ?? null),
    note: v.note,
    lectureCount: v.lectureCount,
    draftId: v.draftId,
  }));
}

/**
 * 课表查询 — the published timetable read by everyone in their scope of `timetable.read`
 * (see published.owner.ts): one owner's lectures of the version in force or an older one,
 * optionally of one week, with the term's weeks on the calendar.
 */
export function createPublishedService({ db, clock }: { db: Db; clock: () => Date }) {
  /** Resolves the owner in the caller's scope and reads their lectures of the version asked for. */
  async function ownerTimetable(
    actor: Actor,
    termId: number,
    params: OwnerParams,
    versionNo?: number,
    tx: Db | Tx = db,
  ): Promise<OwnerTimetable> {
    const scope = requireAccess(actor, 'timetable.read');
    const facts = await loadTermFacts(tx, termId);
    const studentId = params.studentId ?? actor.studentId ?? undefined;
    const found = studentId === undefined ? null : await findStudentAdminClass(tx, studentId);
    const student = found && { ...found, enrolledClassIds: await findStudentEnrolledClassIds(tx, found.id, termId) };
    const own = scope.kind === 'some' ? scope.collegeIds : [];
    const collegeId =
      params.collegeId ??
      (Object.values(params).every((v) => v === undefined) && !actor.studentId && !actor.teacherId ? own[0] : undefined);
    const collegeName = collegeId === undefined ? null : ((await findOrgNames(tx, 'colleges', [collegeId]))[0]?.name ?? null);
    const owner = resolveOwner(
      scope,
      { teacherId: actor.teacherId, studentId: actor.studentId },
      params,
      facts,
      { student, collegeName },
      actor.locale,
    );
    const version = versionNo === undefined ? await findCurrentVersion(tx, termId) : await findVersionByNo(tx, termId, versionNo);
    if (versionNo !== undefined && !version) throw new AppError('not_found', { details: { version: 'not_found' } });
    const lectures = version ? (await findVersionLectures(tx, version.id)).filter((l) => owner.has(l)) : [];
    return { facts, owner, version, lectures, timeZone: await findSchoolTimeZone(tx) };
  }

  return {
    ownerTimetable,

    async published(actor: Actor, q: PublishedQuery): Promise<PublishedTimetable> {
      const { termId, week, version: versionNo, ...params } = q;
      const t = await ownerTimetable(actor, termId, params, versionNo);
      const { grid } = t.facts;
      if (week !== undefined && week > grid.weeks)
        throw new AppError('validation_failed', { fields: [{ field: 'week', code: 'invalid' }] });
      const names = t.version?.publishedBy ? await findUserNames(db, [t.version.publishedBy]) : new Map<number, string>();
      const [versionView] = t.version
        ? presentVersions([{ ...t.version, publishedBy: t.version.publishedBy, lectureCount: t.lectures.length }], names)
        : [null];
      const lectures = t.lectures
        .filter((l) => week === undefined || ((l.weekMask >>> (week - 1)) & 1) === 1)
        .map((l) => toLectureItem(l, t.facts));
      return {
        term: { id: grid.id, code: grid.code, name: grid.name, startDate: grid.startDate, weeks: grid.weeks },
        owner: { kind: t.owner.kind, id: t.owner.id, name: t.owner.name },
        version: versionView,
        grid: { daysPerWeek: grid.daysPerWeek, periodsPerDay: grid.periodsPerDay, periods: grid.periods },
        weekList: termWeekList(grid.startDate, grid.weeks, grid.daysPerWeek),
        currentWeek: currentWeekOf(grid.startDate, grid.weeks, clock(), t.timeZone),
        week: week ?? null,
        weekDates: week === undefined ? null : weekDatesOf(grid.startDate, week, grid.daysPerWeek),
        lectures,
      };
    },

    /** The term's versions, newest first (anyone who reads timetables sees that and when they changed). */
    async versions(actor: Actor, termId: number) {
      requireAccess(actor, 'timetable.read');
      const rows = await findVersionSummaries(db, termId);
      const names = await findUserNames(db, [...new Set(rows.map((r) => r.publishedBy).filter((x): x is number => x !== null))]);
      return { items: presentVersions(rows, names) };
    },

    /** Whether the caller may read every timetable (whole-school exports). */
    readsAll: (actor: Actor) => actor.permissions['timetable.read'] !== undefined && scopeOf(actor, 'timetable.read').kind === 'all',
  };
}

export type PublishedService = ReturnType<typeof createPublishedService>;
