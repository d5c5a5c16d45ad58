import {
  changeInput,
  weeksOfMask,
  type ChangeItem,
  type ChangeKind,
  type ChangeOption,
  type ChangeReasonKind,
  type ChangeRulesView,
  type ChangeStats,
  type ChangeStatus,
  type LectureItem,
  type Locale,
} from '@jiaowu/contracts';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, type Actor, type DataScope } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { daysBetween, mondayOf, schoolDate } from '../home/school-dates.ts';
import { findSchoolTimeZone } from '../org/school-settings.read-model.ts';
import { AppError } from '../../platform/errors.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import type { WorkflowService } from '../workflow/workflow.service.ts';
import { changeConflicts, pastProblems, ruleProblems, ruleTexts, specOf, type Both } from './changes.check.ts';
import { lockTermTimetable } from './bookings.repository.ts';
import * as repo from './changes.repository.ts';
import { findChangeOptions } from './changes.options.ts';
import { createChangeSubject } from './changes.subject.ts';
import { toLectureItem } from './lecture-items.ts';
import { loadTermFacts, type TermFacts } from './term-facts.ts';
import { findCurrentVersion, findVersionLectures, type VersionLecture } from './versions.repository.ts';

export const CHANGE_SUBJECT = 'timetable_change';
export const CHANGE_FLOW = 'timetable_change';

type Input = z.output<typeof changeInput>;
type WorkflowPort = Pick<WorkflowService, 'registerSubject' | 'submit' | 'withdraw' | 'findBySubject' | 'isPending'>;
const join = (words: readonly string[], locale: Locale) => words.join(locale === 'en' ? '; ' : '；');

/** Whether a lecture is inside the actor's `timetable.change` scope: the office's, the college's, or one the teacher teaches. */
function covers(scope: DataScope, facts: TermFacts, lecture: VersionLecture) {
  if (scope.kind === 'all') return true;
  const c = facts.classes.get(lecture.teachingClassId);
  if (c && scope.collegeIds.includes(c.collegeId)) return true;
  const t = scope.teachingTeacherId;
  return t !== null && (lecture.teacherIds.includes(t) || (c?.teacherIds.includes(t) ?? false));
}

/** The published lecture a request names, with the term's facts; 404 for a lecture outside the scope. */
export async function loadLecture(h: Db | Tx, scope: DataScope, termId: number, lectureKey: string) {
  const version = await findCurrentVersion(h, termId);
  if (!version) throw new AppError('timetable_not_published');
  const [facts, lectures] = await Promise.all([loadTermFacts(h, termId), findVersionLectures(h, version.id) as Promise<VersionLecture[]>]);
  const lecture = lectures.find((l) => l.lectureKey === lectureKey);
  if (!lecture || !covers(scope, facts, lecture)) throw new AppError('not_found', { details: { lectureKey: 'not_found' } });
  return { version, facts, lectures, lecture };
}

/** Present a stored request in the reader's language. */
export function presentChange(
  r: repo.ChangeRow,
  facts: TermFacts,
  names: Awaited<ReturnType<typeof repo.findChangeNames>>,
  locale: Locale,
): ChangeItem {
  const c = facts.classes.get(r.teachingClassId);
  const origin = r.origin as { day: number; startPeriod: number; length: number; roomId: number | null } | null;
  const targets = (r.targets as { day: number; startPeriod: number; roomId: number; weekMask: number }[]) ?? [];
  const failure = r.failure as Both[] | null;
  const roomName = (id: number | null) => (id === null ? null : (facts.rooms.get(id)?.name ?? null));
  return {
    id: r.id,
    termId: r.termId,
    kind: r.kind as ChangeKind,
    status: r.status as ChangeStatus,
    lectureKey: r.lectureKey,
    teachingClassId: r.teachingClassId,
    teachingClassCode: c?.code ?? '',
    courseName: c ? (locale === 'en' ? (c.course.nameEn ?? c.course.name) : c.course.name) : '',
    collegeId: r.collegeId,
    collegeName: names.colleges.get(r.collegeId) ?? '',
    teacherId: r.teacherId,
    teacherName: r.teacherId === null ? null : (names.teachers.get(r.teacherId) ?? null),
    from: origin ? { ...origin, roomName: roomName(origin.roomId) } : null,
    weeks: weeksOfMask(r.weekMask),
    targets: targets.map((t) => ({
      day: t.day,
      startPeriod: t.startPeriod,
      roomId: t.roomId,
      roomName: roomName(t.roomId) ?? '',
      weeks: weeksOfMask(t.weekMask),
    })),
    substituteTeacherId: r.substituteTeacherId,
    substituteTeacherName: r.substituteTeacherId === null ? null : (names.teachers.get(r.substituteTeacherId) ?? null),
    reasonKind: r.reasonKind as ChangeReasonKind,
    reason: r.reason,
    periods: r.periods,
    failure: failure ? failure.map((f) => f[locale]) : null,
    workflowInstanceId: r.workflowInstanceId,
    appliedVersionId: r.appliedVersionId,
    requestedByName: r.requestedBy === null ? null : (names.users.get(r.requestedBy) ?? null),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * 调课/停课/补课/代课 after publication: a teacher (or the college secretary for them) files a
 * request for one lecture; the office's rules and the hard rules are checked at once and again
 * at approval (changes.subject.ts), where an approved request becomes a new timetable version.
 */
export function createChangesService({
  db,
  clock,
  workflow,
  notify,
}: {
  db: Db;
  clock: () => Date;
  workflow: WorkflowPort;
  /** Tells teachers and students of an applied change, the applicant of a failed one. */
  notify: Notify | null;
}) {
  workflow.registerSubject(CHANGE_SUBJECT, createChangeSubject({ clock, notify }));

  async function personalUsed(h: Db | Tx, termId: number, teacherId: number | null) {
    return teacherId === null ? 0 : repo.countPersonalChanges(h, termId, teacherId);
  }

  async function file(tx: Tx, actor: Actor, input: Input) {
    const scope = requireAccess(actor, 'timetable.change');
    // Under the term's timetable lock: two requests for the same weeks of a lecture cannot both pass
    // the overlap check, and the conflict check sees the version and bookings as they are.
    await lockTermTimetable(tx, input.termId);
    const { facts, lectures, lecture } = await loadLecture(tx, scope, input.termId, input.lectureKey);
    const cls = facts.classes.get(lecture.teachingClassId)!;
    const teacherId =
      actor.teacherId !== null && lecture.teacherIds.includes(actor.teacherId) ? actor.teacherId : (lecture.teacherIds[0] ?? null);
    const checked = specOf(input, lecture, facts, teacherId, 0);
    if ('problem' in checked) throw new AppError('timetable_change_invalid', { params: { reason: checked.problem[actor.locale] } });
    const { spec, periods } = checked;
    if (await repo.findOpenOverlap(tx, input.termId, lecture.lectureKey, spec.weekMask))
      throw new AppError('timetable_change_invalid', {
        params: {
          reason:
            actor.locale === 'en' ? 'a request for these weeks of the lecture is already waiting' : '这节课的这些周次已有待审批的调课申请',
        },
      });
    const today = schoolDate(clock(), await findSchoolTimeZone(tx));
    const broken = [
      ...pastProblems(facts.grid.startDate, lecture, spec, today),
      ...ruleProblems(facts.settings.changeRules, spec, input.reasonKind, await personalUsed(tx, input.termId, teacherId)),
    ];
    if (broken.length)
      throw new AppError('timetable_change_rules', {
        params: {
          rules: join(
            broken.map((b) => b[actor.locale]),
            actor.locale,
          ),
        },
        details: { rules: broken.map((b) => b[actor.locale]) },
      });
    const conflicts = changeConflicts(facts, lectures, spec);
    if (conflicts.length) {
      const words = conflicts.map((c) => c[actor.locale]);
      throw new AppError('timetable_slot_taken', { params: { conflicts: join(words, actor.locale) }, details: { conflicts: words } });
    }
    const now = clock();
    const row = await repo.insertChange(tx, {
      termId: input.termId,
      kind: input.kind,
      lectureKey: lecture.lectureKey,
      teachingClassId: lecture.teachingClassId,
      collegeId: cls.collegeId,
      teacherId,
      weekMask: spec.weekMask,
      origin: {
        day: lecture.day,
        startPeriod: lecture.startPeriod,
        length: lecture.length,
        roomId: lecture.roomId,
        weekMask: lecture.weekMask,
      },
      targets: spec.targets,
      substituteTeacherId: spec.substituteTeacherId,
      reasonKind: input.reasonKind,
      reason: input.reason,
      periods,
      status: 'submitted',
      requestedBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    const instanceId = await workflow.submit(actor, {
      flowKey: CHANGE_FLOW,
      subjectType: CHANGE_SUBJECT,
      subjectId: row.id,
      scope: { collegeId: cls.collegeId },
      // What the flow's step conditions read: the office step tests the periods over the college's
      // limit of the term's rules; a permanent change counts all of its periods.
      context: {
        periods,
        periodsOverLimit: input.kind === 'permanent' ? periods : Math.max(0, periods - facts.settings.changeRules.collegeOnlyUpToPeriods),
        kind: input.kind,
        collegeId: cls.collegeId,
      },
      tx,
    });
    const stored = await repo.updateChange(tx, row.id, { workflowInstanceId: instanceId });
    await writeAudit(tx, actor, {
      action: 'timetable_changes.create',
      entityType: 'timetable_changes',
      entityId: row.id,
      after: { ...input, periods, instanceId },
    });
    return { row: stored, facts };
  }

  async function present(h: Db | Tx, rows: repo.ChangeRow[], facts: TermFacts, locale: Locale) {
    const names = await repo.findChangeNames(h, rows);
    return rows.map((r) => presentChange(r, facts, names, locale));
  }

  async function loadOwn(h: Db | Tx, actor: Actor, id: number) {
    const scope = requireAccess(actor, 'timetable.change');
    const row = await repo.findChange(h, id, repo.changeScopeWhere(scope, actor.userId));
    if (!row) throw new AppError('not_found');
    return row;
  }

  return {
    /** Files a request and submits it for approval (one transaction with its audit record). */
    async file(actor: Actor, input: Input, tx?: Tx): Promise<ChangeItem> {
      const run = async (t: Tx) => {
        const { row, facts } = await file(t, actor, input);
        return (await present(t, [row], facts, actor.locale))[0];
      };
      return tx ? run(tx) : db.transaction(run);
    },

    async rules(actor: Actor, termId: number, teacherId?: number): Promise<ChangeRulesView> {
      const scope = requireAccess(actor, 'timetable.change');
      const facts = await loadTermFacts(db, termId);
      // A teacher sees their own count; others name the teacher they file for.
      const who = scope.kind === 'some' && scope.collegeIds.length === 0 ? actor.teacherId : (teacherId ?? actor.teacherId);
      const used = await personalUsed(db, termId, who);
      const rules = facts.settings.changeRules;
      const today = schoolDate(clock(), await findSchoolTimeZone(db));
      const days = daysBetween(mondayOf(facts.grid.startDate), today);
      return {
        ...rules,
        personalUsed: used,
        today: { week: Math.floor(days / 7) + 1, day: (((days % 7) + 7) % 7) + 1 },
        texts: ruleTexts(rules, used, actor.locale),
      };
    },

    /** The published lectures the actor may file changes for (a teacher's own, a secretary's college's), for the form's picker. */
    async lectures(actor: Actor, termId: number): Promise<LectureItem[]> {
      const scope = requireAccess(actor, 'timetable.change');
      const version = await findCurrentVersion(db, termId);
      if (!version) return [];
      const [facts, lectures] = await Promise.all([
        loadTermFacts(db, termId),
        findVersionLectures(db, version.id) as Promise<VersionLecture[]>,
      ]);
      return lectures.filter((l) => covers(scope, facts, l)).map((l) => toLectureItem(l, facts));
    },

    async options(actor: Actor, q: { termId: number; lectureKey: string; weeks: number[] }): Promise<ChangeOption[]> {
      const scope = requireAccess(actor, 'timetable.change');
      const { facts, lectures, lecture } = await loadLecture(db, scope, q.termId, q.lectureKey);
      return findChangeOptions(facts, lectures, lecture, q.weeks, actor.locale);
    },

    async list(actor: Actor, f: Omit<repo.ChangeFilters, 'mine'> & { mine?: boolean }, page: { page: number; pageSize: number }) {
      const scope = requireAccess(actor, 'timetable.change');
      const { rows, total } = await repo.findChangesPage(
        db,
        { ...f, mine: f.mine ? { userId: actor.userId, teacherId: actor.teacherId } : undefined },
        repo.changeScopeWhere(scope, actor.userId),
        page,
      );
      const facts = await loadTermFacts(db, f.termId);
      return { items: await present(db, rows, facts, actor.locale), total };
    },

    async get(actor: Actor, id: number) {
      const row = await loadOwn(db, actor, id);
      const facts = await loadTermFacts(db, row.termId);
      const [item] = await present(db, [row], facts, actor.locale);
      const flow = await workflow.findBySubject(CHANGE_SUBJECT, id, actor.locale);
      return { ...item, flow };
    },

    async withdraw(actor: Actor, id: number) {
      return db.transaction(async (tx) => {
        const row = await loadOwn(tx, actor, id);
        if (!row.workflowInstanceId || (row.status !== 'submitted' && row.status !== 'returned'))
          throw new AppError('invalid_transition', { params: { status: row.status } });
        await workflow.withdraw(actor, row.workflowInstanceId, null, tx);
        return { ok: true as const };
      });
    },

    async stats(actor: Actor, termId: number): Promise<ChangeStats> {
      const scope = requireAccess(actor, 'timetable.change');
      const s = await repo.findChangeStats(db, termId, repo.changeScopeWhere(scope, actor.userId));
      const names = await repo.findChangeNames(db, [
        ...s.byTeacher.map((r) => ({ teacherId: r.key as number | null, substituteTeacherId: null, collegeId: 0, requestedBy: null })),
        ...s.byCollege.map((r) => ({ teacherId: null, substituteTeacherId: null, collegeId: r.key as number, requestedBy: null })),
      ]);
      return {
        total: s.byStatus.reduce((n, r) => n + Number(r.n), 0),
        byTeacher: s.byTeacher.map((r) => ({
          teacherId: r.key as number | null,
          name: names.teachers.get(r.key as number) ?? '',
          count: Number(r.n),
          periods: r.periods,
        })),
        byCollege: s.byCollege.map((r) => ({
          collegeId: r.key as number,
          name: names.colleges.get(r.key as number) ?? '',
          count: Number(r.n),
          periods: r.periods,
        })),
        byReason: s.byReason.map((r) => ({ reasonKind: r.key as ChangeReasonKind, count: Number(r.n) })),
        byKind: s.byKind.map((r) => ({ kind: r.key as ChangeKind, count: Number(r.n) })),
        byStatus: s.byStatus.map((r) => ({ status: r.key as ChangeStatus, count: Number(r.n) })),
      };
    },
  };
}

export type ChangesService = ReturnType<typeof createChangesService>;
