import type { DistributionRule, Resource, Room, SolverEvent, TimeCandidate, TimetableModel, WeekSpec } from '../model/types.ts';
import { Rng } from '../search/rng.ts';

/** Size of a generated school. */
export interface SchoolParams {
  seed?: number;
  teachingClasses: number;
  lectures: number;
  teachers: number;
  adminClasses: number;
  rooms: number;
  days?: number;
  periodsPerDay?: number;
  rules?: number;
}

/** The sizes asked for by the app benchmark (issue 3). */
export const SCHOOL_SIZE: SchoolParams = {
  teachingClasses: 600,
  lectures: 1800,
  teachers: 150,
  adminClasses: 40,
  rooms: 120,
  rules: 40,
};

const WEEK_PATTERNS: Array<[WeekSpec, number]> = [
  ['all', 0.6],
  [{ from: 1, to: 8 }, 0.15],
  [{ from: 9, to: 16 }, 0.1],
  ['odd', 0.1],
  ['even', 0.05],
];

/**
 * A synthetic but school-shaped instance of the general model: a 5×12 grid (2-period blocks
 * starting at periods 1, 3, 5, 7, 9, 11), admin classes 行政班 grouped in majors taking required
 * courses together, electives taken by no admin class, teachers with time preferences, rooms
 * of four types in six buildings, week patterns (all, 1–8, 9–16, odd, even).
 */
/** The soft-constraint weights of the generated schools: what a school's office would start with. */
export const SCHOOL_WEIGHTS: NonNullable<TimetableModel['weights']> = {
  timePreference: 1,
  roomPenalty: 1,
  roomSize: 1,
  minDays: 5,
  isolated: 2,
  gap: 1,
  roomStability: 1,
  buildingChange: 1,
  rules: 1,
};

export function generateSchool(params: SchoolParams): TimetableModel {
  const rng = new Rng(params.seed ?? 7);
  const D = params.days ?? 5;
  const P = params.periodsPerDay ?? 12;
  const pick = <T>(a: T[]): T => a[rng.int(a.length)];
  const weighted = <T>(a: Array<[T, number]>): T => {
    let x = rng.float();
    for (const [v, w] of a) if ((x -= w) < 0) return v;
    return a[a.length - 1][0];
  };
  const buildings = ['A', 'B', 'C', 'D', 'E', 'F'];
  const roomTypes: Array<[string, number, number, number]> = [
    // type, share of rooms, min capacity, max capacity
    ['classroom', 0.6, 40, 90],
    ['lecture', 0.15, 120, 200],
    ['lab', 0.13, 30, 60],
    ['computer', 0.12, 50, 80],
  ];
  const rooms: Room[] = [];
  for (const [type, share, lo, hi] of roomTypes) {
    const n = Math.max(1, Math.round(params.rooms * share));
    for (let i = 0; i < n && rooms.length < params.rooms; i++) {
      rooms.push({
        id: `${type}-${rooms.length + 1}`,
        name: `${pick(buildings)}${100 + rooms.length}`,
        capacity: lo + rng.int(hi - lo + 1),
        type,
        building: pick(buildings),
      });
    }
  }
  rooms.forEach((r) => (r.building = r.name!.charAt(0)));
  const resources: Resource[] = [];
  for (let t = 0; t < params.teachers; t++) {
    const prefs: Resource['preferences'] = [];
    if (rng.float() < 0.5)
      prefs.push({ kind: 'discouraged', time: { day: [0, 1, 2, 3, 4].slice(0, D), start: 10, length: P - 10 }, penalty: 2 });
    if (rng.float() < 0.3) prefs.push({ kind: 'prohibited', time: { day: rng.int(D), start: rng.float() < 0.5 ? 0 : 4, length: 4 } });
    if (rng.float() < 0.2) prefs.push({ kind: 'preferred', time: { day: [0, 1, 2, 3, 4].slice(0, D), start: 0, length: 8 }, penalty: 1 });
    resources.push({
      id: `T${t + 1}`,
      name: `T${String(t + 1).padStart(3, '0')}`,
      kind: 'teacher',
      preferences: prefs,
      trackBuildings: true,
    });
  }
  const adminIds: string[] = [];
  for (let a = 0; a < params.adminClasses; a++) {
    const id = `AC${a + 1}`;
    adminIds.push(id);
    resources.push({
      id,
      name: `${['计科', '软件', '电子', '数学', '物理'][Math.floor(a / 8) % 5]}${2101 + (a % 8)}${a >= 40 ? `-${Math.floor(a / 40)}` : ''}`,
      kind: 'class',
      compact: true,
      trackBuildings: true,
    });
  }
  const adminSize = new Map(adminIds.map((id) => [id, 30 + rng.int(16)]));
  const startsFor = (len: number): number[] => {
    const out: number[] = [];
    for (let s = 0; s + len <= P; s += len === 1 ? 1 : 2) out.push(s);
    return out;
  };
  const events: SolverEvent[] = [];
  const classes: TimetableModel['classes'] = [];
  const majors = Math.max(1, Math.floor(params.adminClasses / 4));
  // Required courses: every major's classes take ~8 courses together (1–4 admin classes per TC).
  const tcs: Array<{ admin: string[]; size: number; type: string; lectures: number }> = [];
  for (let m = 0; m < majors && tcs.length < params.teachingClasses; m++) {
    const members = adminIds.slice(m * 4, m * 4 + 4);
    for (let c = 0; c < 8; c++) {
      const split = rng.float() < 0.5 ? [members] : [members.slice(0, 2), members.slice(2)];
      for (const g of split) {
        if (g.length === 0 || tcs.length >= params.teachingClasses) continue;
        const size = g.reduce((s, id) => s + adminSize.get(id)!, 0);
        tcs.push({ admin: g, size, type: size > 90 ? 'lecture' : size <= 60 && rng.float() < 0.2 ? 'lab' : 'classroom', lectures: 2 });
      }
    }
  }
  while (tcs.length < params.teachingClasses) {
    const t = weighted<string>([
      ['classroom', 0.7],
      ['lecture', 0.08],
      ['lab', 0.1],
      ['computer', 0.12],
    ]);
    const cap = Math.max(...rooms.filter((r) => r.type === t).map((r) => r.capacity));
    tcs.push({ admin: [], size: Math.min(Math.floor(cap * 0.8), 20 + rng.int(60)), type: t, lectures: 3 });
  }
  // Spread the lecture total over teaching classes.
  let total = tcs.reduce((s, t) => s + t.lectures, 0);
  for (let i = 0; total < params.lectures; i = (i + 1) % tcs.length) {
    if (tcs[i].admin.length === 0 || rng.float() < 0.1) {
      tcs[i].lectures++;
      total++;
    }
  }
  for (let i = tcs.length - 1; total > params.lectures; i = (i - 1 + tcs.length) % tcs.length) {
    if (tcs[i].lectures > 1) {
      tcs[i].lectures--;
      total--;
    }
  }
  const teacherLoad = new Array(params.teachers).fill(0);
  tcs.forEach((tc, k) => {
    let t = 0;
    for (let i = 1; i < params.teachers; i++) if (teacherLoad[i] < teacherLoad[t]) t = i;
    if (rng.float() < 0.3) t = rng.int(params.teachers);
    teacherLoad[t] += tc.lectures * 2;
    const weeks = weighted(WEEK_PATTERNS);
    const classId = `TC${k + 1}`;
    classes.push({ id: classId, name: `Course ${k + 1}`, minDays: Math.min(tc.lectures, 3), roomStability: true });
    for (let l = 0; l < tc.lectures; l++) {
      const len = tc.lectures >= 4 && l === 0 ? 1 : rng.float() < 0.12 ? 3 : 2;
      const times: TimeCandidate[] = [];
      for (let d = 0; d < D; d++) for (const s of startsFor(len)) times.push({ day: d, start: s });
      events.push({
        id: `${classId}-${l + 1}`,
        name: `Course ${k + 1} lecture ${l + 1}`,
        classId,
        length: len,
        weeks,
        size: tc.size,
        resources: [`T${t + 1}`, ...tc.admin],
        times,
        roomRequirement: { type: tc.type },
        roomSizeHard: true,
      });
    }
  });
  const rules: DistributionRule[] = [];
  for (let i = 0; i < (params.rules ?? 0); i++) {
    const a = pick(events);
    const b = pick(events);
    if (a.id === b.id) continue;
    const kind = pick<DistributionRule['kind']>(['notOverlap', 'differentDays', 'precedence', 'maxPerDay']);
    rules.push({ id: `R${i + 1}`, kind, events: [a.id, b.id], max: 1, weight: 3 });
  }
  return {
    name: `school-${params.teachingClasses}`,
    days: D,
    periodsPerDay: P,
    weeks: 16,
    rooms,
    resources,
    classes,
    events,
    rules,
    weights: { ...SCHOOL_WEIGHTS },
  };
}
