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

  readonly st: ExamState;
  readonly rng: Rng;

  constructor(st: ExamState, rng: Rng) {
    this.st = st;
    this.rng = rng;
    this.journal = new Journal(st);
    const c = st.c;
    this.mark = new Int32Array(c.E);
    this.simple = Uint8Array.from({ length: c.E }, (_, e) => (c.members[c.group[e]].length === 1 && c.maxRooms[e] === 1 && !c.window ? 1 : 0));
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
    if (u < 0.5 || (u < 0.65 && c.R <= 1)) {
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
    if (u < 0.65) {
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
    if (u < 0.98) return this.kempe(e, q, accept, false);
    return this.kempe(e, q, accept, true);
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
  kempe(e: number, q: number, accept: (dh: number, ds: number) => boolean, whole: boolean): number {
    const st = this.st;
    const c = st.c;
    const p = st.period[e];
    const stamp = ++this.stamp;
    const chain = this.chain;
    chain.length = 0;
    const add = (x: number): boolean => {
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
}
