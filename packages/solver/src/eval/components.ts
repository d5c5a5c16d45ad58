/** Indices of the cost components kept by the state and the full evaluator. */
export const C_CONFLICT = 0; // hard: a resource or room double-booked (per extra booking per cell)
export const C_UNPLACED = 1; // hard: event without a time
export const C_HARD_OTHER = 2; // hard: time/room not allowed, room unavailable, missing room, hard rules
export const C_TIME = 3; // soft: time preferences / penalties (and minimal-perturbation anchors)
export const C_ROOM = 4; // soft: room penalties and room size
export const C_MINDAYS = 5; // soft: minimum working days of a class
export const C_COMPACT = 6; // soft: isolated lectures and gaps of compact resources
export const C_STABILITY = 7; // soft: rooms used by a class beyond the first
export const C_BUILDING = 8; // soft: building changes between consecutive periods
export const C_RULES = 9; // soft: distribution rules
export const C_TRAVEL = 10; // hard: pairs of lectures of a resource too close for the travel between two campuses
export const NCOMP = 11;

/** Names of the components, as used in breakdowns. */
export const COMPONENT_NAMES = [
  'conflicts',
  'unplaced',
  'hardOther',
  'timePreference',
  'roomPenalty',
  'minDays',
  'compactness',
  'roomStability',
  'buildingChange',
  'rules',
  'campusTravel',
] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

export function hardOf(c: ArrayLike<number>): number {
  return c[C_CONFLICT] + c[C_UNPLACED] + c[C_HARD_OTHER] + c[C_TRAVEL];
}

export function softOf(c: ArrayLike<number>): number {
  let s = 0;
  for (let i = C_TIME; i <= C_RULES; i++) s += c[i];
  return s;
}
