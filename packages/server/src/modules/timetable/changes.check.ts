import { maskOfWeeks, weeksOfMask, weeksText, type ChangeInput, type ChangeRules, type Locale, changeInput } from '@jiaowu/contracts';
import type { z } from 'zod';
import { checkHard } from './core/hard-rules.ts';
import { applyChange, permanentWeeks, type ChangeSpec } from './changes.apply.ts';
import { violationText } from './changes.words.ts';
import { dateOfLecture } from './published.calendar.ts';
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

const DAY_ZH = ['一', '二', '三', '四', '五', '六', '日'];
const DAY_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTH_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "第13周星期二（12月1日）" / "week 13, Tue 1 Dec" for the first lesson named, "等" when there are more. */
function lessonWords(dates: { week: number; day: number; date: string }[]): Both {
  const [{ week, day, date }] = dates;
  const [, m, d] = date.split('-').map(Number);
  const more = dates.length > 1;
  return both(
    `第${week}周星期${DAY_ZH[day - 1]}（${m}月${d}日）${more ? `等 ${dates.length} 次` : ''}`,
    `week ${week}, ${DAY_EN[day - 1]} ${d} ${MONTH_EN[m - 1]}${more ? ` and ${dates.length - 1} more` : ''}`,
  );
}

/**
 * Only lessons after the school's today can be changed: one that took place (or takes place
 * today) cannot be moved, cancelled or handed to a substitute, and a new slot or a make-up cannot
 * be today or earlier. `today` is the school's date (YYYY-MM-DD).
 */
export function pastProblems(startDate: string, origin: { day: number }, spec: ChangeSpec, today: string): Both[] {
  const notAhead = (mask: number, day: number) =>
    weeksOfMask(mask)
      .map((week) => ({ week, day, date: dateOfLecture(startDate, week, day) }))
      .filter((l) => l.date <= today);
  const out: Both[] = [];
  const gone = notAhead(spec.weekMask, origin.day);
  if (gone.length) {
    const w = lessonWords(gone);
    out.push(
      both(
        `${w['zh-CN']}的课已上过或就在今天，只能调整今天以后的课`,
        `the lesson of ${w.en} is today or past: only later lessons can be changed`,
      ),
    );
  }
  for (const t of spec.targets) {
    const late = notAhead(t.weekMask, t.day);
    if (!late.length) continue;
    const w = lessonWords(late);
    out.push(both(`新的上课时间${w['zh-CN']}不在今天以后`, `the new time (${w.en}) is not after today`));
  }
  return out;
}

/** The rules as the form shows them. */
export function ruleTexts(rules: ChangeRules, personalUsed: number, locale: Locale): string[] {
  const en = locale === 'en';
  const out: string[] = [en ? 'Only lessons after today can be changed' : '只能调整今天以后的课'];
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
