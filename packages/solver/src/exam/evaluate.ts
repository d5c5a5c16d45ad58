import type { ExamEvaluation, ExamHardBreakdown, ExamProblem, ExamSoftBreakdown, ExamSolution } from './types.ts';

/**
 * The `count` largest exams (most students; ties: lower index first) — ITC's front-load set.
 * Shared with the solver so both agree on which exams it holds.
 */
export function frontLoadExams(problem: ExamProblem): Set<number> {
  const { count } = problem.weightings.frontLoad;
  if (count <= 0) return new Set();
  const order = problem.exams.map((_, e) => e).sort((a, b) => problem.exams[b].students.length - problem.exams[a].students.length || a - b);
  return new Set(order.slice(0, count));
}

/** Distinct day indices of the periods, ascending. */
export function sessionDays(problem: ExamProblem): number[] {
  return [...new Set(problem.periods.map((p) => p.day))].sort((a, b) => a - b);
}

/** Seats per day beyond which the spread-days cost starts: an even share of all sittings. */
export function spreadDaysTarget(problem: ExamProblem): number {
  const total = problem.exams.reduce((a, e) => a + e.students.length, 0);
  return Math.ceil(total / Math.max(1, sessionDays(problem).length));
}

/** Cost of one student's exam-days for the max-exams-per-window rule (day → exam count). */
export function windowExcess(
  counts: Map<number, number> | ArrayLike<number>,
  firstDay: number,
  lastDay: number,
  rule: { exams: number; days: number },
): number {
  const get = (d: number): number => (counts instanceof Map ? (counts.get(d) ?? 0) : (counts[d - firstDay] ?? 0));
  let excess = 0;
  const lastStart = Math.max(firstDay, lastDay - rule.days + 1);
  for (let w = firstDay; w <= lastStart; w++) {
    let n = 0;
    for (let d = w; d < w + rule.days; d++) n += get(d);
    if (n > rule.exams) excess += n - rule.exams;
  }
  return excess;
}

/**
 * Direct evaluator: recomputes every hard violation and soft cost from the solution alone, per
 * student and per (period, room), with none of the solver's incremental bookkeeping — the
 * independent check of what the solver claims.
 */
export function evaluateExamSolution(problem: ExamProblem, solution: ExamSolution): ExamEvaluation {
  const { exams, periods, rooms, weightings: w } = problem;
  const hb: ExamHardBreakdown = {
    unassigned: 0,
    conflicts: 0,
    teacherConflicts: 0,
    roomCapacity: 0,
    periodLength: 0,
    coincidence: 0,
    exclusion: 0,
    after: 0,
    roomExclusive: 0,
    roomSharing: 0,
    unavailable: 0,
    roomSplit: 0,
  };
  const sb: ExamSoftBreakdown = {
    twoInARow: 0,
    twoInADay: 0,
    periodSpread: 0,
    nonMixedDurations: 0,
    frontLoad: 0,
    periodPenalty: 0,
    examPeriod: 0,
    roomPenalty: 0,
    proximity: 0,
    extraRooms: 0,
    examsPerWindow: 0,
    spreadDays: 0,
  };
  const P = periods.length;
  const period = exams.map((_, e) => {
    const pl = solution[e];
    const ok = pl && pl.period >= 0 && pl.period < P && (rooms.length === 0 || pl.rooms.length > 0);
    if (!ok) hb.unassigned++;
    return ok ? pl.period : -1;
  });

  // Per student (and per teacher): every pair of their placed exams.
  const byStudent = new Map<number, number[]>();
  const byTeacher = new Map<number, number[]>();
  exams.forEach((exam, e) => {
    if (period[e] < 0) return;
    for (let i = 0; i < exam.students.length; i++) {
      const s = exam.students[i];
      const list = byStudent.get(s);
      if (list) list.push(period[e]);
      else byStudent.set(s, [period[e]]);
    }
    for (const t of exam.teacherIds ?? []) {
      const list = byTeacher.get(t);
      if (list) list.push(period[e]);
      else byTeacher.set(t, [period[e]]);
    }
  });
  let twoInARow = 0;
  let twoInADay = 0;
  const days = sessionDays(problem);
  const firstDay = days[0] ?? 0;
  const lastDay = days[days.length - 1] ?? 0;
  for (const ps of byStudent.values()) {
    for (let i = 0; i < ps.length; i++) {
      for (let j = i + 1; j < ps.length; j++) {
        const d = Math.abs(ps[i] - ps[j]);
        if (d === 0) {
          hb.conflicts++;
          continue;
        }
        if (problem.proximity) {
          if (d <= problem.proximity.length) sb.proximity += problem.proximity[d - 1];
          continue;
        }
        if (periods[ps[i]].day === periods[ps[j]].day) {
          if (d === 1) twoInARow++;
          else twoInADay++;
        }
        if (d <= w.periodSpread) sb.periodSpread++;
      }
    }
    if (problem.maxExamsPerWindow) {
      const counts = new Map<number, number>();
      for (const p of ps) counts.set(periods[p].day, (counts.get(periods[p].day) ?? 0) + 1);
      sb.examsPerWindow += problem.maxExamsPerWindow.weight * windowExcess(counts, firstDay, lastDay, problem.maxExamsPerWindow);
    }
  }
  sb.twoInARow = w.twoInARow * twoInARow;
  sb.twoInADay = w.twoInADay * twoInADay;
  for (const ps of byTeacher.values()) {
    for (let i = 0; i < ps.length; i++) for (let j = i + 1; j < ps.length; j++) if (ps[i] === ps[j]) hb.teacherConflicts++;
  }

  // Per exam: its period and rooms.
  const front = frontLoadExams(problem);
  const slots = new Map<number, { seats: number; exams: number; exclusive: number; durations: Set<number> }>();
  const exclusive = new Set(problem.constraints.roomExclusive);
  const daySeats = new Map<number, number>();
  exams.forEach((exam, e) => {
    const p = period[e];
    if (p < 0) return;
    const pl = solution[e]!;
    if (exam.duration > periods[p].duration) hb.periodLength++;
    if (exam.unavailablePeriods?.includes(p)) hb.unavailable++;
    sb.periodPenalty += periods[p].penalty;
    sb.examPeriod += exam.periodCosts?.[p] ?? 0;
    if (front.has(e) && p >= P - w.frontLoad.lastPeriods) sb.frontLoad += w.frontLoad.weight;
    daySeats.set(periods[p].day, (daySeats.get(periods[p].day) ?? 0) + exam.students.length);
    if (rooms.length === 0) return;
    let seated = 0;
    for (const { room, count } of pl.rooms) {
      seated += count;
      sb.roomPenalty += rooms[room].penalty;
      if (rooms[room].unavailablePeriods?.includes(p)) hb.unavailable++;
      const key = p * rooms.length + room;
      let slot = slots.get(key);
      if (!slot) slots.set(key, (slot = { seats: 0, exams: 0, exclusive: 0, durations: new Set() }));
      slot.seats += count;
      slot.exams++;
      if (exclusive.has(e)) slot.exclusive++;
      slot.durations.add(exam.duration);
    }
    if (pl.rooms.length > (exam.maxRooms ?? 1) || seated !== exam.students.length) hb.roomSplit++;
    sb.extraRooms += (problem.extraRoomPenalty ?? 0) * Math.max(0, pl.rooms.length - 1);
  });
  for (const [key, slot] of slots) {
    if (slot.seats > rooms[key % rooms.length].capacity) hb.roomCapacity++;
    sb.nonMixedDurations += w.nonMixedDurations * (slot.durations.size - 1);
    if (slot.exclusive > 0) hb.roomExclusive += slot.exams - 1;
    else if (problem.allowRoomSharing === false) hb.roomSharing += slot.exams - 1;
  }
  if (problem.spreadDays) {
    const target = spreadDaysTarget(problem);
    for (const seats of daySeats.values()) sb.spreadDays += problem.spreadDays * Math.max(0, seats - target);
  }

  const c = problem.constraints;
  for (const [a, b] of c.coincidence) if (a !== b && period[a] >= 0 && period[b] >= 0 && period[a] !== period[b]) hb.coincidence++;
  for (const [a, b] of c.exclusion) if (a !== b && period[a] >= 0 && period[a] === period[b]) hb.exclusion++;
  for (const [a, b] of c.after) if (period[a] >= 0 && period[b] >= 0 && period[a] <= period[b]) hb.after++;

  const sum = (o: object): number => Object.values(o).reduce((a: number, v: number) => a + v, 0);
  return { hard: sum(hb), soft: sum(sb), hardBreakdown: hb, softBreakdown: sb };
}

/** Number of distinct students (Toronto's S: the non-empty `.stu` lines). */
export function studentCount(problem: ExamProblem): number {
  const seen = new Set<number>();
  for (const exam of problem.exams) for (let i = 0; i < exam.students.length; i++) seen.add(exam.students[i]);
  return seen.size;
}

/** Toronto cost: raw proximity penalty divided by the number of students. */
export function torontoCost(problem: ExamProblem, evaluation: ExamEvaluation): number {
  return evaluation.softBreakdown.proximity / studentCount(problem);
}
