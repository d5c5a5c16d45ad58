import type { Assignment, TimetableModel } from '../model/types.ts';

/** A parsed ITC-2007 Track 3 (.ctt) instance. */
export interface CttInstance {
  name: string;
  days: number;
  periodsPerDay: number;
  courses: Array<{ id: string; teacher: string; lectures: number; minDays: number; students: number }>;
  rooms: Array<{ id: string; capacity: number }>;
  curricula: Array<{ id: string; courses: string[] }>;
  unavailability: Array<{ course: string; day: number; period: number }>;
}

/** Parse the .ctt text format (tokens separated by any whitespace). */
export function parseCtt(text: string): CttInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const header = new Map<string, string>();
  let i = 0;
  for (; i < lines.length && lines[i] !== 'COURSES:'; i++) {
    const m = /^([A-Za-z_]+):\s*(.*)$/.exec(lines[i]);
    if (m) header.set(m[1], m[2].trim());
  }
  const num = (k: string): number => {
    const v = Number(header.get(k));
    if (!Number.isInteger(v)) throw new Error(`ctt: bad header ${k}`);
    return v;
  };
  const section = (name: string, count: number): string[][] => {
    while (i < lines.length && lines[i] !== name) i++;
    if (i >= lines.length) throw new Error(`ctt: missing section ${name}`);
    i++;
    const out: string[][] = [];
    while (out.length < count && i < lines.length) {
      if (lines[i] !== '') out.push(lines[i].split(/\s+/));
      i++;
    }
    if (out.length !== count) throw new Error(`ctt: section ${name} has ${out.length} lines, expected ${count}`);
    return out;
  };
  const courses = section('COURSES:', num('Courses')).map(([id, teacher, l, md, st]) => ({
    id,
    teacher,
    lectures: Number(l),
    minDays: Number(md),
    students: Number(st),
  }));
  const rooms = section('ROOMS:', num('Rooms')).map(([id, cap]) => ({ id, capacity: Number(cap) }));
  const curricula = section('CURRICULA:', num('Curricula')).map(([id, k, ...cs]) => {
    if (cs.length !== Number(k)) throw new Error(`ctt: curriculum ${id} lists ${cs.length} courses, header says ${k}`);
    return { id, courses: cs };
  });
  const unavailability = section('UNAVAILABILITY_CONSTRAINTS:', num('Constraints')).map(([course, d, p]) => ({
    course,
    day: Number(d),
    period: Number(p),
  }));
  return {
    name: header.get('Name') ?? '',
    days: num('Days'),
    periodsPerDay: num('Periods_per_day'),
    courses,
    rooms,
    curricula,
    unavailability,
  };
}

/** Event id of the k-th lecture (0-based) of a course. */
export const lectureId = (course: string, k: number): string => `${course}#${k}`;

/**
 * Map a CB-CTT instance onto the general model: a course is a class group (min working days,
 * room stability) with one 1-period event per lecture; teachers and curricula are resources,
 * curricula compact (S3 = isolated lectures, weight 2); room capacity is a soft size penalty
 * (S1); unavailabilities are removed from the events' allowed times (H4). A one-week term.
 */
export function cttToModel(inst: CttInstance): TimetableModel {
  const unav = new Set(inst.unavailability.map((u) => `${u.course}|${u.day}|${u.period}`));
  const currOf = new Map<string, string[]>();
  for (const q of inst.curricula) for (const c of q.courses) currOf.set(c, [...(currOf.get(c) ?? []), `q:${q.id}`]);
  const teachers = [...new Set(inst.courses.map((c) => c.teacher))];
  return {
    name: inst.name,
    days: inst.days,
    periodsPerDay: inst.periodsPerDay,
    weeks: 1,
    rooms: inst.rooms.map((r) => ({ id: r.id, capacity: r.capacity })),
    resources: [
      ...teachers.map((t) => ({ id: `t:${t}`, name: t, kind: 'teacher' as const })),
      ...inst.curricula.map((q) => ({ id: `q:${q.id}`, name: q.id, kind: 'class' as const, compact: true })),
    ],
    classes: inst.courses.map((c) => ({ id: c.id, minDays: c.minDays, roomStability: true })),
    events: inst.courses.flatMap((c) => {
      const times: Array<{ day: number; start: number }> = [];
      for (let d = 0; d < inst.days; d++) {
        for (let p = 0; p < inst.periodsPerDay; p++) if (!unav.has(`${c.id}|${d}|${p}`)) times.push({ day: d, start: p });
      }
      return Array.from({ length: c.lectures }, (_, k) => ({
        id: lectureId(c.id, k),
        classId: c.id,
        size: c.students,
        resources: [`t:${c.teacher}`, ...(currOf.get(c.id) ?? [])],
        times,
      }));
    }),
    weights: {
      timePreference: 1,
      roomPenalty: 1,
      roomSize: 1,
      minDays: 5,
      isolated: 2,
      gap: 0,
      roomStability: 1,
      buildingChange: 0,
      rules: 1,
    },
  };
}

/** One line of a .sol file. */
export interface SolLine {
  course: string;
  room: string;
  day: number;
  period: number;
}

export function parseSol(text: string): SolLine[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const [course, room, d, p] = l.split(/\s+/);
      return { course, room, day: Number(d), period: Number(p) };
    });
}

/** Write the official solution format: `<course> <room> <day> <period>` per lecture. */
export function writeSol(lines: SolLine[]): string {
  return lines.map((l) => `${l.course} ${l.room} ${l.day} ${l.period}`).join('\n') + '\n';
}

/** Solution lines to an assignment of the mapped model (k-th line of a course = lecture k). */
export function solToAssignment(lines: SolLine[]): Assignment {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    const k = seen.get(l.course) ?? 0;
    seen.set(l.course, k + 1);
    return { eventId: lectureId(l.course, k), day: l.day, start: l.period, roomId: l.room };
  });
}

/** Assignment of the mapped model to solution lines (unplaced lectures are left out). */
export function assignmentToSol(a: Assignment): SolLine[] {
  return a.map((pl) => ({
    course: pl.eventId.slice(0, pl.eventId.lastIndexOf('#')),
    room: pl.roomId ?? '',
    day: typeof pl.day === 'number' ? pl.day : pl.day[0],
    period: pl.start,
  }));
}
