import { randomInt } from 'node:crypto';
import type { LotteryChoiceInput, Locale, MyEnrolment } from '@jiaowu/contracts';
import type { z } from 'zod';
import type { drawResult } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { formatDateTime } from '../../platform/time.ts';
import { findStudentUserIds } from '../iam/iam.read-model.ts';
import type { Notify } from '../notifications/notifications.service.ts';
import { findStudentSelectionFacts } from '../org/org.read-model.ts';
import { findSchoolTimeZone } from '../org/school-settings.read-model.ts';
import { drawLottery, type LotteryOutcome, type LotteryResult } from './core/lottery.ts';
import { lotteryOutcomeWords } from './core/lottery-words.ts';
import { checkEnrolment, isWindowOpenFor, opensAtFor, type Reason } from './core/rules.ts';
import { lotteryChoicesOf } from './draw.choices.ts';
import { readDrawInputs, ruleStudentOf, storedExplanation, type DrawInputs } from './draw.input.ts';
import * as drawRepo from './draw.repository.ts';
import { refusalError } from './enrol.ts';
import { prefillRound, type PrefillResult } from './prefill.ts';
import { runChecksIn } from './checks.compute.ts';
import { assertNotLocked } from './round-present.ts';
import * as repo from './selection.repository.ts';
import type { SelectionRoundRow } from './selection.repository.ts';
import { contextOf, readSnapshot, roundOf } from './snapshot.ts';

/**
 * 预选 lottery rounds and what follows them: students' ranked choices 志愿, the draw 抽签 after
 * the window closes (seeded, recorded, re-runnable), the confirmation lock 选课确认, and the
 * pre-enrolment of required courses by admin class 按行政班预置. Every method checks the
 * permission first and writes its audit record in its own transaction.
 */

type DrawResult = z.infer<typeof drawResult>;

/** A lottery choice is not a seat: these rules are the draw's to decide, not the choice's. */
const NOT_FOR_CHOICES: ReadonlySet<Reason['code']> = new Set(['class_full', 'reserved_seats', 'credit_limit', 'class_limit']);

/** The stored result of a choice: won, or why not (lost: the seats ran out). */
function resultOf(o: LotteryOutcome): 'won' | 'lost' | 'conflict' | 'credit_limit' {
  if (o.won) return 'won';
  const code = o.explanation.loss?.code;
  return code === 'credit_limit' ? 'credit_limit' : code === 'time_conflict' || code === 'same_course' ? 'conflict' : 'lost';
}

function ownStudent(actor: Actor): number {
  requireAccess(actor, 'selection.take');
  if (actor.studentId == null) throw new AppError('not_a_student');
  return actor.studentId;
}

export function createDrawService(deps: { db: Db; clock: () => Date; notify?: Notify }) {
  const { db, clock, notify } = deps;

  async function loadRound(tx: Tx, roundId: number, lock = false): Promise<SelectionRoundRow> {
    const round = lock ? await drawRepo.lockRound(tx, roundId) : await repo.findRound(tx, roundId);
    if (!round) throw new AppError('not_found', { params: { what: 'selection round' } });
    return round;
  }

  function requireLottery(round: SelectionRoundRow) {
    if (round.mode !== 'lottery') throw new AppError('round_not_lottery', { params: { round: round.name } });
  }

  /** The window_closed refusal of a student outside their window (the rule checker's words). */
  async function windowRefusal(tx: Tx, round: SelectionRoundRow, studentId: number, at: Date, locale: Locale) {
    const facts = await findStudentSelectionFacts(tx, studentId);
    if (!facts) throw new AppError('not_found', { params: { what: 'student' } });
    const rules = roundOf(round);
    const student = ruleStudentOf(facts);
    if (isWindowOpenFor(student, rules, at)) return null;
    const o = opensAtFor(student, rules);
    const reason: Reason = {
      code: 'window_closed',
      params: {
        opensAt: o.opensAt.toISOString(),
        closesAt: round.closesAt.toISOString(),
        isStaggered: o.isStaggered,
        hasClosed: at.getTime() >= round.closesAt.getTime(),
      },
    };
    return refusalError(tx, [reason], { locale });
  }

  /** Draws the round (first draw: writes) or re-runs the recorded draw (no writes). */
  async function drawRound(tx: Tx, actor: Actor, round: SelectionRoundRow, seed: number | undefined, at: Date): Promise<DrawResult> {
    const choices = await drawRepo.findRoundChoices(tx, round.id);
    if (round.status === 'drawn' && round.lotterySeed !== null) return rerun(tx, round, choices);

    const drawSeed = seed ?? randomInt(0, 2_147_483_647);
    // Lock every applicant first, so nothing they hold changes between the read and the seats.
    await drawRepo.lockStudentTerms(
      tx,
      choices.map((c) => c.studentId),
      round.termId,
      at,
    );
    const seats = await drawRepo.findDrawableSeats(tx, [...new Set(choices.map((c) => c.teachingClassId))], at);
    const inputs = await readDrawInputs(tx, round, choices, at, seats);
    const result = drawLottery({ ...inputs.input, seed: drawSeed });
    const byKey = new Map(choices.map((c) => [`${c.studentId}:${c.teachingClassId}`, c]));
    const stored = result.outcomes.map((o) => ({
      id: byKey.get(`${o.studentId}:${o.teachingClassId}`)!.id,
      result: resultOf(o),
      drawNumber: o.explanation.drawNumber,
      explanation: { ...o.explanation, drawnAt: at.toISOString(), words: lotteryOutcomeWords(o, inputs.names) },
    }));
    const winners = result.outcomes.filter((o) => o.won).sort((a, b) => a.teachingClassId - b.teachingClassId || a.studentId - b.studentId);
    for (const w of winners) await enrolWinner(tx, actor, round, inputs, w, at);
    await drawRepo.saveChoiceResults(tx, stored);
    await drawRepo.setRoundStatus(tx, round.id, 'drawn', at, result.seed);
    const answer: DrawResult = {
      roundId: round.id,
      seed: result.seed,
      choices: result.outcomes.length,
      won: winners.length,
      lost: result.outcomes.length - winners.length,
      sameAsRecorded: null,
    };
    await writeAudit(tx, actor, {
      action: 'selection_rounds.draw',
      entityType: 'selection_rounds',
      entityId: round.id,
      before: { status: round.status },
      after: { status: 'drawn', seed: answer.seed, choices: answer.choices, won: answer.won, lost: answer.lost },
    });
    if (notify) await notifyStudents(tx, round, result, stored);
    return answer;
  }

  /** A winner takes their seat through the seat authority, as an enrolment of source 'lottery'. */
  async function enrolWinner(tx: Tx, actor: Actor, round: SelectionRoundRow, inputs: DrawInputs, w: LotteryOutcome, at: Date) {
    const cls = inputs.classes.get(w.teachingClassId)!;
    // The draw gave only seats nobody else holds or has reserved, so a refusal here is a bug: roll back.
    const seat = await repo.takeSeat(tx, w.teachingClassId, inputs.holders.get(w.studentId)!, at);
    if (!seat.taken) throw new Error(`lottery winner ${w.studentId} found no seat in class ${w.teachingClassId}`);
    const enrolment = await repo.insertEnrolment(tx, {
      termId: round.termId,
      roundId: round.id,
      studentId: w.studentId,
      teachingClassId: w.teachingClassId,
      courseId: cls.courseId,
      source: 'lottery',
      reservedSeatId: seat.reservedSeatId,
      createdBy: actor.userId,
      createdAt: at,
    });
    if (!enrolment) throw new Error(`lottery winner ${w.studentId} already holds course ${cls.courseId}`);
    await repo.addStudentTermTotals(tx, w.studentId, round.termId, cls.course.credits, 1);
  }

  /** Recomputes the recorded draw from its seed, its seats and what the applicants held then; writes nothing. */
  async function rerun(tx: Tx, round: SelectionRoundRow, choices: drawRepo.LotteryChoiceRow[]): Promise<DrawResult> {
    const seats = new Map<number, number>();
    let drawnAt: Date | null = null;
    for (const c of choices) {
      const x = storedExplanation(c.explanation);
      if (!x) continue;
      seats.set(c.teachingClassId, x.seats);
      drawnAt ??= new Date(x.drawnAt);
    }
    const inputs = await readDrawInputs(tx, round, choices, drawnAt ?? round.closesAt, seats);
    const result = drawLottery({ ...inputs.input, seed: round.lotterySeed! });
    const byKey = new Map(result.outcomes.map((o) => [`${o.studentId}:${o.teachingClassId}`, o]));
    const same =
      result.outcomes.length === choices.length &&
      choices.every((c) => {
        const o = byKey.get(`${c.studentId}:${c.teachingClassId}`);
        return o !== undefined && resultOf(o) === c.result && o.explanation.drawNumber === c.drawNumber;
      });
    const won = result.outcomes.filter((o) => o.won).length;
    return {
      roundId: round.id,
      seed: result.seed,
      choices: result.outcomes.length,
      won,
      lost: result.outcomes.length - won,
      sameAsRecorded: same,
    };
  }

  /** Tells each applicant their results: how many choices won, and each choice's sentence. */
  async function notifyStudents(
    tx: Tx,
    round: SelectionRoundRow,
    result: LotteryResult,
    stored: { id: number; explanation: { words: { 'zh-CN': string; en: string } } }[],
  ) {
    const users = await findStudentUserIds(
      tx,
      result.outcomes.map((o) => o.studentId),
    );
    for (const [studentId, userIds] of users) {
      const mine = result.outcomes.map((o, i) => ({ o, s: stored[i] })).filter((x) => x.o.studentId === studentId);
      await notify!(tx, {
        userIds,
        kind: 'lottery_drawn',
        params: {
          round: round.name,
          choices: mine.length,
          won: mine.filter((x) => x.o.won).length,
          details: {
            'zh-CN': mine.map((x) => `${x.s.explanation.words['zh-CN']}。`).join(''),
            en: mine.map((x) => `${x.s.explanation.words.en}.`).join(' '),
          },
        },
        link: '/selection',
      });
    }
  }

  return {
    /** A student's choice 志愿 in a lottery round: the rank's earlier choice is replaced; at most three. */
    async choose(actor: Actor, input: LotteryChoiceInput, locale: Locale): Promise<{ id: number; teachingClassId: number; rank: number }> {
      const studentId = ownStudent(actor);
      const at = clock();
      return db.transaction(async (tx) => {
        const round = await loadRound(tx, input.roundId);
        requireLottery(round);
        assertNotLocked(round);
        await repo.lockStudentTerm(tx, studentId, round.termId, at);
        const snapshot = await readSnapshot(tx, round, studentId, input.teachingClassId, at);
        const reasons = checkEnrolment(contextOf(snapshot)).filter((r) => !NOT_FOR_CHOICES.has(r.code));
        if (reasons.length) throw await refusalError(tx, reasons, { locale });
        const row = await drawRepo.upsertChoice(tx, {
          roundId: round.id,
          studentId,
          teachingClassId: input.teachingClassId,
          rank: input.rank,
          at,
        });
        await writeAudit(tx, actor, {
          action: 'selection_lottery_choices.choose',
          entityType: 'selection_lottery_choices',
          entityId: row.id,
          after: { roundId: round.id, studentId, teachingClassId: row.teachingClassId, rank: row.rank },
        });
        return { id: row.id, teachingClassId: row.teachingClassId, rank: row.rank };
      });
    },

    /** Withdraws one of the student's own choices while their window is open (another's: not found). */
    async removeChoice(actor: Actor, choiceId: number): Promise<void> {
      requireAccess(actor, 'selection.take');
      // Without a student record nobody's choice is theirs: not found, as for another student's.
      const studentId = actor.studentId;
      if (studentId == null) throw new AppError('not_found', { params: { what: 'lottery choice' } });
      const at = clock();
      await db.transaction(async (tx) => {
        const choice = await drawRepo.findChoice(tx, choiceId);
        if (!choice || choice.studentId !== studentId) throw new AppError('not_found', { params: { what: 'lottery choice' } });
        const round = await loadRound(tx, choice.roundId);
        assertNotLocked(round);
        const closed = await windowRefusal(tx, round, studentId, at, actor.locale);
        if (closed) throw closed;
        await repo.lockStudentTerm(tx, studentId, round.termId, at);
        await drawRepo.deleteChoice(tx, choice.id);
        await writeAudit(tx, actor, {
          action: 'selection_lottery_choices.remove',
          entityType: 'selection_lottery_choices',
          entityId: choice.id,
          before: { roundId: choice.roundId, studentId, teachingClassId: choice.teachingClassId, rank: choice.rank },
        });
      });
    },

    /**
     * Draws the seats of a closed lottery round (first call: seed given or random, recorded;
     * winners enrolled; results stored; students notified). Later calls re-run the recorded draw
     * without writing and say whether it came out the same. The explanations are stored in
     * both languages (each reader sees theirs), so the caller's language changes nothing here.
     */
    async draw(actor: Actor, roundId: number, input: { seed?: number }, _locale: Locale): Promise<DrawResult> {
      requireAccess(actor, 'selection.manage');
      const at = clock();
      return db.transaction(async (tx) => {
        const round = await loadRound(tx, roundId, true);
        requireLottery(round);
        assertNotLocked(round);
        if (at.getTime() < round.closesAt.getTime()) {
          const closesAt = formatDateTime(round.closesAt, await findSchoolTimeZone(tx));
          throw new AppError('round_window_open', { params: { round: round.name, closesAt } });
        }
        return drawRound(tx, actor, round, input.seed, at);
      });
    },

    /** 选课确认: locks the round's results; its waiting waitlist entries close with it. */
    async lock(actor: Actor, roundId: number): Promise<{ roundId: number; status: 'locked'; closedWaitlistEntries: number }> {
      requireAccess(actor, 'selection.manage');
      const at = clock();
      return db.transaction(async (tx) => {
        const round = await loadRound(tx, roundId, true);
        assertNotLocked(round);
        if (round.mode === 'lottery' && round.status !== 'drawn') throw new AppError('round_not_drawn', { params: { round: round.name } });
        await drawRepo.setRoundStatus(tx, round.id, 'locked', at);
        const closed = await drawRepo.closeRoundWaitlist(tx, round.id, at);
        // 选课审核 runs with the lock: the office finds the results' problems queued.
        const checks = await runChecksIn(tx, round, at);
        await writeAudit(tx, actor, {
          action: 'selection_rounds.lock',
          entityType: 'selection_rounds',
          entityId: round.id,
          before: { status: round.status },
          after: { status: 'locked', closedWaitlistEntries: closed, checks },
        });
        return { roundId: round.id, status: 'locked', closedWaitlistEntries: closed };
      });
    },

    /** 按行政班预置: enrols every student of the round's scope in the required courses meant for their admin class (idempotent). */
    async prefill(actor: Actor, roundId: number): Promise<PrefillResult> {
      requireAccess(actor, 'selection.manage');
      const at = clock();
      return db.transaction(async (tx) => {
        const round = await loadRound(tx, roundId, true);
        assertNotLocked(round);
        const result = await prefillRound(tx, round, at, actor.userId);
        await writeAudit(tx, actor, {
          action: 'selection_rounds.prefill',
          entityType: 'selection_rounds',
          entityId: round.id,
          after: result,
        });
        return result;
      });
    },

    /**
     * The student's lottery choices of the term as /me lists them: pending before the draw, lost
     * after it with the reason in words (won choices are enrolments, listed as such).
     */
    choicesOf(h: Db | Tx, studentId: number, termId: number, locale: Locale): Promise<MyEnrolment[]> {
      return lotteryChoicesOf(h, studentId, termId, locale);
    },
  };
}

export type DrawService = ReturnType<typeof createDrawService>;
