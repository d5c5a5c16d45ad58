/**
 * The solver's input model: plain data, general enough for a Chinese university's
 * timetable (teaching classes 教学班, admin classes 行政班, week patterns) and for the
 * ITC-2007 curriculum-based benchmark (which is mapped onto it, see src/itc2007/).
 */

/** Week set: explicit week numbers (1-based), a named pattern, or an inclusive range. */
export type WeekSpec = number[] | 'all' | 'odd' | 'even' | { from: number; to: number; parity?: 'odd' | 'even' };

/** A block of time: one or more days, a start period (0-based) and a length, in some weeks. */
export interface TimeSpec {
  /** Day of week, 0-based (0 = Monday), or several days. */
  day: number | number[];
  /** First period of the day covered, 0-based. Default 0. */
  start?: number;
  /** Number of periods. Default: to the end of the day. */
  length?: number;
  /** Weeks concerned. Default: all weeks of the term. */
  weeks?: WeekSpec;
}

/** Time preference of a resource (teacher, admin class) or an event. */
export interface TimePreference {
  time: TimeSpec;
  /**
   * `prohibited` removes the times from the domain (hard);
   * `discouraged` costs `penalty` per lecture overlapping it;
   * `preferred` costs `penalty` per lecture NOT inside some preferred block of the same owner.
   */
  kind: 'preferred' | 'discouraged' | 'prohibited';
  /** Penalty for discouraged/preferred, multiplied by the `timePreference` weight. Default 1. */
  penalty?: number;
}

export interface Room {
  id: string;
  name?: string;
  capacity: number;
  /** e.g. 'lecture', 'lab', 'computer'. */
  type?: string;
  features?: string[];
  /** Building id, used by the building-change constraint. */
  building?: string;
  /** Campus id, used by the travel-time rule (`TimetableModel.travel`). */
  campus?: string;
  /** Times the room cannot be used (hard). */
  unavailable?: TimeSpec[];
}

/** Something that must not be double-booked: a teacher, an admin class / curriculum, a student. */
export interface Resource {
  id: string;
  name?: string;
  kind: 'teacher' | 'class' | 'student' | 'other';
  /** Hard unavailability (equivalent to `prohibited` preferences). */
  unavailable?: TimeSpec[];
  preferences?: TimePreference[];
  /** Penalise isolated lectures and gaps in this resource's days (admin classes 行政班). */
  compact?: boolean;
  /** Penalise building changes between consecutive lectures of this resource. */
  trackBuildings?: boolean;
}

/** Teaching class 教学班 (ITC: course): groups the weekly lectures of one class. */
export interface ClassGroup {
  id: string;
  name?: string;
  /** Minimum number of distinct days its lectures should be spread over (soft). */
  minDays?: number;
  /** Penalise using more than one room for its lectures (soft). Default true. */
  roomStability?: boolean;
}

/** Allowed start of an event: day(s) and start period, optional penalty. */
export interface TimeCandidate {
  day: number | number[];
  start: number;
  /** Extra soft penalty for this time (multiplied by the `timePreference` weight). */
  penalty?: number;
}

export interface RoomRequirement {
  type?: string;
  features?: string[];
  /** Minimum capacity; default the event's size. */
  minCapacity?: number;
}

/** One weekly lecture (or lab session) of a teaching class. */
export interface SolverEvent {
  id: string;
  name?: string;
  /** ClassGroup id. */
  classId?: string;
  /** Length in periods (default 1). */
  length?: number;
  /** Weeks in which the lecture takes place (default all). */
  weeks?: WeekSpec;
  /** Number of students (for room size). */
  size?: number;
  /** Resource ids that attend: teacher(s), admin classes, students. */
  resources?: string[];
  /** Allowed starts; default every start where the event fits in the day. */
  times?: TimeCandidate[];
  /** Explicit allowed rooms with optional penalty; otherwise `roomRequirement`; otherwise any room. */
  rooms?: Array<{ roomId: string; penalty?: number }>;
  roomRequirement?: RoomRequirement;
  /** The event needs no room (e.g. an internship). */
  noRoom?: boolean;
  /** Capacity is hard for this event (rooms smaller than size are excluded). Default false. */
  roomSizeHard?: boolean;
  /** Keep this assignment (hard). */
  pinned?: { day: number | number[]; start: number; roomId?: string };
}

/** Distribution rule between events. */
export interface DistributionRule {
  id?: string;
  kind: 'sameTime' | 'differentDays' | 'notOverlap' | 'precedence' | 'maxPerDay';
  events: string[];
  /** For maxPerDay. */
  max?: number;
  /** Hard rule (default false = soft). */
  hard?: boolean;
  /** Weight of a soft rule per violation (default 1). */
  weight?: number;
}

/** Weights of the soft constraints. Zero disables a constraint. */
export interface Weights {
  timePreference: number;
  roomPenalty: number;
  /** Per seat missing when a room is too small (and size is soft). */
  roomSize: number;
  /** Per missing working day of a class. */
  minDays: number;
  /** Per isolated lecture of a compact resource. */
  isolated: number;
  /** Per empty period between two lectures of a compact resource on a day. */
  gap: number;
  /** Per extra room used by a class. */
  roomStability: number;
  /** Per change of building between consecutive periods. */
  buildingChange: number;
  /** Multiplier of soft rule weights. */
  rules: number;
}

export const DEFAULT_WEIGHTS: Weights = {
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

/** A timetabling problem in the general model. */
export interface TimetableModel {
  name?: string;
  days: number;
  periodsPerDay: number;
  /** Weeks in the term (1..32). Default 16. */
  weeks?: number;
  rooms: Room[];
  resources: Resource[];
  classes?: ClassGroup[];
  events: SolverEvent[];
  rules?: DistributionRule[];
  weights?: Partial<Weights>;
  /**
   * Travel time between campuses (hard): two lectures of one resource (teacher, admin class,
   * student) on one day, in a common week, in rooms of two campuses, need at least `minutes`
   * between the end of the first and the start of the second (by the clock of the periods).
   */
  travel?: TravelRule;
}

export interface TravelRule {
  /** Clock of each period in minutes after midnight (index = period, 0-based). */
  periodStart: number[];
  periodEnd: number[];
  /** Symmetric: minutes needed between rooms of campus `a` and campus `b`. */
  minutes: Array<{ a: string; b: string; minutes: number }>;
}

/** Where one event is placed. */
export interface Placement {
  eventId: string;
  /** Day(s) as given by the chosen time candidate. */
  day: number | number[];
  start: number;
  roomId?: string;
}

/** An assignment: placements for (some of) the events. */
export type Assignment = Placement[];
