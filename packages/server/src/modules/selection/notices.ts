import type { Db, Tx } from '../../db/client.ts';
import { findStudentUserIds } from '../iam/iam.read-model.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import { findStudentsSelectionFacts } from '../org/org.read-model.ts';
import { isInRound } from './core/rules.ts';
import * as rounds from './rounds.repository.ts';
import type { SelectionRoundRow as RoundRow, WaitlistRow } from './selection.repository.ts';
import { readClasses, roundOf } from './snapshot.ts';

const DAY_MS = 86_400_000;

/** One group of a round's students with its own opening: the staggered cohorts, or everybody else. */
interface Batch {
  which: 'before' | 'open';
  opensAt: Date;
  includes: (cohort: number) => boolean;
  mark: (tx: Tx) => Promise<boolean>;
}

/** Which notice of an opening is due now: at the opening, or in the N days before it; null when none. */
function dueNotice(opensAt: Date, daysBefore: number, marks: { before: boolean; open: boolean }, now: Date): Batch['which'] | null {
  if (opensAt.getTime() <= now.getTime()) return marks.open ? null : 'open';
  return !marks.before && opensAt.getTime() - daysBefore * DAY_MS <= now.getTime() ? 'before' : null;
}

/**
 * The notices of a round due now. A staggered opening 分批开放 is its own batch: its cohorts hear
 * about their own opening N days before it and at it; the round's own window is for the rest.
 */
function dueBatches(row: RoundRow, now: Date): Batch[] {
  const { staggered } = roundOf(row);
  // A cohort listed twice opens at its first listing, as the rule checker decides.
  const batchOf = (cohort: number) => staggered.findIndex((s) => s.cohorts.includes(cohort));
  const out: Batch[] = [];
  const rest = dueNotice(
    row.opensAt,
    row.noticeDaysBefore,
    { before: row.noticedBeforeAt !== null, open: row.noticedOpenAt !== null },
    now,
  );
  if (rest)
    out.push({
      which: rest,
      opensAt: row.opensAt,
      includes: (c) => batchOf(c) < 0,
      mark: (tx) => rounds.markNoticed(tx, row.id, rest, now),
    });
  const marks = (row.noticedStaggered ?? {}) as Record<string, { before?: string; open?: string } | undefined>;
  staggered.forEach((s, i) => {
    const m = marks[String(i)] ?? {};
    const which = dueNotice(s.opensAt, row.noticeDaysBefore, { before: !!m.before, open: !!m.open }, now);
    if (which)
      out.push({
        which,
        opensAt: s.opensAt,
        includes: (c) => batchOf(c) === i,
        mark: (tx) => rounds.markStaggeredNoticed(tx, row.id, i, which, now),
      });
  });
  return out;
}

/**
 * 选课通知 — pushes each round's notice to every student taking part, in the app and by email
 * (their mail settings decide): once N days before the window opens, once when it opens — for a
 * staggered round, per opening, to the cohorts it opens for. Run periodically (one process at a
 * time, see platform/periodic.ts); the mark and the notifications are one transaction, so a
 * notice goes out exactly once even with several processes.
 */
export async function sendSelectionNotices(db: Db, notify: Notify, now: Date): Promise<number> {
  const due = (await rounds.findRoundsToNotice(db, now))
    .map((row) => ({ row, batches: dueBatches(row, now) }))
    .filter((d) => d.batches.length);
  if (!due.length) return 0;
  const students = await findStudentsSelectionFacts(db);
  let sent = 0;
  for (const { row, batches } of due) {
    const rule = roundOf(row);
    const taking = students.filter((s) =>
      isInRound({ ...s, gender: null, passedCourseCodes: new Set(), failedCourseIds: new Set(), holds: [] }, rule),
    );
    for (const batch of batches) {
      const userIds = [
        ...(
          await findStudentUserIds(
            db,
            taking.filter((s) => batch.includes(s.cohort)).map((s) => s.id),
          )
        ).values(),
      ].flat();
      await db.transaction(async (tx) => {
        if (!(await batch.mark(tx))) return;
        if (!userIds.length) return;
        const params = {
          round: row.name,
          opensAt: batch.opensAt.toISOString(),
          closesAt: row.closesAt.toISOString(),
          notice: row.notice ?? '',
        };
        await notify(tx, { userIds, kind: batch.which === 'open' ? 'selection_opened' : 'selection_notice', params, link: '/selection' });
        sent += userIds.length;
      });
    }
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
