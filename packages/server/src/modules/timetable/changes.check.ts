import { maskOfWeeks, weeksOfMask, weeksText, type ChangeInput, type ChangeRules, type Locale, changeInput } from '@jiaowu/contracts';
import type { z } from 'zod';
import { checkHard } from './core/hard-rules.ts';
import { applyChange, permanentWeeks, type ChangeSpec } from './changes.apply.ts';
import { violationText } from './changes.words.ts';
import { checkContextOf, toCheckLecture, type TermFacts } from './term-facts.ts';
import type { VersionLecture } from './versions.repository.ts';

type Input = z.output<typeof changeInput>;
export type { ChangeInput };

/** Words in both languages (stored with a failed request, sent in notifications). */
export interface Both {
  'zh-CN': string;
  en: string;
}
const both = (zh: string, en: string): Both => ({ 'zh-CN': zh, en });

/**
 * A change request checked against the lecture it names: the weeks must be the lecture's, a
 * move needs exactly one target, a 代课 a substitute who is not already teaching it. Returns the
 * spec to apply, or the problem in words.
 */
export function specOf(
  input: Input,
  lecture: VersionLecture,
  facts: TermFacts,
  teacherId: number | null,
  id: number,
): { spec: ChangeSpec; periods: number } | { problem: Both } {
  const asked = maskOfWeeks(input.weeks);
  const outside = weeksOfMask(asked & ~lecture.weekMask);
  if (outside.length)
    return {
      problem: both(
        `这节课在${weeksText(outside, 'zh-CN')}不上课`,
        `the lecture does not meet in ${weeksText(outside, 'en').replace(/^W/, 'w')}`,
      ),
    };
  const weekMask = input.kind === 'permanent' ? permanentWeeks(lecture.weekMask, input.weeks) : asked;
  const targets = input.targets.map((t) => ({
    day: t.day,
    startPeriod: t.startPeriod,
    roomId: t.roomId,
    weekMask: input.kind === 'permanent' || !t.weeks ? weekMask : maskOfWeeks(t.weeks),
  }));
  if ((input.kind === 'move' || input.kind === 'permanent') && targets.length !== 1)
    return { problem: both('请选择一个新的上课时间和教室', 'choose one new time and room') };
  if (input.kind === 'substitute') {
    if (targets.length) return { problem: both('代课不改变上课时间和教室', 'a substitution keeps the time and room') };
    const sub = input.substituteTeacherId;
    if (!sub || !facts.teachers.has(sub)) return { problem: both('请选择代课教师', 'choose the substitute teacher') };
    if (lecture.teacherIds.includes(sub))
      return { problem: both('代课教师已是这门课的任课教师', 'the substitute already teaches this class') };
  }
  if (input.kind === 'move' && targets[0] && targets[0].weekMask !== weekMask && popcount(targets[0].weekMask) !== popcount(weekMask))
    return { problem: both('调课后的周数应与调出的周数相同', 'a move keeps the number of weeks') };
  const periods = lecture.length * popcount(weekMask);
  return {
    spec: {
      id,
      kind: input.kind,
      lectureKey: lecture.lectureKey,
      weekMask,
      targets,
      substituteTeacherId: input.kind === 'substitute' ? (input.substituteTeacherId ?? null) : null,
      teacherId,
    },
    periods,
  };
}

export function popcount(mask: number) {
  let n = 0;
  for (let m = mask >>> 0; m; m &= m - 1) n++;
  return n;
}

/**
 * The office's rules (调课规则) a request breaks, in words: weeks in which nothing may change,
 * and the teacher's personal-reason changes this term.
 */
export function ruleProblems(rules: ChangeRules, spec: ChangeSpec, reasonKind: string, personalUsed: number): Both[] {
  const out: Both[] = [];
  const touched = spec.targets.reduce((m, t) => m | t.weekMask, spec.weekMask);
  const frozen = rules.noChangeWeeks.filter((w) => (touched >>> (w - 1)) & 1);
  if (frozen.length)
    out.push(both(`第${weeksText(frozen, 'zh-CN')}不得调课`, `no changes in ${weeksText(frozen, 'en').replace(/^W/, 'w')}`));
  if (reasonKind === 'personal' && rules.maxPersonalPerTeacher !== null && personalUsed >= rules.maxPersonalPerTeacher)
    out.push(
      both(
        `本学期已因个人原因调课 ${personalUsed}/${rules.maxPersonalPerTeacher} 次，已达上限`,
        `${personalUsed} of ${rules.maxPersonalPerTeacher} personal-reason changes this term already used`,
      ),
    );
  return out;
}

/** The rules as the form shows them. */
export function ruleTexts(rules: ChangeRules, personalUsed: number, locale: Locale): string[] {
  const en = locale === 'en';
  const out: string[] = [];
  if (rules.noChangeWeeks.length)
    out.push(
      en
        ? `No changes in ${weeksText(rules.noChangeWeeks, 'en').replace(/^W/, 'w')}`
        : `第${weeksText(rules.noChangeWeeks, 'zh-CN')}不得调课`,
    );
  if (rules.maxPersonalPerTeacher !== null)
    out.push(
      en
        ? `Personal-reason changes this term: ${personalUsed}/${rules.maxPersonalPerTeacher}`
        : `本学期已因个人原因调课 ${personalUsed}/${rules.maxPersonalPerTeacher} 次`,
    );
  out.push(
    en
      ? `Up to ${rules.collegeOnlyUpToPeriods} periods the college decides; above that, and for permanent changes, the academic office too`
      : `${rules.collegeOnlyUpToPeriods} 学时以内由学院审批；超过或永久调整还需教务处审批`,
  );
  return out;
}

/**
 * Every hard rule the timetable would break after the change, for the lectures it creates
 * (the teacher, the substitute, the admin classes, the room, bookings…), in both languages.
 */
export function changeConflicts(facts: TermFacts, lectures: readonly VersionLecture[], spec: ChangeSpec): Both[] {
  const { lectures: after, newKeys } = applyChange(lectures, spec);
  if (!newKeys.length) return [];
  const own = new Set(newKeys);
  const violations = checkHard(
    after.map((l) => toCheckLecture(l, facts)),
    checkContextOf(facts),
    { focus: own },
  );
  const byKey = new Map(after.map((l) => [l.lectureKey, l]));
  const seen = new Set<string>();
  const out: Both[] = [];
  for (const v of violations) {
    const w = both(violationText(v, facts, byKey, own, 'zh-CN'), violationText(v, facts, byKey, own, 'en'));
    if (seen.has(w['zh-CN'])) continue;
    seen.add(w['zh-CN']);
    out.push(w);
  }
  return out;
}
