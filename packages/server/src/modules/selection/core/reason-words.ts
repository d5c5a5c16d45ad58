import {
  DEFAULT_TIME_ZONE,
  formatDateTimeIn,
  formatDateTimeSecondsIn,
  lectureDayText,
  lecturePeriodsText,
  weeksText,
  type PrerequisiteExpr,
  type RetakeMode,
  type SelectionReason,
} from '@jiaowu/contracts';
import type { ClassName, Reason } from './rules.ts';

/**
 * The selection refusals in words, from a reason's code and params: "与已选的 数据结构
 * （CS201-01）在 3-16周 周二 第3-4节 时间冲突". A class is named by its course name and class code,
 * a course by name and course code; instants in the school's zone as the school shows them
 * (YYYY-MM-DD HH:mm, with seconds only when an opening is not on the minute).
 */

type Locale = 'zh-CN' | 'en';

const classText = (c: ClassName, en: boolean) => (en ? `${c.courseNameEn || c.courseName} (${c.code})` : `${c.courseName}（${c.code}）`);
const courseText = (c: ClassName, en: boolean) =>
  en ? `${c.courseNameEn || c.courseName} (${c.courseCode})` : `${c.courseName}（${c.courseCode}）`;
const creditsText = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function timeText(instant: string, zone: string): string {
  return new Date(instant).getUTCSeconds() === 0 ? formatDateTimeIn(instant, zone) : formatDateTimeSecondsIn(instant, zone);
}

const RETAKE_WORDS: Record<RetakeMode, { zh: string; en: string }> = {
  follow: { zh: '跟班重修', en: 'retaking in a regular class' },
  retake_class: { zh: '重修班重修', en: 'retaking in a retake class' },
  self_study: { zh: '自学重修', en: 'retaking by self-study' },
};

/** Prerequisites in words: "程序设计（CS101）、高等数学（MA101）" / "A (CS101) or B (CS102)". */
function prerequisiteText(
  e: PrerequisiteExpr,
  names: Record<string, { name: string; nameEn?: string | null }>,
  en: boolean,
  nested = false,
): string {
  if ('course' in e) {
    const n = names[e.course];
    if (!n) return e.course;
    return en ? `${n.nameEn || n.name} (${e.course})` : `${n.name}（${e.course}）`;
  }
  const sep = e.op === 'all' ? (en ? ' and ' : '、') : en ? ' or ' : ' 或 ';
  const s = e.items.map((i) => prerequisiteText(i, names, en, true)).join(sep);
  if (!nested || e.items.length === 1) return s;
  return en ? `(${s})` : `（${s}）`;
}

/** One refusal as a sentence in the user's language. */
export function reasonText(r: Reason, locale: Locale, zone: string = DEFAULT_TIME_ZONE): string {
  const en = locale === 'en';
  switch (r.code) {
    case 'window_closed': {
      const p = r.params;
      if (p.hasClosed) return en ? `This round closed at ${timeText(p.closesAt, zone)}` : `本轮选课已于 ${timeText(p.closesAt, zone)} 结束`;
      if (p.isStaggered) {
        return en
          ? `Selection opens for your cohort at ${timeText(p.opensAt, zone)}`
          : `你所在年级的选课时间从 ${timeText(p.opensAt, zone)} 开始`;
      }
      return en ? `This round opens at ${timeText(p.opensAt, zone)}` : `本轮选课将于 ${timeText(p.opensAt, zone)} 开始`;
    }
    case 'not_in_round':
      return en ? `You are not among the students of “${r.params.round}”` : `你不在“${r.params.round}”的选课范围内`;
    case 'class_not_in_round':
      return en
        ? `${classText(r.params.class, en)} is not offered in “${r.params.round}”`
        : `${classText(r.params.class, en)}不在“${r.params.round}”开放的教学班中`;
    case 'course_already_taken': {
      const p = r.params;
      if (p.other) {
        return en
          ? `You already have ${classText(p.other, en)} this term; a course is taken in one class only`
          : `本学期已选 ${classText(p.other, en)}，同一课程只能选一个教学班`;
      }
      return en ? `You have already passed ${courseText(p.class, en)}` : `你已通过课程 ${courseText(p.class, en)}，不能再选`;
    }
    case 'time_conflict': {
      const p = r.params;
      const periods = lecturePeriodsText(p.fromPeriod, p.toPeriod, locale);
      return en
        ? `Clashes with ${classText(p.other, en)} on ${lectureDayText(p.day, locale)} ${periods}, ${weeksText(p.weeks, locale)}`
        : `与已选的 ${classText(p.other, en)}在 ${weeksText(p.weeks, locale)} ${lectureDayText(p.day, locale)} ${periods} 时间冲突`;
    }
    case 'class_full':
      return en
        ? `${classText(r.params.class, en)} is full (${r.params.capacity} seats)`
        : `${classText(r.params.class, en)}已满（容量 ${r.params.capacity} 人）`;
    case 'reserved_seats': {
      const p = r.params;
      const groups = p.groups.join(en ? ', ' : '、');
      return en
        ? `The seats left in ${classText(p.class, en)} are reserved for ${groups} until ${timeText(p.until, zone)}`
        : `${classText(p.class, en)}的剩余名额预留给 ${groups}，${timeText(p.until, zone)} 起向所有学生开放`;
    }
    case 'credit_limit': {
      const p = r.params;
      return en
        ? `Over the credit limit: ${creditsText(p.current)} credits taken, this class ${creditsText(p.credits)}, limit ${creditsText(p.max)}`
        : `学分超过上限：已选 ${creditsText(p.current)} 学分，本课 ${creditsText(p.credits)} 学分，上限 ${creditsText(p.max)} 学分`;
    }
    case 'class_limit':
      return en
        ? `You already have ${r.params.current} classes; at most ${r.params.max} may be taken`
        : `已选 ${r.params.current} 门课，最多可选 ${r.params.max} 门`;
    case 'prerequisite_missing': {
      const p = r.params;
      return en
        ? `${classText(p.class, en)} requires passing ${prerequisiteText(p.missing, p.names, en)} first`
        : `选修 ${classText(p.class, en)}需先通过：${prerequisiteText(p.missing, p.names, en)}`;
    }
    case 'hold':
      return en ? `Your course selection is on hold: ${r.params.reason}` : `你有选课限制：${r.params.reason}`;
    case 'gender_restricted': {
      const male = r.params.gender === 'male';
      return en
        ? `${classText(r.params.class, en)} is for ${male ? 'men' : 'women'} only`
        : `${classText(r.params.class, en)}仅限${male ? '男生' : '女生'}`;
    }
    case 'dropped_in_round':
      return en
        ? `You dropped ${courseText(r.params.class, en)} in this round and cannot take it again in it`
        : `本轮已退选 ${courseText(r.params.class, en)}，不能再次选择`;
    case 'retake_mode_not_allowed': {
      const p = r.params;
      const c = classText(p.class, en);
      if (p.isClassMismatch) {
        if (p.mode === 'retake_class') return en ? `${c} is not a retake class` : `${c}不是重修班`;
        return en ? `${c} is a retake class; to sit in a regular class choose a regular one` : `${c}是重修班，跟班重修请选择普通教学班`;
      }
      const m = RETAKE_WORDS[p.mode];
      return en ? `This round does not allow ${m.en} (${c})` : `本轮不允许${m.zh}（${c}）`;
    }
    case 'not_a_retake':
      return en
        ? `Only students who failed ${courseText(r.params.class, en)} may retake it (${r.params.class.code})`
        : `只有 ${courseText(r.params.class, en)} 不及格的学生才能重修（${r.params.class.code}）`;
    case 'drops_closed': {
      const p = r.params;
      const c = p.class ? classText(p.class, en) : en ? 'this class' : '该课程';
      if (p.cause === 'fixed') {
        return en
          ? `${c} is a required course pre-enrolled for your class; only the academic affairs office can drop it`
          : `${c}是按行政班预置的必修课，不能自行退选，请联系教务处`;
      }
      if (p.cause === 'deadline' && p.deadline) {
        return en
          ? `Drops closed at ${timeText(p.deadline, zone)}; ${c} can no longer be dropped`
          : `退选已于 ${timeText(p.deadline, zone)} 截止，不能退选 ${c}`;
      }
      return en ? `Drops are not allowed in this round (${c})` : `本轮不允许退选（${c}）`;
    }
  }
}

/** Reasons as the API sends them: `{ code, message }` in the user's language. */
export function reasonsForApi(reasons: readonly Reason[], locale: Locale, zone: string = DEFAULT_TIME_ZONE): SelectionReason[] {
  return reasons.map((r) => ({ code: r.code, message: reasonText(r, locale, zone) }));
}
