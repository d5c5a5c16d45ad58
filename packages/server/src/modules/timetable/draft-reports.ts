import {
  HARD_RULES,
  SOFT_KINDS,
  ruleTitle,
  violationText,
  weeksOfMask,
  type ConflictReport,
  type EditGridOwner,
  type HardViolation,
  type Locale,
  type RoomUse,
  type SoftViolation,
  type TeacherLoad,
  type TimetableNames,
} from '@jiaowu/contracts';
import { checkHard } from './core/hard-rules.ts';
import { checkSoft } from './soft-report.ts';
import { checkContextOf, toCheckLecture, type LectureRowLike, type TermFacts } from './term-facts.ts';

/**
 * What a whole draft looks like to the office: every broken rule in words (hard, then soft,
 * grouped by rule, each with an owner to open in the grid), how full the rooms are and how
 * heavy each teacher's week is. Pure functions over the term's facts and the draft's lectures.
 */

/** Every name a violation of these lectures may use (server-side, so no id reaches the words). */
export function namesOf(facts: TermFacts, lectures: readonly LectureRowLike[]): TimetableNames {
  const lectureNames: TimetableNames['lectures'] = {};
  for (const l of lectures) {
    const c = facts.classes.get(l.teachingClassId);
    lectureNames[l.lectureKey] = {
      course: c?.course.name ?? '?',
      courseEn: c?.course.nameEn ?? null,
      code: c?.code ?? '?',
      startPeriod: l.startPeriod,
      length: l.length,
    };
  }
  const byId = <T extends { id: number }>(items: Iterable<T>, name: (t: T) => string) =>
    Object.fromEntries([...items].map((t) => [t.id, name(t)])) as Record<number, string>;
  const campuses: Record<number, string> = {};
  for (const r of facts.rooms.values()) campuses[r.campusId] = r.campusName;
  return {
    lectures: lectureNames,
    teachers: byId(facts.teachers.values(), (t) => t.name),
    rooms: byId(facts.rooms.values(), (r) => r.name),
    adminClasses: byId(facts.adminClasses.values(), (a) => a.name),
    campuses,
    blockedSlots: Object.fromEntries(facts.settings.blockedSlots.map((b, i) => [i, { zh: b.reasonZh, en: b.reasonEn }])),
    links: byId(facts.links, (l) => l.name),
  };
}

/** Where the office sees a violation: the thing double-booked, else the teaching class of the lecture. */
export function ownerOf(v: HardViolation | SoftViolation, lectures: ReadonlyMap<string, LectureRowLike>): EditGridOwner | null {
  const s = v.subject;
  if (s && (s.kind === 'teacher' || s.kind === 'room' || s.kind === 'admin_class' || s.kind === 'teaching_class'))
    return { kind: s.kind, id: s.id };
  const l = lectures.get(v.lectureKeys[0]);
  return l ? { kind: 'teaching_class', id: l.teachingClassId } : null;
}

/** The conflict report 冲突报告 of a draft. */
export function conflictReportOf(
  draft: { id: number; version: number },
  facts: TermFacts,
  rows: readonly LectureRowLike[],
  locale: Locale,
): ConflictReport {
  const lectures = rows.map((r) => toCheckLecture(r, facts));
  const hard = checkHard(lectures, checkContextOf(facts));
  const soft = checkSoft(lectures, facts);
  const names = namesOf(facts, rows);
  const byKey = new Map(rows.map((r) => [r.lectureKey, r]));
  const groups: ConflictReport['groups'] = [];
  const group = (
    severity: 'hard' | 'soft',
    rule: (typeof HARD_RULES)[number] | (typeof SOFT_KINDS)[number],
    list: (HardViolation | SoftViolation)[],
  ) => {
    if (list.length === 0) return;
    groups.push({
      severity,
      rule,
      title: ruleTitle(rule, locale),
      count: list.length,
      items: list.map((v) => ({
        text: violationText(v, names, locale),
        lectureKeys: v.lectureKeys,
        owner: ownerOf(v, byKey),
        day: v.day,
        period: v.period,
      })),
    });
  };
  for (const rule of HARD_RULES)
    group(
      'hard',
      rule,
      hard.filter((v) => v.rule === rule),
    );
  for (const rule of SOFT_KINDS)
    group(
      'soft',
      rule,
      soft.filter((v) => v.rule === rule),
    );
  return { draftId: draft.id, version: draft.version, hard: hard.length, soft: soft.length, groups };
}

/** Share of the teaching weeks a lecture meets (8 of 16 weeks: half a period a week per period). */
const weekShare = (mask: number, weeks: number) => (weeks > 0 ? weeksOfMask(mask).filter((w) => w <= weeks).length / weeks : 0);

/** The teaching weeks of a draft: up to the last week any lecture meets (the exam weeks at the end hold none). */
function teachingWeeks(facts: TermFacts, rows: readonly LectureRowLike[]) {
  let last = 0;
  for (const l of rows) last = Math.max(last, ...weeksOfMask(l.weekMask));
  return Math.min(facts.grid.weeks, last || facts.grid.weeks);
}
const round2 = (x: number) => Math.round(x * 100) / 100;

/** Room use 教室使用率: periods used a week against those the room is open, per room and building. */
export function roomUseOf(facts: TermFacts, rows: readonly LectureRowLike[]): Omit<RoomUse, 'total'> {
  const { daysPerWeek, periodsPerDay } = facts.grid;
  const weeks = teachingWeeks(facts, rows);
  const used = new Map<number, number>();
  for (const l of rows)
    if (l.roomId !== null && l.day !== null) used.set(l.roomId, (used.get(l.roomId) ?? 0) + l.length * weekShare(l.weekMask, weeks));
  const roomRows: RoomUse['rooms'] = [];
  const buildings = new Map<string, { buildingName: string; campusName: string; used: number; available: number }>();
  for (const r of facts.rooms.values()) {
    if (!r.isActive && !used.has(r.id)) continue;
    const closed = r.unavailable
      .filter((s) => s.day <= daysPerWeek)
      .reduce((n, s) => n + Math.max(0, Math.min(s.toPeriod, periodsPerDay) - s.fromPeriod + 1), 0);
    const available = Math.max(0, daysPerWeek * periodsPerDay - closed);
    const u = used.get(r.id) ?? 0;
    roomRows.push({
      roomId: r.id,
      roomName: r.name,
      buildingName: r.buildingName,
      campusName: r.campusName,
      capacity: r.capacity,
      used: round2(u),
      available,
      share: available > 0 ? round2(u / available) : 0,
    });
    const b = buildings.get(`${r.buildingId}`) ?? { buildingName: r.buildingName, campusName: r.campusName, used: 0, available: 0 };
    b.used += u;
    b.available += available;
    buildings.set(`${r.buildingId}`, b);
  }
  roomRows.sort((a, b) => b.share - a.share || a.roomName.localeCompare(b.roomName));
  return {
    rooms: roomRows,
    buildings: [...buildings.values()]
      .map((b) => ({ ...b, used: round2(b.used), share: b.available > 0 ? round2(b.used / b.available) : 0 }))
      .sort((a, b) => b.share - a.share),
  };
}

/** Teacher load 教师课时: periods a week, teaching days, the heaviest day and evening periods. */
export function teacherLoadOf(facts: TermFacts, rows: readonly LectureRowLike[]): Omit<TeacherLoad, 'total'> {
  const evening = facts.settings.eveningFromPeriod;
  const weeks = teachingWeeks(facts, rows);
  const acc = new Map<number, { periods: number; perDay: Map<number, number>; evening: number; lectures: number }>();
  for (const l of rows) {
    if (l.day === null || l.startPeriod === null) continue;
    for (const t of l.teacherIds) {
      const a = acc.get(t) ?? { periods: 0, perDay: new Map(), evening: 0, lectures: 0 };
      a.periods += l.length * weekShare(l.weekMask, weeks);
      a.perDay.set(l.day, (a.perDay.get(l.day) ?? 0) + l.length);
      a.lectures += 1;
      if (evening !== null) for (let p = l.startPeriod; p < l.startPeriod + l.length; p++) if (p >= evening) a.evening += 1;
      acc.set(t, a);
    }
  }
  const teachers = [...acc.entries()].map(([teacherId, a]) => ({
    teacherId,
    teacherName: facts.teachers.get(teacherId)?.name ?? '?',
    periodsPerWeek: round2(a.periods),
    days: a.perDay.size,
    maxPerDay: Math.max(0, ...a.perDay.values()),
    eveningPeriods: a.evening,
    lectures: a.lectures,
  }));
  teachers.sort((a, b) => b.periodsPerWeek - a.periodsPerWeek || a.teacherName.localeCompare(b.teacherName));
  return { teachers, maxPerDayLimit: facts.settings.teacherMaxPeriodsPerDay };
}
