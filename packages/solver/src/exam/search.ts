import type { Rng } from '../search/rng.ts';
import { chooseRooms, Journal, pickRoom } from './moves.ts';
import type { ExamState } from './state.ts';

/** Result of one attempted move: applied (kept or not decided yet) and its deltas. */
export interface MoveOutcome {
  dh: number;
  ds: number;
}

/**
 * The neighbourhoods. Each `try*` either prices a move without applying it (one exam, one room:
 * the hot path) or applies it through the journal; `accept` decides, and rejected journal
 * moves are undone.
 */
export class Neighbourhoods {
  readonly journal: Journal;
  private readonly out = new Float64Array(2);
  private readonly mark: Int32Array;
  private stamp = 0;
  private readonly chain: number[] = [];
  /** Exams that can use the fast single-move path. */
  readonly simple: Uint8Array;
  /**
   * No rooms, teachers, groups, period constraints or day rules (Toronto): a Kempe chain's cost
   * then follows from the clash counts alone, so chains are priced before being applied.
   */
  readonly plain: boolean;
  private readonly target: Int32Array;

  readonly st: ExamState;
  readonly rng: Rng;
  /** Cumulative move probabilities: single, room change, Kempe chain; the rest swaps whole periods. */
  mix = [0.6, 0.8, 0.99];
  /** Longest Kempe chain tried (about one period's exams): longer ones cost much and are rarely accepted. */
  chainLimit: number;

  constructor(st: ExamState, rng: Rng) {
    this.st = st;
    this.rng = rng;
    this.journal = new Journal(st);
    const c = st.c;
    this.mark = new Int32Array(c.E);
    this.chainLimit = Math.max(8, Math.ceil(c.E / Math.max(1, c.P)));
    this.simple = Uint8Array.from({ length: c.E }, (_, e) =>
      c.members[c.group[e]].length === 1 && c.maxRooms[e] === 1 && !c.window ? 1 : 0,
    );
    let plain = c.R === 0 && !c.window && !c.spreadWeight && !c.hasTeachers;
    for (let e = 0; e < c.E && plain; e++) {
      plain = c.members[c.group[e]].length === 1 && !c.exclusion[e].length && !c.afterOf[e].length && !c.beforeOf[e].length;
    }
    this.plain = plain;
    this.target = new Int32Array(c.E);
  }

  /**
   * One random move, accepted by `accept(dh, ds)`. Returns 1 when the state changed.
   * Move mix: single exam to another period (+room), room change, Kempe chain, period swap.
   */
  step(accept: (dh: number, ds: number) => boolean, feasibleOnly: boolean): number {
    const st = this.st;
    const c = st.c;
    const rng = this.rng;
    const u = rng.float();
    const e = rng.int(c.E);
    const p = st.period[e];
    if (u < this.mix[0] || (u < this.mix[1] && c.R <= 1)) {
      const q = rng.int(c.P);
      if (q === p) return 0;
      if (this.simple[e]) {
        let r = -1;
        if (c.R > 0) {
          r = pickRoom(st, e, q, rng);
          if (r < 0) {
            if (feasibleOnly) return 0;
            r = rng.int(c.R);
          }
        }
        st.deltaMove(e, q, r, this.out);
        if (!accept(this.out[0], this.out[1])) return 0;
        st.remove(e);
        st.place(e, q, r >= 0 ? [r] : [], r >= 0 ? [c.size[e]] : []);
        return 1;
      }
      return this.applyOrUndo(accept, () => {
        for (const x of c.members[c.group[e]]) this.journal.remove(x);
        for (const x of c.members[c.group[e]]) this.journal.place(x, q, chooseRooms(st, x, q, rng));
      });
    }
    if (u < this.mix[1]) {
      // Room change within the period.
      const r = rng.int(c.R);
      if (!this.simple[e] && c.maxRooms[e] > 1) {
        return this.applyOrUndo(accept, () => {
          this.journal.remove(e);
          this.journal.place(e, p, chooseRooms(st, e, p, rng, r));
        });
      }
      if (r === st.rooms[e][0] || (feasibleOnly && !st.roomFits(e, p, r))) return 0;
      st.deltaMove(e, p, r, this.out);
      if (!accept(this.out[0], this.out[1])) return 0;
      st.remove(e);
      st.place(e, p, [r], [c.size[e]]);
      return 1;
    }
    const q = rng.int(c.P);
    if (q === p) return 0;
    if (u < this.mix[2]) return this.kempe(e, q, accept, false, feasibleOnly);
    return this.kempe(e, q, accept, true, feasibleOnly);
  }

  /** Exams currently in some hard violation (refreshed by `refreshViolated`). */
  private violated: number[] = [];

  /** Hard violations exam e takes part in at its period. */
  violations(e: number): number {
    const st = this.st;
    const c = st.c;
    const p = st.period[e];
    if (p < 0) return 1;
    let v = st.A[e * c.P + p] + (c.hasTeachers ? st.T[e * c.P + p] : 0) + c.periodHard[e * c.P + p] + st.constraintViolations(e, p);
    for (const r of st.rooms[e]) v += st.slotHard(p * c.R + r) + c.roomClosed[p * c.R + r];
    return v;
  }

  refreshViolated(): void {
    this.violated = [];
    for (let e = 0; e < this.st.c.E; e++) if (this.violations(e) > 0) this.violated.push(e);
  }

  /**
   * Min-conflicts repair: a violated exam (its group) goes to the period where the hard cost is
   * least (soft cost breaks ties), or a Kempe chain takes it there; `accept` decides.
   */
  repairStep(accept: (dh: number, ds: number) => boolean): number {
    const st = this.st;
    const c = st.c;
    const rng = this.rng;
    if (this.violated.length === 0) return 0;
    const e = this.violated[rng.int(this.violated.length)];
    if (st.period[e] < 0 || this.violations(e) === 0) return 0;
    const p = st.period[e];
    let bestQ = -1;
    let best = Infinity;
    const h0 = st.hard;
    const s0 = st.soft;
    const group = c.members[c.group[e]];
    for (let q = 0; q < c.P; q++) {
      if (q === p) continue;
      for (const x of group) this.journal.remove(x);
      for (const x of group) this.journal.place(x, q, chooseRooms(st, x, q, rng));
      const d = st.hard - h0 + (st.soft - s0) * 1e-4 + rng.float() * 1e-3;
      this.journal.undo();
      if (d < best) {
        best = d;
        bestQ = q;
      }
    }
    if (bestQ < 0) return 0;
    if (rng.float() < 0.3) return this.kempe(e, bestQ, accept, false);
    return this.applyOrUndo(accept, () => {
      for (const x of group) this.journal.remove(x);
      for (const x of group) this.journal.place(x, bestQ, chooseRooms(st, x, bestQ, rng));
    });
  }

  private applyOrUndo(accept: (dh: number, ds: number) => boolean, apply: () => void): number {
    const st = this.st;
    const h0 = st.hard;
    const s0 = st.soft;
    apply();
    if (accept(st.hard - h0, st.soft - s0)) {
      this.journal.clear();
      return 1;
    }
    this.journal.undo();
    return 0;
  }

  /**
   * Kempe chain between e's period p and q: e's group, then every exam in the other period that
   * clashes (shares a student or teacher, or is excluded) with one already in the chain, and its
   * group; all swap periods, keeping their room when it fits. `whole` swaps all of p and q.
   */
  kempe(e: number, q: number, accept: (dh: number, ds: number) => boolean, whole: boolean, feasible = false): number {
    const st = this.st;
    const c = st.c;
    const p = st.period[e];
    const stamp = ++this.stamp;
    const chain = this.chain;
    chain.length = 0;
    const limit = whole ? c.E : this.chainLimit;
    const add = (x: number): boolean => {
      if (chain.length >= limit) return false;
      for (const y of c.members[c.group[x]]) {
        if (this.mark[y] === stamp) continue;
        const py = st.period[y];
        if (py !== p && py !== q) return false;
        this.mark[y] = stamp;
        chain.push(y);
      }
      return true;
    };
    if (whole) {
      for (let x = 0; x < c.E; x++) if ((st.period[x] === p || st.period[x] === q) && !add(x)) return 0;
    } else if (!add(e)) return 0;
    for (let i = 0; i < chain.length && !whole; i++) {
      const x = chain[i];
      const other = st.period[x] === p ? q : p;
      for (let k = c.adjStart[x]; k < c.adjStart[x + 1]; k++) {
        const y = c.adjTo[k];
        if (st.period[y] === other && this.mark[y] !== stamp && !add(y)) return 0;
      }
      for (const y of c.exclusion[x]) if (st.period[y] === other && this.mark[y] !== stamp && !add(y)) return 0;
    }
    if (chain.length === 0) return 0;
    if (this.plain && feasible) return this.plainKempe(p, q, accept);
    const rng = this.rng;
    return this.applyOrUndo(accept, () => {
      const from = Int32Array.from(chain, (x) => st.period[x]);
      const keep = chain.map((x) => (st.rooms[x].length === 1 ? st.rooms[x][0] : -1));
      for (const x of chain) this.journal.remove(x);
      const order = chain.map((_, i) => i).sort((a, b) => c.size[chain[b]] - c.size[chain[a]]);
      for (const i of order) {
        const x = chain[i];
        const to = from[i] === p ? q : p;
        this.journal.place(x, to, chooseRooms(st, x, to, rng, keep[i]));
      }
    });
  }

  /**
   * Prices the built chain between p and q in a clash-free state and applies it only when
   * accepted. Pairs inside the chain keep their distance, so each chain exam's change is its
   * proximity to every neighbour, less that to its neighbours in the other period (all in the chain).
   */
  private plainKempe(p: number, q: number, accept: (dh: number, ds: number) => boolean): number {
    const st = this.st;
    const c = st.c;
    const P = c.P;
    const { A, W, reach, periodCost, periodHard } = { A: st.A, W: c.W, reach: c.reach, periodCost: c.periodCost, periodHard: c.periodHard };
    const chain = this.chain;
    const target = this.target;
    let dh = 0;
    let ds = 0;
    for (let i = 0; i < chain.length; i++) {
      const x = chain[i];
      const from = st.period[x];
      const to = from === p ? q : p;
      target[i] = to;
      const base = x * P;
      dh += periodHard[base + to] - periodHard[base + from];
      ds += periodCost[base + to] - periodCost[base + from];
      for (let t = Math.max(0, to - reach), hi = Math.min(P - 1, to + reach); t <= hi; t++) ds += A[base + t] * W[to * P + t];
      for (let t = Math.max(0, from - reach), hi = Math.min(P - 1, from + reach); t <= hi; t++) ds -= A[base + t] * W[from * P + t];
      ds += A[base + to] * W[from * P + to];
    }
    if (!accept(dh, ds)) return 0;
    for (const x of chain) st.remove(x);
    for (let i = 0; i < chain.length; i++) st.place(chain[i], target[i], NO_ROOMS, NO_ROOMS);
    return 1;
  }
}

/** Shared by every placement without rooms: room arrays are never mutated. */
const NO_ROOMS: number[] = [];
