import type { ExamDef, ExamPeriod, ExamProblem, ExamRoom, ExamSolution } from './types.ts';

/** Carter's proximity weights for period distance 1…5. */
export const TORONTO_PROXIMITY = [16, 8, 4, 2, 1];

const MINUTES_PER_DAY = 24 * 60;

/** dd:mm:yyyy → days since 1970 (so periods keep their calendar gaps: weekends are not adjacent days). */
function dayNumber(date: string): number {
  const [dd, mm, yyyy] = date.split(':').map(Number);
  return Math.round(Date.UTC(yyyy, mm - 1, dd) / 86_400_000);
}

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + (m || 0);
}

/**
 * Parses an ITC-2007 Track 1 `.exam` file: CRLF or LF, no trailing newline (set 11), exams
 * without students, `NONMIXEDDURATIONS,10` without a space. Day indices count calendar days from
 * the first period's date.
 */
export function parseExamFile(text: string): ExamProblem {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, '').trim());
  const exams: ExamDef[] = [];
  const periods: ExamPeriod[] = [];
  const rooms: ExamRoom[] = [];
  const problem: ExamProblem = {
    exams,
    periods,
    rooms,
    constraints: { coincidence: [], exclusion: [], after: [], roomExclusive: [] },
    weightings: { twoInARow: 0, twoInADay: 0, periodSpread: 0, nonMixedDurations: 0, frontLoad: { count: 0, lastPeriods: 0, weight: 0 } },
    allowRoomSharing: true,
  };
  let section = '';
  let firstDay = NaN;
  for (const line of lines) {
    if (line === '') continue;
    if (line.startsWith('[')) {
      section = line.slice(1, line.indexOf(':') > 0 ? line.indexOf(':') : line.indexOf(']'));
      continue;
    }
    const t = line.split(',').map((s) => s.trim());
    switch (section) {
      case 'Exams':
        exams.push({
          duration: Number(t[0]),
          students: t
            .slice(1)
            .filter((s) => s !== '')
            .map(Number),
        });
        break;
      case 'Periods': {
        const day = dayNumber(t[0]);
        if (Number.isNaN(firstDay)) firstDay = day;
        periods.push({
          day: day - firstDay,
          date: t[0],
          start: minutes(t[1]) % MINUTES_PER_DAY,
          duration: Number(t[2]),
          penalty: Number(t[3]),
        });
        break;
      }
      case 'Rooms':
        rooms.push({ capacity: Number(t[0]), penalty: Number(t[1]) });
        break;
      case 'PeriodHardConstraints': {
        const pair: [number, number] = [Number(t[0]), Number(t[2])];
        if (t[1] === 'EXAM_COINCIDENCE') problem.constraints.coincidence.push(pair);
        else if (t[1] === 'EXCLUSION') problem.constraints.exclusion.push(pair);
        else if (t[1] === 'AFTER') problem.constraints.after.push(pair);
        else throw new Error(`unknown period constraint: ${line}`);
        break;
      }
      case 'RoomHardConstraints':
        if (t[1] !== 'ROOM_EXCLUSIVE') throw new Error(`unknown room constraint: ${line}`);
        problem.constraints.roomExclusive.push(Number(t[0]));
        break;
      case 'InstitutionalWeightings': {
        const w = problem.weightings;
        if (t[0] === 'TWOINAROW') w.twoInARow = Number(t[1]);
        else if (t[0] === 'TWOINADAY') w.twoInADay = Number(t[1]);
        else if (t[0] === 'PERIODSPREAD') w.periodSpread = Number(t[1]);
        else if (t[0] === 'NONMIXEDDURATIONS') w.nonMixedDurations = Number(t[1]);
        else if (t[0] === 'FRONTLOAD') w.frontLoad = { count: Number(t[1]), lastPeriods: Number(t[2]), weight: Number(t[3]) };
        break;
      }
      default:
        throw new Error(`line outside a known section: ${line}`);
    }
  }
  return problem;
}

/**
 * Parses a Toronto instance (`.crs` + `.stu`) into an uncapacitated problem of `periods`
 * periods with Carter's proximity cost. Student k is the k-th non-empty `.stu` line; exam ids
 * (1-based in the files) become indices id − 1.
 */
export function parseToronto(crs: string, stu: string, periods: number): ExamProblem {
  const examCount = crs.split('\n').filter((l) => l.trim() !== '').length;
  const students: number[][] = Array.from({ length: examCount }, () => []);
  let s = 0;
  for (const line of stu.split('\n')) {
    const ids = line.trim().split(/\s+/).filter(Boolean).map(Number);
    if (ids.length === 0) continue;
    for (const id of ids) students[id - 1].push(s);
    s++;
  }
  return {
    exams: students.map((st) => ({ duration: 0, students: st })),
    periods: Array.from({ length: periods }, (_, p) => ({ day: p, start: 0, duration: 0, penalty: 0 })),
    rooms: [],
    constraints: { coincidence: [], exclusion: [], after: [], roomExclusive: [] },
    weightings: { twoInARow: 0, twoInADay: 0, periodSpread: 0, nonMixedDurations: 0, frontLoad: { count: 0, lastPeriods: 0, weight: 0 } },
    proximity: TORONTO_PROXIMITY,
  };
}

/** Reads an ITC `.sol` (`period, room` per exam line); each exam gets its one room with all its students. */
export function parseExamSol(problem: ExamProblem, text: string): ExamSolution {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return problem.exams.map((exam, e) => {
    const line = lines[e];
    if (line === undefined) return null;
    const [p, r] = line.split(',').map((s) => Number(s.trim()));
    if (!(p >= 0)) return null;
    return { period: p, rooms: r >= 0 ? [{ room: r, count: exam.students.length }] : [] };
  });
}

/** Writes the competition format: one `period, room` line per exam (CRLF, like the published files). Unplaced exams are `-1, -1`. */
export function writeExamSol(solution: ExamSolution): string {
  return solution.map((pl) => (pl ? `${pl.period}, ${pl.rooms[0]?.room ?? -1}` : '-1, -1')).join('\r\n') + '\r\n';
}

/** Reads a Toronto solution (`<examId> <period>` per line, ids 1-based). */
export function parseTorontoSol(problem: ExamProblem, text: string): ExamSolution {
  const solution: ExamSolution = problem.exams.map(() => null);
  for (const line of text.split('\n')) {
    const t = line.trim().split(/\s+/);
    if (t.length < 2) continue;
    solution[Number(t[0]) - 1] = { period: Number(t[1]), rooms: [] };
  }
  return solution;
}

/** Writes a Toronto solution (`<examId> <period>`, ids 1-based). */
export function writeTorontoSol(solution: ExamSolution): string {
  return solution.map((pl, e) => `${e + 1} ${pl ? pl.period : -1}`).join('\n') + '\n';
}
