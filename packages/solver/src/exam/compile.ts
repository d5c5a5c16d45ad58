import { frontLoadExams, sessionDays, spreadDaysTarget } from './evaluate.ts';
import type { ExamProblem } from './types.ts';

/**
 * The problem flattened into typed arrays for the search: a student-weighted conflict graph
 * (CSR), a period×period pair-cost matrix, per exam×period costs, coincidence groups.
 */
export interface CompiledExams {
  problem: ExamProblem;
  E: number;
  P: number;
  R: number;
  size: Int32Array;
  /** Index of the exam's duration among the distinct durations (for mixed-durations). */
  durIdx: Int32Array;
  ND: number;
  adjStart: Int32Array;
  adjTo: Int32Array;
  /** Students shared with the neighbour (soft proximity + hard clash). */
  adjW: Int32Array;
  /** Teachers shared with the neighbour (hard clash only). */
  adjT: Int32Array;
  hasTeachers: boolean;
  /** Soft cost per shared student of two exams in periods p and q: W[p * P + q]. */
  W: Int32Array;
  /** Largest period distance with a non-zero W. */
  reach: number;
  /** Soft cost of an exam in a period (period penalty + front load + the exam's own cost): E × P. */
  periodCost: Int32Array;
  /** Hard violations of an exam in a period (too long, unavailable): E × P. */
  periodHard: Int32Array;
  cap: Int32Array;
  roomPen: Int32Array;
  /** Room closed in a period: P × R. */
  roomClosed: Uint8Array;
  exclusive: Uint8Array;
  maxRooms: Int32Array;
  allowSharing: boolean;
  extraRoomPenalty: number;
  nmdWeight: number;
  /** Root exam of the coincidence group; members of each root (singletons included). */
  group: Int32Array;
  members: number[][];
  exclusion: number[][];
  /** e must be strictly after each of afterOf[e]; strictly before each of beforeOf[e]. */
  afterOf: number[][];
  beforeOf: number[][];
  /** Calendar day of each period relative to the first day; span of calendar days. */
  day: Int32Array;
  daySpan: number;
  spreadWeight: number;
  spreadTarget: number;
  window: { exams: number; days: number; weight: number } | null;
  /** Per exam, compact student indices (only built when the window rule is on). */
  examStudents: Int32Array[];
  S: number;
}

export function compileExams(problem: ExamProblem): CompiledExams {
  const { exams, periods, rooms, weightings: w } = problem;
  const E = exams.length;
  const P = periods.length;
  const R = rooms.length;
  const size = Int32Array.from(exams, (x) => x.students.length);
  const durations = [...new Set(exams.map((x) => x.duration))];
  const durIdx = Int32Array.from(exams, (x) => durations.indexOf(x.duration));

  // Conflict graph from the students' (and teachers') exam lists.
  const byStudent = new Map<number, number[]>();
  const byTeacher = new Map<number, number[]>();
  exams.forEach((x, e) => {
    for (let i = 0; i < x.students.length; i++) {
      const list = byStudent.get(x.students[i]);
      if (list) list.push(e);
      else byStudent.set(x.students[i], [e]);
    }
    for (const t of x.teacherIds ?? []) {
      const list = byTeacher.get(t);
      if (list) list.push(e);
      else byTeacher.set(t, [e]);
    }
  });
  const edges = new Map<number, [number, number]>();
  const addPairs = (lists: Iterable<number[]>, k: 0 | 1): void => {
    for (const list of lists) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const a = Math.min(list[i], list[j]);
          const b = Math.max(list[i], list[j]);
          if (a === b) continue;
          const key = a * E + b;
          const edge = edges.get(key);
          if (edge) edge[k]++;
          else edges.set(key, k === 0 ? [1, 0] : [0, 1]);
        }
      }
    }
  };
  addPairs(byStudent.values(), 0);
  addPairs(byTeacher.values(), 1);
  const degree = new Int32Array(E + 1);
  for (const key of edges.keys()) {
    degree[Math.floor(key / E)]++;
    degree[key % E]++;
  }
  const adjStart = new Int32Array(E + 1);
  for (let e = 0; e < E; e++) adjStart[e + 1] = adjStart[e] + degree[e];
  const fill = adjStart.slice(0, E);
  const adjTo = new Int32Array(adjStart[E]);
  const adjW = new Int32Array(adjStart[E]);
  const adjT = new Int32Array(adjStart[E]);
  for (const [key, [s, t]] of edges) {
    const a = Math.floor(key / E);
    const b = key % E;
    adjTo[fill[a]] = b;
    adjW[fill[a]] = s;
    adjT[fill[a]++] = t;
    adjTo[fill[b]] = a;
    adjW[fill[b]] = s;
    adjT[fill[b]++] = t;
  }

  const W = new Int32Array(P * P);
  let reach = 0;
  for (let p = 0; p < P; p++) {
    for (let q = 0; q < P; q++) {
      const d = Math.abs(p - q);
      if (d === 0) continue;
      let c = 0;
      if (problem.proximity) c = d <= problem.proximity.length ? problem.proximity[d - 1] : 0;
      else {
        if (periods[p].day === periods[q].day) c += d === 1 ? w.twoInARow : w.twoInADay;
        if (d <= w.periodSpread) c += 1;
      }
      W[p * P + q] = c;
      if (c !== 0 && d > reach) reach = d;
    }
  }

  const front = frontLoadExams(problem);
  const periodCost = new Int32Array(E * P);
  const periodHard = new Int32Array(E * P);
  for (let e = 0; e < E; e++) {
    for (let p = 0; p < P; p++) {
      periodCost[e * P + p] =
        periods[p].penalty + (front.has(e) && p >= P - w.frontLoad.lastPeriods ? w.frontLoad.weight : 0) + (exams[e].periodCosts?.[p] ?? 0);
      periodHard[e * P + p] = (exams[e].duration > periods[p].duration ? 1 : 0) + (exams[e].unavailablePeriods?.includes(p) ? 1 : 0);
    }
  }
  const roomClosed = new Uint8Array(P * R);
  rooms.forEach((r, i) => r.unavailablePeriods?.forEach((p) => (roomClosed[p * R + i] = 1)));
  const exclusive = new Uint8Array(E);
  for (const e of problem.constraints.roomExclusive) exclusive[e] = 1;

  // Coincidence groups (union-find); an exam "coincident with itself" is ignored.
  const parent = Int32Array.from({ length: E }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (const [a, b] of problem.constraints.coincidence) parent[find(a)] = find(b);
  const group = Int32Array.from({ length: E }, (_, i) => find(i));
  const members: number[][] = Array.from({ length: E }, () => []);
  for (let e = 0; e < E; e++) members[group[e]].push(e);
  const exclusion: number[][] = Array.from({ length: E }, () => []);
  for (const [a, b] of problem.constraints.exclusion) {
    if (a === b) continue;
    exclusion[a].push(b);
    exclusion[b].push(a);
  }
  const afterOf: number[][] = Array.from({ length: E }, () => []);
  const beforeOf: number[][] = Array.from({ length: E }, () => []);
  for (const [a, b] of problem.constraints.after) {
    afterOf[a].push(b);
    beforeOf[b].push(a);
  }

  const days = sessionDays(problem);
  const firstDay = days[0] ?? 0;
  const day = Int32Array.from(periods, (p) => p.day - firstDay);
  const daySpan = (days[days.length - 1] ?? 0) - firstDay + 1;

  let examStudents: Int32Array[] = [];
  let S = 0;
  if (problem.maxExamsPerWindow) {
    const index = new Map<number, number>();
    examStudents = exams.map((x) =>
      Int32Array.from(x.students, (s) => {
        let i = index.get(s);
        if (i === undefined) index.set(s, (i = index.size));
        return i;
      }),
    );
    S = index.size;
  }

  return {
    problem,
    E,
    P,
    R,
    size,
    durIdx,
    ND: durations.length,
    adjStart,
    adjTo,
    adjW,
    adjT,
    hasTeachers: byTeacher.size > 0,
    W,
    reach,
    periodCost,
    periodHard,
    cap: Int32Array.from(rooms, (r) => r.capacity),
    roomPen: Int32Array.from(rooms, (r) => r.penalty),
    roomClosed,
    exclusive,
    maxRooms: Int32Array.from(exams, (x) => Math.max(1, x.maxRooms ?? 1)),
    allowSharing: problem.allowRoomSharing !== false,
    extraRoomPenalty: problem.extraRoomPenalty ?? 0,
    nmdWeight: w.nonMixedDurations,
    group,
    members,
    exclusion,
    afterOf,
    beforeOf,
    day,
    daySpan,
    spreadWeight: problem.spreadDays ?? 0,
    spreadTarget: problem.spreadDays ? spreadDaysTarget(problem) : 0,
    window: problem.maxExamsPerWindow ?? null,
    examStudents,
    S,
  };
}
