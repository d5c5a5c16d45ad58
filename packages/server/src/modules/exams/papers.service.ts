import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import {
  EXAM_PAPER_CODE_ATTEMPTS,
  EXAM_PAPER_CODE_TTL_MIN,
  EXAM_PAPER_STEP_WORDS,
  type ExamPaper,
  type ExamPaperChain,
  type ExamPaperFlag,
  type ExamPaperHandoverResult,
  type ExamPaperInput,
  type ExamPaperRecord,
  type ExamPaperRecordKind,
  type examPaperHandoverInput,
  type examPaperQuery,
  type Paged,
} from '@jiaowu/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { requireAccess } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findUserNames, findUsersWithRole } from '../iam/iam.read-model.ts';
import { recordHash, verifyChain } from './papers.chain.ts';
import { flagsOf, loadChains, neededCopies, presentPapers, presentRecords, ruleRecord, withName } from './papers.present.ts';
import * as repo from './papers.repository.ts';
import { checkHandover } from './papers.rules.ts';
import { findSchoolTimeZone } from '../org/school-settings.read-model.ts';

/**
 * 试卷流转 — exam papers' chain of custody. A paper is registered (drafted by its author), then
 * each step is a handover recorded by its giver and confirmed by its receiver (in the app, or
 * with the one-time code shown on the giver's screen). Records are appended under the paper's
 * row lock with the hash of the record before, in the same transaction as their audit record.
 * Scope: the office every paper, a secretary their college's courses, a teacher the courses they
 * teach in the exam's term, the sessions they are chief invigilator of, and papers they handled.
 */

const PERMISSION = 'exams.papers' as const;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** The code's hash binds it to its record, so one code's hash says nothing about another's. */
const codeHash = (recordId: number, code: string) => sha256(`exam_paper_code:${recordId}:${code}`);

function userOf(actor: Actor): number {
  if (actor.userId === null) throw new AppError('forbidden');
  return actor.userId;
}

export function createPapersService({ db, clock }: { db: Db; clock: () => Date }) {
  const stepName = (locale: Actor['locale']) => (s: string) => EXAM_PAPER_STEP_WORDS[s as ExamPaperRecordKind]?.[locale] ?? s;
  const scopeOf = (actor: Actor) => repo.paperScope(requireAccess(actor, PERMISSION), actor.userId);

  async function paperOr404(actor: Actor, id: number) {
    const row = await repo.findPaper(db, id, scopeOf(actor));
    if (!row) throw new AppError('not_found', { params: { what: 'exam paper' } });
    return row;
  }

  return {
    /** POST /api/exams/papers — registers a paper of an exam in scope; its first record is `drafted` by the actor. */
    async create(actor: Actor, input: ExamPaperInput): Promise<ExamPaper> {
      const scope = requireAccess(actor, PERMISSION);
      const userId = userOf(actor);
      const id = await db.transaction(async (tx) => {
        const exam = await repo.findExamInScope(tx, input.examId, repo.examScope(scope));
        if (!exam) throw new AppError('not_found', { params: { what: 'exam' } });
        const now = clock();
        const paper = await repo.insertPaper(tx, {
          examId: exam.id,
          version: input.version,
          copies: input.copies,
          authorUserId: userId,
          createdAt: now,
        });
        if (!paper) throw new AppError('exam_paper_exists', { params: { version: input.version } });
        const fields = {
          paperId: paper.id,
          seq: 1,
          kind: 'drafted',
          correctsId: null,
          giverUserId: userId,
          receiverUserId: null,
          at: now,
          place: '',
          copies: null,
          returned: null,
          used: null,
          note: '',
          recordedAt: now,
        };
        await repo.insertRecord(tx, { ...fields, prevHash: '', hash: recordHash(fields, '') });
        await repo.setPaperChain(tx, paper.id, { status: 'drafted', lastSeq: 1 });
        await writeAudit(tx, actor, {
          action: 'exam_papers.create',
          entityType: 'exam_papers',
          entityId: paper.id,
          after: { examId: exam.id, version: input.version, copies: input.copies },
        });
        return paper.id;
      });
      return this.get(actor, id);
    },

    /** GET /api/exams/papers — one page of the papers in scope, by exam date, with their flags. */
    async list(actor: Actor, q: z.output<typeof examPaperQuery>): Promise<Paged<ExamPaper>> {
      const { rows, total } = await repo.findPapersPage(db, scopeOf(actor), q);
      return { items: await presentPapers(db, rows, clock()), total };
    },

    /** GET /api/exams/papers/:id */
    async get(actor: Actor, id: number): Promise<ExamPaper> {
      const row = await paperOr404(actor, id);
      return (await presentPapers(db, [row], clock()))[0];
    },

    /** GET /api/exams/papers/:id/chain — the records and whether their hashes still hold. */
    async chain(actor: Actor, id: number): Promise<ExamPaperChain> {
      await paperOr404(actor, id);
      const records = await repo.findRecords(db, id);
      const result = verifyChain(records);
      return { records: await presentRecords(db, records), ...result };
    },

    /** GET /api/exams/papers/flags — every flag of the papers in scope (the office's list). */
    async flags(actor: Actor): Promise<{ items: ExamPaperFlag[] }> {
      const papers = await repo.findPapersInScope(db, scopeOf(actor));
      const { byPaper, confirmations } = await loadChains(
        db,
        papers.map((p) => p.id),
      );
      const confirmed = new Set(confirmations.keys());
      const now = clock();
      const timeZone = await findSchoolTimeZone(db);
      const raw = papers.flatMap((p) => flagsOf(p, byPaper.get(p.id) ?? [], confirmed, now, timeZone));
      const names = await findUserNames(
        db,
        raw.flatMap((f) => (f.responsibleUserId === null ? [] : [f.responsibleUserId])),
      );
      return { items: raw.map((f) => withName(f, names)) };
    },

    /**
     * GET /api/exams/papers/:id/receivers — who may take the paper next: the office, the course's
     * college secretaries and teachers, the session's chief invigilators, people already in its chain.
     */
    async receivers(actor: Actor, id: number): Promise<{ items: { id: number; name: string }[] }> {
      const paper = await paperOr404(actor, id);
      const people = await repo.findExamPeople(db, paper.examId);
      const ids = new Set([
        ...(await findUsersWithRole(db, 'office', null)),
        ...(people.collegeId === null ? [] : await findUsersWithRole(db, 'secretary', { collegeId: people.collegeId })),
        ...people.teacherUserIds,
        ...(await repo.findChiefUserIds(db, paper.examId)),
        ...(await repo.findRecords(db, id)).flatMap((r) => [r.giverUserId, r.receiverUserId ?? r.giverUserId]),
      ]);
      ids.delete(actor.userId ?? 0);
      const names = await findUserNames(db, [...ids]);
      return { items: [...names].map(([uid, name]) => ({ id: uid, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) };
    },

    /**
     * POST /api/exams/papers/:id/handovers — the next step (or a correction), given by the actor.
     * Answers the record and, when it has a receiver, the one-time code to show them (only here).
     */
    async handover(actor: Actor, id: number, input: z.output<typeof examPaperHandoverInput>): Promise<ExamPaperHandoverResult> {
      const giver = userOf(actor);
      const paper = await paperOr404(actor, id);
      const chiefs = input.kind === 'handed_out' ? await repo.findChiefUserIds(db, paper.examId) : [];
      const { record, code, expiresAt } = await db.transaction(async (tx) => {
        const locked = (await repo.lockPaper(tx, id))!;
        const records = await repo.findRecords(tx, id);
        const confirmed = new Set(
          (
            await repo.findConfirmations(
              tx,
              records.map((r) => r.id),
            )
          ).map((c) => c.recordId),
        );
        const receiver = input.kind === 'correction' ? null : (input.receiverUserId ?? null);
        const { copies } = checkHandover(
          {
            status: locked.status,
            authorUserId: locked.authorUserId,
            actorUserId: giver,
            needed: neededCopies(paper),
            chiefUserIds: chiefs,
            records: records.map(ruleRecord),
            confirmedIds: confirmed,
            stepName: stepName(actor.locale),
          },
          {
            kind: input.kind,
            receiverUserId: receiver,
            copies: input.copies ?? null,
            returned: input.returned ?? null,
            used: input.used ?? null,
            note: input.note,
            correctsId: input.correctsId ?? null,
          },
        );
        const now = clock();
        const prevHash = records.at(-1)?.hash ?? '';
        const fields = {
          paperId: id,
          seq: locked.lastSeq + 1,
          kind: input.kind,
          correctsId: input.kind === 'correction' ? (input.correctsId ?? null) : null,
          giverUserId: giver,
          receiverUserId: receiver,
          at: input.at ? new Date(input.at) : now,
          place: input.place,
          copies,
          returned: input.returned ?? null,
          used: input.used ?? null,
          note: input.note,
          recordedAt: now,
        };
        const row = await repo.insertRecord(tx, { ...fields, prevHash, hash: recordHash(fields, prevHash) });
        await repo.setPaperChain(tx, id, { status: input.kind === 'correction' ? locked.status : input.kind, lastSeq: fields.seq });
        let oneTime: string | null = null;
        let expires: Date | null = null;
        if (receiver !== null) {
          oneTime = String(randomInt(0, 1_000_000)).padStart(6, '0');
          expires = new Date(now.getTime() + EXAM_PAPER_CODE_TTL_MIN * 60_000);
          await repo.insertCode(tx, { recordId: row.id, codeHash: codeHash(row.id, oneTime), expiresAt: expires });
        }
        await writeAudit(tx, actor, {
          action: input.kind === 'correction' ? 'exam_paper_records.correction' : 'exam_paper_records.handover',
          entityType: 'exam_paper_records',
          entityId: row.id,
          before: { status: locked.status },
          after: { ...fields, at: fields.at.toISOString(), recordedAt: undefined, hash: row.hash },
        });
        return { record: row, code: oneTime, expiresAt: expires };
      });
      const [presented] = await presentRecords(db, [record]);
      return { record: presented, oneTimeCode: code, codeExpiresAt: expiresAt?.toISOString() ?? null };
    },

    /**
     * POST /api/exams/papers/:id/handovers/:recordId/confirm — the receiver confirms in the app, or
     * anybody who may see the paper types the code shown on the giver's screen. A wrong code uses
     * up one of its tries even when the request fails.
     */
    async confirm(actor: Actor, id: number, recordId: number, input: { code?: string | null }): Promise<ExamPaperRecord> {
      await paperOr404(actor, id);
      const record = await repo.findRecord(db, id, recordId);
      if (!record) throw new AppError('not_found', { params: { what: 'record' } });
      if (record.receiverUserId === null) throw new AppError('exam_paper_no_receiver');
      const now = clock();
      if (input.code) {
        // Outside the confirmation's transaction: a wrong try is counted even though the request fails.
        const taken = await repo.takeCodeAttempt(db, recordId, EXAM_PAPER_CODE_ATTEMPTS);
        if (!taken) throw new AppError((await repo.hasCode(db, recordId)) ? 'exam_paper_code_locked' : 'exam_paper_code_invalid');
        const ok = timingSafeEqual(Buffer.from(taken.codeHash), Buffer.from(codeHash(recordId, input.code)));
        if (!ok || taken.expiresAt.getTime() < now.getTime()) throw new AppError('exam_paper_code_invalid');
      } else if (actor.userId !== record.receiverUserId) throw new AppError('exam_paper_not_receiver');
      await db.transaction(async (tx) => {
        const method = input.code ? 'code' : 'app';
        const row = await repo.insertConfirmation(tx, { recordId, userId: actor.userId, method, confirmedAt: now });
        if (!row) throw new AppError('exam_paper_already_confirmed');
        await writeAudit(tx, actor, {
          action: 'exam_paper_records.confirm',
          entityType: 'exam_paper_records',
          entityId: recordId,
          after: { paperId: id, method, receiverUserId: record.receiverUserId },
        });
      });
      const [presented] = await presentRecords(db, [record]);
      return presented;
    },
  };
}
export type PapersService = ReturnType<typeof createPapersService>;
