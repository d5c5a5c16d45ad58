import type { HardRule, SolveSummary } from '@jiaowu/contracts';
import { evaluateAssignment, solve, type SolveResult, type TimetableModel } from '@jiaowu/solver';
import { checkHard } from './core/hard-rules.ts';
import { assignmentOfLectures, buildSolverModel, lecturesFromAssignment, type ModelLecture, type SolvedLecture } from './solver-model.ts';
import { checkContextOf, lecturesOfClass, toCheckLecture, type TermFacts } from './term-facts.ts';
import { reasonsInWords, type ReasonWords } from './unplaced-words.ts';
import type { NewDraftLecture } from './drafts.repository.ts';

/**
 * From a solver result to the lectures a draft stores: back to rows, every placed lecture
 * verified by the hard-rule checker (a lecture the checker refuses is taken out and explained,
 * so solver and checker can never silently disagree), every unplaced one explained in words.
 */

const RULE_WORDS: Partial<Record<HardRule, { zh: string; en: string }>> = {
  teacher_clash: { zh: '教师时间冲突', en: 'a teacher would be double-booked' },
  room_clash: { zh: '教室时间冲突', en: 'the room would be double-booked' },
  class_clash: { zh: '班级时间冲突', en: 'an admin class would be double-booked' },
  student_clash: { zh: '学生时间冲突', en: 'a student would be double-booked' },
  room_capacity: { zh: '教室容量不足', en: 'the room is too small' },
  room_type: { zh: '教室类型不符', en: 'the room is of the wrong type' },
  room_features: { zh: '教室缺少所需设备', en: 'the room lacks a required feature' },
  room_unavailable: { zh: '教室不可用', en: 'the room is unavailable' },
  room_booked: { zh: '教室已被借用', en: 'the room is booked' },
  teacher_unavailable: { zh: '教师不可排时间', en: 'the teacher is unavailable' },
  blocked_slot: { zh: '禁排时间', en: 'a blocked slot' },
  campus_travel: { zh: '跨校区往返时间不足', en: 'not enough time to travel between campuses' },
  outside_grid: { zh: '超出作息时间', en: 'outside the time grid' },
  linked_time: { zh: '关联教学班不同时', en: 'linked classes would not share the time' },
};

/** Takes out placed lectures the checker refuses, one per violation, until none is left. */
export function verifyWithChecker(lectures: SolvedLecture[], facts: TermFacts): SolvedLecture[] {
  const ctx = checkContextOf(facts);
  const byKey = new Map(lectures.map((l) => [l.lectureKey, l]));
  for (let round = 0; round < lectures.length; round++) {
    const violations = checkHard(
      [...byKey.values()].map((l) => toCheckLecture(l, facts)),
      ctx,
    ).filter((v) => v.rule !== 'unplaced');
    if (violations.length === 0) break;
    const taken = new Set<string>();
    for (const v of violations) {
      if (v.lectureKeys.some((k) => taken.has(k))) continue;
      // Prefer taking out a lecture nobody locked, the later one of a pair.
      const keys = [...v.lectureKeys].reverse();
      const key = keys.find((k) => !byKey.get(k)?.lockTime) ?? keys[0];
      const l = byKey.get(key)!;
      const words = RULE_WORDS[v.rule] ?? { zh: '违反硬约束', en: 'a hard rule would be broken' };
      const reason: ReasonWords = {
        code: 'CHECKER',
        params: { rule: v.rule },
        message: { zh: `求解结果未通过冲突检查（${words.zh}），已移出`, en: `Taken out by the conflict check: ${words.en}` },
      };
      byKey.set(key, {
        ...l,
        day: null,
        startPeriod: null,
        roomId: null,
        unplaced: { eventId: key, eventName: key, reasons: [], message: { en: '', zh: '' } },
        checkerReason: reason,
      } as SolvedLecture & { checkerReason: ReasonWords });
      taken.add(key);
    }
  }
  return lectures.map((l) => byKey.get(l.lectureKey)!);
}

export interface StoredSolve {
  rows: NewDraftLecture[];
  summary: SolveSummary;
}

/** Rows to store and the summary, from the solver's result on these lectures. */
export function storedSolve(
  facts: TermFacts,
  model: TimetableModel,
  lectures: readonly ModelLecture[],
  result: Pick<SolveResult, 'assignment' | 'unplaced' | 'stats'>,
  extra: { cancelled?: boolean; moved?: number } = {},
): StoredSolve {
  const solved = verifyWithChecker(lecturesFromAssignment(lectures, result.assignment, result.unplaced), facts);
  const finalAssignment = assignmentOfLectures(solved);
  const cost = evaluateAssignment(model, finalAssignment);
  const hard = checkHard(
    solved.map((l) => toCheckLecture(l, facts)),
    checkContextOf(facts),
  ).length;
  const softOf = new Map(cost.byEvent.map((e) => [e.eventId, e.soft]));
  const colleges = new Map<number, { collegeId: number; placed: number; total: number; soft: number }>();
  for (const l of solved) {
    const collegeId = facts.classes.get(l.teachingClassId)?.collegeId ?? 0;
    const c = colleges.get(collegeId) ?? colleges.set(collegeId, { collegeId, placed: 0, total: 0, soft: 0 }).get(collegeId)!;
    c.total++;
    if (l.day !== null) c.placed++;
    c.soft += softOf.get(l.lectureKey) ?? 0;
  }
  const rows: NewDraftLecture[] = solved.map((l) => {
    const checker = (l as SolvedLecture & { checkerReason?: ReasonWords }).checkerReason;
    const reasons = l.day !== null ? null : checker ? [checker] : l.unplaced ? reasonsInWords(l.unplaced, l, solved, facts) : null;
    return {
      lectureKey: l.lectureKey,
      teachingClassId: l.teachingClassId,
      sessionIndex: l.sessionIndex,
      day: l.day,
      startPeriod: l.startPeriod,
      length: l.length,
      weekMask: l.weekMask,
      roomId: l.roomId,
      teacherIds: l.teacherIds,
      lockTime: l.lockTime ?? false,
      lockRoom: l.lockRoom ?? false,
      unplacedReasons: reasons,
    };
  });
  const placed = solved.filter((l) => l.day !== null).length;
  return {
    rows,
    summary: {
      feasible: hard === 0,
      hard,
      soft: cost.soft,
      byConstraint: cost.byConstraint,
      byCollege: [...colleges.values()].sort((a, b) => a.collegeId - b.collegeId),
      placed,
      total: solved.length,
      elapsedMs: Math.round(result.stats.elapsedMs),
      firstFeasibleMs: result.stats.firstFeasibleMs === null ? null : Math.round(result.stats.firstFeasibleMs),
      seed: result.stats.seed,
      cancelled: extra.cancelled ?? false,
      ...(extra.moved !== undefined ? { moved: extra.moved } : {}),
    },
  };
}

/**
 * Solves a term in this thread, synchronously (the demo seed and the benchmark): every lecture
 * of every teaching class, deterministic for a seed with `maxIterations`. Returns the lecture
 * rows (placed ones verified by the checker) and the summary.
 */
export function solveTermLectures(
  facts: TermFacts,
  opts: { seed?: number; maxIterations?: number; timeLimitMs?: number; lectures?: readonly ModelLecture[] } = {},
): StoredSolve & { model: TimetableModel } {
  const lectures = opts.lectures ?? [...facts.classes.values()].flatMap(lecturesOfClass);
  const model = buildSolverModel(facts, { lectures });
  const result = solve(model, {
    seed: opts.seed ?? 1,
    ...(opts.maxIterations !== undefined ? { maxIterations: opts.maxIterations } : {}),
    timeLimitMs: opts.timeLimitMs ?? 10_000,
  });
  return { ...storedSolve(facts, model, lectures, result), model };
}
