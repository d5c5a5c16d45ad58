import { WEB_PATHS, type ChangeKind, type Locale } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { SubjectEvent, SubjectHandler } from '../workflow/workflow.types.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import { lockTermTimetable } from './bookings.repository.ts';
import { changeConflicts, type Both } from './changes.check.ts';
import type { ChangeSpec } from './changes.apply.ts';
import { applyChange } from './changes.apply.ts';
import * as repo from './changes.repository.ts';
import { dayName, periodsText } from './changes.words.ts';
import { loadTermFacts, type TermFacts } from './term-facts.ts';
import { findCurrentVersion, findVersionLectures, insertVersion, type VersionLecture } from './versions.repository.ts';
import { weeksOfMask, weeksText } from '@jiaowu/contracts';

const KIND_WORDS: Record<ChangeKind, Both> = {
  move: { 'zh-CN': '调课', en: 'moved' },
  cancel: { 'zh-CN': '停课', en: 'cancelled' },
  substitute: { 'zh-CN': '代课', en: 'substitute teacher' },
  permanent: { 'zh-CN': '永久调整', en: 'permanently moved' },
};

async function load(h: Db | Tx, id: number) {
  const row = await repo.findChange(h, id);
  if (!row) throw new AppError('not_found');
  return row;
}

function specOfRow(r: repo.ChangeRow): ChangeSpec {
  return {
    id: r.id,
    kind: r.kind as ChangeKind,
    lectureKey: r.lectureKey,
    weekMask: r.weekMask,
    targets: r.targets as ChangeSpec['targets'],
    substituteTeacherId: r.substituteTeacherId,
    teacherId: r.teacherId,
  };
}

/** "第5周 周三 第3-4节 → 周五 第1-2节 A101" in both languages, for notifications. */
function whatChanged(r: repo.ChangeRow, facts: TermFacts): Both {
  const origin = r.origin as { day: number; startPeriod: number; length: number } | null;
  const words = (locale: Locale) => {
    const en = locale === 'en';
    const weeks = weeksText(weeksOfMask(r.weekMask), locale);
    const from = origin
      ? `${dayName(origin.day, locale)} ${periodsText(origin.startPeriod, origin.startPeriod + origin.length - 1, locale)}`
      : '';
    const targets = (r.targets as ChangeSpec['targets']).map(
      (t) =>
        `${weeksText(weeksOfMask(t.weekMask), locale)} ${dayName(t.day, locale)} ${periodsText(t.startPeriod, t.startPeriod + (origin?.length ?? 1) - 1, locale)} ${facts.rooms.get(t.roomId)?.name ?? ''}`,
    );
    const sub = r.substituteTeacherId ? (facts.teachers.get(r.substituteTeacherId)?.name ?? '') : '';
    switch (r.kind as ChangeKind) {
      case 'move':
      case 'permanent':
        return `${weeks} ${from} → ${targets.join(', ')}`;
      case 'cancel':
        return targets.length ? `${weeks} ${from}${en ? ', make-up: ' : '，补课：'}${targets.join(en ? ', ' : '，')}` : `${weeks} ${from}`;
      case 'substitute':
        return en ? `${weeks} ${from} taught by ${sub}` : `${weeks} ${from} 由${sub}代课`;
    }
  };
  return { 'zh-CN': words('zh-CN'), en: words('en') };
}

/**
 * What the approval engine calls for a change request. Approval re-runs the conflict check
 * against the timetable in force NOW (it may have changed since filing, under the term's lock):
 * clean, the change becomes a new version and every teacher and student concerned is told;
 * not clean, the request is `failed` with the conflict in words and the applicant is told.
 */
export function createChangeSubject({ clock, notify }: { clock: () => Date; notify: Notify | null }) {
  const handler: SubjectHandler = {
    async describe(db, subjectId, locale) {
      const r = await repo.findChange(db, subjectId);
      if (!r) return locale === 'en' ? 'Timetable change (deleted)' : '调课申请（已删除）';
      const facts = await loadTermFacts(db, r.termId);
      const c = facts.classes.get(r.teachingClassId);
      const course = c ? (locale === 'en' ? (c.course.nameEn ?? c.course.name) : c.course.name) : '';
      return `${KIND_WORDS[r.kind as ChangeKind][locale]} — ${course}（${c?.code ?? ''}）— ${weeksText(weeksOfMask(r.weekMask), locale)}`;
    },
    link: (id) => WEB_PATHS.timetableChange(id),

    async onApproved(tx, event, actor) {
      const r = await load(tx, event.subjectId);
      await lockTermTimetable(tx, r.termId);
      const facts = await loadTermFacts(tx, r.termId);
      const version = await findCurrentVersion(tx, r.termId);
      const lectures = version ? ((await findVersionLectures(tx, version.id)) as VersionLecture[]) : [];
      const lecture = lectures.find((l) => l.lectureKey === r.lectureKey);
      const failure: Both[] =
        !lecture || (lecture.weekMask & r.weekMask) !== r.weekMask
          ? [{ 'zh-CN': '这节课在这些周次已被调整或取消', en: 'the lecture has meanwhile been changed in these weeks' }]
          : changeConflicts(facts, lectures, specOfRow(r));
      if (failure.length) {
        await repo.updateChange(tx, r.id, { status: 'failed', failure, updatedAt: event.at });
        await writeAudit(tx, actor, {
          action: 'timetable_changes.failed',
          entityType: 'timetable_changes',
          entityId: r.id,
          before: { status: r.status },
          after: { status: 'failed', failure, instanceId: event.instanceId },
        });
        if (notify && r.requestedBy !== null) {
          const c = facts.classes.get(r.teachingClassId);
          await notify(tx, {
            userIds: [r.requestedBy],
            kind: 'timetable_change_failed',
            params: {
              course: c ? { 'zh-CN': c.course.name, en: c.course.nameEn ?? c.course.name } : '',
              subject: { 'zh-CN': await handler.describe(tx, r.id, 'zh-CN'), en: await handler.describe(tx, r.id, 'en') },
              conflicts: { 'zh-CN': failure.map((f) => f['zh-CN']).join('；'), en: failure.map((f) => f.en).join('; ') },
            },
            link: WEB_PATHS.timetableChange(r.id),
          });
        }
        return;
      }
      const applied = applyChange(lectures, specOfRow(r));
      const next = await insertVersion(
        tx,
        r.termId,
        { source: 'change', changeRequestId: r.id, note: null, publishedBy: actor.userId, at: event.at ?? clock() },
        applied.lectures,
      );
      await repo.updateChange(tx, r.id, { status: 'approved', appliedVersionId: next.id, failure: null, updatedAt: event.at });
      await writeAudit(tx, actor, {
        action: 'timetable_changes.approved',
        entityType: 'timetable_changes',
        entityId: r.id,
        before: { status: r.status },
        after: {
          status: 'approved',
          versionId: next.id,
          versionNo: next.versionNo,
          newLectures: applied.newKeys,
          instanceId: event.instanceId,
        },
      });
      if (notify) {
        const c = facts.classes.get(r.teachingClassId)!;
        const teacherIds = [...new Set([...lecture!.teacherIds, ...(r.substituteTeacherId ? [r.substituteTeacherId] : [])])];
        const people = await repo.findAffectedUserIds(tx, teacherIds, c.adminClassIds);
        await notify(tx, {
          userIds: people,
          kind: 'timetable_changed',
          params: {
            course: { 'zh-CN': c.course.name, en: c.course.nameEn ?? c.course.name },
            class: c.code,
            change: KIND_WORDS[r.kind as ChangeKind],
            what: whatChanged(r, facts),
            reason: r.reason,
          },
          link: WEB_PATHS.timetableChange(r.id),
        });
      }
    },
    async onReturned(tx, event, actor) {
      await setStatus(tx, actor, event, 'returned');
    },
    async onRejected(tx, event, actor) {
      await setStatus(tx, actor, event, 'rejected');
    },
    async onWithdrawn(tx, event, actor) {
      await setStatus(tx, actor, event, 'withdrawn');
    },
  };
  return handler;
}

async function setStatus(tx: Tx, actor: Actor, event: SubjectEvent, status: 'returned' | 'rejected' | 'withdrawn') {
  const r = await load(tx, event.subjectId);
  await repo.updateChange(tx, r.id, { status, updatedAt: event.at });
  await writeAudit(tx, actor, {
    action:
      status === 'returned'
        ? 'timetable_changes.returned'
        : status === 'rejected'
          ? 'timetable_changes.rejected'
          : 'timetable_changes.withdrawn',
    entityType: 'timetable_changes',
    entityId: r.id,
    before: { status: r.status },
    after: { status, comment: event.comment, instanceId: event.instanceId },
  });
}
