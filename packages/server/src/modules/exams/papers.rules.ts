import { EXAM_PAPER_STEPS, type ExamPaperFlag, type ExamPaperStep } from '@jiaowu/contracts';
import { AppError } from '../../platform/errors.ts';
import { addDays, schoolDate } from '../home/school-dates.ts';

/**
 * The chain of custody's rules as data and small functions: the step order, what each step needs
 * (a receiver other than the giver, counts that add up, a reviewer other than the author, the chief
 * invigilator on the day), and the flags of a paper (late sealing, counts, unconfirmed handovers).
 * No I/O: papers.service.ts loads, calls these, writes.
 */

const DAY_MS = 86_400_000;
/** Sealed this many days before the exam's session date at the latest. */
export const SEAL_DAYS_BEFORE = 2;
/** A handover not confirmed within this long is flagged. */
export const CONFIRM_WITHIN_MS = DAY_MS;

export const stepIndex = (s: string) => EXAM_PAPER_STEPS.indexOf(s as ExamPaperStep);
export function nextStepOf(status: string): ExamPaperStep | null {
  return EXAM_PAPER_STEPS[stepIndex(status) + 1] ?? null;
}

/** A record as the rules read it (times as Dates). */
export interface RuleRecord {
  id: number;
  seq: number;
  kind: string;
  correctsId: number | null;
  giverUserId: number;
  receiverUserId: number | null;
  copies: number | null;
  returned: number | null;
  used: number | null;
  place: string;
  note: string;
  recordedAt: Date;
}

/**
 * The step records with their corrections applied: a correction's non-null counts and place
 * replace the corrected record's, later corrections last. Step records only, in seq order.
 */
export function effectiveSteps(records: readonly RuleRecord[]): RuleRecord[] {
  const steps = new Map<number, RuleRecord>();
  for (const r of [...records].sort((a, b) => a.seq - b.seq)) {
    if (r.kind !== 'correction') {
      steps.set(r.id, { ...r });
      continue;
    }
    const target = r.correctsId === null ? undefined : steps.get(r.correctsId);
    if (!target) continue;
    if (r.copies !== null) target.copies = r.copies;
    if (r.returned !== null) target.returned = r.returned;
    if (r.used !== null) target.used = r.used;
    if (target.kind === 'collected' && (r.returned !== null || r.used !== null))
      target.copies = (target.returned ?? 0) + (target.used ?? 0);
    if (r.place) target.place = r.place;
  }
  return [...steps.values()];
}

const lastOfKind = (steps: readonly RuleRecord[], kind: ExamPaperStep) => steps.findLast((s) => s.kind === kind);

export interface HandoverFacts {
  status: string;
  authorUserId: number;
  actorUserId: number;
  /** Copies the exam needs: its seats when drawn, else the paper's declared copies. */
  needed: number;
  /** Users who are chief invigilators of the exam's session in its rooms; empty when none are assigned. */
  chiefUserIds: readonly number[];
  records: readonly RuleRecord[];
  confirmedIds: ReadonlySet<number>;
  /** A step's name in the actor's language (for the error's words). */
  stepName: (step: string) => string;
}

export interface HandoverAsk {
  kind: string;
  receiverUserId: number | null;
  copies: number | null;
  returned: number | null;
  used: number | null;
  note: string;
  correctsId: number | null;
}

/** Checks a step or correction against the chain so far; returns the copies to record. Throws AppError. */
export function checkHandover(f: HandoverFacts, ask: HandoverAsk): { copies: number | null } {
  const steps = effectiveSteps(f.records);
  if (ask.kind === 'correction') {
    const target = f.records.find((r) => r.id === ask.correctsId);
    if (!target || target.kind === 'correction') throw new AppError('exam_paper_correction_target');
    if (!ask.note) throw new AppError('validation_failed', { fields: [{ field: 'note', code: 'required' }] });
    return { copies: ask.copies };
  }
  const next = nextStepOf(f.status);
  if (!next) throw new AppError('exam_paper_archived');
  if (ask.kind !== next)
    throw new AppError('exam_paper_step_order', { params: { current: f.stepName(f.status), expected: f.stepName(next) } });
  const last = steps.at(-1);
  if (last && last.receiverUserId !== null && !f.confirmedIds.has(last.id))
    throw new AppError('exam_paper_unconfirmed', { params: { step: f.stepName(last.kind) } });
  if (ask.receiverUserId == null) throw new AppError('exam_paper_receiver_required');
  if (ask.receiverUserId === f.actorUserId) throw new AppError('exam_paper_receiver_self');
  if (next === 'reviewed' && ask.receiverUserId === f.authorUserId) throw new AppError('exam_paper_review_by_author');
  if (next === 'handed_out' && f.chiefUserIds.length && !f.chiefUserIds.includes(ask.receiverUserId))
    throw new AppError('exam_paper_not_chief');
  return { copies: checkCounts(next, steps, f.needed, ask) };
}

/** The copy count of a step: present where counted, within what the step before held, adding up at collection. */
function checkCounts(step: ExamPaperStep, steps: readonly RuleRecord[], needed: number, ask: HandoverAsk): number | null {
  if (step === 'collected') {
    if (ask.returned == null || ask.used == null) throw new AppError('exam_paper_copies_required');
    const handedOut = lastOfKind(steps, 'handed_out')?.copies ?? 0;
    const total = ask.returned + ask.used;
    // Copies really missing are recorded (and flagged) only with the giver's explanation.
    if (total !== handedOut && !ask.note)
      throw new AppError('exam_paper_counts_mismatch', { params: { returned: ask.returned, used: ask.used, handedOut } });
    return total;
  }
  if (!['sealed', 'stored', 'handed_out', 'to_marker'].includes(step)) return ask.copies;
  if (ask.copies == null) throw new AppError('exam_paper_copies_required');
  if (step === 'sealed') {
    if (ask.copies < needed) throw new AppError('exam_paper_too_few_copies', { params: { copies: ask.copies, needed } });
    return ask.copies;
  }
  // Answer sheets go to the marker: at most the copies used; otherwise at most what the step before held.
  const held = step === 'to_marker' ? (lastOfKind(steps, 'collected')?.used ?? 0) : (steps.findLast((s) => s.copies !== null)?.copies ?? 0);
  if (ask.copies > held) throw new AppError('exam_paper_more_than_held', { params: { copies: ask.copies, held } });
  return ask.copies;
}

export interface FlagFacts {
  paperId: number;
  status: string;
  authorUserId: number;
  sessionDate: string | null;
  needed: number;
  records: readonly RuleRecord[];
  confirmedIds: ReadonlySet<number>;
}

type RawFlag = Omit<ExamPaperFlag, 'responsibleName'>;

/** What is wrong with a paper now: each flag names the record and who should act. */
export function paperFlags(f: FlagFacts, now: Date, timeZone: string): RawFlag[] {
  const out: RawFlag[] = [];
  const steps = effectiveSteps(f.records);
  const holder = steps.findLast((s) => s.receiverUserId !== null)?.receiverUserId ?? f.authorUserId;
  if (f.sessionDate && stepIndex(f.status) < stepIndex('sealed')) {
    // Counted in the school's calendar days: from the school's midnight two days before the exam.
    if (schoolDate(now, timeZone) >= addDays(f.sessionDate, -SEAL_DAYS_BEFORE))
      out.push({ paperId: f.paperId, kind: 'not_sealed', recordId: null, responsibleUserId: holder, params: { date: f.sessionDate } });
  }
  const sealed = lastOfKind(steps, 'sealed');
  if (sealed && (sealed.copies ?? 0) < f.needed)
    out.push({
      paperId: f.paperId,
      kind: 'too_few_copies',
      recordId: sealed.id,
      responsibleUserId: sealed.giverUserId,
      params: { copies: sealed.copies ?? 0, needed: f.needed },
    });
  const collected = lastOfKind(steps, 'collected');
  const handedOut = lastOfKind(steps, 'handed_out')?.copies ?? 0;
  if (collected && (collected.returned ?? 0) + (collected.used ?? 0) !== handedOut)
    out.push({
      paperId: f.paperId,
      kind: 'counts_mismatch',
      recordId: collected.id,
      responsibleUserId: collected.giverUserId,
      params: { returned: collected.returned ?? 0, used: collected.used ?? 0, handedOut },
    });
  for (const r of steps) {
    if (r.receiverUserId === null || f.confirmedIds.has(r.id)) continue;
    if (now.getTime() - r.recordedAt.getTime() > CONFIRM_WITHIN_MS)
      out.push({ paperId: f.paperId, kind: 'unconfirmed', recordId: r.id, responsibleUserId: r.receiverUserId, params: { step: r.kind } });
  }
  return out;
}

/** The key a flag is notified under (once per paper and key). */
export const flagKey = (flag: { kind: string; recordId: number | null }) => `${flag.kind}:${flag.recordId ?? ''}`;
