import { EXAM_PAPER_STEPS, type ExamPaperStep } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { recordHash } from './papers.chain.ts';
import * as repo from './papers.repository.ts';

/**
 * Demo papers 试卷流转 for the exams of one plan, at different steps of their chain of custody, each
 * step a chained record confirmed by its receiver; one paper came back a copy short at collection
 * (explained in the note, and flagged `counts_mismatch` on the papers page).
 *
 * Inputs: `planId` — a plan whose exams exist (scheduled ones show dates and flags best);
 * `authorUserId` — who drafts every paper (a teacher's account); `reviewerUserId` — who reviews
 * (anyone but the author, e.g. the college secretary); `officeUserId` — the office account that
 * prints, seals, keeps, receives back and archives; `now` — the time of the last steps.
 * The chief invigilator of the exam's session receives the paper on the day when one is assigned,
 * else the reviewer does. At most `limit` exams (default 6) get a paper. Returns the papers' ids.
 */
export async function seedExamPapersDemo(
  db: Db,
  opts: {
    planId: number;
    authorUserId: number;
    reviewerUserId: number;
    officeUserId: number;
    now: Date;
    limit?: number;
    /** The step each paper reaches, in turn; before its exam a paper is at most stored. */
    targets?: ExamPaperStep[];
    /** Where the broken count is: copies missing at collection, or too few copies sealed. */
    shortAt?: 'collected' | 'sealed';
  },
): Promise<number[]> {
  const { authorUserId, reviewerUserId, officeUserId, now } = opts;
  const targets: ExamPaperStep[] = opts.targets ?? ['drafted', 'reviewed', 'sealed', 'stored', 'collected', 'archived'];
  const shortAt = opts.shortAt ?? 'collected';
  const examIds = await repo.findPlanExamIds(db, opts.planId, opts.limit ?? targets.length);
  const ids: number[] = [];
  for (const [i, examId] of examIds.entries()) {
    const target = targets[i % targets.length];
    // The paper that stops where the count breaks is the one with the broken count.
    const short = target === shortAt;
    const chief = (await repo.findChiefUserIds(db, examId))[0] ?? reviewerUserId;
    ids.push(
      await db.transaction(async (tx) => {
        const needed = (await repo.countExamSeats(tx, examId)) || 30;
        const paper = await repo.insertPaper(tx, { examId, version: 'A', copies: needed, authorUserId, createdAt: now });
        if (!paper) throw new Error(`exam ${examId} already has a paper A`);
        const sealed = short && shortAt === 'sealed' ? needed - 3 : needed + 2;
        const used = needed - 3;
        /** Giver, receiver, place and counts of each step. */
        const plan: Record<
          ExamPaperStep,
          [number, number | null, string, Partial<{ copies: number; returned: number; used: number; note: string }>]
        > = {
          drafted: [authorUserId, null, '', {}],
          reviewed: [authorUserId, reviewerUserId, '学院教务办', {}],
          sent_to_print: [reviewerUserId, officeUserId, '教务处', {}],
          sealed: [officeUserId, reviewerUserId, '印刷厂', { copies: sealed }],
          stored: [reviewerUserId, officeUserId, '保密室', { copies: sealed }],
          handed_out: [officeUserId, chief, '考务办公室', { copies: sealed }],
          collected: [
            chief,
            officeUserId,
            '考务办公室',
            short && shortAt === 'collected'
              ? { returned: sealed - used - 1, used, copies: sealed - 1, note: '回收时少一份，已书面报告' }
              : { returned: sealed - used, used, copies: sealed },
          ],
          to_marker: [officeUserId, authorUserId, '阅卷室', { copies: used }],
          archived: [authorUserId, officeUserId, '档案室', { copies: used }],
        };
        const steps = EXAM_PAPER_STEPS.slice(0, EXAM_PAPER_STEPS.indexOf(target) + 1);
        let prevHash = '';
        for (const [k, kind] of steps.entries()) {
          const [giver, receiver, place, counts] = plan[kind];
          const at = new Date(now.getTime() - (steps.length - k) * 3_600_000);
          const fields = {
            paperId: paper.id,
            seq: k + 1,
            kind,
            correctsId: null,
            giverUserId: giver,
            receiverUserId: receiver === giver ? null : receiver,
            at,
            place,
            copies: counts.copies ?? null,
            returned: counts.returned ?? null,
            used: counts.used ?? null,
            note: counts.note ?? '',
            recordedAt: at,
          };
          const row = await repo.insertRecord(tx, { ...fields, prevHash, hash: recordHash(fields, prevHash) });
          prevHash = row.hash;
          if (fields.receiverUserId !== null)
            await repo.insertConfirmation(tx, { recordId: row.id, userId: fields.receiverUserId, method: 'app', confirmedAt: at });
        }
        await repo.setPaperChain(tx, paper.id, { status: target, lastSeq: steps.length });
        return paper.id;
      }),
    );
  }
  return ids;
}
