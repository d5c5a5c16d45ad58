import type { ExamPaper, ExamPaperFlag, ExamPaperRecord, ExamPaperStep } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { findUserNames } from '../iam/iam.read-model.ts';
import { findSchoolTimeZone } from '../org/school-settings.read-model.ts';
import type { PaperRecordRow, PaperRow } from './papers.repository.ts';
import * as repo from './papers.repository.ts';
import { nextStepOf, paperFlags, type RuleRecord } from './papers.rules.ts';

/** Papers and their records as the API answers them: names behind user ids, confirmations, flags. */

type H = Db | Tx;

/** Copies the exam needs: its seats when drawn (the roster), else the paper's declared copies. */
export const neededCopies = (p: Pick<PaperRow, 'seats' | 'copies'>) => (p.seats > 0 ? p.seats : p.copies);

export const ruleRecord = (r: PaperRecordRow): RuleRecord => ({
  id: r.id,
  seq: r.seq,
  kind: r.kind,
  correctsId: r.correctsId,
  giverUserId: r.giverUserId,
  receiverUserId: r.receiverUserId,
  copies: r.copies,
  returned: r.returned,
  used: r.used,
  place: r.place,
  note: r.note,
  recordedAt: r.recordedAt,
});

/** Records and confirmations of some papers, grouped by paper. */
export async function loadChains(db: H, paperIds: number[]) {
  const records = await repo.findRecordsOf(db, paperIds);
  const confirmations = await repo.findConfirmations(
    db,
    records.map((r) => r.id),
  );
  const byPaper = new Map<number, PaperRecordRow[]>();
  for (const r of records) byPaper.set(r.paperId, [...(byPaper.get(r.paperId) ?? []), r]);
  return { byPaper, confirmations: new Map(confirmations.map((c) => [c.recordId, c])) };
}

/** The flags of each paper now (responsible names not yet filled). */
export function flagsOf(p: PaperRow, records: PaperRecordRow[], confirmed: ReadonlySet<number>, now: Date, timeZone: string) {
  return paperFlags(
    {
      paperId: p.id,
      status: p.status,
      authorUserId: p.authorUserId,
      sessionDate: p.sessionDate,
      needed: neededCopies(p),
      records: records.map(ruleRecord),
      confirmedIds: confirmed,
    },
    now,
    timeZone,
  );
}

/** Papers with their flags, as the list and the page show them. */
export async function presentPapers(db: H, rows: PaperRow[], now: Date): Promise<ExamPaper[]> {
  const { byPaper, confirmations } = await loadChains(
    db,
    rows.map((r) => r.id),
  );
  const confirmed = new Set(confirmations.keys());
  const timeZone = await findSchoolTimeZone(db);
  const flags = new Map(rows.map((p) => [p.id, flagsOf(p, byPaper.get(p.id) ?? [], confirmed, now, timeZone)]));
  const names = await findUserNames(db, [
    ...rows.map((r) => r.authorUserId),
    ...[...flags.values()].flat().flatMap((f) => (f.responsibleUserId === null ? [] : [f.responsibleUserId])),
  ]);
  return rows.map((p) => ({
    id: p.id,
    examId: p.examId,
    planId: p.planId,
    termId: p.termId,
    course: { id: p.courseId, code: p.courseCode, name: p.courseName },
    version: p.version as ExamPaper['version'],
    copies: p.copies,
    status: p.status as ExamPaperStep,
    sessionDate: p.sessionDate,
    sessionStartMin: p.sessionStartMin,
    author: { id: p.authorUserId, name: names.get(p.authorUserId) ?? '' },
    nextStep: nextStepOf(p.status),
    flags: (flags.get(p.id) ?? []).map((f) => withName(f, names)),
    createdAt: p.createdAt.toISOString(),
  }));
}

export const withName = (f: Omit<ExamPaperFlag, 'responsibleName'>, names: Map<number, string>): ExamPaperFlag => ({
  ...f,
  responsibleName: f.responsibleUserId === null ? null : (names.get(f.responsibleUserId) ?? null),
});

/** A paper's records with names and confirmation state, in chain order. */
export async function presentRecords(db: H, records: PaperRecordRow[]): Promise<ExamPaperRecord[]> {
  const confirmations = new Map(
    (
      await repo.findConfirmations(
        db,
        records.map((r) => r.id),
      )
    ).map((c) => [c.recordId, c]),
  );
  const names = await findUserNames(db, [
    ...records.flatMap((r) => [r.giverUserId, r.receiverUserId ?? 0]),
    ...[...confirmations.values()].map((c) => c.userId ?? 0),
  ]);
  return records.map((r) => {
    const c = confirmations.get(r.id);
    return {
      id: r.id,
      seq: r.seq,
      kind: r.kind as ExamPaperRecord['kind'],
      correctsId: r.correctsId,
      giver: { id: r.giverUserId, name: names.get(r.giverUserId) ?? '' },
      receiver: r.receiverUserId === null ? null : { id: r.receiverUserId, name: names.get(r.receiverUserId) ?? '' },
      at: r.at.toISOString(),
      place: r.place,
      copies: r.copies,
      returned: r.returned,
      used: r.used,
      note: r.note,
      recordedAt: r.recordedAt.toISOString(),
      prevHash: r.prevHash,
      hash: r.hash,
      confirmation: c
        ? {
            method: c.method as 'app' | 'code',
            at: c.confirmedAt.toISOString(),
            by: c.userId === null ? null : (names.get(c.userId) ?? null),
          }
        : null,
    };
  });
}
