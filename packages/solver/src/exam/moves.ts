import type { Rng } from '../search/rng.ts';
import type { ExamState } from './state.ts';

/** Room choices and multi-exam moves applied through a journal so they can be undone. */
export interface Rooming {
  rooms: number[];
  seats: number[];
}

const NONE: Rooming = { rooms: [], seats: [] };

/** First room, from a random offset, that takes e in q without a hard violation; -1 if none. */
export function pickRoom(st: ExamState, e: number, q: number, rng: Rng): number {
  const R = st.c.R;
  const start = rng.int(R);
  for (let i = 0; i < R; i++) {
    const r = (start + i) % R;
    if (st.roomFits(e, q, r)) return r;
  }
  return -1;
}

/** Cheapest fitting room (penalty, then a new duration in the room, then leftover seats); -1 if none. */
export function bestRoom(st: ExamState, e: number, q: number): number {
  const c = st.c;
  let best = -1;
  let bestScore = Infinity;
  for (let r = 0; r < c.R; r++) {
    if (!st.roomFits(e, q, r)) continue;
    const s = q * c.R + r;
    const newDur = st.slotExams[s] > 0 && st.slotDur[s * c.ND + c.durIdx[e]] === 0 ? c.nmdWeight : 0;
    const leftover = c.cap[r] - st.slotSeats[s] - c.size[e];
    const score = (c.roomPen[r] + newDur) * 1e6 + leftover;
    if (score < bestScore) {
      bestScore = score;
      best = r;
    }
  }
  return best;
}

/**
 * Rooms for exam e in period q: the preferred room when it fits, else a fitting room (best or
 * random), else — for an exam that may be split — the largest free rooms until its students are
 * seated, else the roomiest room (a capacity violation the search must repair).
 */
export function chooseRooms(st: ExamState, e: number, q: number, rng: Rng | null, prefer = -1): Rooming {
  const c = st.c;
  if (c.R === 0) return NONE;
  const n = c.size[e];
  if (prefer >= 0 && st.roomFits(e, q, prefer)) return { rooms: [prefer], seats: [n] };
  const r = rng ? pickRoom(st, e, q, rng) : bestRoom(st, e, q);
  if (r >= 0) return { rooms: [r], seats: [n] };
  if (c.maxRooms[e] > 1) {
    const free: number[] = [];
    for (let k = 0; k < c.R; k++) {
      const s = q * c.R + k;
      if (!c.roomClosed[s] && st.slotExams[s] === 0) free.push(k);
    }
    free.sort((a, b) => c.cap[b] - c.cap[a] || c.roomPen[a] - c.roomPen[b]);
    const rooms: number[] = [];
    const seats: number[] = [];
    let left = n;
    for (const k of free) {
      if (left <= 0 || rooms.length >= c.maxRooms[e]) break;
      const take = Math.min(left, c.cap[k]);
      rooms.push(k);
      seats.push(take);
      left -= take;
    }
    if (left <= 0) return { rooms, seats };
  }
  let roomiest = 0;
  for (let k = 1; k < c.R; k++) if (c.cap[k] - st.slotSeats[q * c.R + k] > c.cap[roomiest] - st.slotSeats[q * c.R + roomiest]) roomiest = k;
  return { rooms: [roomiest], seats: [n] };
}

/** Moves applied to the state with enough recorded to undo them. */
export class Journal {
  private readonly exams: number[] = [];
  private readonly periods: number[] = [];
  private readonly rooms: number[][] = [];
  private readonly seats: number[][] = [];
  private readonly st: ExamState;
  constructor(st: ExamState) {
    this.st = st;
  }

  remove(e: number): void {
    const st = this.st;
    this.exams.push(e);
    this.periods.push(st.period[e]);
    this.rooms.push(st.rooms[e]);
    this.seats.push(st.seats[e]);
    st.remove(e);
  }

  /** Places e (already removed through this journal, or unplaced) in q. */
  place(e: number, q: number, r: Rooming): void {
    this.exams.push(e);
    this.periods.push(-2); // marks a placement: undone by removing
    this.rooms.push(r.rooms);
    this.seats.push(r.seats);
    this.st.place(e, q, r.rooms, r.seats);
  }

  undo(): void {
    const st = this.st;
    for (let i = this.exams.length - 1; i >= 0; i--) {
      const e = this.exams[i];
      if (this.periods[i] === -2) st.remove(e);
      else if (this.periods[i] >= 0) st.place(e, this.periods[i], this.rooms[i], this.seats[i]);
    }
    this.clear();
  }

  clear(): void {
    this.exams.length = 0;
    this.periods.length = 0;
    this.rooms.length = 0;
    this.seats.length = 0;
  }
}
