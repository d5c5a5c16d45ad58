import { lectureDayText, lecturePeriodsText, weeksText, type Locale } from '@jiaowu/contracts';
import type { LotteryBlocker, LotteryLoss, LotteryOutcome, PriorityGroup } from './lottery.ts';

/**
 * A student's lottery outcome in words, both languages, naming the classes concerned:
 * "数据结构（CS201-01）：120 人申请 60 个名额；你在第 3 优先组（第 1 志愿）；抽签号 87：未中签。
 * 名额在第 3 优先组抽签号 60 处用完" / "Data Structures (CS201-01): 120 applicants for 60 seats; you
 * were in priority group 3 (choice 1); your draw number 87: not drawn. The seats ran out at
 * priority group 3, draw number 60". The service resolves class ids to names first; the words
 * never show an id or a reason code.
 */

/** How a sentence names a teaching class. */
export interface LotteryClassName {
  /** Teaching class code, e.g. CS201-01. */
  code: string;
  courseName: string;
  courseNameEn?: string | null;
}

export type LotteryNames = ReadonlyMap<number, LotteryClassName>;

function className(id: number | null, names: LotteryNames, locale: Locale): string | null {
  const n = id === null ? undefined : names.get(id);
  if (!n) return null;
  return locale === 'en' ? `${n.courseNameEn || n.courseName} (${n.code})` : `${n.courseName}（${n.code}）`;
}

function maskWeeks(mask: number): number[] {
  const weeks: number[] = [];
  for (let w = 1; w <= 32; w++) if ((mask >>> (w - 1)) & 1) weeks.push(w);
  return weeks;
}

/** "（培养方案要求，第 2 志愿）" / "(required by your plan; choice 2)". */
function groupWords(group: PriorityGroup, rank: number, locale: Locale): string {
  if (locale === 'en') {
    const why = group === 1 ? 'required by your plan; ' : group === 2 ? 'graduating; ' : '';
    return `priority group ${group} (${why}choice ${rank})`;
  }
  const why = group === 1 ? '培养方案要求，' : group === 2 ? '毕业年级，' : '';
  return `第 ${group} 优先组（${why}第 ${rank} 志愿）`;
}

/** "你已中签的 高等数学（MA101-02）" / "高等数学 (MA101-02), which you won by choice 1". */
function blockerWords(b: LotteryBlocker, names: LotteryNames, locale: Locale): string {
  const name = className(b.teachingClassId, names, locale);
  const en = locale === 'en';
  if (b.kind === 'won') {
    const n = name ?? (en ? 'another class' : '另一个教学班');
    return en ? `${n}, which you won by choice ${b.rank}` : `你第 ${b.rank} 志愿已中签的 ${n}`;
  }
  if (name) return en ? `${name}, which you already hold` : `你已有的 ${name}`;
  return en ? 'a class you already hold' : '你已有的课程';
}

/** Why a choice lost, one sentence without the leading summary. */
export function lotteryLossText(loss: LotteryLoss, seats: number, names: LotteryNames, locale: Locale): string {
  const en = locale === 'en';
  switch (loss.code) {
    case 'class_full': {
      if (loss.cutoff) {
        const { group, drawNumber } = loss.cutoff;
        return en
          ? `The seats ran out at priority group ${group}, draw number ${drawNumber}`
          : `名额在第 ${group} 优先组抽签号 ${drawNumber} 处用完`;
      }
      if (seats === 0) return en ? 'No seats were left before the draw' : '抽签前已无剩余名额';
      return en ? 'All seats went to applicants with an earlier choice' : '名额已被更靠前志愿的申请者占满';
    }
    case 'time_conflict': {
      const when = en
        ? `${lectureDayText(loss.day, 'en')} ${lecturePeriodsText(loss.fromPeriod, loss.toPeriod, 'en')}, ${weeksText(maskWeeks(loss.weekMask), 'en')}`
        : `${lectureDayText(loss.day, 'zh-CN')} ${lecturePeriodsText(loss.fromPeriod, loss.toPeriod, 'zh-CN')}（${weeksText(maskWeeks(loss.weekMask), 'zh-CN')}）`;
      const other = blockerWords(loss.with, names, locale);
      return en ? `It clashes with ${other} (${when})` : `与${other}时间冲突：${when}`;
    }
    case 'credit_limit':
      return en
        ? `Credit limit: you may take ${loss.creditLimit} more credits and won ${loss.creditsWon}; this class has ${loss.credits}`
        : `学分超限：你还可选 ${loss.creditLimit} 学分，已中签 ${loss.creditsWon} 学分，本课程 ${loss.credits} 学分`;
    case 'same_course': {
      const other = blockerWords(loss.with, names, locale);
      if (loss.with.kind === 'enrolled' && loss.with.teachingClassId === null)
        return en ? 'You already hold this course this term' : '你本学期已修读本课程';
      return en ? `You already have this course: ${other}` : `你已有本课程：${other}`;
    }
  }
}

/** The whole explanation of one choice in one language. */
export function lotteryOutcomeText(outcome: LotteryOutcome, names: LotteryNames, locale: Locale): string {
  const x = outcome.explanation;
  const en = locale === 'en';
  const cls = className(outcome.teachingClassId, names, locale) ?? (en ? 'This class' : '本教学班');
  const summary = en
    ? `${cls}: ${x.applicants} applicant${x.applicants === 1 ? '' : 's'} for ${x.seats} seat${x.seats === 1 ? '' : 's'}; you were in ${groupWords(x.group, x.rank, locale)}; your draw number ${x.drawNumber}: ${outcome.won ? 'drawn' : 'not drawn'}`
    : `${cls}：${x.applicants} 人申请 ${x.seats} 个名额；你在${groupWords(x.group, x.rank, locale)}；抽签号 ${x.drawNumber}：${outcome.won ? '中签' : '未中签'}`;
  if (!x.loss) return summary;
  return `${summary}${en ? '. ' : '。'}${lotteryLossText(x.loss, x.seats, names, locale)}`;
}

/** Both languages at once, as stored with the round's results. */
export function lotteryOutcomeWords(outcome: LotteryOutcome, names: LotteryNames): { 'zh-CN': string; en: string } {
  return { 'zh-CN': lotteryOutcomeText(outcome, names, 'zh-CN'), en: lotteryOutcomeText(outcome, names, 'en') };
}
