import type { CompiledExams } from './compile.ts';

/**
 * Incremental solution state. Every change goes through `remove` / `place`, which keep the
 * running totals exact; `deltaMove` prices a one-exam, one-room move without applying it (the
 * hot path of the annealing). Hard totals here measure capacity in excess seats (a gradient for
 * the repair phase); the reported hard count comes from the direct evaluator.
 */
export class ExamState {
  readonly c: CompiledExams;
  readonly period: Int32Array;
  /** Rooms and seats per exam (one entry on the ITC path; several for a split exam). */
  readonly rooms: number[][];
  readonly seats: number[][];
  /** Student-weighted neighbours of exam e in period p: A[e * P + p]. */
  readonly A: Int32Array;
  /** Teacher-weighted neighbours (only when the problem has teachers). */
  readonly T: Int32Array;
  readonly slotSeats: Int32Array;
  readonly slotExams: Int32Array;
  readonly slotExcl: Int32Array;
  readonly slotDur: Int32Array;
  readonly slotDistinct: Int32Array;
  readonly daySeats: Float64Array;
  /** Exams per (student, window of `window.days` consecutive days), for the window rule. */
  readonly stuWin: Int16Array;
  readonly windows: number;
  unplaced: number;
  /** Hard: student + teacher clashes. */
  hConf = 0;
  /** Hard: excess seats, sharing / exclusive, closed rooms, split errors. */
  hRoom = 0;
  /** Hard: period length / unavailability, exclusion, after, coincidence. */
  hPeriod = 0;
  /** Soft components. */
  sProx = 0;
  sPeriod = 0;
  sRoomPen = 0;
  sNmd = 0;
  sExtra = 0;
  sSpread = 0;
  sWindow = 0;

  constructor(c: CompiledExams) {
    this.c = c;
    const { E, P, R } = c;
    this.period = new Int32Array(E).fill(-1);
    this.rooms = Array.from({ length: E }, () => []);
    this.seats = Array.from({ length: E }, () => []);
    this.A = new Int32Array(E * P);
    this.T = new Int32Array(c.hasTeachers ? E * P : 0);
    this.slotSeats = new Int32Array(P * R);
    this.slotExams = new Int32Array(P * R);
    this.slotExcl = new Int32Array(P * R);
    this.slotDur = new Int32Array(P * R * c.ND);
    this.slotDistinct = new Int32Array(P * R);
    this.daySeats = new Float64Array(c.daySpan);
    this.windows = c.window ? Math.max(0, c.daySpan - c.window.days) + 1 : 0;
    this.stuWin = new Int16Array(c.S * this.windows);
    this.unplaced = E;
  }

  get hard(): number {
    return this.unplaced + this.hConf + this.hRoom + this.hPeriod;
  }

  get soft(): number {
    return this.sProx + this.sPeriod + this.sRoomPen + this.sNmd + this.sExtra + this.sSpread + this.sWindow;
  }

  /** Hard cost of a slot: excess seats + exams sharing where they may not. */
  slotHard(s: number): number {
    const c = this.c;
    const over = this.slotSeats[s] - c.cap[s % c.R];
    const n = this.slotExams[s];
    const sharing = n > 1 && (this.slotExcl[s] > 0 || !c.allowSharing) ? n - 1 : 0;
    return (over > 0 ? over : 0) + sharing;
  }

  /** Period-constraint violations of e at period p against the current periods of its partners. */
  constraintViolations(e: number, p: number): number {
    const c = this.c;
    const per = this.period;
    let v = 0;
    for (const x of c.exclusion[e]) if (per[x] === p) v++;
    for (const x of c.afterOf[e]) if (per[x] >= 0 && p <= per[x]) v++;
    for (const x of c.beforeOf[e]) if (per[x] >= 0 && per[x] <= p) v++;
    const g = c.members[c.group[e]];
    if (g.length > 1) for (const x of g) if (x !== e && per[x] >= 0 && per[x] !== p) v++;
    return v;
  }

  private spreadCost(seats: number): number {
    const over = seats - this.c.spreadTarget;
    return over > 0 ? this.c.spreadWeight * over : 0;
  }

  private slotAdd(e: number, s: number, n: number, sign: 1 | -1): void {
    const c = this.c;
    this.hRoom -= this.slotHard(s);
    const di = s * c.ND + c.durIdx[e];
    if (this.slotExams[s] > 0) this.sNmd -= c.nmdWeight * (this.slotDistinct[s] - 1);
    this.slotSeats[s] += sign * n;
    this.slotExams[s] += sign;
    this.slotExcl[s] += sign * c.exclusive[e];
    if (sign > 0 && this.slotDur[di]++ === 0) this.slotDistinct[s]++;
    if (sign < 0 && --this.slotDur[di] === 0) this.slotDistinct[s]--;
    if (this.slotExams[s] > 0) this.sNmd += c.nmdWeight * (this.slotDistinct[s] - 1);
    this.hRoom += this.slotHard(s);
  }

  private examFixed(e: number, p: number, sign: 1 | -1): void {
    const c = this.c;
    const P = c.P;
    const { A, T, W } = { A: this.A, T: this.T, W: c.W };
    const base = e * P;
    this.hConf += sign * (A[base + p] + (c.hasTeachers ? T[base + p] : 0));
    let prox = 0;
    const lo = Math.max(0, p - c.reach);
    const hi = Math.min(P - 1, p + c.reach);
    for (let t = lo; t <= hi; t++) prox += A[base + t] * W[p * P + t];
    this.sProx += sign * prox;
    this.sPeriod += sign * c.periodCost[base + p];
    this.hPeriod += sign * (c.periodHard[base + p] + this.constraintViolations(e, p));
    for (let k = c.adjStart[e]; k < c.adjStart[e + 1]; k++) {
      const j = c.adjTo[k] * P + p;
      A[j] += sign * c.adjW[k];
      if (c.hasTeachers) T[j] += sign * c.adjT[k];
    }
    if (c.spreadWeight) {
      const d = c.day[p];
      this.sSpread -= this.spreadCost(this.daySeats[d]);
      this.daySeats[d] += sign * c.size[e];
      this.sSpread += this.spreadCost(this.daySeats[d]);
    }
    if (c.window) {
      // Count per (student, window of consecutive days); only the windows holding day d change.
      const { exams: limit, weight } = c.window;
      const nw = this.windows;
      const d = c.day[p];
      const w0 = Math.max(0, d - c.window.days + 1);
      const w1 = Math.min(nw - 1, d);
      for (const s of c.examStudents[e]) {
        const row = s * nw;
        for (let w = w0; w <= w1; w++) {
          if (sign > 0) {
            if (this.stuWin[row + w]++ >= limit) this.sWindow += weight;
          } else if (--this.stuWin[row + w] >= limit) this.sWindow -= weight;
        }
      }
    }
  }

  /** Takes exam e out of the timetable. */
  remove(e: number): void {
    const p = this.period[e];
    if (p < 0) return;
    const c = this.c;
    // Constraints are counted against partners still in place, so remove the exam's own share first.
    this.examFixed(e, p, -1);
    this.period[e] = -1;
    const rs = this.rooms[e];
    const ns = this.seats[e];
    for (let i = 0; i < rs.length; i++) {
      this.slotAdd(e, p * c.R + rs[i], ns[i], -1);
      this.sRoomPen -= c.roomPen[rs[i]];
      this.hRoom -= c.roomClosed[p * c.R + rs[i]];
    }
    this.hRoom -= this.splitError(e);
    this.sExtra -= c.extraRoomPenalty * Math.max(0, rs.length - 1);
    this.rooms[e] = [];
    this.seats[e] = [];
    this.unplaced++;
  }

  private splitError(e: number): number {
    const c = this.c;
    if (c.R === 0) return 0;
    const rs = this.rooms[e];
    let seated = 0;
    for (const n of this.seats[e]) seated += n;
    return rs.length === 0 || rs.length > c.maxRooms[e] || seated !== c.size[e] ? 1 : 0;
  }

  /** Puts an unplaced exam e in period p, in `rooms` with `seats` students each. */
  place(e: number, p: number, rooms: number[], seats: number[]): void {
    const c = this.c;
    this.unplaced--;
    this.period[e] = p;
    this.examFixed(e, p, 1);
    this.rooms[e] = rooms;
    this.seats[e] = seats;
    for (let i = 0; i < rooms.length; i++) {
      this.slotAdd(e, p * c.R + rooms[i], seats[i], 1);
      this.sRoomPen += c.roomPen[rooms[i]];
      this.hRoom += c.roomClosed[p * c.R + rooms[i]];
    }
    this.hRoom += this.splitError(e);
    this.sExtra += c.extraRoomPenalty * Math.max(0, rooms.length - 1);
  }

  /** Whether one room in period p takes exam e without a hard violation. */
  roomFits(e: number, p: number, r: number): boolean {
    const c = this.c;
    const s = p * c.R + r;
    if (c.roomClosed[s]) return false;
    if (this.slotSeats[s] + c.size[e] > c.cap[r]) return false;
    const n = this.slotExams[s];
    return n === 0 || (c.allowSharing && !c.exclusive[e] && this.slotExcl[s] === 0);
  }

  /**
   * Delta (hard, soft) of moving single-room exam e (no coincidence partners, no window rule) to
   * period q, room r (r = -1 when the problem has no rooms). Does not change the state.
   */
  deltaMove(e: number, q: number, r: number, out: Float64Array): void {
    const c = this.c;
    const P = c.P;
    const p = this.period[e];
    const base = e * P;
    const A = this.A;
    let dh = A[base + q] - A[base + p];
    if (c.hasTeachers) dh += this.T[base + q] - this.T[base + p];
    let ds = c.periodCost[base + q] - c.periodCost[base + p];
    if (q !== p) {
      const W = c.W;
      const reach = c.reach;
      let prox = 0;
      const lo = Math.max(0, Math.min(p, q) - reach);
      const hi = Math.min(P - 1, Math.max(p, q) + reach);
      const wq = q * P;
      const wp = p * P;
      for (let t = lo; t <= hi; t++) {
        const a = A[base + t];
        if (a !== 0) prox += a * (W[wq + t] - W[wp + t]);
      }
      ds += prox;
      dh += c.periodHard[base + q] - c.periodHard[base + p];
      const per = this.period;
      for (const x of c.exclusion[e]) dh += (per[x] === q ? 1 : 0) - (per[x] === p ? 1 : 0);
      for (const x of c.afterOf[e]) if (per[x] >= 0) dh += (q <= per[x] ? 1 : 0) - (p <= per[x] ? 1 : 0);
      for (const x of c.beforeOf[e]) if (per[x] >= 0) dh += (per[x] <= q ? 1 : 0) - (per[x] <= p ? 1 : 0);
      if (c.spreadWeight) {
        const dp = c.day[p];
        const dq = c.day[q];
        if (dp !== dq) {
          const n = c.size[e];
          ds +=
            this.spreadCost(this.daySeats[dp] - n) -
            this.spreadCost(this.daySeats[dp]) +
            this.spreadCost(this.daySeats[dq] + n) -
            this.spreadCost(this.daySeats[dq]);
        }
      }
    }
    if (r >= 0) {
      const r0 = this.rooms[e][0];
      if (q !== p || r !== r0) {
        const R = c.R;
        const n = c.size[e];
        const so = p * R + r0;
        const sn = q * R + r;
        // Old slot without e.
        const over0 = this.slotSeats[so] - c.cap[r0];
        const k0 = this.slotExams[so];
        const shared0 = k0 > 1 && (this.slotExcl[so] > 0 || !c.allowSharing) ? k0 - 1 : 0;
        const over0b = over0 - n;
        const excl0b = this.slotExcl[so] - c.exclusive[e];
        const shared0b = k0 - 1 > 1 && (excl0b > 0 || !c.allowSharing) ? k0 - 2 : 0;
        dh += (over0b > 0 ? over0b : 0) + shared0b - (over0 > 0 ? over0 : 0) - shared0;
        const onlyDur0 = this.slotDur[so * c.ND + c.durIdx[e]] === 1;
        if (onlyDur0 && k0 > 1) ds -= c.nmdWeight;
        // New slot with e.
        const over1 = this.slotSeats[sn] - c.cap[r];
        const k1 = this.slotExams[sn];
        const shared1 = k1 > 1 && (this.slotExcl[sn] > 0 || !c.allowSharing) ? k1 - 1 : 0;
        const over1b = over1 + n;
        const shared1b = k1 + 1 > 1 && (this.slotExcl[sn] + c.exclusive[e] > 0 || !c.allowSharing) ? k1 : 0;
        dh += (over1b > 0 ? over1b : 0) + shared1b - (over1 > 0 ? over1 : 0) - shared1;
        if (k1 > 0 && this.slotDur[sn * c.ND + c.durIdx[e]] === 0) ds += c.nmdWeight;
        dh += c.roomClosed[sn] - c.roomClosed[so];
        ds += c.roomPen[r] - c.roomPen[r0];
      }
    }
    out[0] = dh;
    out[1] = ds;
  }

  /**
   * The periods and rooms, for keeping the best solution. Room and seat arrays are never
   * mutated once placed (every placement brings new ones), so sharing them is safe and cheap.
   */
  snapshot(): { period: Int32Array; rooms: number[][]; seats: number[][] } {
    return { period: this.period.slice(), rooms: this.rooms.slice(), seats: this.seats.slice() };
  }
}
