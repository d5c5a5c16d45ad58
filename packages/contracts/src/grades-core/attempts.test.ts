import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GradeEntry } from '../index.ts';
import { resolveAttempts, type Attempt } from './attempts.ts';
import { evaluateEntry, isMakeupEligible } from './evaluate.ts';
import { DEFAULT_GPA_CONFIG } from './gpa.ts';
import { summarizeRecord, type CourseRecord } from './records.ts';

const score = (tenths: number): GradeEntry => ({ kind: 'score', tenths });
const normal = (tenths: number, seq = 1): Attempt => ({ kind: 'normal', entry: score(tenths), seq });
const makeup = (tenths: number, seq = 2): Attempt => ({ kind: 'makeup', entry: score(tenths), seq });
const retake = (tenths: number, seq = 3): Attempt => ({ kind: 'retake', entry: score(tenths), seq });
const shown = (r: ReturnType<typeof resolveAttempts>) => r.counting && r.counting.shown;

describe('resolveAttempts', () => {
  it('caps a passed make-up at 60 on the transcript and lists both attempts', () => {
    const r = resolveAttempts([makeup(780), normal(450)]);
    expect(r.attempts.map((a) => [a.kind, a.shown, a.isCapped, a.isCounting])).toEqual([
      ['normal', score(450), false, false],
      ['makeup', score(600), true, true],
    ]);
  });

  it('keeps a make-up uncapped when the school says so, and caps 五级制 make-ups at 及格', () => {
    expect(shown(resolveAttempts([normal(450), makeup(780)], { makeupCapTenths: null, retakeCounts: 'best' }))).toEqual(score(780));
    const five = resolveAttempts([
      { kind: 'normal', entry: { kind: 'five_level', level: 'fail' }, seq: 1 },
      { kind: 'makeup', entry: { kind: 'five_level', level: 'good' }, seq: 2 },
    ]);
    expect(shown(five)).toEqual({ kind: 'five_level', level: 'pass' });
  });

  it('counts the best or the latest retake, as configured, listing all', () => {
    const attempts = [normal(400), makeup(500), retake(850, 3), retake(700, 4)];
    expect(shown(resolveAttempts(attempts, { makeupCapTenths: 600, retakeCounts: 'best' }))).toEqual(score(850));
    expect(shown(resolveAttempts(attempts, { makeupCapTenths: 600, retakeCounts: 'latest' }))).toEqual(score(700));
    expect(resolveAttempts(attempts).attempts).toHaveLength(4);
    // A pass beats a higher-looking failure's equivalent: 不合格 never outranks a pass.
    const twoLevel = resolveAttempts([
      { kind: 'normal', entry: { kind: 'two_level', level: 'pass' }, seq: 1 },
      { kind: 'retake', entry: { kind: 'two_level', level: 'fail' }, seq: 2 },
    ]);
    expect(shown(twoLevel)).toEqual({ kind: 'two_level', level: 'pass' });
  });

  it('never counts a 缓考; its later sitting counts in full', () => {
    const deferred: Attempt = { kind: 'normal', entry: { kind: 'mark', mark: 'deferred' }, seq: 1 };
    expect(resolveAttempts([deferred]).counting).toBeNull();
    expect(shown(resolveAttempts([deferred, normal(880, 2)]))).toEqual(score(880));
  });

  it('a make-up never counts above the cap (property)', () => {
    const attempt = fc.record({
      kind: fc.constantFrom('normal' as const, 'makeup' as const, 'retake' as const),
      entry: fc.oneof(
        fc.integer({ min: 0, max: 1000 }).map(score),
        fc.constantFrom<GradeEntry>({ kind: 'mark', mark: 'absent' }, { kind: 'mark', mark: 'deferred' }),
      ),
      seq: fc.integer({ min: 1, max: 20 }),
    });
    fc.assert(
      fc.property(
        fc.array(attempt, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.boolean(),
        (list, cap, latest) => {
          const r = resolveAttempts(list, { makeupCapTenths: cap, retakeCounts: latest ? 'latest' : 'best' });
          for (const a of r.attempts) if (a.kind === 'makeup' && a.shown.kind === 'score') expect(a.shown.tenths).toBeLessThanOrEqual(cap);
          expect(r.attempts.filter((a) => a.isCounting).length).toBe(r.counting ? 1 : 0);
          expect(r.attempts).toHaveLength(list.length);
        },
      ),
    );
  });
});

describe('special marks', () => {
  it('fail or earn as the school says; no make-up after cheating or an unexcused absence by default', () => {
    const marks = ['absent', 'deferred', 'cheating', 'misconduct', 'exempt', 'barred'] as const;
    const rows = marks.map((mark) => {
      const e = evaluateEntry({ kind: 'mark', mark });
      return [mark, e.outcome, e.scoreTenths, isMakeupEligible(e)];
    });
    expect(rows).toEqual([
      ['absent', 'failed', null, false],
      ['deferred', 'pending', null, true],
      ['cheating', 'failed', 0, false],
      ['misconduct', 'failed', 0, true],
      ['exempt', 'exempt', null, false],
      ['barred', 'failed', null, false],
    ]);
    expect(isMakeupEligible(evaluateEntry(score(590)))).toBe(true);
    expect(isMakeupEligible(evaluateEntry(score(600)))).toBe(false);
    expect(isMakeupEligible(evaluateEntry({ kind: 'mark', mark: 'absent' }), { makeupAllowedAfter: ['absent'] })).toBe(true);
  });
});

describe('summarizeRecord', () => {
  const course = (courseId: number, credits: number, category: string, attempts: (Attempt & { termId: number })[]): CourseRecord => ({
    courseId,
    creditsTenths: credits * 10,
    category,
    kinds: [],
    attempts,
  });

  it('counts credits per category, term GPAs and the overall GPA from the counting attempts', () => {
    const records = [
      // Term 1: 92 (3 cr, required) → 4.0
      course(1, 3, 'required', [{ ...normal(920), termId: 1 }]),
      // Term 1: 45, make-up 75 capped at 60 → 1.0 (2 cr, required), counted in term 1
      course(2, 2, 'required', [
        { ...normal(450), termId: 1 },
        { ...makeup(750), termId: 1 },
      ]),
      // Term 1: 50 and make-up 40 fail; term 2 retake 86 → 3.7 (2 cr, elective), counted in term 2
      course(3, 2, 'elective', [
        { ...normal(500), termId: 1 },
        { ...makeup(400), termId: 1 },
        { ...retake(860, 5), termId: 2 },
      ]),
      // Term 2: 免修 (1 cr, PE): credits, no GPA
      course(4, 1, 'PE', [{ kind: 'normal', entry: { kind: 'mark', mark: 'exempt' }, seq: 5, termId: 2 }]),
      // Term 2: 缺考 (1 cr, elective): failed, 0 points
      course(5, 1, 'elective', [{ kind: 'normal', entry: { kind: 'mark', mark: 'absent' }, seq: 5, termId: 2 }]),
    ];
    const s = summarizeRecord(records, { gpa: DEFAULT_GPA_CONFIG });
    expect(s.creditsByCategory).toEqual({ required: 50, elective: 20, PE: 10 });
    expect(s.creditsEarnedTenths).toBe(80);
    // Term 1: (4.0·3 + 1.0·2) / 5 = 14 / 5 = 2.80
    expect(s.termGpa.get(1)?.display).toBe('2.80');
    // Term 2: (3.7·2 + 0·1) / 3 = 7.4 / 3 = 2.4666… → 2.47
    expect(s.termGpa.get(2)?.display).toBe('2.47');
    // Overall: (12 + 2 + 7.4 + 0) / 8 = 21.4 / 8 = 2.675 → 2.68
    expect(s.overallGpa?.display).toBe('2.68');
    expect(s.courses.map((c) => [c.courseId, c.termId, c.isEarned])).toEqual([
      [1, 1, true],
      [2, 1, true],
      [3, 2, true],
      [4, 2, true],
      [5, 2, false],
    ]);
  });
});
