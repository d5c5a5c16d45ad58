import { EXAM_PAPER_STEP_WORDS, type ExamPaperFlag, type ExamPaperRecordKind } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { systemActor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import type { LocalizedParam } from '../notifications/notifications.messages.ts';
import { flagsOf, loadChains } from './papers.present.ts';
import * as repo from './papers.repository.ts';
import { flagKey } from './papers.rules.ts';
import { findSchoolTimeZone } from '../org/school-settings.read-model.ts';

/** What each flag says in a notification, in both languages. */
function problemOf(f: Omit<ExamPaperFlag, 'responsibleName'>): LocalizedParam {
  const p = f.params;
  const step = EXAM_PAPER_STEP_WORDS[String(p.step) as ExamPaperRecordKind];
  switch (f.kind) {
    case 'not_sealed':
      return {
        'zh-CN': `考试日期 ${p.date}，试卷尚未印刷密封`,
        en: `the exam is on ${p.date} and the paper is not yet printed and sealed`,
      };
    case 'too_few_copies':
      return {
        'zh-CN': `密封 ${p.copies} 份，少于所需 ${p.needed} 份`,
        en: `${p.copies} copies sealed, fewer than the ${p.needed} needed`,
      };
    case 'counts_mismatch':
      return {
        'zh-CN': `回收 ${p.returned} 份 + 使用 ${p.used} 份 ≠ 发放 ${p.handedOut} 份`,
        en: `returned ${p.returned} + used ${p.used} ≠ handed out ${p.handedOut}`,
      };
    case 'unconfirmed':
      return {
        'zh-CN': `“${step?.['zh-CN'] ?? ''}”交接超过一天未确认`,
        en: `the “${step?.en ?? ''}” handover has not been confirmed for over a day`,
      };
  }
}

/**
 * 试卷流转提醒 — tells the responsible person of each new flag of every paper, once: the flag's row
 * in exam_paper_flag_notices is claimed in the same transaction as the notification, and only the
 * process whose insert wins notifies. Run periodically (app.ts). Returns how many were sent.
 */
export async function notifyPaperFlags(db: Db, notify: Notify, now: Date): Promise<number> {
  const papers = await repo.findPapersInScope(db, repo.paperScope({ kind: 'all' }, null));
  const { byPaper, confirmations } = await loadChains(
    db,
    papers.map((p) => p.id),
  );
  const confirmed = new Set(confirmations.keys());
  const timeZone = await findSchoolTimeZone(db);
  let sent = 0;
  for (const paper of papers) {
    for (const flag of flagsOf(paper, byPaper.get(paper.id) ?? [], confirmed, now, timeZone)) {
      const won = await db.transaction(async (tx) => {
        const key = flagKey(flag);
        if (!(await repo.claimFlagNotice(tx, { paperId: paper.id, flagKey: key, userId: flag.responsibleUserId, notifiedAt: now })))
          return false;
        if (flag.responsibleUserId !== null)
          await notify(tx, {
            userIds: [flag.responsibleUserId],
            kind: 'exam_paper_flagged',
            params: { paper: `${paper.courseCode} ${paper.courseName} ${paper.version}`, problem: problemOf(flag) },
            link: `/exams/papers/${paper.id}`,
          });
        await writeAudit(tx, systemActor, {
          action: 'exam_papers.flagged',
          entityType: 'exam_papers',
          entityId: paper.id,
          after: { flag: key, userId: flag.responsibleUserId, params: flag.params },
        });
        return true;
      });
      if (won) sent++;
    }
  }
  return sent;
}
