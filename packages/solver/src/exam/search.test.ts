import { describe, expect, it } from 'vitest';
import { readItcExam, readToronto } from '../../test/exam-fixtures.ts';
import { Rng } from '../search/rng.ts';
import { compileExams } from './compile.ts';
import { Neighbourhoods } from './search.ts';
import { rebuild } from './solve.ts';
import { ExamState } from './state.ts';

describe('Kempe chains priced before applying (Toronto mode)', () => {
  it('the priced change is the change the state makes, and no chain creates a clash', () => {
    const { problem, reference } = readToronto('hec-s-92');
    const c = compileExams(problem);
    const st = new ExamState(c);
    reference.forEach((x, e) => st.place(e, x!.period, [], []));
    expect(st.hard).toBe(0);
    const moves = new Neighbourhoods(st, new Rng(5));
    expect(moves.plain).toBe(true);
    moves.chainLimit = c.E;
    const rng = new Rng(9);
    let applied = 0;
    let whole = 0;
    for (let i = 0; i < 3000; i++) {
      const e = rng.int(c.E);
      const q = rng.int(c.P);
      if (q === st.period[e]) continue;
      const before = st.soft;
      let priced = NaN;
      const take = rng.float() < 0.5;
      const done = moves.kempe(e, q, (dh, ds) => ((priced = ds), expect(dh).toBe(0), take), i % 10 === 0, true);
      if (!done) {
        expect(st.soft).toBe(before);
        continue;
      }
      applied++;
      if (i % 10 === 0) whole++;
      expect(st.soft - before).toBe(priced);
      expect(st.hard).toBe(0);
    }
    expect(applied).toBeGreaterThan(500);
    expect(whole).toBeGreaterThan(50);
    // The running totals still match a timetable rebuilt from scratch.
    expect(rebuild(c, st.snapshot()).soft).toBe(st.soft);
  });

  it('problems with rooms keep the general path', () => {
    const st = new ExamState(compileExams(readItcExam(12).problem));
    expect(new Neighbourhoods(st, new Rng(1)).plain).toBe(false);
  });
});
