import type { ClassGroup, DistributionRule, Resource, Room, SolverEvent, TimeCandidate, TimetableModel, WeekSpec } from '../model/types.ts';
import { Rng } from '../search/rng.ts';
import { SCHOOL_WEIGHTS } from './school.ts';

/**
 * A term of a whole Chinese university, shaped like the demo term of the app (issue 12):
 * colleges on two campuses, four cohorts each, three admin classes 行政班 per major; public
 * courses merged over a major's classes 合班 (高等数学, 思政) in lecture halls, 大学英语 per class,
 * PE 体育 as linked sections of a major at one time (体育课分项, a hard `sameTime` rule), labs in
 * lab rooms on odd or even weeks, major courses in the upper years (some 1–8 or 9–16 weeks,
 * computer rooms), public electives 公选课 in the evening; 18 weeks, 5 days × 12 periods on a
 * real clock, Wednesday afternoon blocked for everyone (政治学习), teachers' "never" slots and
 * wishes, and 30 minutes of travel between the campuses.
 */
export interface SchoolTermParams {
  seed?: number;
  /** Colleges (each 4 cohorts × `classesPerMajor` admin classes). Default 9 → 108 admin classes. */
  colleges?: number;
  classesPerMajor?: number;
  /** Public electives (no admin class). Default 240. */
  electives?: number;
  /** Minutes between the two campuses (0: no travel rule). Default 30. */
  travelMinutes?: number;
}

/** 8:00, 45-minute periods, 10-minute breaks (20 after the 2nd), afternoon at 14:00, evening at 19:00. */
export const SCHOOL_CLOCK = (() => {
  const starts = [480, 535, 610, 665, 840, 895, 960, 1015, 1140, 1195, 1250, 1305];
  return { periodStart: starts, periodEnd: starts.map((s) => s + 45) };
})();

const ROOM_TYPES: Array<{ type: string; count: number; lo: number; hi: number }> = [
  { type: 'classroom', count: 84, lo: 45, hi: 80 },
  { type: 'hall', count: 18, lo: 130, hi: 200 },
  { type: 'lab', count: 16, lo: 40, hi: 50 },
  { type: 'computer', count: 14, lo: 50, hi: 60 },
  { type: 'gym', count: 10, lo: 45, hi: 60 },
];

const COLLEGES = ['计算机', '电子', '机械', '数学', '外语', '经管', '化学', '土木', '艺术', '法学', '医学', '物理'];

/** Starts (0-based) a lecture of `len` periods may take: within a half-day. */
function startsFor(len: number): number[] {
  if (len === 2) return [0, 2, 4, 6, 8, 10];
  if (len === 3) return [0, 1, 4, 5, 8, 9];
  if (len === 4) return [0, 4, 8];
  return Array.from({ length: 12 }, (_, i) => i);
}

export function generateSchoolTerm(params: SchoolTermParams = {}): TimetableModel {
  const rng = new Rng(params.seed ?? 11);
  const nColleges = params.colleges ?? 9;
  const perMajor = params.classesPerMajor ?? 3;
  const D = 5;
  const P = 12;
  const pick = <T>(a: T[]): T => a[rng.int(a.length)];

  // Rooms: each type split over the two campuses, buildings per campus.
  const rooms: Room[] = [];
  const scale = (nColleges * perMajor * 4) / 108;
  for (const { type, count, lo, hi } of ROOM_TYPES) {
    const n = Math.max(2, Math.round(count * scale));
    for (let i = 0; i < n; i++) {
      const campus = i % 2 === 0 ? 'east' : 'west';
      const building = `${campus === 'east' ? 'E' : 'W'}${type === 'classroom' ? 1 + (i % 3) : type}`;
      rooms.push({
        id: `${type}-${i + 1}`,
        name: `${building}-${100 + i}`,
        capacity: lo + rng.int(hi - lo + 1),
        type,
        building,
        campus,
      });
    }
  }

  const wedAfternoon = { day: 2, start: 4, length: 4 };
  const resources: Resource[] = [];
  const teacherLoad = new Map<string, number>();
  const pools = new Map<string, string[]>();
  const addTeacher = (pool: string): string => {
    const id = `T${resources.filter((r) => r.kind === 'teacher').length + 1}`;
    const prefs: NonNullable<Resource['preferences']> = [];
    const u = rng.float();
    if (u < 0.25) prefs.push({ kind: 'prohibited', time: { day: rng.int(D), start: rng.float() < 0.5 ? 0 : 4, length: 4 } });
    else if (u < 0.5) prefs.push({ kind: 'discouraged', time: { day: rng.int(D), start: 0, length: 4 }, penalty: 2 });
    if (rng.float() < 0.4) prefs.push({ kind: 'discouraged', time: { day: [0, 1, 2, 3, 4], start: 8, length: 4 }, penalty: 3 });
    resources.push({
      id,
      name: `${pool}教师${(pools.get(pool)?.length ?? 0) + 1}`,
      kind: 'teacher',
      unavailable: [wedAfternoon],
      preferences: prefs,
    });
    teacherLoad.set(id, 0);
    if (!pools.has(pool)) pools.set(pool, []);
    pools.get(pool)!.push(id);
    return id;
  };
  const teacherFor = (pool: string, periods: number, maxLoad = 14, exclude: string[] = []): string => {
    const list = (pools.get(pool) ?? []).filter((t) => !exclude.includes(t));
    let best: string | undefined;
    for (const t of list) if (best === undefined || teacherLoad.get(t)! < teacherLoad.get(best)!) best = t;
    const id = best === undefined || teacherLoad.get(best)! + periods > maxLoad ? addTeacher(pool) : best;
    teacherLoad.set(id, teacherLoad.get(id)! + periods);
    return id;
  };

  const classes: ClassGroup[] = [];
  const events: SolverEvent[] = [];
  const rules: DistributionRule[] = [];
  const adminSize = new Map<string, number>();
  const evening = (len: number): TimeCandidate[] => {
    const out: TimeCandidate[] = [];
    for (let d = 0; d < D; d++) for (const s of startsFor(len)) out.push({ day: d, start: s, penalty: s >= 8 ? 4 : 0 });
    return out;
  };
  let tcNo = 0;
  /** One teaching class: `sessions` lectures of the given lengths. */
  const addClass = (o: {
    name: string;
    admin: string[];
    teacher: string;
    sessions: number[];
    roomType: string;
    weeks?: WeekSpec;
    size?: number;
    times?: (len: number) => TimeCandidate[];
  }): string[] => {
    const id = `TC${++tcNo}`;
    classes.push({ id, name: o.name, minDays: o.sessions.length, roomStability: true });
    const size = o.size ?? o.admin.reduce((s, a) => s + adminSize.get(a)!, 0);
    return o.sessions.map((len, k) => {
      const ev: SolverEvent = {
        id: `${id}-${k + 1}`,
        name: `${o.name} (${k + 1})`,
        classId: id,
        length: len,
        weeks: o.weeks ?? 'all',
        size,
        resources: [o.teacher, ...o.admin],
        times: (o.times ?? evening)(len),
        roomRequirement: { type: o.roomType },
        roomSizeHard: true,
      };
      events.push(ev);
      return ev.id;
    });
  };

  for (let c = 0; c < nColleges; c++) {
    const college = COLLEGES[c % COLLEGES.length];
    for (let cohort = 0; cohort < 4; cohort++) {
      const year = 2025 - cohort;
      const admin: string[] = [];
      for (let k = 0; k < perMajor; k++) {
        const id = `AC-${c}-${cohort}-${k}`;
        admin.push(id);
        adminSize.set(id, 34 + rng.int(9));
        resources.push({
          id,
          name: `${college}${year % 100}${String(k + 1).padStart(2, '0')}班`,
          kind: 'class',
          compact: true,
          unavailable: [wedAfternoon],
        });
      }
      const major = `${college}${year}级`;
      if (cohort < 2) {
        // Public courses of the first two years.
        addClass({ name: `高等数学 ${major}`, admin, teacher: teacherFor('数学公共', 4), sessions: [2, 2], roomType: 'hall' });
        addClass({ name: `思想政治 ${major}`, admin, teacher: teacherFor('思政', 3), sessions: [3], roomType: 'hall' });
        for (const a of admin) {
          addClass({ name: `大学英语 ${a}`, admin: [a], teacher: teacherFor('英语', 4), sessions: [2, 2], roomType: 'classroom' });
        }
        // PE: one section per class, students choose among them: linked, at one time. The first
        // section carries the admin classes (they are busy then), the others only their teacher.
        const pe: string[] = [];
        const peTeachers: string[] = [];
        admin.forEach((_, k) => {
          const teacher = teacherFor('体育', 2, 16, peTeachers);
          peTeachers.push(teacher);
          const [ev] = addClass({
            name: `体育 ${major} 分项${k + 1}`,
            admin: k === 0 ? admin : [],
            size: 45,
            teacher,
            sessions: [2],
            roomType: 'gym',
            times: (len) => evening(len).filter((t) => (t.start as number) < 8),
          });
          pe.push(ev);
        });
        rules.push({ id: `link-pe-${c}-${cohort}`, kind: 'sameTime', events: pe, hard: true });
        // Labs: each class in odd or even weeks, 3 periods.
        admin.forEach((a, k) => {
          addClass({
            name: `${cohort === 0 ? '大学物理实验' : '基础化学实验'} ${a}`,
            admin: [a],
            teacher: teacherFor(`实验${c % 3}`, 2),
            sessions: [3],
            roomType: 'lab',
            weeks: { from: 1, to: 16, parity: k % 2 === 0 ? 'odd' : 'even' },
          });
        });
        for (const a of admin) {
          addClass({ name: `专业基础 ${a}`, admin: [a], teacher: teacherFor(college, 4), sessions: [2, 2], roomType: 'classroom' });
        }
        addClass({
          name: `专业导论 ${major}`,
          admin,
          teacher: teacherFor(college, 2),
          sessions: [2],
          roomType: 'hall',
          weeks: { from: 1, to: 8 },
        });
        addClass({
          name: `程序设计 ${major}`,
          admin: admin.slice(0, 1),
          teacher: teacherFor(college, 4),
          sessions: [2, 2],
          roomType: 'computer',
        });
        if (admin.length > 1) {
          addClass({
            name: `程序设计 ${major} 二`,
            admin: admin.slice(1),
            teacher: teacherFor(college, 4),
            sessions: [2, 2],
            roomType: 'classroom',
          });
        }
      } else {
        // Major courses of the upper years: merged over the major, or per class.
        for (let m = 0; m < 7; m++) {
          const merged = rng.float() < 0.25;
          const groups = merged ? [admin] : admin.map((a) => [a]);
          const u = rng.float();
          const sessions = u < 0.2 ? [3] : u < 0.7 ? [2, 2] : [2];
          const weeks = pick<WeekSpec>(['all', 'all', 'all', { from: 1, to: 8 }, { from: 9, to: 16 }, { from: 1, to: 18 }]);
          for (const g of groups) {
            const size = g.reduce((s, a) => s + adminSize.get(a)!, 0);
            addClass({
              name: `专业课${m + 1} ${major}${g.length === 1 ? ` ${g[0]}` : ''}`,
              admin: g,
              teacher: teacherFor(
                college,
                sessions.reduce((s, l) => s + l, 0),
              ),
              sessions,
              roomType: size > 80 ? 'hall' : m === 4 && cohort === 2 ? 'computer' : 'classroom',
              weeks,
            });
          }
        }
        if (cohort === 2) {
          admin.forEach((a, k) =>
            addClass({
              name: `专业实验 ${a}`,
              admin: [a],
              teacher: teacherFor(`实验${c % 3}`, 2),
              sessions: [4],
              roomType: 'lab',
              weeks: { from: 3, to: 16, parity: k % 2 === 0 ? 'odd' : 'even' },
            }),
          );
        }
      }
    }
  }
  // Public electives: no admin class, evenings and afternoons.
  for (let i = 0; i < (params.electives ?? 240); i++) {
    addClass({
      name: `公选课${i + 1}`,
      admin: [],
      size: 40 + rng.int(60),
      teacher: teacherFor(pick(COLLEGES.slice(0, nColleges)), 2, 20),
      sessions: rng.float() < 0.5 ? [2, 2] : [2],
      roomType: 'classroom',
      times: (len) => evening(len).map((t) => ({ ...t, penalty: (t.start as number) >= 8 ? 0 : 2 })),
      weeks: { from: 1, to: 16 },
    });
  }
  // Electives larger than every classroom of their size go to halls.
  const maxClassroom = Math.max(...rooms.filter((r) => r.type === 'classroom').map((r) => r.capacity));
  for (const ev of events)
    if (ev.roomRequirement?.type === 'classroom' && (ev.size ?? 0) > maxClassroom) ev.roomRequirement = { type: 'hall' };

  const travelMinutes = params.travelMinutes ?? 30;
  return {
    name: `school-term-${classes.length}`,
    days: D,
    periodsPerDay: P,
    weeks: 18,
    rooms,
    resources,
    classes,
    events,
    rules,
    weights: { ...SCHOOL_WEIGHTS },
    travel: travelMinutes > 0 ? { ...SCHOOL_CLOCK, minutes: [{ a: 'east', b: 'west', minutes: travelMinutes }] } : undefined,
  };
}
