import { maskOfWeeks } from '@jiaowu/contracts';
import { lectureClash, type RuleLecture } from './rules.ts';

/**
 * The lottery draw of a 预选 round: who gets a seat in which teaching class, and why each
 * student did or did not. Pure: plain data in, plain data out, no clock, no I/O, no Math.random.
 *
 * Algorithm
 * 1. Normalise: classes by teachingClassId, applicants by studentId, each student's choices by
 *    (rank, teachingClassId), every lecture list by (day, startPeriod, length, weekMask). Nothing
 *    below depends on the order of the input arrays, so the same input and seed give the same
 *    result however the caller happened to load them.
 * 2. Draw numbers. Every (class, applicant) pair gets a 53-bit key hashed from (seed, class id,
 *    student id) — a counter-based generator rather than a stream, so a student's place in one
 *    class never depends on which other classes exist or who else applied elsewhere, and the
 *    office can recompute any single draw by hand. A class's applicants sorted by key (student id
 *    breaks an exact key tie, which is practically impossible at 53 bits) is the class's random
 *    order; the 1-based position in it is the draw number a student is shown.
 * 3. Rank rounds (志愿). All rank-1 choices are settled first, then rank 2, and so on; inside a
 *    round classes go in teachingClassId order. So a seat won by a choice is never taken back by
 *    a later round, and a student's earlier-ranked choice always wins over their later ones: a
 *    later choice that clashes with an earlier win is the one that loses. Two choices of one
 *    student with the same rank are settled in class order.
 * 4. Inside one class and round, applicants are taken by priority group — 1: the class is
 *    required by the student's plan (培养方案), 2: the student is in a graduating cohort,
 *    3: everybody else — and by draw number inside a group. Each applicant in turn is first
 *    checked against what they already hold (fixed lectures and courses, and everything won so
 *    far): another class of the same course, a lecture clash (same day, overlapping periods, at
 *    least one common week, so odd and even weeks do not clash), or the credit limit. Such an
 *    applicant loses for that reason and takes no seat. Otherwise they win while seats remain,
 *    and lose as `class_full` after that.
 *
 * Guarantees (tested as properties in lottery.test.ts): never more winners than seats; a student's
 * wins never clash with each other or with their fixed lectures, never include two classes of one
 * course or a course they already hold, never exceed their credit limit; within a class and round
 * no applicant of a lower group, or a later draw number in the same group, wins while an eligible
 * applicant before them lost.
 *
 * Credits are compared in tenths (the catalog keeps one decimal), so 0.1 + 0.2 never matters.
 */

/** One weekly meeting of a class: day 1–7, periods startPeriod..startPeriod+length−1, weeks as a bitmask (bit w−1 ⇔ week w). */
/** A weekly lecture (weekMask bit w-1 = week w), as the rule checker reads them. */
export type LotteryLecture = RuleLecture;

/** A lecture of a class the student already holds (pre-enrolled 预置 or taken earlier); the id lets a reason name it. */
export interface HeldLecture extends LotteryLecture {
  teachingClassId: number;
}

export interface LotteryClass {
  teachingClassId: number;
  courseId: number;
  credits: number;
  /** Seats left for the draw: capacity minus seats already taken (e.g. by pre-enrolled students). Below 0 reads as 0. */
  seats: number;
  lectures: readonly LotteryLecture[];
}

export interface LotteryChoice {
  teachingClassId: number;
  /** Preference rank 志愿, 1 first. */
  rank: number;
  /** The class is required by the student's curriculum plan (priority group 1). */
  requiredByPlan: boolean;
}

export interface LotteryApplicant {
  studentId: number;
  /** Credits the student may still take in this term. */
  creditLimit: number;
  alreadyEnrolledLectures: readonly HeldLecture[];
  alreadyEnrolledCourseIds: readonly number[];
  /** In a graduating cohort (priority group 2). */
  graduating: boolean;
  /** At most one choice per class. */
  choices: readonly LotteryChoice[];
}

export interface LotteryInput {
  classes: readonly LotteryClass[];
  applicants: readonly LotteryApplicant[];
  /** 32-bit integer recorded with the round; re-running with it reproduces the draw. */
  seed: number;
}

/** 1: required by the plan, 2: graduating cohort, 3: others. */
export type PriorityGroup = 1 | 2 | 3;

/** Who held the seat, course or time that a choice lost to. */
export type LotteryBlocker = { kind: 'enrolled'; teachingClassId: number | null } | { kind: 'won'; teachingClassId: number; rank: number };

/** Why a choice lost. */
export type LotteryLoss =
  | {
      code: 'class_full';
      /** Seats still free when this applicant's rank round reached the class (0: taken by earlier ranks, or none to begin with). */
      seatsAtRound: number;
      /** The last applicant to win in that round (where the seats ran out); null when none was left for the round. */
      cutoff: { group: PriorityGroup; drawNumber: number } | null;
    }
  | {
      code: 'time_conflict';
      with: LotteryBlocker;
      day: number;
      /** The periods both meet, inclusive. */
      fromPeriod: number;
      toPeriod: number;
      /** The weeks both meet (bitmask). */
      weekMask: number;
    }
  | {
      code: 'credit_limit';
      creditLimit: number;
      /** Credits won by earlier choices of the draw. */
      creditsWon: number;
      credits: number;
    }
  | { code: 'same_course'; with: LotteryBlocker };

export interface LotteryExplanation {
  /** Students who chose the class (any rank). */
  applicants: number;
  seats: number;
  group: PriorityGroup;
  rank: number;
  /** Position in the class's random order, 1-based. */
  drawNumber: number;
  /** Null when won. */
  loss: LotteryLoss | null;
}

export interface LotteryOutcome {
  studentId: number;
  teachingClassId: number;
  courseId: number;
  won: boolean;
  explanation: LotteryExplanation;
}

export interface LotteryClassSummary {
  teachingClassId: number;
  applicants: number;
  seats: number;
  winners: number;
}

export interface LotteryResult {
  /** The seed as an unsigned 32-bit integer (−1 and 4294967295 are one seed). */
  seed: number;
  /** One per choice, by studentId, then rank, then teachingClassId. */
  outcomes: LotteryOutcome[];
  /** One per class, by teachingClassId. */
  classes: LotteryClassSummary[];
}

/** Thrown for input the service must never build (duplicate ids, unknown class, bad rank or seed): a bug, not a user error. */
export class LotteryInputError extends Error {
  override name = 'LotteryInputError';
}

// ——— draw keys ———

/** Wellons' lowbias32 finaliser: a bijective 32-bit mix with good avalanche. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Folds an id (a non-negative safe integer) into a running hash, both 32-bit halves. */
function absorb(h: number, id: number): number {
  return mix32(mix32(h ^ id) ^ Math.floor(id / 0x1_0000_0000));
}

/**
 * The draw key of a student in a class for a seed: a uniform integer below 2^53, depending on
 * these three numbers only. Exported so an audit can recompute one student's draw.
 */
export function drawKey(seed: number, teachingClassId: number, studentId: number): number {
  const base = mix32((seed >>> 0) ^ 0x9e3779b9);
  const hi = absorb(absorb(base, teachingClassId), studentId);
  const lo = absorb(absorb(mix32(base ^ 0x85ebca6b), studentId), teachingClassId);
  return hi * 0x20_0000 + (lo >>> 11);
}

// ——— lectures ———

const byLecture = (a: LotteryLecture, b: LotteryLecture) =>
  a.day - b.day || a.startPeriod - b.startPeriod || a.length - b.length || (a.weekMask >>> 0) - (b.weekMask >>> 0);

// ——— the draw ———

const tenths = (credits: number) => Math.round(credits * 10);

interface Entry {
  applicant: LotteryApplicant;
  choice: LotteryChoice;
  group: PriorityGroup;
  key: number;
  /** 1-based position in the class's random order. */
  drawNumber: number;
  outcome?: LotteryOutcome;
}

/** What a student holds while the draw runs. */
interface Holding {
  lectures: Array<{ lecture: LotteryLecture; by: LotteryBlocker }>;
  courses: Map<number, LotteryBlocker>;
  creditLimitTenths: number;
  wonTenths: number;
}

const byEntry = (a: Entry, b: Entry) => a.group - b.group || a.drawNumber - b.drawNumber;

function validate(input: LotteryInput, classIds: ReadonlyMap<number, LotteryClass>) {
  if (!Number.isInteger(input.seed) || input.seed < -0x8000_0000 || input.seed > 0xffff_ffff)
    throw new LotteryInputError(`seed must be a 32-bit integer, got ${input.seed}`);
  if (classIds.size !== input.classes.length) throw new LotteryInputError('duplicate teachingClassId among classes');
  const students = new Set<number>();
  for (const a of input.applicants) {
    if (students.has(a.studentId)) throw new LotteryInputError(`duplicate applicant ${a.studentId}`);
    students.add(a.studentId);
    const chosen = new Set<number>();
    for (const c of a.choices) {
      if (!classIds.has(c.teachingClassId))
        throw new LotteryInputError(`student ${a.studentId} chose class ${c.teachingClassId}, which is not in the draw`);
      if (chosen.has(c.teachingClassId)) throw new LotteryInputError(`student ${a.studentId} chose class ${c.teachingClassId} twice`);
      if (!Number.isInteger(c.rank) || c.rank < 1)
        throw new LotteryInputError(`student ${a.studentId}: rank ${c.rank} is not a positive integer`);
      chosen.add(c.teachingClassId);
    }
  }
}

/** Draws the seats of a lottery round. Throws LotteryInputError on malformed input (see validate). */
export function drawLottery(input: LotteryInput): LotteryResult {
  const classes = new Map(input.classes.map((c) => [c.teachingClassId, c]));
  validate(input, classes);
  const seed = input.seed >>> 0;
  const classIds = [...classes.keys()].sort((a, b) => a - b);
  const applicants = [...input.applicants].sort((a, b) => a.studentId - b.studentId);
  const lecturesOf = new Map(classIds.map((id) => [id, [...classes.get(id)!.lectures].sort(byLecture)]));
  const seatsOf = new Map(classIds.map((id) => [id, Math.max(0, Math.floor(classes.get(id)!.seats))]));

  // Entries per class (for draw numbers), per (rank, class) (for the rounds) and per student (for the output).
  const perClass = new Map<number, Entry[]>(classIds.map((id) => [id, []]));
  const rounds = new Map<number, Map<number, Entry[]>>();
  const perStudent: Entry[][] = [];
  const holding = new Map<number, Holding>();
  for (const a of applicants) {
    holding.set(a.studentId, {
      lectures: [...a.alreadyEnrolledLectures]
        .sort((x, y) => byLecture(x, y) || x.teachingClassId - y.teachingClassId)
        .map((l) => ({ lecture: l, by: { kind: 'enrolled', teachingClassId: l.teachingClassId } })),
      courses: new Map(a.alreadyEnrolledCourseIds.map((c) => [c, { kind: 'enrolled', teachingClassId: null }])),
      creditLimitTenths: tenths(a.creditLimit),
      wonTenths: 0,
    });
    const mine: Entry[] = [];
    for (const choice of [...a.choices].sort((x, y) => x.rank - y.rank || x.teachingClassId - y.teachingClassId)) {
      const group: PriorityGroup = choice.requiredByPlan ? 1 : a.graduating ? 2 : 3;
      const entry: Entry = { applicant: a, choice, group, key: drawKey(seed, choice.teachingClassId, a.studentId), drawNumber: 0 };
      mine.push(entry);
      perClass.get(choice.teachingClassId)!.push(entry);
      let round = rounds.get(choice.rank);
      if (!round) rounds.set(choice.rank, (round = new Map()));
      const list = round.get(choice.teachingClassId);
      if (list) list.push(entry);
      else round.set(choice.teachingClassId, [entry]);
    }
    perStudent.push(mine);
  }
  for (const list of perClass.values()) {
    list.sort((x, y) => x.key - y.key || x.applicant.studentId - y.applicant.studentId);
    list.forEach((e, i) => (e.drawNumber = i + 1));
  }

  const seatsLeft = new Map(seatsOf);
  for (const rank of [...rounds.keys()].sort((a, b) => a - b)) {
    const round = rounds.get(rank)!;
    for (const classId of classIds) {
      const entries = round.get(classId);
      if (!entries) continue;
      entries.sort(byEntry);
      const cls = classes.get(classId)!;
      const lectures = lecturesOf.get(classId)!;
      const settle = (e: Entry, loss: LotteryLoss | null) => {
        e.outcome = {
          studentId: e.applicant.studentId,
          teachingClassId: classId,
          courseId: cls.courseId,
          won: loss === null,
          explanation: {
            applicants: perClass.get(classId)!.length,
            seats: seatsOf.get(classId)!,
            group: e.group,
            rank,
            drawNumber: e.drawNumber,
            loss,
          },
        };
      };
      const seatsAtRound = seatsLeft.get(classId)!;
      let left = seatsAtRound;
      let lastWinner: Entry | null = null;
      const full: Entry[] = [];
      for (const e of entries) {
        const hold = holding.get(e.applicant.studentId)!;
        const ineligible = eligibility(hold, cls, lectures);
        if (ineligible) settle(e, ineligible);
        else if (left === 0) full.push(e);
        else {
          left--;
          lastWinner = e;
          const by: LotteryBlocker = { kind: 'won', teachingClassId: classId, rank };
          for (const lecture of lectures) hold.lectures.push({ lecture, by });
          hold.courses.set(cls.courseId, by);
          hold.wonTenths += tenths(cls.credits);
          settle(e, null);
        }
      }
      // Where the seats ran out is only known once the round is through, so the full ones are settled last.
      const cutoff = lastWinner && { group: lastWinner.group, drawNumber: lastWinner.drawNumber };
      for (const e of full) settle(e, { code: 'class_full', seatsAtRound, cutoff });
      seatsLeft.set(classId, left);
    }
  }

  return {
    seed,
    outcomes: perStudent.flatMap((mine) => mine.map((e) => e.outcome!)),
    classes: classIds.map((id) => ({
      teachingClassId: id,
      applicants: perClass.get(id)!.length,
      seats: seatsOf.get(id)!,
      winners: seatsOf.get(id)! - seatsLeft.get(id)!,
    })),
  };
}

/** Why the student may not have this class on top of what they hold, or null when they may. */
function eligibility(hold: Holding, cls: LotteryClass, lectures: readonly LotteryLecture[]): LotteryLoss | null {
  const sameCourse = hold.courses.get(cls.courseId);
  if (sameCourse) return { code: 'same_course', with: sameCourse };
  for (const lecture of lectures)
    for (const held of hold.lectures) {
      const clash = lectureClash(lecture, held.lecture);
      if (clash)
        return {
          code: 'time_conflict',
          with: held.by,
          day: clash.day,
          fromPeriod: clash.fromPeriod,
          toPeriod: clash.toPeriod,
          weekMask: maskOfWeeks(clash.weeks),
        };
    }
  const credits = tenths(cls.credits);
  if (hold.wonTenths + credits > hold.creditLimitTenths)
    return { code: 'credit_limit', creditLimit: hold.creditLimitTenths / 10, creditsWon: hold.wonTenths / 10, credits: credits / 10 };
  return null;
}
