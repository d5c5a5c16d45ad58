import type { Problem } from '../model/problem.ts';
import { NCOMP } from './components.ts';
// The hot path indexes `c` with literal component numbers (see components.ts): imported
// bindings are live in ESM and cost a check on every access.
import { ruleViolations } from './rules.ts';

/**
 * Incremental solution state. Every add/remove updates the per-constraint counters and the
 * cost components, so a move's delta is read off `c` after applying it (do/undo evaluation):
 * a move touches only the cells, days and groups of the events it moves.
 */
export class SolverState {
  readonly p: Problem;
  /** Time index (into p.evTimes[e]) per event, -1 when unplaced. */
  readonly tIdx: Int32Array;
  /** Room index (into p.evRooms[e]) per event, -1 when none. */
  readonly rIdx: Int32Array;
  /** Cost components, see components.ts. */
  readonly c: Float64Array;
  readonly occ: Int16Array;
  /** Sum of the event ids booking a cell: the owner whenever occ is 1 (O(1) to maintain). */
  readonly owner: Int32Array;
  private readonly grid: Int16Array;
  private readonly bcnt: Int16Array;
  private readonly bsum: Int32Array;
  private readonly gDay: Int16Array;
  private readonly gDays: Int32Array;
  private readonly gRoom: Int16Array;
  private readonly gRooms: Int32Array;
  private readonly ruleViol: Int32Array;
  /** Per event: compact-resource indices and building-tracked resource indices. */
  private readonly evCompact: Int32Array[];
  private readonly evTrack: Int32Array[];
  /** Travel rule: per event its travel resources; per (resource, day) the placed events with a campus. */
  private readonly evTravel: Int32Array[];
  private readonly resDayEv: number[][];

  constructor(p: Problem) {
    this.p = p;
    this.tIdx = new Int32Array(p.nE).fill(-1);
    this.rIdx = new Int32Array(p.nE).fill(-1);
    this.c = new Float64Array(NCOMP);
    this.c[1 /* C_UNPLACED */] = p.nE;
    this.occ = new Int16Array(p.nOcc * p.NC);
    this.owner = new Int32Array(p.nOcc * p.NC);
    this.grid = new Int16Array(p.nCompact * p.S);
    this.bcnt = new Int16Array(p.nTrack * p.S);
    this.bsum = new Int32Array(p.nTrack * p.S);
    this.gDay = new Int16Array(p.nGroups * p.D);
    this.gDays = new Int32Array(p.nGroups);
    this.gRoom = new Int16Array(p.nGroups * p.nRooms);
    this.gRooms = new Int32Array(p.nGroups);
    this.ruleViol = new Int32Array(p.rules.length);
    this.evCompact = p.evRes.map((rs) => Int32Array.from([...rs].map((r) => p.resCompact[r]).filter((ci) => ci >= 0)));
    this.evTrack = p.evRes.map((rs) => Int32Array.from([...rs].map((r) => p.resTrack[r]).filter((bi) => bi >= 0)));
    this.evTravel = p.evRes.map((rs) => (p.travelOn ? Int32Array.from([...rs].filter((r) => p.resTravel[r] === 1)) : new Int32Array(0)));
    this.resDayEv = p.travelOn ? Array.from({ length: p.nRes * p.D }, () => []) : [];
    // Min-days deficits of classes with no lecture placed yet.
    for (let g = 0; g < p.nGroups; g++) this.c[5 /* C_MINDAYS */] += p.weights.minDays * Math.max(0, p.groupMinDays[g]);
  }

  get hard(): number {
    const c = this.c;
    return c[0] + c[1] + c[2] + c[10];
  }

  get soft(): number {
    const c = this.c;
    return c[3] + c[4] + c[5] + c[6] + c[7] + c[8] + c[9];
  }

  /** Place event e (currently unplaced) at time index ti and room index ri (-1 = no room). */
  add(e: number, ti: number, ri: number): void {
    this.tIdx[e] = ti;
    this.rIdx[e] = ri;
    this.update(e, ti, ri, 1);
  }

  /** Unplace event e. */
  remove(e: number): void {
    const ti = this.tIdx[e];
    if (ti < 0) return;
    const ri = this.rIdx[e];
    this.tIdx[e] = -1;
    this.rIdx[e] = -1;
    this.update(e, ti, ri, -1);
  }

  /** Move e to (ti, ri), whether placed or not. */
  move(e: number, ti: number, ri: number): void {
    if (this.tIdx[e] >= 0) this.remove(e);
    if (ti >= 0) this.add(e, ti, ri);
  }

  private update(e: number, ti: number, ri: number, s: 1 | -1): void {
    const p = this.p;
    const c = this.c;
    const t = p.evTimes[e][ti];
    const cells = p.timeCells[t];
    const nc = cells.length;
    const NC = p.NC;
    const occ = this.occ;
    const owner = this.owner;
    c[1 /* C_UNPLACED */] -= s;
    c[3 /* C_TIME */] += s * p.evTimePen[e][ti];
    let hardOther = p.evTimeHard[e][ti];
    let conflicts = 0;
    const res = p.evRes[e];
    for (let k = 0; k < res.length; k++) {
      const base = res[k] * NC;
      for (let j = 0; j < nc; j++) {
        const idx = base + cells[j];
        owner[idx] += s * e;
        if (s > 0) {
          if (occ[idx]++ > 0) conflicts++;
        } else if (--occ[idx] > 0) conflicts++;
      }
    }
    if (ri >= 0) {
      const r = p.evRooms[e][ri];
      c[4 /* C_ROOM */] += s * p.evRoomPen[e][ri];
      hardOther += p.evRoomHard[e][ri] + p.roomBlocked[r * p.times.length + t];
      const base = (p.nRes + r) * NC;
      for (let j = 0; j < nc; j++) {
        const idx = base + cells[j];
        owner[idx] += s * e;
        if (s > 0) {
          if (occ[idx]++ > 0) conflicts++;
        } else if (--occ[idx] > 0) conflicts++;
      }
    } else if (!p.evNoRoom[e]) hardOther++;
    c[0 /* C_CONFLICT */] += s * conflicts;
    const days = p.timeDays[t];
    if (ri >= 0 && this.evTravel[e].length > 0) this.updateTravel(e, t, p.roomCampus[p.evRooms[e][ri]], days, s);
    const tb = p.times[t];
    // Compactness of admin classes / curricula, on the weekly grid (weeks ignored).
    const w = p.weights;
    const comp = this.evCompact[e];
    if (comp.length > 0) {
      const P = p.P;
      const fast = tb.length === 1 && w.gap === 0;
      for (let k = 0; k < comp.length; k++) {
        const base = comp[k] * p.S;
        for (let di = 0; di < days.length; di++) {
          const d0 = base + days[di] * P;
          if (fast) {
            c[6 /* C_COMPACT */] += w.isolated * this.isoDelta(d0, tb.start, s);
            continue;
          }
          const lo = tb.start - 1;
          const hi = tb.start + tb.length;
          const before = this.compactCost(d0, lo, hi);
          for (let q = tb.start; q < hi; q++) this.grid[d0 + q] += s;
          c[6 /* C_COMPACT */] += this.compactCost(d0, lo, hi) - before;
        }
      }
    }
    const track = this.evTrack[e];
    if (track.length > 0 && ri >= 0) {
      const bld = p.roomBuilding[p.evRooms[e][ri]];
      for (let k = 0; k < track.length; k++) {
        const base = track[k] * p.S;
        for (let di = 0; di < days.length; di++) {
          const d0 = base + days[di] * p.P;
          const before = this.buildingCost(d0);
          for (let q = tb.start; q < tb.start + tb.length; q++) {
            this.bcnt[d0 + q] += s;
            this.bsum[d0 + q] += s * bld;
          }
          c[8 /* C_BUILDING */] += w.buildingChange * (this.buildingCost(d0) - before);
        }
      }
    }
    const g = p.evGroup[e];
    if (g >= 0) {
      const md = p.groupMinDays[g];
      if (md > 0) {
        const before = this.gDays[g];
        for (let di = 0; di < days.length; di++) {
          const idx = g * p.D + days[di];
          if (s > 0) {
            if (this.gDay[idx]++ === 0) this.gDays[g]++;
          } else if (--this.gDay[idx] === 0) this.gDays[g]--;
        }
        c[5 /* C_MINDAYS */] += w.minDays * (Math.max(0, md - this.gDays[g]) - Math.max(0, md - before));
      }
      if (ri >= 0 && p.groupStab[g]) {
        const idx = g * p.nRooms + p.evRooms[e][ri];
        const before = this.gRooms[g];
        if (s > 0) {
          if (this.gRoom[idx]++ === 0) this.gRooms[g]++;
        } else if (--this.gRoom[idx] === 0) this.gRooms[g]--;
        c[7 /* C_STABILITY */] += w.roomStability * (Math.max(0, this.gRooms[g] - 1) - Math.max(0, before - 1));
      }
    }
    c[2 /* C_HARD_OTHER */] += s * hardOther;
    const er = p.evRules[e];
    for (let k = 0; k < er.length; k++) {
      const rule = p.rules[er[k]];
      const v = ruleViolations(p, rule, this.tIdx);
      const dv = v - this.ruleViol[er[k]];
      this.ruleViol[er[k]] = v;
      if (rule.hard) c[2 /* C_HARD_OTHER */] += dv;
      else c[9 /* C_RULES */] += rule.weight * dv;
    }
  }

  /**
   * Travel rule: e at time t on campus `campus` joins (s = 1) or leaves (s = -1) the day lists
   * of its resources; the violating pairs it forms with the others are added or taken off.
   */
  private updateTravel(e: number, t: number, campus: number, days: Int32Array, s: 1 | -1): void {
    if (campus < 0) return;
    const p = this.p;
    const tr = this.evTravel[e];
    let v = 0;
    for (let k = 0; k < tr.length; k++) {
      const base = tr[k] * p.D;
      for (let di = 0; di < days.length; di++) {
        const list = this.resDayEv[base + days[di]];
        if (s < 0) {
          const at = list.indexOf(e);
          list[at] = list[list.length - 1];
          list.pop();
        }
        for (let j = 0; j < list.length; j++) v += this.travelClash(t, campus, list[j]);
        if (s > 0) list.push(e);
      }
    }
    this.c[10 /* C_TRAVEL */] += s * v;
  }

  /**
   * 1 when a lecture at time t on campus `campus` and placed event x (in a common week, not
   * overlapping) leave less time between them than the travel between their campuses needs.
   * Gap = start of the later one's first period − end of the earlier one's last period,
   * as in the app's checker (core/hard-rules.ts).
   */
  travelClash(t: number, campus: number, x: number): number {
    const p = this.p;
    const cx = p.roomCampus[p.evRooms[x][this.rIdx[x]]];
    if (cx < 0 || cx === campus) return 0;
    const need = p.travelNeed[campus * p.nCampus + cx];
    if (need <= 0) return 0;
    const a = p.times[t];
    const b = p.times[p.evTimes[x][this.tIdx[x]]];
    if ((a.weeks & b.weeks) === 0) return 0;
    let gap: number;
    if (a.start + a.length <= b.start) gap = p.periodStart[b.start] - p.periodEnd[a.start + a.length - 1];
    else if (b.start + b.length <= a.start) gap = p.periodStart[a.start] - p.periodEnd[b.start + b.length - 1];
    else return 0; // overlapping: a clash, counted as such
    return gap < need ? 1 : 0;
  }

  /**
   * Placed events that event e (unplaced) at time t on campus `campus` would be too close to,
   * for the travel rule (each once, through `visit`).
   */
  travelBlockers(e: number, t: number, campus: number, visit: (x: number) => void): void {
    if (campus < 0) return;
    const p = this.p;
    const tr = this.evTravel[e];
    const days = p.timeDays[t];
    for (let k = 0; k < tr.length; k++) {
      const base = tr[k] * p.D;
      for (let di = 0; di < days.length; di++) {
        const list = this.resDayEv[base + days[di]];
        for (let j = 0; j < list.length; j++) if (list[j] !== e && this.travelClash(t, campus, list[j])) visit(list[j]);
      }
    }
  }

  /** True when e has resources under the travel rule (and the rule is on). */
  hasTravel(e: number): boolean {
    return this.evTravel[e].length > 0;
  }

  /**
   * Change in isolated lectures when the one-period cell q of a day (grid offset d0) changes
   * by s, in closed form: only q and its two neighbours can change status. Applies the change.
   */
  private isoDelta(d0: number, q: number, s: number): number {
    const grid = this.grid;
    const P = this.p.P;
    const v0 = grid[d0 + q];
    const v1 = v0 + s;
    grid[d0 + q] = v1;
    const L = q > 0 ? grid[d0 + q - 1] : 0;
    const R = q < P - 1 ? grid[d0 + q + 1] : 0;
    let d = 0;
    if (L === 0 && R === 0) d += v1 - v0; // q itself (isolated before and after: counts v)
    if (L > 0 && (q < 2 || grid[d0 + q - 2] === 0)) d += (v1 === 0 ? L : 0) - (v0 === 0 ? L : 0);
    if (R > 0 && (q > P - 3 || grid[d0 + q + 2] === 0)) d += (v1 === 0 ? R : 0) - (v0 === 0 ? R : 0);
    return d;
  }

  /** Isolated lectures in periods [lo, hi] of one day (clipped) plus the day's gaps. */
  private compactCost(d0: number, lo: number, hi: number): number {
    const P = this.p.P;
    const grid = this.grid;
    const w = this.p.weights;
    if (lo < 0) lo = 0;
    if (hi > P - 1) hi = P - 1;
    let iso = 0;
    for (let q = lo; q <= hi; q++) {
      const v = grid[d0 + q];
      if (v > 0 && (q === 0 || grid[d0 + q - 1] === 0) && (q === P - 1 || grid[d0 + q + 1] === 0)) iso += v;
    }
    let cost = w.isolated * iso;
    if (w.gap > 0) {
      let first = -1;
      let last = -1;
      let used = 0;
      for (let q = 0; q < P; q++) {
        if (grid[d0 + q] > 0) {
          if (first < 0) first = q;
          last = q;
          used++;
        }
      }
      if (first >= 0) cost += w.gap * (last - first + 1 - used);
    }
    return cost;
  }

  private buildingCost(d0: number): number {
    let n = 0;
    for (let q = 0; q + 1 < this.p.P; q++) {
      if (this.bcnt[d0 + q] === 1 && this.bcnt[d0 + q + 1] === 1 && this.bsum[d0 + q] !== this.bsum[d0 + q + 1]) n++;
    }
    return n;
  }

  /**
   * Whether placed event e carries soft cost of its own: a time or room penalty, an isolated
   * lecture, or a class short of days / spread over rooms. The search moves such events more often.
   */
  isTroubled(e: number): boolean {
    const p = this.p;
    const ti = this.tIdx[e];
    if (ti < 0) return true;
    const ri = this.rIdx[e];
    if (p.evTimePen[e][ti] > 0 || (ri >= 0 && p.evRoomPen[e][ri] > 0)) return true;
    const g = p.evGroup[e];
    if (g >= 0 && (this.gDays[g] < p.groupMinDays[g] || (p.groupStab[g] && this.gRooms[g] > 1))) return true;
    const comp = this.evCompact[e];
    if (comp.length > 0) {
      const t = p.evTimes[e][ti];
      const tb = p.times[t];
      const days = p.timeDays[t];
      for (let k = 0; k < comp.length; k++) {
        for (let di = 0; di < days.length; di++) {
          const d0 = comp[k] * p.S + days[di] * p.P;
          const before = tb.start > 0 ? this.grid[d0 + tb.start - 1] : 0;
          const after = tb.start + tb.length < p.P ? this.grid[d0 + tb.start + tb.length] : 0;
          if (before === 0 && after === 0) return true;
        }
      }
    }
    return false;
  }

  /**
   * For an event of a class short of its minimum working days: would moving it to time t
   * reach a day the class does not use yet, while leaving none of its current days empty?
   * (The one move kind that lowers the min-days cost; the search proposes it more often.)
   */
  spreadsTo(e: number, t: number): boolean {
    const p = this.p;
    const g = p.evGroup[e];
    const base = g * p.D;
    const cur = p.timeDays[p.evTimes[e][this.tIdx[e]]];
    for (let i = 0; i < cur.length; i++) if (this.gDay[base + cur[i]] < 2) return false;
    const days = p.timeDays[t];
    for (let i = 0; i < days.length; i++) if (this.gDay[base + days[i]] === 0) return true;
    return false;
  }

  /** True when e belongs to a class that uses fewer days than its minimum. */
  shortOfDays(e: number): boolean {
    const g = this.p.evGroup[e];
    return g >= 0 && this.gDays[g] < this.p.groupMinDays[g];
  }

  /** Number of bookings of occupancy owner o (resource index, or nRes + room) at time t. */
  usedAt(o: number, t: number): number {
    const cells = this.p.timeCells[t];
    const base = o * this.p.NC;
    let n = 0;
    for (let j = 0; j < cells.length; j++) n += this.occ[base + cells[j]];
    return n;
  }

  /** Copy of positions, for snapshots. */
  snapshot(): { t: Int32Array; r: Int32Array } {
    return { t: this.tIdx.slice(), r: this.rIdx.slice() };
  }

  /** Restore a snapshot (event by event, so the counters stay consistent). */
  restore(snap: { t: Int32Array; r: Int32Array }): void {
    for (let e = 0; e < this.p.nE; e++) {
      if (this.tIdx[e] !== snap.t[e] || this.rIdx[e] !== snap.r[e]) this.remove(e);
    }
    for (let e = 0; e < this.p.nE; e++) if (this.tIdx[e] < 0 && snap.t[e] >= 0) this.add(e, snap.t[e], snap.r[e]);
  }
}
