import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lotteryOutcomeText, type LotteryClassName } from './lottery-words.ts';
import {
  drawLottery,
  LotteryInputError,
  type LotteryApplicant,
  type LotteryClass,
  type LotteryInput,
  type LotteryLecture,
  type LotteryOutcome,
  type LotteryResult,
} from './lottery.ts';
import { lectureClash } from './rules.ts';

const ALL = 0xffff; // weeks 1–16
const ODD = 0x5555;
const EVEN = 0xaaaa;

const lec = (day: number, startPeriod: number, length = 2, weekMask = ALL): LotteryLecture => ({ day, startPeriod, length, weekMask });
const cls = (teachingClassId: number, over: Partial<LotteryClass> = {}): LotteryClass => ({
  teachingClassId,
  courseId: teachingClassId,
  credits: 2,
  seats: 30,
  lectures: [lec(1, 1)],
  ...over,
});
const student = (studentId: number, over: Partial<LotteryApplicant> = {}): LotteryApplicant => ({
  studentId,
  creditLimit: 30,
  alreadyEnrolledLectures: [],
  alreadyEnrolledCourseIds: [],
  graduating: false,
  choices: [],
  ...over,
});
const choose = (teachingClassId: number, rank = 1, requiredByPlan = false) => ({ teachingClassId, rank, requiredByPlan });
const outcomeOf = (r: LotteryResult, studentId: number, teachingClassId: number) =>
  r.outcomes.find((o) => o.studentId === studentId && o.teachingClassId === teachingClassId)!;

const NAMES = new Map<number, LotteryClassName>([
  [1, { code: 'MA101-01', courseName: '高等数学', courseNameEn: 'Calculus' }],
  [2, { code: 'CS201-01', courseName: '数据结构', courseNameEn: 'Data Structures' }],
  [3, { code: 'PE100-03', courseName: '体育', courseNameEn: 'Physical Education' }],
  [50, { code: 'EN101-02', courseName: '大学英语', courseNameEn: 'College English' }],
]);

describe('drawLottery — examples', () => {
  it('draws 60 of 120 applicants and tells a loser where the seats ran out', () => {
    const input: LotteryInput = {
      classes: [cls(2, { seats: 60 })],
      applicants: Array.from({ length: 120 }, (_, i) => student(1000 + i, { choices: [choose(2)] })),
      seed: 20260901,
    };
    const r = drawLottery(input);
    expect(r.classes).toEqual([{ teachingClassId: 2, applicants: 120, seats: 60, winners: 60 }]);
    // Draw numbers are a permutation of 1..120 and the 60 lowest win (everybody is in group 3).
    expect(r.outcomes.map((o) => o.explanation.drawNumber).sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    for (const o of r.outcomes) expect(o.won).toBe(o.explanation.drawNumber <= 60);
    const loser = r.outcomes.find((o) => o.explanation.drawNumber === 87)!;
    expect(loser.explanation.loss).toEqual({ code: 'class_full', seatsAtRound: 60, cutoff: { group: 3, drawNumber: 60 } });
    expect(lotteryOutcomeText(loser, NAMES, 'zh-CN')).toBe(
      '数据结构（CS201-01）：120 人申请 60 个名额；你在第 3 优先组（第 1 志愿）；抽签号 87：未中签。名额在第 3 优先组抽签号 60 处用完',
    );
    expect(lotteryOutcomeText(loser, NAMES, 'en')).toBe(
      'Data Structures (CS201-01): 120 applicants for 60 seats; you were in priority group 3 (choice 1); your draw number 87: not drawn. The seats ran out at priority group 3, draw number 60',
    );
    const winner = r.outcomes.find((o) => o.explanation.drawNumber === 5)!;
    expect(lotteryOutcomeText(winner, NAMES, 'en')).toMatch(/your draw number 5: drawn$/);
  });

  it('gives seats to plan-required students, then graduating ones, whatever the draw', () => {
    for (let seed = 0; seed < 25; seed++) {
      const r = drawLottery({
        classes: [cls(3, { seats: 2 })],
        applicants: [
          student(1, { choices: [choose(3)] }),
          student(2, { choices: [choose(3)] }),
          student(3, { graduating: true, choices: [choose(3)] }),
          student(4, { choices: [choose(3, 1, true)] }),
          student(5, { choices: [choose(3)] }),
        ],
        seed,
      });
      expect(r.outcomes.filter((o) => o.won).map((o) => o.studentId)).toEqual([3, 4]);
      expect(outcomeOf(r, 3, 3).explanation.group).toBe(2);
      expect(outcomeOf(r, 4, 3).explanation.group).toBe(1);
      expect(outcomeOf(r, 1, 3).explanation.loss).toMatchObject({ code: 'class_full', cutoff: { group: 2 } });
    }
  });

  it('lets a first choice win over a clashing second choice, even when the second is the lower class id', () => {
    const r = drawLottery({
      classes: [cls(1, { lectures: [lec(3, 3)] }), cls(2, { lectures: [lec(3, 4, 2)] })],
      applicants: [student(7, { choices: [choose(1, 2), choose(2, 1)] })],
      seed: 1,
    });
    expect(outcomeOf(r, 7, 2).won).toBe(true);
    const lost = outcomeOf(r, 7, 1);
    expect(lost.explanation.loss).toEqual({
      code: 'time_conflict',
      with: { kind: 'won', teachingClassId: 2, rank: 1 },
      day: 3,
      fromPeriod: 4,
      toPeriod: 4,
      weekMask: ALL,
    });
    expect(lotteryOutcomeText(lost, NAMES, 'zh-CN')).toMatch(/与你第 1 志愿已中签的 数据结构（CS201-01）时间冲突：周三 第4节（1-16周）$/);
    expect(lotteryOutcomeText(lost, NAMES, 'en')).toMatch(
      /clashes with Data Structures \(CS201-01\), which you won by choice 1 \(Wed period 4, Weeks 1–16\)$/,
    );
  });

  it('does not see a clash between odd-week and even-week lectures, but does between every week and odd weeks', () => {
    const r = drawLottery({
      classes: [
        cls(1, { lectures: [lec(1, 1, 2, ODD)] }),
        cls(2, { lectures: [lec(1, 1, 2, EVEN)] }),
        cls(3, { lectures: [lec(1, 2, 2, ALL)] }),
      ],
      applicants: [student(1, { choices: [choose(1), choose(2), choose(3, 2)] })],
      seed: 9,
    });
    expect(r.outcomes.map((o) => [o.teachingClassId, o.won])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    const lost = outcomeOf(r, 1, 3);
    expect(lost.explanation.loss).toMatchObject({
      code: 'time_conflict',
      with: { teachingClassId: 1 },
      weekMask: ODD,
      fromPeriod: 2,
      toPeriod: 2,
    });
    expect(lotteryOutcomeText(lost, NAMES, 'zh-CN')).toContain('周一 第2节（1-15周(单)）');
  });

  it('refuses a class that clashes with a lecture the student already holds, naming it', () => {
    const r = drawLottery({
      classes: [cls(1, { lectures: [lec(2, 5, 2, ODD)] })],
      applicants: [student(1, { alreadyEnrolledLectures: [{ ...lec(2, 6, 2, 0x0f), teachingClassId: 50 }], choices: [choose(1)] })],
      seed: 3,
    });
    const o = outcomeOf(r, 1, 1);
    expect(o.won).toBe(false);
    expect(r.classes[0].winners).toBe(0);
    expect(lotteryOutcomeText(o, NAMES, 'zh-CN')).toMatch(/与你已有的 大学英语（EN101-02）时间冲突：周二 第6节（1,3周）$/);
    expect(lotteryOutcomeText(o, NAMES, 'en')).toMatch(
      /College English \(EN101-02\), which you already hold \(Tue period 6, Weeks 1, 3\)$/,
    );
  });

  it('never gives two classes of one course, nor a course the student already holds', () => {
    const r = drawLottery({
      classes: [
        cls(1, { courseId: 10, lectures: [lec(1, 1)] }),
        cls(2, { courseId: 10, lectures: [lec(2, 1)] }),
        cls(3, { courseId: 11, lectures: [lec(3, 1)] }),
      ],
      applicants: [student(1, { choices: [choose(1), choose(2)] }), student(2, { alreadyEnrolledCourseIds: [11], choices: [choose(3)] })],
      seed: 5,
    });
    expect(outcomeOf(r, 1, 1).won).toBe(true);
    expect(outcomeOf(r, 1, 2).explanation.loss).toEqual({ code: 'same_course', with: { kind: 'won', teachingClassId: 1, rank: 1 } });
    expect(lotteryOutcomeText(outcomeOf(r, 1, 2), NAMES, 'en')).toMatch(
      /You already have this course: Calculus \(MA101-01\), which you won by choice 1$/,
    );
    expect(lotteryOutcomeText(outcomeOf(r, 2, 3), NAMES, 'zh-CN')).toMatch(/你本学期已修读本课程$/);
  });

  it('stops at the credit limit, and the seat goes to the next applicant', () => {
    const r = drawLottery({
      classes: [cls(1, { credits: 3, lectures: [lec(1, 1)] }), cls(2, { credits: 2.5, seats: 1, lectures: [lec(2, 1)] })],
      applicants: [student(1, { creditLimit: 5, choices: [choose(1), choose(2, 1, true)] }), student(2, { choices: [choose(2)] })],
      seed: 11,
    });
    // Student 1 is in group 1 for class 2 and so comes first there, but 3 + 2.5 > 5.
    const o = outcomeOf(r, 1, 2);
    expect(o.explanation.loss).toEqual({ code: 'credit_limit', creditLimit: 5, creditsWon: 3, credits: 2.5 });
    expect(outcomeOf(r, 2, 2).won).toBe(true);
    expect(lotteryOutcomeText(o, NAMES, 'zh-CN')).toMatch(/学分超限：你还可选 5 学分，已中签 3 学分，本课程 2.5 学分$/);
  });

  it('explains a class whose seats were all taken before the draw or by earlier choices', () => {
    const r = drawLottery({
      classes: [cls(1, { seats: 0 }), cls(2, { seats: 1, lectures: [lec(4, 1)] })],
      applicants: [student(1, { choices: [choose(1), choose(2, 2)] }), student(2, { choices: [choose(2, 1)] })],
      seed: 2,
    });
    expect(lotteryOutcomeText(outcomeOf(r, 1, 1), NAMES, 'en')).toMatch(/0 seats; .*No seats were left before the draw$/);
    expect(outcomeOf(r, 2, 2).won).toBe(true);
    expect(lotteryOutcomeText(outcomeOf(r, 1, 2), NAMES, 'zh-CN')).toMatch(/（第 2 志愿）.*名额已被更靠前志愿的申请者占满$/);
  });

  it("keeps a student's place in one class when other classes and applicants are added", () => {
    const base: LotteryInput = {
      classes: [cls(1, { seats: 3 })],
      applicants: Array.from({ length: 10 }, (_, i) => student(i + 1, { choices: [choose(1)] })),
      seed: 77,
    };
    const more: LotteryInput = {
      ...base,
      classes: [...base.classes, cls(2, { lectures: [lec(5, 1)] })],
      applicants: [...base.applicants.map((a) => ({ ...a, choices: [...a.choices, choose(2, 2)] })), student(99, { choices: [choose(2)] })],
    };
    const winners = (r: LotteryResult) => r.outcomes.filter((o) => o.teachingClassId === 1 && o.won).map((o) => o.studentId);
    expect(winners(drawLottery(more))).toEqual(winners(drawLottery(base)));
  });

  it('rejects input the service must never build', () => {
    const ok: LotteryInput = { classes: [cls(1)], applicants: [student(1, { choices: [choose(1)] })], seed: 1 };
    expect(() => drawLottery({ ...ok, seed: 1.5 })).toThrow(LotteryInputError);
    expect(() => drawLottery({ ...ok, classes: [cls(1), cls(1)] })).toThrow(LotteryInputError);
    expect(() => drawLottery({ ...ok, applicants: [student(1, { choices: [choose(2)] })] })).toThrow(/not in the draw/);
    expect(() => drawLottery({ ...ok, applicants: [student(1, { choices: [choose(1), choose(1, 2)] })] })).toThrow(/twice/);
    expect(() => drawLottery({ ...ok, applicants: [student(1), student(1)] })).toThrow(/duplicate applicant/);
    expect(() => drawLottery({ ...ok, applicants: [student(1, { choices: [choose(1, 0)] })] })).toThrow(/rank/);
  });
});

// ——— properties over random rounds ———

const WEEK_MASKS = [ALL, ODD, EVEN, 0x00ff, 0xff00, 0x0f0f];

const lectureArb = fc.record({
  day: fc.integer({ min: 1, max: 5 }),
  startPeriod: fc.integer({ min: 1, max: 10 }),
  length: fc.integer({ min: 1, max: 3 }),
  weekMask: fc.constantFrom(...WEEK_MASKS),
});

/** A round: up to 40 classes of up to 15 courses (so same-course pairs occur), up to 300 students, few seats (so classes are contested). */
const roundArb: fc.Arbitrary<LotteryInput> = fc
  .uniqueArray(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 40 })
  .chain((classIds) =>
    fc.record({
      classes: fc.tuple(
        ...classIds.map((teachingClassId) =>
          fc.record({
            teachingClassId: fc.constant(teachingClassId),
            courseId: fc.integer({ min: 1, max: 15 }),
            credits: fc.constantFrom(1, 1.5, 2, 3, 4),
            seats: fc.integer({ min: -1, max: 12 }),
            lectures: fc.array(lectureArb, { minLength: 1, maxLength: 2 }),
          }),
        ),
      ),
      applicants: fc.uniqueArray(
        fc.record({
          studentId: fc.integer({ min: 1, max: 1_000_000 }),
          creditLimit: fc.integer({ min: 0, max: 24 }).map((h) => h / 2),
          alreadyEnrolledLectures: fc.array(
            lectureArb.map((l) => ({ ...l, teachingClassId: 500_000 })),
            { maxLength: 2 },
          ),
          alreadyEnrolledCourseIds: fc.uniqueArray(fc.integer({ min: 1, max: 15 }), { maxLength: 1 }),
          graduating: fc.boolean(),
          choices: fc.uniqueArray(
            fc.record({
              teachingClassId: fc.constantFrom(...classIds),
              rank: fc.integer({ min: 1, max: 3 }),
              requiredByPlan: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
            }),
            { selector: (c) => c.teachingClassId, maxLength: 5 },
          ),
        }),
        { selector: (a) => a.studentId, maxLength: 300 },
      ),
      seed: fc.integer({ min: 0, max: 0xffff_ffff }),
    }),
  );

const lecturesOfClass = (input: LotteryInput) => new Map(input.classes.map((c) => [c.teachingClassId, c]));

/** Every rule a user would notice if it broke; returns nothing, fails an expect. */
function expectSound(input: LotteryInput, r: LotteryResult) {
  const classes = lecturesOfClass(input);
  expect(r.outcomes.length).toBe(input.applicants.reduce((n, a) => n + a.choices.length, 0));
  for (const s of r.classes) {
    const winners = r.outcomes.filter((o) => o.teachingClassId === s.teachingClassId && o.won).length;
    expect(winners).toBe(s.winners);
    expect(s.winners).toBeLessThanOrEqual(Math.max(0, classes.get(s.teachingClassId)!.seats));
    // Nobody eligible is turned away while a seat is free.
    if (r.outcomes.some((o) => o.teachingClassId === s.teachingClassId && o.explanation.loss?.code === 'class_full'))
      expect(s.winners).toBe(s.seats);
  }
  const byStudent = new Map<number, LotteryOutcome[]>();
  for (const o of r.outcomes) byStudent.set(o.studentId, [...(byStudent.get(o.studentId) ?? []), o]);
  for (const a of input.applicants) {
    const mine = byStudent.get(a.studentId) ?? [];
    const wins = mine.filter((o) => o.won).map((o) => classes.get(o.teachingClassId)!);
    const courses = wins.map((c) => c.courseId);
    expect(new Set(courses).size).toBe(courses.length);
    for (const c of courses) expect(a.alreadyEnrolledCourseIds).not.toContain(c);
    expect(wins.reduce((n, c) => n + c.credits * 10, 0)).toBeLessThanOrEqual(a.creditLimit * 10);
    const held = [...a.alreadyEnrolledLectures];
    for (const c of wins) {
      for (const l of c.lectures) for (const h of held) expect(lectureClash(l, h)).toBeNull();
      held.push(...c.lectures.map((l) => ({ ...l, teachingClassId: c.teachingClassId })));
    }
    // A loss to something the student won points at a win of the same or an earlier rank.
    const rankOf = new Map(mine.map((o) => [o.teachingClassId, o.explanation.rank]));
    for (const o of mine) {
      const loss = o.explanation.loss;
      if (loss && (loss.code === 'time_conflict' || loss.code === 'same_course') && loss.with.kind === 'won') {
        const blocker = mine.find((w) => w.teachingClassId === loss.with.teachingClassId)!;
        expect(blocker.won).toBe(true);
        expect(rankOf.get(blocker.teachingClassId)!).toBeLessThanOrEqual(o.explanation.rank);
      }
    }
  }
}

const key = (o: LotteryOutcome) => `${o.teachingClassId}/${o.explanation.rank}`;

/** Deterministic shuffle (the test's own generator), so order invariance is checked against an arbitrary order. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const j = (s >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('drawLottery — properties', () => {
  it('never oversells, never gives a clash, a second class of a course or too many credits', () => {
    fc.assert(
      fc.property(roundArb, (input) => expectSound(input, drawLottery(input))),
      { numRuns: 150 },
    );
  });

  it('is the same for the same seed, whatever the order of the input', () => {
    fc.assert(
      fc.property(roundArb, fc.integer(), (input, order) => {
        const reordered: LotteryInput = {
          seed: input.seed,
          classes: shuffled(input.classes, order).map((c) => ({ ...c, lectures: shuffled(c.lectures, order + 1) })),
          applicants: shuffled(input.applicants, order + 2).map((a) => ({
            ...a,
            choices: shuffled(a.choices, order + 3),
            alreadyEnrolledLectures: shuffled(a.alreadyEnrolledLectures, order + 4),
          })),
        };
        expect(drawLottery(reordered)).toEqual(drawLottery(input));
      }),
      { numRuns: 100 },
    );
  });

  it('changes some outcome with another seed when a class is contested', () => {
    fc.assert(
      fc.property(roundArb, (input) => {
        const r = drawLottery(input);
        // Contested: an eligible applicant lost to a winner of the same group in the same round,
        // so the draw (not the groups) decided between them.
        const contested = r.outcomes.some(
          (o) => o.explanation.loss?.code === 'class_full' && o.explanation.loss.cutoff?.group === o.explanation.group,
        );
        fc.pre(contested);
        const won = (x: LotteryResult) => x.outcomes.map((o) => o.won).join();
        const others = Array.from({ length: 32 }, (_, i) => won(drawLottery({ ...input, seed: (input.seed + i + 1) >>> 0 })));
        expect(others.some((w) => w !== won(r))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('respects priority groups and draw numbers within a class and rank round', () => {
    fc.assert(
      fc.property(roundArb, (input) => {
        const r = drawLottery(input);
        const rounds = new Map<string, LotteryOutcome[]>();
        for (const o of r.outcomes) rounds.set(key(o), [...(rounds.get(key(o)) ?? []), o]);
        for (const list of rounds.values()) {
          const winners = list.filter((o) => o.won);
          for (const l of list.filter((o) => o.explanation.loss?.code === 'class_full'))
            for (const w of winners) {
              const before =
                w.explanation.group < l.explanation.group ||
                (w.explanation.group === l.explanation.group && w.explanation.drawNumber < l.explanation.drawNumber);
              expect(before, `student ${w.studentId} won ${key(w)} ahead of ${l.studentId}`).toBe(true);
            }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('settles rank r the same whether or not anybody made later choices (a first choice never loses to a later one)', () => {
    fc.assert(
      fc.property(roundArb, fc.integer({ min: 1, max: 2 }), (input, upTo) => {
        const full = drawLottery(input);
        const cut = drawLottery({
          ...input,
          applicants: input.applicants.map((a) => ({ ...a, choices: a.choices.filter((c) => c.rank <= upTo) })),
        });
        const early = (r: LotteryResult) =>
          r.outcomes
            .filter((o) => o.explanation.rank <= upTo)
            .map((o) => [o.studentId, o.teachingClassId, o.won, o.explanation.loss?.code ?? null]);
        expect(early(cut)).toEqual(early(full));
      }),
      { numRuns: 100 },
    );
  });
});
