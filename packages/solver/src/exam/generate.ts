import { Rng } from '../search/rng.ts';
import type { ExamDef, ExamPeriod, ExamProblem, ExamRoom } from './types.ts';

export interface GenerateExamParams {
  exams?: number;
  students?: number;
  enrolments?: number;
  periods?: number;
  rooms?: number;
  seed?: number;
}

/** Standard normal sample (Box–Muller). */
function gauss(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float());
}

/**
 * A university-size exam session with the app extensions on. Defaults are Purdue-sized
 * (≈1,900 exams, 33,000 students, 117,000 enrolments, 28 periods — 4 a day on 7 weekdays over
 * two weeks — and 260 rooms). Class sizes are log-normal (a few lecture courses of several
 * hundred, most under 50), so large exams must be split over rooms; rooms are not shared; one
 * teacher per exam, some teaching several; a few rooms closed in some periods.
 */
export function generateExamProblem(params: GenerateExamParams = {}): ExamProblem {
  const E = params.exams ?? 1900;
  const S = params.students ?? 33000;
  const N = params.enrolments ?? 117000;
  const P = params.periods ?? 28;
  const R = params.rooms ?? 260;
  const rng = new Rng(params.seed ?? 1);

  // Class sizes: log-normal, scaled to the enrolment total, at most a third of the students.
  const raw = Array.from({ length: E }, () => Math.exp(1.1 * gauss(rng)));
  const total = raw.reduce((a, b) => a + b, 0);
  const sizes = raw.map((w) => Math.max(1, Math.min(Math.floor(S / 3), Math.round((w / total) * N))));
  // A planted timetable keeps the instance feasible, as real sessions are: exams in decreasing
  // size take the periods in turn (so seats are balanced), and no student or teacher gets two
  // exams of the same planted period.
  const planted = new Int32Array(E);
  sizes
    .map((n, e) => [n, e])
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .forEach(([, e], i) => (planted[e] = i % P));
  // Students belong to programmes (about 8 exams each); a class's seats go to one programme, or
  // to several for a large service course, so students of a programme share most of their exams
  // and the conflict graph is clustered like real enrolment data.
  const programmes = Math.max(1, Math.ceil(E / 8));
  const pools: number[][] = Array.from({ length: programmes }, () => []);
  sizes.forEach((n, e) => {
    const parts = Math.ceil(n / 120);
    const homes = Array.from({ length: parts }, () => rng.int(programmes));
    for (let i = 0; i < n; i++) pools[homes[i % parts]].push(e);
  });
  const students: number[][] = Array.from({ length: E }, () => []);
  const perStudent = N / S;
  let s = 0;
  for (const slots of pools) {
    for (let i = slots.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [slots[i], slots[j]] = [slots[j], slots[i]];
    }
    const count = Math.max(1, Math.round(slots.length / perStudent));
    const lists: Array<Set<number>> = Array.from({ length: count }, () => new Set());
    // Deal seat k to the next student who has no exam of that planted period yet.
    slots.forEach((e, k) => {
      for (let t = 0; t < count; t++) {
        const list = lists[(k + t) % count];
        let clash = false;
        for (const x of list) if (planted[x] === planted[e]) clash = true;
        if (!clash) {
          list.add(e);
          return;
        }
      }
    });
    for (const list of lists) {
      for (const e of list) students[e].push(s);
      s++;
    }
  }

  const perDay = 4;
  const weekdays = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18];
  const starts = [8 * 60, 10 * 60 + 30, 13 * 60 + 30, 16 * 60];
  const periods: ExamPeriod[] = Array.from({ length: P }, (_, p) => ({
    day: weekdays[Math.floor(p / perDay) % weekdays.length] + 21 * Math.floor(p / perDay / weekdays.length),
    start: starts[p % perDay],
    duration: 120,
    penalty: p % perDay === 3 ? 2 : 0,
  }));
  const rooms: ExamRoom[] = Array.from({ length: R }, () => {
    const u = rng.float();
    const capacity = u < 0.6 ? 20 + rng.int(41) : u < 0.9 ? 60 + rng.int(121) : 180 + rng.int(321);
    const room: ExamRoom = { capacity, penalty: rng.int(3) };
    if (rng.float() < 0.05)
      room.unavailablePeriods = Array.from(new Set(Array.from({ length: 4 }, () => rng.int(P)))).sort((a, b) => a - b);
    return room;
  });
  // Teachers: exams 2k and 2k + 1 share teacher k, unless their planted periods coincide.
  const teacherOf = (e: number): number => (e % 2 === 0 || planted[e] !== planted[e - 1] ? e >> 1 : E + e);
  const exams: ExamDef[] = students.map((st, e) => ({
    id: `E${e + 1}`,
    duration: [60, 90, 120, 120][rng.int(4)],
    students: st,
    maxRooms: st.length > 150 ? 6 : st.length > 60 ? 2 : 1,
    teacherIds: [teacherOf(e)],
  }));
  const exclusion: Array<[number, number]> = [];
  for (let i = 0; i < 20; i++) {
    const a = rng.int(E);
    const b = rng.int(E);
    if (planted[a] !== planted[b]) exclusion.push([a, b]);
  }
  return {
    exams,
    periods,
    rooms,
    constraints: { coincidence: [], exclusion: exclusion.filter(([a, b]) => a !== b), after: [], roomExclusive: [] },
    weightings: { twoInARow: 10, twoInADay: 5, periodSpread: 4, nonMixedDurations: 0, frontLoad: { count: 0, lastPeriods: 0, weight: 0 } },
    allowRoomSharing: false,
    extraRoomPenalty: 5,
    maxExamsPerWindow: { exams: 3, days: 2, weight: 10 },
    spreadDays: 1,
  };
}
