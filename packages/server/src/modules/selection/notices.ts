import type { Db, Tx } from '../../db/client.ts';
import { findStudentUserIds } from '../iam/iam.read-model.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import { findStudentsForSelection } from '../org/org.read-model.ts';
import { isInRound } from './core/rules.ts';
import * as rounds from './rounds.repository.ts';
import type { WaitlistRow } from './selection.repository.ts';
import { readClasses, roundOf } from './snapshot.ts';

/**
 * 选课通知 — pushes each round's notice to every student taking part, in the app and by email
 * (their mail settings decide): once N days before the window opens, once when it opens. Run
 * periodically (one process at a time, see platform/periodic.ts); the mark and the
 * notifications are one transaction, so a notice goes out exactly once even with several
 * processes.
 */
export async function sendSelectionNotices(db: Db, notify: Notify, now: Date): Promise<number> {
  const due = await rounds.findRoundsToNotice(db, now);
  if (!due.length) return 0;
  const students = await findStudentsForSelection(db);
  let sent = 0;
  for (const row of due) {
    const which = row.opensAt.getTime() <= now.getTime() ? 'open' : 'before';
    const rule = roundOf(row);
    const taking = students.filter((s) =>
      isInRound({ ...s, gender: null, passedCourseCodes: new Set(), failedCourseIds: new Set(), holds: [] }, rule),
    );
    const userIds = [
      ...(
        await findStudentUserIds(
          db,
          taking.map((s) => s.id),
        )
      ).values(),
    ].flat();
    await db.transaction(async (tx) => {
      if (!(await rounds.markNoticed(tx, row.id, which, now))) return;
      if (!userIds.length) return;
      const params = {
        round: row.name,
        opensAt: row.opensAt.toISOString(),
        closesAt: row.closesAt.toISOString(),
        notice: row.notice ?? '',
      };
      await notify(tx, { userIds, kind: which === 'open' ? 'selection_opened' : 'selection_notice', params, link: '/selection' });
      sent += userIds.length;
    });
  }
  return sent;
}

/** Tells each student promoted from a waitlist (in the promotion's transaction): the class, and the one given up for it. */
export async function notifyPromotions(tx: Tx, notify: Notify | undefined, termId: number, promoted: readonly WaitlistRow[]) {
  if (!notify || !promoted.length) return;
  const users = await findStudentUserIds(
    tx,
    promoted.map((p) => p.studentId),
  );
  const { classes } = await readClasses(
    tx,
    termId,
    promoted.map((p) => p.teachingClassId),
  );
  for (const p of promoted) {
    const c = classes.get(p.teachingClassId);
    const userIds = users.get(p.studentId) ?? [];
    if (!c || !userIds.length) continue;
    await notify(tx, {
      userIds,
      kind: 'selection_promoted',
      params: {
        course: { 'zh-CN': `${c.course.code} ${c.course.name}`, en: `${c.course.code} ${c.course.nameEn ?? c.course.name}` },
        class: c.classCode,
        dropped:
          p.dropEnrolmentId === null
            ? ''
            : { 'zh-CN': '按您的候补条件，原教学班已同时退选。', en: 'As your waitlist entry asked, your other class was dropped.' },
      },
      link: '/selection',
    });
  }
}
