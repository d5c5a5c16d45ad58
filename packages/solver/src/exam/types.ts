/**
 * Examination timetabling model. Exams, periods and rooms are numbered by their index in the
 * arrays; students and teachers are plain integer ids. With none of the app extensions set the
 * semantics are exactly those of ITC-2007 Track 1 (benchmarks/itc2007-exam/SOURCE.md).
 */
export interface ExamDef {
  /** Length in minutes; must not exceed the period's duration. */
  duration: number;
  /** Ids of the students sitting it (each at most once). */
  students: ArrayLike<number>;
  /** App: the exam may be split across up to this many rooms (ITC: 1). */
  maxRooms?: number;
  /** App: period indices the exam may not take (hard). */
  unavailablePeriods?: number[];
  /**
   * App: soft cost of the exam in each period (index = period), e.g. its students' own lectures
   * at that time; missing entries cost 0.
   */
  periodCosts?: number[];
  /** App: invigilating / responsible teachers; a teacher cannot be in two exams at once (hard). */
  teacherIds?: number[];
  /** Caller's id, carried through untouched. */
  id?: string;
}

export interface ExamPeriod {
  /** Day index (periods on the same day share it); days need not be contiguous. */
  day: number;
  /** Calendar date as given (ITC: dd:mm:yyyy). */
  date?: string;
  /** Start time in minutes from midnight. */
  start: number;
  /** Length in minutes. */
  duration: number;
  /** Soft penalty for every exam placed here. */
  penalty: number;
}

export interface ExamRoom {
  capacity: number;
  /** Soft penalty for every exam placed here. */
  penalty: number;
  /** App: period indices in which the room cannot be used (hard). */
  unavailablePeriods?: number[];
  id?: string;
}

export interface ExamHardConstraints {
  /** [a, b]: a and b in the same period. */
  coincidence: Array<[number, number]>;
  /** [a, b]: a and b in different periods. */
  exclusion: Array<[number, number]>;
  /** [a, b]: a in a strictly later period than b. */
  after: Array<[number, number]>;
  /** Exams that must be alone in their room. */
  roomExclusive: number[];
}

export interface ExamWeightings {
  twoInARow: number;
  twoInADay: number;
  /** Window g: pairs of a student's exams 1…g periods apart cost 1 each. */
  periodSpread: number;
  nonMixedDurations: number;
  /** The `count` largest exams placed in the last `lastPeriods` periods cost `weight` each. */
  frontLoad: { count: number; lastPeriods: number; weight: number };
}

export interface ExamProblem {
  exams: ExamDef[];
  periods: ExamPeriod[];
  /** Empty for an uncapacitated problem (Toronto): exams then take a period only. */
  rooms: ExamRoom[];
  constraints: ExamHardConstraints;
  weightings: ExamWeightings;
  /** Several exams may share a room in a period (ITC: true, the default). */
  allowRoomSharing?: boolean;
  /** App: soft cost per room beyond the first when an exam is split. */
  extraRoomPenalty?: number;
  /** App: a student with more than `exams` exams within any `days` consecutive days costs `weight` per extra exam. */
  maxExamsPerWindow?: { exams: number; days: number; weight: number };
  /**
   * App: spread the sittings over the days of a long session. Cost = weight × Σ over days of the
   * sittings (student-exams) beyond an even share ⌈total / days⌉, so a timetable that packs the
   * first days and leaves the last ones empty pays for it.
   */
  spreadDays?: number;
  /**
   * Toronto mode: weight of a student's two exams at period distance d is `proximity[d − 1]`
   * (Carter: [16, 8, 4, 2, 1]); replaces two-in-a-row, two-in-a-day and period spread.
   */
  proximity?: number[];
}

/** Where one exam sits: a period and, when the problem has rooms, its rooms with the seats used in each. */
export interface ExamPlacement {
  period: number;
  rooms: Array<{ room: number; count: number }>;
}

/** One entry per exam, in exam order; null = not placed. */
export type ExamSolution = Array<ExamPlacement | null>;

export interface ExamHardBreakdown {
  /** Exams with no period (or no room when the problem has rooms). */
  unassigned: number;
  /** Student clashes: pairs of a student's exams in the same period. */
  conflicts: number;
  /** Teacher clashes: pairs of a teacher's exams in the same period. */
  teacherConflicts: number;
  /** (period, room) slots holding more students than the room seats. */
  roomCapacity: number;
  /** Exams longer than their period. */
  periodLength: number;
  coincidence: number;
  exclusion: number;
  after: number;
  /** Other exams sharing the room of a room-exclusive exam. */
  roomExclusive: number;
  /** Exams sharing a room when sharing is off. */
  roomSharing: number;
  /** Exams in a period they may not take, or in a room closed in that period. */
  unavailable: number;
  /** Exams in more rooms than allowed, or whose seats do not add up to their students. */
  roomSplit: number;
}

export interface ExamSoftBreakdown {
  twoInARow: number;
  twoInADay: number;
  periodSpread: number;
  nonMixedDurations: number;
  frontLoad: number;
  periodPenalty: number;
  /** Exams' own period costs (ExamDef.periodCosts). */
  examPeriod: number;
  roomPenalty: number;
  /** Toronto proximity cost, raw (not divided by the number of students). */
  proximity: number;
  extraRooms: number;
  examsPerWindow: number;
  spreadDays: number;
}

export interface ExamEvaluation {
  hard: number;
  soft: number;
  hardBreakdown: ExamHardBreakdown;
  softBreakdown: ExamSoftBreakdown;
}
